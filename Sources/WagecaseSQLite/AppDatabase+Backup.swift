import WagecaseCore
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
import WagecaseStore
#endif

extension AppDatabase {
    /// Copies the whole database, as it stands at one moment, to a new file at `path` while the service keeps
    /// writing (SQLite's online backup inside one read transaction), checks the copy with `integrity_check` and
    /// only then gives it its name: a backup that exists is complete and sound. Refuses to overwrite a file.
    public func backup(to path: String) throws -> BackupResult {
        if FileManager.default.fileExists(atPath: path) {
            throw BackupError(path: path, reason: "a file is already there; backups never overwrite")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let partial = directory + "/." + URL(fileURLWithPath: path).lastPathComponent + ".partial-"
            + String(UInt64.random(in: .min ... .max), radix: 16)
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(partial + suffix) } }
        do {
            // The copy holds ID numbers and wage claims: created by this program, never through a link, readable
            // by its owner and group only (as `init` makes the database itself).
            let descriptor = Glibc.open(partial, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
            guard descriptor >= 0 else { throw BackupError(path: path, reason: .verbatim(String(cString: strerror(errno)))) }
            Glibc.close(descriptor)
            let copy = try DatabaseQueue(path: partial)
            try writer.backup(to: copy)
            let (integrity, entries) = try copy.read { db in
                (try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; "),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0)
            }
            // The copy stands alone: its write-ahead log folded in, so the one file is the whole backup.
            try copy.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try copy.close()
            guard integrity == "ok" else { throw BackupError(path: path, reason: "the copy failed its check: \(integrity)") }
            try Self.publish(partial, as: path)
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return BackupResult(path: path, bytes: size, integrity: integrity, auditEntries: entries)
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(path: path, reason: .verbatim(String(describing: error)))
        }
    }
}

extension AppDatabase {
    /// Gives the finished copy its name without ever replacing a file someone else put there: a hard link where
    /// the file system has them; elsewhere (FAT and exFAT USB drives, many network shares) an exclusive empty
    /// placeholder, then the copy renamed over it.
    fileprivate static func publish(_ partial: String, as path: String) throws {
        if link(partial, path) == 0 { return }
        guard [EPERM, ENOTSUP, EOPNOTSUPP, EXDEV, EMLINK].contains(errno) else {
            throw BackupError(path: path, reason: .verbatim(String(cString: strerror(errno))))
        }
        let placeholder = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard placeholder >= 0 else { throw BackupError(path: path, reason: .verbatim(String(cString: strerror(errno)))) }
        Glibc.close(placeholder)
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw BackupError(path: path, reason: .verbatim(reason))
        }
    }
}

public struct BackupError: Refusal, CustomStringConvertible {
    public let path: String
    public let reason: Phrase
    public var code: String { "backup.failed" }
    public func message(_ language: Language) -> String {
        ("backup to \(path) failed: \(reason); nothing was written there" as Phrase).text(language)
    }
    public var description: String { message(.en) }
}
