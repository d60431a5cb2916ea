import PostgresNIO
import WagecaseCore
import WagecaseStore

/// One row read by column position, each value decoded as the SQLite store's ColumnReader decodes it: a value that
/// does not read as its column should is a CorruptValue naming the column. Dates are selected as `col::text`.
struct PostgresCells {
    // The cells in one walk of the row (a random-access row hashes every column's name, for every row).
    private let row: [PostgresCell]
    init(_ row: PostgresRow) { self.row = Array(row) }

    func optionalInteger(_ index: Int) throws -> Int64? { try row[index].decode(Int64?.self) }
    func integer(_ index: Int, _ column: String) throws -> Int64 {
        guard let value = try optionalInteger(index) else { throw CorruptValue(column: column, value: "NULL") }
        return value
    }
    func optionalText(_ index: Int) throws -> String? { try row[index].decode(String?.self) }
    func text(_ index: Int, _ column: String) throws -> String {
        guard let value = try optionalText(index) else { throw CorruptValue(column: column, value: "NULL") }
        return value
    }
    /// A bigint[] column (an empty array for NULL).
    func integers(_ index: Int, _ column: String) throws -> [Int64] {
        try PostgresBinaryArray.integers(row[index], column)
    }
    /// How many elements the array in a column holds (none for NULL).
    func arrayCount(_ index: Int) throws -> Int { try PostgresBinaryArray.count(row[index], "column \(index + 1)") }
    /// A text[] column of no NULL element (an empty array for NULL).
    func texts(_ index: Int, _ column: String) throws -> [String] { try PostgresBinaryArray.texts(row[index], column) }
    func optionalBool(_ index: Int) throws -> Bool? { try row[index].decode(Bool?.self) }
    func optionalDate(_ index: Int, _ column: String) throws -> LocalDate? {
        try optionalText(index).map { try PostgresStatistics.date($0, column) }
    }
    func date(_ index: Int, _ column: String) throws -> LocalDate { try PostgresStatistics.date(text(index, column), column) }
    func vocabulary<V: RawRepresentable<String>>(_ index: Int, _ column: String) throws -> V {
        try PostgresStatistics.vocabulary(text(index, column), column)
    }
}

extension PostgresStatistics {
    /// Every row of `sql` (values bound as text, cast in the SQL where they are not), decoded by `decode`.
    static func rows<T>(_ sql: String, _ values: [String] = [], on connection: PostgresConnection,
                        _ decode: (PostgresCells) throws -> T) async throws -> [T] {
        var result: [T] = []
        for try await row in try await query(sql, values, on: connection) { result.append(try decode(PostgresCells(row))) }
        return result
    }

    /// A list of ids as one bound value: `= ANY($n::bigint[])`.
    static func idArray(_ ids: some Sequence<Int64>) -> String {
        "{" + ids.map(String.init).joined(separator: ",") + "}"
    }
}
