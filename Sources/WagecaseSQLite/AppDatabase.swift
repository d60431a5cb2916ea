import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

/// The database and the use-cases that read and write it. A value always has the current schema: its
/// initializer runs the migrations. Every write method is one transaction that also writes the audit log.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The wall clock, replaceable in tests so "today" and audit times are fixed.
    let clock: @Sendable () -> Date

    public init(_ writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.writer = writer
        self.clock = clock
        // Look before migrating: migrating takes the write lock, and a reader (a cron digest) must not wait for
        // a server's write just to learn that there is nothing to do.
        if try !writer.read({ try Self.hasCompletedMigrations($0) }) {
            // A migration that rebuilds a table of a million rows sorts its indexes in a temporary file the system
            // caches, not in this process's memory (the connections keep temporary storage in memory otherwise).
            try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA temp_store = FILE") }
            defer { try? writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA temp_store = MEMORY") } }
            try Self.migrator.migrate(writer)
            // A reader opened before the migration would keep describing `SELECT *` with the old columns.
            (writer as? DatabasePool)?.releaseMemory()
        }
    }

    /// Today in Asia/Shanghai by this database's clock.
    public var today: LocalDate { LocalDate.today(now: clock()) }

    var now: String { Timestamp.shanghai(clock()) }

    /// Runs `body` in one write transaction with an audit writer for `actor`. Called inside another write (a
    /// batch such as the sample), it runs in a savepoint of that transaction, so the whole batch is atomic.
    func write<T>(actor: String, _ body: (Database, AuditWriter) throws -> T) throws -> T {
        let at = now
        return try Self.reportingBusy {
            try writer.unsafeReentrantWrite { db in
                try db.inRequestSavepoint {
                    let result = try body(db, AuditWriter(db: db, actor: actor, at: at))
                    try Self.refreshKeptDerivations(db)
                    return result
                }
            }
        }
    }

    /// Runs several use-cases as one transaction: all of them land, or none.
    public func batch<T>(_ body: () throws -> T) throws -> T {
        try Self.reportingBusy {
            try writer.unsafeReentrantWrite { db in
                var result: T?
                try db.inSavepoint {
                    result = try body()
                    try Self.refreshKeptDerivations(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// A write that waited its full busy timeout behind another process's write (a long import) becomes
    /// `DatabaseBusy`, which every surface reports as "busy, try again" rather than as a failure.
    static func reportingBusy<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw DatabaseBusy()
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }
}

extension AppDatabase {
    /// Reads from the database, so a health check fails when the file is unreadable or locked out.
    public func checkHealth() throws {
        _ = try read { db in try Int.fetchOne(db, sql: "SELECT 1 FROM sqlite_master LIMIT 1") }
    }
}

extension AppDatabase {
    /// Closes the database at shutdown: every committed write is checkpointed into the database file (the WAL is
    /// left empty), then the connections close. Later use of this value fails.
    public func close() throws {
        try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try writer.close()
    }
}
