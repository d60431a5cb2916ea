import Foundation
import GRDB
import PostgresNIO
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// What the engine comparisons add to the sample district before copying it across.
enum SampleDistrict {
    /// The sample district in a new file, with its joint work and guarantees changed by hand; remove `directory`.
    static func prepared() async throws -> (directory: URL, path: String, district: AppDatabase) {
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        let district = try AppDatabase.open(path: path, mode: .mustExist, clock: { DatabaseCopyTests.fixedNow })
        try addJointWork(district)
        try await changeGuaranteesByHand(path: path)
        return (directory, path, district)
    }

    /// A procuratorate and a labour bureau, a referral answered (after its five working days) and one sent on
    /// 2026-11-02 with three days to reply.
    static func addJointWork(_ district: AppDatabase) throws {
        _ = try district.addUnit(try NewMemberUnit(code: "jcy", name: "某区人民检察院", kind: .procuratorate), actor: "test")
        _ = try district.addUnit(try NewMemberUnit(code: "labor", name: "某区人社局", kind: .laborBureau), actor: "test")
        let answered = try district.addReferral(try NewReferral(
            fromUnit: "labor", toUnit: "jcy", received: try #require(LocalDate.parseISO("2026-09-30")),
            subject: "某项目拖欠工资线索", replyWithin: 5), actor: "test")
        _ = try district.replyReferral(id: answered.id, on: try #require(LocalDate.parseISO("2026-10-12")),
                                       result: "已受理", actor: "test")
        _ = try district.addReferral(try NewReferral(
            fromUnit: "jcy", toUnit: "labor", received: try #require(LocalDate.parseISO("2026-11-02")),
            subject: "建议核查保证金", replyWithin: 3), actor: "test")
    }

    /// Guarantees changed outside the program (a letter ended early, an event moved): their kept standing and
    /// their projects' kept findings marked stale until a reader derives them afresh, each engine its own way.
    static let guaranteesChangedByHand = """
        UPDATE guarantee SET ends_on = '2026-10-20' WHERE id = (SELECT MAX(id) FROM guarantee WHERE ends_on IS NOT NULL);
        UPDATE guarantee_event SET on_date = '2026-10-15' WHERE id = (SELECT MIN(id) FROM guarantee_event);
        """

    static func changeGuaranteesByHand(path: String) async throws {
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: guaranteesChangedByHand)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_finding_stale") ?? 0 > 0)
        }
        try queue.close()
    }

    /// The same statements written to the file and to the PostgreSQL database, each side in one transaction.
    static func writeBoth(_ statements: [String], path: String, database: WagecasePostgres.PostgresDatabase) async throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try await queue.write { db in for statement in statements { try db.execute(sql: statement) } }
        try await database.transaction { connection in
            for statement in statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresDatabase.logger)
            }
        }
    }
}
