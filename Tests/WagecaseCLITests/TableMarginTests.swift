import Foundation
import Testing

/// Agencies' sheets carry a title above the table and totals, signatures and notes under it: those rows are
/// passed over and reported as skipped, not refused as invalid records.
@Suite("Rows around an agency's table")
struct TableMarginTests {
    @Test func titleTotalsSignaturesAndNotesAreSkippedNotInvalid() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["init"]).status == 0)
        let csv = cli.directory.appendingPathComponent("ledger.csv").path
        try """
            平川区农民工欠薪线索登记表
            填报单位：平川区人社局,,
            姓名,身份证号,联系电话
            张建国,620403199309288995,13909431234
            李卫东,620403199408179751,
            合计,2人,
            制表人：王某,审核人：李某,
            填报说明：本表由人社局按月报送。,,
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try cli.run(["import", "workers", csv, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rejected 0"), "\(result.stdout)")
        #expect(result.stdout.contains("skipped 3 rows that are not records"), "\(result.stdout)")
        let workers = try #require(try cli.json(["worker", "list"]) as? [[String: Any]])
        #expect(workers.compactMap { $0["name"] as? String }.sorted() == ["张建国", "李卫东"])
        let chinese = try cli.run(["import", "workers", csv])
        #expect(chinese.status == 0 && chinese.stdout.contains("跳过3行非记录内容"), "\(chinese.stdout)")
        #expect(chinese.stdout.contains("本次没有任何变化"), "\(chinese.stdout)")
    }

    @Test func aRowThatOnlyLooksLikeARecordIsStillRefused() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["init"]).status == 0)
        let csv = cli.directory.appendingPathComponent("bad.csv").path
        try "姓名,身份证号\n张建国,620403199309288995\n王五,12345\n合计,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try cli.run(["import", "workers", csv, "--lang", "en", "--json"])
        #expect(result.status == 2)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let counts = summary["summary"] as? [String: Any] ?? summary
        #expect(counts["rejected"] as? Int == 1 && counts["skipped"] as? Int == 1, "\(result.stdout)")
    }
}
