import PostgresNIO
import WagecaseStore

/// A server-side cursor in the caller's transaction, read a batch at a time: a list too long to hold (every alert
/// of a province) is merged and written out as it is read, and several may be open at once on one connection,
/// which a streamed result cannot.
final class PostgresCursor<Element> {
    private let connection: PostgresConnection
    private let name: String
    private let decode: (PostgresCells) throws -> Element
    private var batch: [Element] = []
    private var position = 0
    private var ended = false
    static var batchSize: Int { 2_000 }

    /// Declares the cursor `name` (unique in the transaction) over `sql`, its values bound as text.
    init(_ connection: PostgresConnection, name: String, sql: String, values: [String],
         decode: @escaping (PostgresCells) throws -> Element) async throws {
        (self.connection, self.name, self.decode) = (connection, name, decode)
        _ = try await PostgresStatistics.rows("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", values, on: connection) { _ in () }
    }

    func next() async throws -> Element? {
        if position == batch.count {
            guard !ended else { return nil }
            batch = try await PostgresStatistics.rows("FETCH \(Self.batchSize) FROM \(name)", on: connection, decode)
            position = 0
            ended = batch.count < Self.batchSize
            guard !batch.isEmpty else { return nil }
        }
        defer { position += 1 }
        return batch[position]
    }
}
