import Foundation
import Testing
import WagecaseCore

/// `wagecase dataset` and `wagecase model` as a data team uses them: partners' files in, models run, leads
/// reviewed into clues.
@Suite("Data matching on the command line", .serialized)
struct DataMatchingCLITests {
    static func id(_ n: Int) -> String {
        let first17 = "62040319850101" + String(format: "%03d", n)
        return first17 + String(ResidentID.checkCharacter(forFirst17: first17) ?? "0")
    }

    static func code(_ n: Int) -> String {
        let first17 = "91620403MA73" + String(format: "%05d", n)
        return first17 + String(CreditCode.checkCharacter(forFirst17: first17) ?? "0")
    }

    static var awards: String {
        """
        仲裁文书号,申请人姓名,申请人身份证号,被申请人,被申请人统一社会信用代码,项目名称,裁决金额,生效日期,履行状态,已履行金额
        平劳人仲〔2026〕1号,张三,\(id(1)),平川建设有限公司,\(code(1)),滨河花园二期,3.8万,2026年9月1日,未履行,0
        平劳人仲〔2026〕2号,李四,\(id(2)),平川建设有限公司,\(code(1)),滨河花园二期,"12,000.00",2026/9/5,部分履行,2000
        平劳人仲〔2026〕3号,王五,\(id(3)),平川建设有限公司,\(code(1)),滨河花园二期,9000,2026-11-20,未履行,0

        """
    }

    private func prepared() throws -> (CLI, String) {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        let path = cli.directory.appendingPathComponent("仲裁裁决.csv").path
        try Data(Self.awards.utf8).write(to: URL(fileURLWithPath: path))
        return (cli, path)
    }

    @Test func aFileLoadsOnceAndTheRunPrintsItsLeadsAsJSON() throws {
        let (cli, path) = try prepared()
        defer { cli.cleanUp() }
        let loaded = try cli.run(["dataset", "import", "arbitration-awards", path, "--unit", "区劳动人事争议仲裁院"])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("读取3行，导入3行"))
        let again = try cli.run(["dataset", "import", "arbitration-awards", path])
        #expect(again.status == 0 && again.stdout.contains("此前已作为第1号数据集导入"))
        let list = try cli.run(["dataset", "list", "--json"])
        let datasets = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(datasets.count == 1 && datasets.first?["unit"] as? String == "区劳动人事争议仲裁院")

        let run = try cli.run(["model", "run", "--on", "2026-11-27", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let hits = result["hits"] as? [[String: Any]] ?? []
        let hit = try #require(hits.first { $0["model"] as? String == "award-unpaid" })
        for key in ["model", "employer_credit_code", "project", "workers", "evidence", "score", "existing_clue"] {
            #expect(hit.keys.contains(key), "\(key)")
        }
        #expect(hit["employer_credit_code"] as? String == Self.code(1) && hit["project"] as? String == "滨河花园二期")
        #expect(hit["existing_clue"] is NSNull)
        let workers = hit["workers"] as? [[String: Any]] ?? []
        #expect(workers.map { $0["id_number"] as? String } == [ResidentID.mask(Self.id(1)), ResidentID.mask(Self.id(2))])
        #expect(workers.map { $0["claimed_fen"] as? Int } == [3_800_000, 1_000_000])
        #expect((hit["evidence"] as? [Any])?.count == 2)

        let rerun = try cli.run(["model", "run", "--on", "2026-11-27", "--json"])
        let second = try JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(second["new"] as? Int == 0 && (second["hits"] as? [Any])?.count == hits.count)
    }

    @Test func aLeadBecomesAClueAndTheFiguresSaySo() throws {
        let (cli, path) = try prepared()
        defer { cli.cleanUp() }
        _ = try cli.run(["dataset", "import", "arbitration-awards", path])
        _ = try cli.run(["model", "run", "--model", "award-unpaid", "--on", "2026-11-27"])
        let accepted = try cli.run(["model", "accept", "1"])
        #expect(accepted.status == 0 && accepted.stdout.contains("研判线索第1号已转为线索第1号"), "\(accepted.stderr)")
        let clue = try cli.run(["clue", "show", "1", "--json"])
        #expect(clue.stdout.contains("\"data-matching\""))
        let hits = try cli.run(["model", "hits", "--status", "accepted"])
        #expect(hits.stdout.contains("已转线索"))
        let stats = try cli.run(["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--json"])
        let figures = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any] ?? [:]
        let matching = figures["data_matching"] as? [String: Int] ?? [:]
        #expect(matching == ["models_applied": 1, "records_examined": 3, "hits": 1, "clues": 1, "cases": 0])
        let text = try cli.run(["stats", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(text.stdout.contains("应用大数据监督模型1个，调取各部门数据共计3条"))
        let dismissed = try cli.run(["model", "dismiss", "1", "--reason", "已转线索"])
        #expect(dismissed.status != 0)
    }

    @Test func anOfficesCopyLoadsAndABadModelFileNamesTheLine() throws {
        let (cli, _) = try prepared()
        defer { cli.cleanUp() }
        let shown = try cli.run(["model", "show", "award-unpaid"])
        #expect(shown.status == 0 && shown.stdout.contains("id: award-unpaid"))
        let copy = cli.directory.appendingPathComponent("award-45.yaml")
        try Data(shown.stdout.replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(of: "run-30d", with: "run-45d").utf8).write(to: copy)
        let loaded = try cli.run(["model", "load", copy.path])
        #expect(loaded.status == 0 && loaded.stdout.contains("模型award-unpaid第2版已导入"), "\(loaded.stderr)")
        #expect(try cli.run(["model", "list"]).stdout.contains("award-unpaid"))
        let bad = cli.directory.appendingPathComponent("bad.yaml")
        try Data(shown.stdout.replacingOccurrences(of: "version: 1", with: "version: 3")
            .replacingOccurrences(of: "{above: 0}", with: "{after: run}").utf8).write(to: bad)
        let refused = try cli.run(["model", "load", bad.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("模型文件第") && refused.stderr.contains("after不适用于unpaid"), "\(refused.stderr)")
    }
}
