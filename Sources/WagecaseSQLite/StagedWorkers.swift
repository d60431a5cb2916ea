import Foundation
import GRDB
import GRDBSQLite
import WagecaseCore
import WagecaseStore

/// The checked workers of an import, kept in a staging database of their own (a temporary file beside nothing,
/// on its own connection) while the file is read: no lock on the main database is held. The write then moves
/// them in with one statement, in ID-number order — the unique index grows at its end instead of at a random
/// page for every row, which is most of what writing a million workers costs — the first of equal numbers in the
/// file winning, as row by row.
final class StagedWorkers {
    let path: String
    private let queue: DatabaseQueue
    private var insert: Statement?
    private(set) var count = 0

    private let directory: String

    init() throws {
        // Full ID numbers, cards and phones: in a folder only this user may enter, in a file only it may read
        // (a staging file an interrupted import leaves behind stays private).
        var template = Array((NSTemporaryDirectory() + "/wagecase-staging-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw StagingError(reason: .verbatim(String(cString: strerror(errno))))
        }
        directory = String(cString: made)
        path = directory + "/workers.sqlite"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StagingError(reason: .verbatim(String(cString: strerror(errno)))) }
        close(descriptor)
        var configuration = Configuration()
        // One transaction spans every append (opened here, committed by `seal`).
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // Scratch data, gone at the end either way: no journal, no syncing.
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TABLE rows (row INTEGER PRIMARY KEY, name TEXT NOT NULL, id_number TEXT NOT NULL,
                                   override_reason TEXT, phone TEXT, bank_card TEXT, hometown TEXT);
                BEGIN;
                """)
        }
    }

    deinit {
        try? queue.close()
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        rmdir(directory)
    }

    /// Appends a batch of checked workers (one call per batch: the rows go in through one prepared statement).
    func append(_ workers: [(row: Int, worker: NewWorker)]) throws {
        guard !workers.isEmpty else { return }
        try queue.writeWithoutTransaction { db in
            let statement = try insert ?? db.makeStatement(sql: "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)")
            insert = statement
            // Bound straight to SQLite: a million rows through GRDB's argument boxing would take longer than
            // checking them.
            let handle = statement.sqliteStatement
            for (row, worker) in workers {
                sqlite3_reset(handle)
                sqlite3_bind_int64(handle, 1, Int64(row))
                // Column by column, not through an array of the six: one allocation less per row.
                Self.bind(handle, 2, worker.name)
                Self.bind(handle, 3, worker.idNumber.value)
                Self.bind(handle, 4, worker.storedOverrideReason)
                Self.bind(handle, 5, worker.phone)
                Self.bind(handle, 6, worker.bankCard)
                Self.bind(handle, 7, worker.hometown)
                let code = sqlite3_step(handle)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
        }
        count += workers.count
    }

    private static func bind(_ statement: SQLiteStatement, _ index: Int32, _ value: String?) {
        guard var text = value else { sqlite3_bind_null(statement, index); return }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                _ = sqlite3_bind_text(statement, index, "", 0, transient)
                return
            }
            _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), transient)
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Ends the staging transaction so the file can be attached to the main connection.
    func seal() throws {
        insert = nil
        try queue.writeWithoutTransaction { db in if db.isInsideTransaction { try db.execute(sql: "COMMIT") } }
    }

    /// How many staged workers would be new against the database at `mainPath`, read from this staging
    /// connection (the main file attached for reading only): a dry run, or a file refused for invalid rows, answers
    /// without ever taking the main database's write lock.
    func countNew(against mainPath: String) throws -> Int {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS main_db", arguments: [mainPath])
            defer { try? db.execute(sql: "DETACH DATABASE main_db") }
            return try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT id_number) FROM rows
                WHERE id_number NOT IN (SELECT id_number FROM main_db.worker)
                """) ?? 0
        }
    }

    /// Moves the staged workers into `worker` on `db` (the staging file attached as `staging`): those whose ID
    /// number is already on record are left as they are. Returns the ids of the new records, first and last.
    static func moveIn(_ db: Database, createdAt: String) throws -> (imported: Int, first: Int64?, last: Int64?) {
        let before = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM worker") ?? 0
        try db.execute(sql: """
            INSERT INTO worker (name, id_number, id_number_override_reason, phone, bank_card, hometown, created_at)
            SELECT name, id_number, override_reason, phone, bank_card, hometown, ? FROM staging.rows
            ORDER BY id_number, row
            ON CONFLICT (id_number) DO NOTHING
            """, arguments: [createdAt])
        let imported = db.changesCount
        return imported == 0 ? (0, nil, nil) : (imported, before + 1, before + Int64(imported))
    }
}
