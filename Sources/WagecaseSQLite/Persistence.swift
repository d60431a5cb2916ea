import WagecaseCore
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
import WagecaseStore
#endif

/// Opening the database file (a DatabasePool in WAL mode) or an in-memory one for tests.
extension AppDatabase {
    public enum OpenMode: Sendable {
        /// Create the file when it does not exist (init, sample).
        case createIfMissing
        /// Refuse a missing file so a mistyped --db does not silently start an empty database.
        case mustExist
        /// An existing file, for reading only (reports, cron): never takes the write lock, so it neither waits for
        /// nor delays a server's write. Refuses a database whose schema is older than this program.
        case readOnly
    }

    public struct OutdatedDatabase: Refusal, CustomStringConvertible {
        public let path: String
        public var code: String { "store.outdated" }
        public func message(_ language: Language) -> String {
            ("the database at \(path) needs an upgrade, which any writing command (such as `wagecase init`) does once" as Phrase).text(language)
        }
        public var description: String { message(.en) }
    }

    public struct MissingDatabase: Refusal, CustomStringConvertible {
        public let path: String
        public var code: String { "store.missing" }
        public func message(_ language: Language) -> String {
            ("no database at \(path)" as Phrase).text(language)
        }
        public var description: String { message(.en) }
    }

    /// The database was written by a newer version of wagecase (it has migrations this one does not know):
    /// writing to it could break what the newer version relies on.
    public struct NewerDatabase: Refusal, CustomStringConvertible {
        public let path: String
        public let unknown: [String]
        public var code: String { "store.newer" }
        public func message(_ language: Language) -> String {
            ("the database at \(path) was written by a newer version of wagecase (schema \(unknown.joined(separator: ", "))); this version will not change it — use that version or newer (reading commands such as stats still work)" as Phrase).text(language)
        }
        public var description: String { message(.en) }
    }

    /// The file is not a wagecase database (not SQLite at all, damaged, or not a regular file).
    public struct NotADatabase: Refusal, CustomStringConvertible {
        public let path: String
        public let reason: Phrase
        public var code: String { "store.unusable" }
        public func message(_ language: Language) -> String {
            ("\(path) is not a usable wagecase database: \(reason); check which file is meant, or restore it from a backup" as Phrase).text(language)
        }
        public var description: String { message(.en) }
    }

    /// `mapsFile: false` reads the file through SQLite's small page cache instead of mapping it: a command that reads
    /// much of a large file once and streams what it finds (`alerts`) then holds only its own work in memory, and
    /// one that touches scattered pages once (`digest`) spares the faults and the unmapping.
    public static func open(path: String, mode: OpenMode = .mustExist, busyTimeout: Double = DatabaseBusy.busyTimeout,
                            mapsFile: Bool = true,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        var isDirectory: ObjCBool = false
        let existed = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if existed {
            if isDirectory.boolValue { throw NotADatabase(path: path, reason: "it is a directory") }
        } else if mode != .createIfMissing {
            throw MissingDatabase(path: path)
        } else {
            // A new database holds ID numbers and wage claims: its owner and group may read it, no one else
            // (SQLite gives its -wal and -shm files the same mode).
            let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
            if descriptor >= 0 { Glibc.close(descriptor) }
        }
        do {
            if mode == .readOnly {
                let queue = try DatabaseQueue(path: readablePath(path), configuration: configuration(
                    readOnly: true, busyTimeout: busyTimeout, mapsFile: mapsFile))
                guard try queue.read({ try hasCompletedMigrations($0) }) else {
                    throw OutdatedDatabase(path: path)
                }
                return try AppDatabase(queue, clock: clock)
            }
            let pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout, mapsFile: mapsFile))
            let unknown = try pool.read { db in try appliedMigrationNames(db).subtracting(migrationNames) }
            if !unknown.isEmpty { throw NewerDatabase(path: path, unknown: unknown.sorted()) }
            return try AppDatabase(pool, clock: clock)
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: throw NotADatabase(path: path, reason: "it is not an SQLite database file")
            case .SQLITE_CORRUPT: throw NotADatabase(path: path, reason: "the file is damaged")
            case .SQLITE_CANTOPEN: throw NotADatabase(path: path, reason: "it cannot be opened (permissions?)")
            case .SQLITE_READONLY:
                throw NotADatabase(path: path, reason: "it is read-only here; reading commands (stats, digest, alerts) still work, changes need write access to the file and its folder")
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw DatabaseBusy()
            default: throw error
            }
        }
    }

    /// An empty in-memory database with the current schema.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()), clock: clock)
    }

    /// The path a reader opens. A file this process may write is opened as it is. One it may not write (a reader
    /// in the service's group, a copy handed over read-only) is opened read-only through SQLite's URI: while the
    /// service runs, its write-ahead log and shared-memory files exist and are read like any writer's, so the
    /// newest commits are seen. Only when there is no write-ahead log at all (nothing uncheckpointed) may the file
    /// be opened as immutable, the one way to read a WAL database whose folder the reader may not write.
    private static func readablePath(_ path: String) -> String {
        guard access(path, W_OK) != 0 else { return path }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue
        return walSize == nil || walSize == 0 ? uri + "?immutable=1" : uri + "?mode=ro"
    }

    static func configuration(readOnly: Bool = false, busyTimeout: Double = DatabaseBusy.busyTimeout,
                              mapsFile: Bool = true) -> Configuration {
        SQLiteProcessSettings.applied
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        // Wait for another process's write (the server, an import) instead of failing at once.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL makes NORMAL durable against application crashes; only an OS crash can lose the last commit.
            // A reader sets nothing that concerns writing (and a read-only file would refuse it).
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            // A long-lived process's repeated reads (the server's pages) map the file instead of copying each page
            // in with pread.
            if mapsFile { try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
            // A write that fires the figure triggers keeps a statement journal; in a temporary file that costs
            // system calls and page faults on every statement (a case opened took twice as long), in memory a copy.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return configuration
    }
}
