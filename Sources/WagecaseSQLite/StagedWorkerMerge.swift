import Foundation
import GRDB
import GRDBSQLite

/// The staged workers in ID-number order, then file order: each sorted run read once from its start, the
/// smallest head of all runs next (a binary heap of the runs).
struct StagedWorkerMerge {
    let staged: StagedWorkers

    /// Rows per INSERT: one statement run per row would cost more than the row's writing.
    static let rowsPerInsert = 256

    /// Calls `body` with the run holding each record in turn.
    func forEach(_ body: (StagedRun) throws -> Void) throws {
        try Self.merge(runs: staged.runs, descriptor: staged.descriptor, body)
    }

    private static func merge(runs: [Range<Int>], descriptor: Int32, _ body: (StagedRun) throws -> Void) throws {
        var heads: [StagedRun] = []
        for range in runs {
            let run = StagedRun(descriptor: descriptor, range: range)
            if try run.advance() { heads.append(run) }
        }
        // Each head's key, kept beside the heap: comparing packed keys touches no run (nor its reference count).
        var keys = heads.indices.map { key(heads[$0], index: $0) }
        var heap = Array(heads.indices)
        for position in stride(from: heap.count / 2 - 1, through: 0, by: -1) {
            siftDown(&heap, from: position, keys, heads)
        }
        while let smallest = heap.first {
            let run = heads[smallest]
            try body(run)
            if try run.advance() {
                keys[smallest] = key(run, index: smallest)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(&heap, from: 0, keys, heads) }
        }
    }

    private static func key(_ run: StagedRun, index: Int) -> StagingKey {
        StagingKey(bytes: run.field(0) ?? UnsafeRawBufferPointer(start: nil, count: 0), row: Int(run.row), index: index)
    }

    /// Inserts the records into `worker`, passing over an ID number already on record or inserted from an
    /// earlier row; returns how many were inserted. The runs are merged on a second thread (idle once the file
    /// is read) while this one writes.
    func insert(_ db: Database, createdAt: String) throws -> Int {
        // The merging thread reads through a descriptor of its own, closed when it is done.
        let descriptor = dup(staged.descriptor)
        guard descriptor >= 0 else { throw StagingError(reason: .verbatim(String(cString: strerror(errno)))) }
        let handoff = Handoff<InsertRows>(depth: 32)
        let runs = staged.runs
        let merged = BlockingWork.start {
            defer { close(descriptor) }
            do {
                var rows = InsertRows()
                try Self.merge(runs: runs, descriptor: descriptor) { run in
                    rows.add(run)
                    guard rows.count == Self.rowsPerInsert else { return }
                    guard handoff.push(rows) else { throw CancellationError() }
                    rows = InsertRows()
                }
                if rows.count > 0 { _ = handoff.push(rows) }
                handoff.finish()
            } catch {
                handoff.finish(failure: error)
            }
        }
        defer {
            handoff.cancel()
            merged.value
        }
        var statements = InsertStatements(db: db, createdAt: createdAt)
        var inserted = 0
        while let rows = try handoff.next() { inserted += try statements.insert(rows) }
        return inserted
    }

    /// How many distinct staged ID numbers `worker` on `db` does not hold: both read in order, side by side.
    func countNew(_ db: Database) throws -> Int {
        let onRecord = try db.makeStatement(sql: "SELECT id_number FROM worker ORDER BY id_number")
        let cursor = onRecord.sqliteStatement
        var recorded = try db.step(cursor) ? Array(Self.text(cursor)) : nil
        var previous: [UInt8]?
        var new = 0
        try forEach { run in
            guard let id = run.field(0) else { return }
            if let previous, previous.elementsEqual(id) { return }
            previous = Array(id)
            while let current = recorded, current.withUnsafeBytes({ Self.compare($0, id) }) < 0 {
                recorded = try db.step(cursor) ? Array(Self.text(cursor)) : nil
            }
            if recorded.map({ !$0.elementsEqual(id) }) ?? true { new += 1 }
        }
        return new
    }

