import GRDB
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// A NULL where the schema forbids one (a file changed behind the program's back) is an error naming the column,
/// never a silent 0 or "": on the fast list path (ColumnReader) and on the by-name path (Row) alike.
@Suite("A NULL the schema forbids")
struct CorruptRowTests {
    static let caseRow = """
        SELECT 1, 'C-1', 1, 1, NULL, '620403********8995', 1, '甲公司', NULL, NULL, 1200000, 0, 'accepted',
               '2024-03-05', '2024-03-05', '2026-11-26T10:00:00+08:00'
        """

    @Test func theFastCaseListRefusesANullName() throws {
        let database = try makeDatabase()
        try database.writer.read { db in
            let statement = try db.makeStatement(sql: Self.caseRow)
            #expect(throws: CorruptValue.self) { _ = try WageCase.fetchAll(statement) }
            let whole = try db.makeStatement(sql: Self.caseRow.replacingOccurrences(of: "NULL, '620403", with: "'张三', '620403"))
            #expect(try WageCase.fetchAll(whole).first?.workerName == "张三")
        }
    }

    @Test func theByNameDecodersRefuseANullTooAndNeverTrap() throws {
        let database = try makeDatabase()
        try database.writer.read { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT 1 AS id, NULL AS name, '620403199309288995' AS id_number, NULL AS id_number_override_reason,
                       NULL AS phone, NULL AS bank_card, NULL AS hometown, '2026-11-26' AS created_at
                """))
            #expect(throws: (any Error).self) { _ = try Worker(row: row) }
            let fen = try #require(try Row.fetchOne(db, sql: "SELECT NULL AS amount_fen"))
            #expect(throws: (any Error).self) { _ = try fen.fen("amount_fen") }
            #expect(try fen.optionalFen("amount_fen") == nil)
        }
    }
}
