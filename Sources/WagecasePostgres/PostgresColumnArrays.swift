import PostgresNIO
import WagecaseStore

/// A large result read as one row of arrays, one array per column (`array_agg` of each, in one aggregate): a
/// row costs this process the protocol's work for its message as well as its values' (a digest read a million
/// rows), an array's element only its value's. The aggregates of one query read its rows in one order, so the
/// arrays line up; their lengths are checked all the same.
struct PostgresColumnArrays {
    private let cells: PostgresCells?
    /// How many rows the arrays hold.
    let count: Int

    /// The one row of `sql`, whose columns are arrays of `count` elements (NULL when no row was aggregated).
    static func read(_ sql: String, _ values: [String] = [], on connection: PostgresConnection) async throws -> Self {
        let cells = try await PostgresStatistics.rows(sql, values, on: connection) { $0 }.first
        return Self(cells: cells, count: try cells.map { try $0.arrayCount(0) } ?? 0)
    }

    /// A bigint[] column.
    func integers(_ index: Int, _ column: String) throws -> [Int64] {
        try checked(try cells?.integers(index, column) ?? [], column)
    }

    /// A text[] column (no NULL element: the SQL writes a missing value as '').
    func texts(_ index: Int, _ column: String) throws -> [String] {
        try checked(try cells?.texts(index, column) ?? [], column)
    }

    private func checked<T>(_ values: [T], _ column: String) throws -> [T] {
        guard values.count == count else { throw CorruptValue(column: column, value: "\(values.count) of \(count) values") }
        return values
    }
}