    /// SQLite's text order: bytes, then the shorter first.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        if let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, min(a.count, b.count))
            if order != 0 { return Int(order) }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    private static func text(_ cursor: SQLiteStatement) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: sqlite3_column_text(cursor, 0), count: Int(sqlite3_column_bytes(cursor, 0)))
    }

    /// Whether head `a` comes before head `b`: ID number in SQLite's text order, then row.
    private static func precedes(_ a: Int, _ b: Int, _ keys: [StagingKey], _ heads: [StagedRun]) -> Bool {
        let (x, y) = (keys[a], keys[b])
        if x.packed && y.packed { return x < y }
        let order = compare(heads[a].field(0) ?? UnsafeRawBufferPointer(start: nil, count: 0),
                            heads[b].field(0) ?? UnsafeRawBufferPointer(start: nil, count: 0))
        return order != 0 ? order < 0 : x.row < y.row
    }

    private static func siftDown(_ heap: inout [Int], from start: Int, _ keys: [StagingKey], _ heads: [StagedRun]) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var child = left
            if left + 1 < heap.count && precedes(heap[left + 1], heap[left], keys, heads) { child = left + 1 }
            guard precedes(heap[child], heap[parent], keys, heads) else { return }
            heap.swapAt(parent, child)
            parent = child
        }
    }
}

/// Up to `StagedWorkerMerge.rowsPerInsert` workers' values, copied out of their runs (which move on) for one
/// INSERT: name, id_number, override reason, phone, bank card, hometown of each, a range of `bytes` or nil.
struct InsertRows: Sendable {
    fileprivate var bytes: [UInt8] = []
    fileprivate var values: [Range<Int>?] = []
    var count: Int { values.count / 6 }

    init() {
        bytes.reserveCapacity(StagedWorkerMerge.rowsPerInsert * 96)
        values.reserveCapacity(StagedWorkerMerge.rowsPerInsert * 6)
    }

    mutating func add(_ run: StagedRun) {
        for field in [1, 0, 2, 3, 4, 5] {
            guard let value = run.field(field) else {
                values.append(nil)
                continue
            }
            let start = bytes.count
            bytes.append(contentsOf: value)
            values.append(start..<bytes.count)
        }
    }
}

/// The INSERT of a batch of rows, one statement per batch length (all but the last batch are full).
struct InsertStatements {
    let db: Database
    let createdAt: String
    private var statements: [Int: Statement] = [:]

    init(db: Database, createdAt: String) {
        (self.db, self.createdAt) = (db, createdAt)
    }

    /// Inserts the rows; returns how many were new.
    mutating func insert(_ rows: InsertRows) throws -> Int {
        guard rows.count > 0 else { return 0 }
        let statement = try statements[rows.count] ?? Self.statement(db, rows: rows.count, createdAt: createdAt)
        statements[rows.count] = statement
        let handle = statement.sqliteStatement
        // Bound in place (SQLITE_STATIC): the rows' bytes outlive the statement's run, and are copied once, into
        // the record, instead of into each parameter first.
        let (failure, changes) = rows.bytes.withUnsafeBufferPointer { buffer -> (DatabaseError?, Int64) in
            for (offset, value) in rows.values.enumerated() {
                let parameter = Int32(offset + 2)
                if let value {
                    let text = UnsafeBufferPointer(rebasing: buffer[value])
                    if let base = text.baseAddress, text.count > 0 {
                        sqlite3_bind_text(handle, parameter, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                          Int32(text.count), nil)
                    } else {
                        sqlite3_bind_text(handle, parameter, "", 0, Self.transient)
                    }
                } else {
                    sqlite3_bind_null(handle, parameter)
                }
            }
            let code = sqlite3_step(handle)
            let changes = sqlite3_changes64(db.sqliteConnection)
            // Read before the binds below, which clear the connection's message.
            let failure = code == SQLITE_DONE ? nil : db.failure(code)
            // Reset, and let go of the bound bytes, before they go.
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            sqlite3_bind_text(handle, 1, createdAt, -1, Self.transient)
            return (failure, changes)
        }
        if let failure { throw failure }
        return Int(changes)
    }

    private static func statement(_ db: Database, rows: Int, createdAt: String) throws -> Statement {
        let tuples = (0..<rows).map { row in
            "(" + (0..<6).map { "?\(row * 6 + $0 + 2)" }.joined(separator: ", ") + ", ?1)"
        }
        let statement = try db.makeStatement(sql: """
            INSERT INTO worker (name, id_number, id_number_override_reason, phone, bank_card, hometown, created_at)
            VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (id_number) DO NOTHING
            """)
        sqlite3_bind_text(statement.sqliteStatement, 1, createdAt, -1, transient)
        return statement
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
