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
/// Each record is a `StagedWorkerRecord`'s bytes.
final class StagedWorkers {
    /// Rows sorted at a time: a run pending takes about 190 bytes a row (the record, its start, its key), and the
    /// write merges count / runLength runs.
    static let defaultRunLength = 16_384
    let runLength: Int
    static let nullLength = UInt32.max

    private let file: UnsafeMutablePointer<FILE>
    private(set) var count = 0
    /// Each run's byte range in the file.
    private(set) var runs: [Range<Int>] = []
    /// Checked workers not yet staged (at most one run's worth), as their records back to back: sorting moves
    /// bytes, not a dozen counted strings a row.
    private var pending: [UInt8] = []
    /// Where each pending record starts in `pending`, by arrival.
    private var starts: [Int] = []
    /// The pending records' sort keys, made as they arrive (`index` is the place in `starts`).
    private var keys: [StagingKey] = []
    private var written = 0
    private var output: [UInt8] = []
    /// A record's fixed part: the row, then six lengths.
    static let header = 8 + 6 * 4

    init(runLength: Int = StagedWorkers.defaultRunLength) throws {
        self.runLength = max(1, runLength)
        guard let file = tmpfile() else { throw StagingError(reason: .verbatim(String(cString: strerror(errno)))) }
        self.file = file
    }

    deinit { fclose(file) }

    var descriptor: Int32 { fileno(file) }

    /// Adds a checked worker; a full run is sorted and written.
    func add(row: Int, _ worker: NewWorker) throws {
        try add(StagedWorkerRecord(row: row, worker))
    }

    /// Adds a checked worker made into its record; a full run is sorted and written.
    func add(_ record: StagedWorkerRecord) throws {
        keys.append(record.bytes.withUnsafeBytes { bytes in
            StagingKey(bytes: Self.idNumber(bytes, 0..<bytes.count), row: record.row, index: starts.count)
        })
        starts.append(pending.count)
        pending.append(contentsOf: record.bytes)
        if starts.count >= runLength { try stageRun() }
    }

    /// Adds a batch of checked workers.
    func append(_ workers: [(row: Int, worker: NewWorker)]) throws {
        for (row, worker) in workers { try add(row: row, worker) }
    }

    /// Writes the pending workers as one run, sorted by ID number (as SQLite orders text: byte by byte) then row.
    private func stageRun() throws {
        // Worked on as locals (a class's stored property is checked for exclusive access at every touch), taken
        // out and put back so their buffers stay unique and are reused.
        var (records, starts, order, output) = ([UInt8](), [Int](), [StagingKey](), [UInt8]())
        swap(&records, &pending)
        swap(&starts, &self.starts)
        swap(&order, &keys)
        swap(&output, &self.output)
        defer {
            records.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            output.removeAll(keepingCapacity: true)
            swap(&records, &pending)
            swap(&starts, &self.starts)
            swap(&order, &keys)
            swap(&output, &self.output)
        }
        guard !starts.isEmpty else { return }
        let start = written
        try records.withUnsafeBytes { records in
            func range(_ index: Int) -> Range<Int> {
                starts[index]..<(index + 1 < starts.count ? starts[index + 1] : records.count)
            }
            if order.allSatisfy(\.packed) {
                order.sort()
            } else {
                // Never for a resident ID number (18 ASCII characters): kept so that the order stays SQLite's
                // whatever text is staged.
                order.sort { a, b in
                    let (x, y) = (Self.idNumber(records, range(a.index)), Self.idNumber(records, range(b.index)))
                    let compared = StagedWorkerMerge.compare(x, y)
                    return compared == 0 ? a.row < b.row : compared < 0
                }
            }
            for key in order {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: records[range(key.index)]))
                // Written some 64 KiB at a time.
                if output.count >= 64 << 10 { try write(&output) }
            }
        }
        try write(&output)
        runs.append(start..<written)
        count += starts.count
    }

    /// A record's ID number: its first value.
    static func idNumber(_ records: UnsafeRawBufferPointer, _ record: Range<Int>) -> UnsafeRawBufferPointer {
        let length = Int(records.loadUnaligned(fromByteOffset: record.lowerBound + 8, as: UInt32.self))
        let first = record.lowerBound + header
        return UnsafeRawBufferPointer(rebasing: records[first..<min(first + length, record.upperBound)])
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
        (pending, starts, keys, output) = ([], [], [], [])
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

/// A checked worker as `StagedWorkers` keeps it: the row (Int64), six UInt32 byte lengths (`nullLength` for none) of
/// the ID number, name, override reason, phone, bank card and hometown, then their UTF-8 bytes.
struct StagedWorkerRecord: Sendable {
    let bytes: [UInt8]

    /// The row in the file: the record's first value.
    var row: Int { Int(bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }) }

    init(row: Int, _ worker: NewWorker) {
        let reason = worker.storedOverrideReason
        var bytes: [UInt8] = []
        bytes.reserveCapacity(StagedWorkers.header + worker.idNumber.value.utf8.count + worker.name.utf8.count
                              + (reason?.utf8.count ?? 0) + (worker.phone?.utf8.count ?? 0)
                              + (worker.bankCard?.utf8.count ?? 0) + (worker.hometown?.utf8.count ?? 0))
        withUnsafeBytes(of: Int64(row)) { bytes.append(contentsOf: $0) }
        Self.appendLength(worker.idNumber.value, to: &bytes)
        Self.appendLength(worker.name, to: &bytes)
        Self.appendLength(reason, to: &bytes)
        Self.appendLength(worker.phone, to: &bytes)
        Self.appendLength(worker.bankCard, to: &bytes)
        Self.appendLength(worker.hometown, to: &bytes)
        bytes.append(contentsOf: worker.idNumber.value.utf8)
        bytes.append(contentsOf: worker.name.utf8)
        if let reason { bytes.append(contentsOf: reason.utf8) }
        if let phone = worker.phone { bytes.append(contentsOf: phone.utf8) }
        if let card = worker.bankCard { bytes.append(contentsOf: card.utf8) }
        if let hometown = worker.hometown { bytes.append(contentsOf: hometown.utf8) }
        self.bytes = bytes
    }

    private static func appendLength(_ field: String?, to record: inout [UInt8]) {
        // A cell was checked against its column's limit (at most 10,000 characters): far below 4 GiB.
        let length = field.map { UInt32(clamping: $0.utf8.count) } ?? StagedWorkers.nullLength
        withUnsafeBytes(of: length) { record.append(contentsOf: $0) }
    }
}
