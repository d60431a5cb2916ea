import GRDB
import GRDBSQLite
import WagecaseCore
import WagecaseStore

/// Reads the current row of a statement straight from SQLite's columns, by position. For the big reads (lists,
/// the monitor's snapshot), where Row's by-name subscripts cost more than the query itself.
struct ColumnReader {
    let sqlite: SQLiteStatement

    init(_ statement: Statement) { sqlite = statement.sqliteStatement }

    func text(_ index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(sqlite, index) else { return nil }
        return String(cString: pointer)
    }

    func integer(_ index: Int32) -> Int64? {
        sqlite3_column_type(sqlite, index) == SQLITE_NULL ? nil : sqlite3_column_int64(sqlite, index)
    }

    /// A column the schema declares NOT NULL: a NULL there means the file was changed behind the program's back,
    /// and is an error — never read as 0 or "".
    func integer(_ index: Int32, _ column: String) throws -> Int64 {
        guard let value = integer(index) else { throw CorruptValue(column: column, value: "NULL") }
        return value
    }

    func text(_ index: Int32, _ column: String) throws -> String {
        guard let value = text(index) else { throw CorruptValue(column: column, value: "NULL") }
        return value
    }

    func optionalDate(_ index: Int32, _ column: String) throws -> LocalDate? {
        guard let value = text(index) else { return nil }
        guard let date = LocalDate.parseISO(value) else { throw CorruptValue(column: column, value: value) }
        return date
    }

    /// A stored YYYY-MM-DD read straight from the column's bytes, with no String made on the way: the hot path of
    /// a model run over millions of rows. Anything else is corrupt.
    func isoDate(_ index: Int32, _ column: String) throws -> LocalDate? {
        guard let pointer = sqlite3_column_text(sqlite, index) else { return nil }
        let length = sqlite3_column_bytes(sqlite, index)
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for offset in from..<(from + count) {
                let byte = pointer[offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard length == 10, pointer[4] == 0x2D, pointer[7] == 0x2D, let year = digits(0, 4), let month = digits(5, 2),
              let day = digits(8, 2), let date = LocalDate(year: year, month: month, day: day) else {
            throw CorruptValue(column: column, value: String(cString: pointer))
        }
        return date
    }

    func date(_ index: Int32, _ column: String) throws -> LocalDate {
        guard let date = try optionalDate(index, column) else { throw CorruptValue(column: column, value: "NULL") }
        return date
    }

    func vocabulary<V: RawRepresentable<String>>(_ index: Int32, _ column: String, as type: V.Type = V.self) throws -> V {
        let value = try text(index, column)
        guard let result = V(rawValue: value) else { throw CorruptValue(column: column, value: value) }
        return result
    }

    /// A vocabulary column matched on its bytes against each value's, with no String made (a list of a hundred
    /// thousand rows reads a code at each). Anything else is corrupt.
    func vocabulary<V>(_ index: Int32, _ column: String, among values: VocabularyBytes<V>) throws -> V {
        guard let pointer = sqlite3_column_text(sqlite, index) else { throw CorruptValue(column: column, value: "NULL") }
        let length = Int(sqlite3_column_bytes(sqlite, index))
        let text = UnsafeBufferPointer(start: pointer, count: length)
        for (bytes, value) in values.entries where bytes.count == length && bytes.elementsEqual(text) { return value }
        throw CorruptValue(column: column, value: String(cString: pointer))
    }

    /// Every row of `statement` (with the arguments already set on it), each read by `decode`.
    static func fetchAll<T>(_ statement: Statement, _ decode: (ColumnReader) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(statement)
        let reader = ColumnReader(statement)
        var values: [T] = []
        while try cursor.next() != nil { values.append(try decode(reader)) }
        return values
    }
}

/// The values of a vocabulary with their bytes, for `ColumnReader.vocabulary(_:_:among:)`.
struct VocabularyBytes<V: RawRepresentable<String> & CaseIterable>: Sendable where V: Sendable {
    let entries: [(bytes: [UInt8], value: V)]

    init() { entries = V.allCases.map { (Array($0.rawValue.utf8), $0) } }
}
