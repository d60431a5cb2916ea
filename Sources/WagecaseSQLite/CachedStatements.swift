import GRDB
import WagecaseStore

// The use-cases run the same few statements over and over (an import or a busy server runs thousands a
// second). Preparing SQL costs more than running it, so every fixed statement goes through the connection's
// statement cache.

extension Database {
    func execute(cached sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension Row {
    static func fetchOne(_ db: Database, cached sql: String,
                         arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchAll(_ db: Database, cached sql: String,
                         arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchOne(_ db: Database, cached sql: String,
                         arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchAll(_ db: Database, cached sql: String,
                         arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension Row {
    /// The first row of a cached statement, decoded where it lies while its cursor is open. A row copied out
    /// (`fetchOne`) finds each column by lowercasing and comparing every column name in turn; the statement's own
    /// row looks a name up once in its index. For rows the busiest writes read (the employer of every clue).
    static func decodeFirst<T>(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments(),
                               _ decode: (Row) throws -> T) throws -> T? {
        let cursor = try fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        // The row reads the statement in place: the cursor (whose end resets it) must outlive the decoding, which
        // must not run the same statement again.
        return try withExtendedLifetime(cursor) {
            guard let row = try cursor.next() else { return nil }
            return try decode(row)
        }
    }
}
