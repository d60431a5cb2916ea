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
    /// The pending workers' sort keys, made as they arrive.
    private var keys: [StagingKey] = []
    private var written = 0
    private var record: [UInt8] = []

    init(runLength: Int = StagedWorkers.defaultRunLength) throws {
        self.runLength = max(1, runLength)
        guard let file = tmpfile() else { throw StagingError(reason: .verbatim(String(cString: strerror(errno)))) }
        self.file = file
    }

    deinit { fclose(file) }

    var descriptor: Int32 { fileno(file) }

    /// Adds a checked worker; a full run is sorted and written.
    func add(row: Int, _ worker: NewWorker) throws {
        keys.append(StagingKey(worker.idNumber.value, row: row, index: pending.count))
        pending.append((row, worker))
        if pending.count >= runLength { try stageRun() }
    }

    /// Adds a batch of checked workers.
    func append(_ workers: [(row: Int, worker: NewWorker)]) throws {
        for (row, worker) in workers { try add(row: row, worker) }
    }

    /// Writes the pending workers as one run, sorted by ID number (as SQLite orders text: byte by byte) then row.
    private func stageRun() throws {
        // Worked on as locals: a class's stored property is checked for exclusive access at every touch.
        let rows = pending
        var order = keys
        (pending, keys) = ([], [])
        guard !rows.isEmpty else { return }
        if order.allSatisfy(\.packed) {
            order.sort()
        } else {
            order.sort { a, b in
                let (x, y) = (rows[a.index].worker.idNumber.value.utf8, rows[b.index].worker.idNumber.value.utf8)
                return x.elementsEqual(y) ? a.row < b.row : x.lexicographicallyPrecedes(y)
            }
        }
        let start = written
        var record = self.record
        record.removeAll(keepingCapacity: true)
        try rows.withUnsafeBufferPointer { rows in
            for key in order {
                Self.append(row: rows[key.index].row, rows[key.index].worker, to: &record)
                // Written some 64 KiB at a time.
                if record.count >= 64 << 10 { try write(&record) }
            }
        }
        try write(&record)
        runs.append(start..<written)
        count += rows.count
        self.record = record
        pending.reserveCapacity(runLength)
        keys.reserveCapacity(runLength)
    }

    /// One record: the row, the six lengths, the six values' bytes.
    private static func append(row: Int, _ worker: NewWorker, to record: inout [UInt8]) {
        let reason = worker.storedOverrideReason
        withUnsafeBytes(of: Int64(row)) { record.append(contentsOf: $0) }
        appendLength(worker.idNumber.value, to: &record)
        appendLength(worker.name, to: &record)
        appendLength(reason, to: &record)
        appendLength(worker.phone, to: &record)
        appendLength(worker.bankCard, to: &record)
        appendLength(worker.hometown, to: &record)
        record.append(contentsOf: worker.idNumber.value.utf8)
        record.append(contentsOf: worker.name.utf8)
        if let reason { record.append(contentsOf: reason.utf8) }
        if let phone = worker.phone { record.append(contentsOf: phone.utf8) }
        if let card = worker.bankCard { record.append(contentsOf: card.utf8) }
        if let hometown = worker.hometown { record.append(contentsOf: hometown.utf8) }
    }

    private static func appendLength(_ field: String?, to record: inout [UInt8]) {
        // A cell was checked against its column's limit (at most 10,000 characters): far below 4 GiB.
        let length = field.map { UInt32(clamping: $0.utf8.count) } ?? nullLength
        withUnsafeBytes(of: length) { record.append(contentsOf: $0) }
    }

    private func write(_ bytes: inout [UInt8]) throws {
        let size = bytes.count
        guard size > 0 else { return }
        let done = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, size, file) }
        guard done == size else { throw failure() }
        written += size
        bytes.removeAll(keepingCapacity: true)
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
