import Foundation
import GRDB
import GRDBSQLite
import WagecaseCore
import WagecaseStore
#if canImport(Glibc)
import Glibc
#endif

/// The checked workers of an import, kept in an anonymous temporary file (private to this process, gone when
/// closed, even after a crash) while the file is read: no lock on the main database is held. They are kept in runs
/// of `runLength` rows, each sorted by ID number then row on the thread that waits for the reading anyway; the
/// write merges the runs (`StagedWorkerMerge`) and inserts in ID-number order — the unique index grows at its
/// end instead of at a random page for every row, and nothing is sorted while the write lock is held. The first
/// of equal numbers in the file wins, as row by row.
///
/// Each record: the row (Int64), then six UInt32 byte lengths (`nullLength` for none) of the ID number, name,
/// override reason, phone, bank card and hometown, then their UTF-8 bytes.
final class StagedWorkers {
    /// Rows sorted at a time: a run pending takes about 150 bytes a row, and the write merges count / runLength runs.
    static let defaultRunLength = 16_384
    let runLength: Int
    static let nullLength = UInt32.max

    private let file: UnsafeMutablePointer<FILE>
    private(set) var count = 0
    /// Each run's byte range in the file.
    private(set) var runs: [Range<Int>] = []
    /// Checked workers not yet staged: at most one run's worth.
    private var pending: [(row: Int, worker: NewWorker)] = []
    private var written = 0
    private var record: [UInt8] = []

    init(runLength: Int = StagedWorkers.defaultRunLength) throws {
        self.runLength = max(1, runLength)
        guard let file = tmpfile() else { throw StagingError(reason: .verbatim(String(cString: strerror(errno)))) }
        self.file = file
    }

    deinit { fclose(file) }

    var descriptor: Int32 { fileno(file) }

    /// Adds a batch of checked workers; a full run is sorted and written.
    func append(_ workers: [(row: Int, worker: NewWorker)]) throws {
        pending.append(contentsOf: workers)
        if pending.count >= runLength { try stageRun() }
    }

    /// Writes the pending workers as one run, sorted by ID number (as SQLite orders text: byte by byte) then row.
    private func stageRun() throws {
        guard !pending.isEmpty else { return }
        var order = pending.indices.map { StagingKey(pending[$0].worker.idNumber.value, row: pending[$0].row, index: $0) }
        if order.allSatisfy(\.packed) {
            order.sort()
        } else {
            order.sort { a, b in
                let (x, y) = (pending[a.index].worker.idNumber.value.utf8, pending[b.index].worker.idNumber.value.utf8)
                return x.elementsEqual(y) ? a.row < b.row : x.lexicographicallyPrecedes(y)
            }
        }
        let start = written
        for key in order {
            let (row, worker) = pending[key.index]
            try write(row: row, [worker.idNumber.value, worker.name, worker.storedOverrideReason, worker.phone,
                                 worker.bankCard, worker.hometown])
        }
        runs.append(start..<written)
        count += order.count
        pending.removeAll(keepingCapacity: true)
    }

    private func write(row: Int, _ fields: [String?]) throws {
        record.removeAll(keepingCapacity: true)
        withUnsafeBytes(of: Int64(row)) { record.append(contentsOf: $0) }
        for field in fields {
            // A cell was checked against its column's limit (at most 10,000 characters): far below 4 GiB.
            let length = field.map { UInt32(clamping: $0.utf8.count) } ?? Self.nullLength
            withUnsafeBytes(of: length) { record.append(contentsOf: $0) }
        }
        for field in fields { if let field { record.append(contentsOf: field.utf8) } }
        let size = record.count
        let done = record.withUnsafeBytes { fwrite($0.baseAddress, 1, size, file) }
        guard done == size else { throw failure() }
        written += size
    }

    /// Writes what is pending and flushes the file for reading back.
    func seal() throws {
        try stageRun()
        pending = []
        guard fflush(file) == 0 else { throw failure() }
    }

    private func failure() -> StagingError {
        StagingError(reason: .verbatim(String(cString: strerror(errno))))
    }

    /// How many staged workers would be new on `db` (a read): a dry run, or a file refused for invalid rows,
    /// answers without ever taking the write lock.
    func countNew(_ db: Database) throws -> Int {
        try StagedWorkerMerge(staged: self).countNew(db)
    }

    /// Inserts the staged workers into `worker` on `db`: those whose ID number is already on record, or came
    /// earlier in the file, are left as they are. Returns the ids of the new records, first and last.
    func moveIn(_ db: Database, createdAt: String) throws -> (imported: Int, first: Int64?, last: Int64?) {
        let before = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM worker") ?? 0
        let imported = try StagedWorkerMerge(staged: self).insert(db, createdAt: createdAt)
        return imported == 0 ? (0, nil, nil) : (imported, before + 1, before + Int64(imported))
    }
}
