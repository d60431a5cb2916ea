import GRDB
import GRDBSQLite

/// A statement stepped straight through SQLite, for the few reads of hundreds of thousands of rows (or thousands
/// of one-row asks) where GRDB's cursor and argument checks cost more than SQLite's work. The statement belongs
/// to this connection; errors come out as GRDB reports them.
extension Database {
    /// Steps `statement`: true at a row, false once done.
    func step(_ statement: SQLiteStatement) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw failure(code)
        }
    }

    /// SQLite's result `code` with the connection's message. Read it before anything else touches the connection:
    /// a later call (a bind) clears the message.
    func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
    }
}
