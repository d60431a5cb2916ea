import Foundation
import Testing
import WagecaseCore

/// `wagecase unit|referral|task|meeting|report` as the lead department's clerk uses them: a referral received on
/// the eve of a holiday, made a clue that becomes a case; a task list closed loop by loop; reports chased by the 25th.
@Suite("Joint work on the command line", .serialized)
struct JointWorkCLITests {
    static let worker = "620403199309288995"
    static let employer = "91350200776049653A"

    private func prepared() throws -> CLI {
        let cli = try CLI()
        for arguments in [
            ["init"],
            ["unit", "add", "--code", "civil", "--name", "民事检察部", "--kind", "procuratorate", "--liaison", "李检察官"],
            ["unit", "add", "--code", "labor", "--name", "平川区人社局", "--kind", "labor-bureau"],
            ["unit", "add", "--code", "petition", "--name", "平川区信访局", "--kind", "信访局"],
            ["unit", "add", "--code", "housing", "--name", "平川区住建局", "--kind", "housing-bureau"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return cli
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test func aReferralIsAnsweredMadeAClueAndFollowsItsCase() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        // Received on the eve of the National Day holiday: three working days run to the make-up Saturday.
        let added = try cli.run(["referral", "add", "--from", "petition", "--to", "civil", "--received", "2026-09-30",
                                 "--subject", "工人反映欠薪", "--number", "平信转〔2026〕9号", "--reply-within", "3", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let referral = try Self.json(String(added.stdout.dropFirst().dropLast(2)))
        #expect(referral["reply_due"] as? String == "2026-10-10")
        #expect(referral["direction"] as? String == "in")
        let overdue = try cli.run(["alerts", "--on", "2026-10-12", "--code", "REFERRAL_REPLY_OVERDUE", "--json"])
        #expect(overdue.status == 3)
        #expect(overdue.stdout.contains("\"referral_id\" : 1"))
        #expect(try cli.run(["alerts", "--on", "2026-10-10", "--code", "REFERRAL_REPLY_OVERDUE"]).status == 0)

        for arguments in [
            ["employer", "add", "--name", "某建筑公司", "--credit-code", Self.employer],
            ["worker", "add", "--name", "张三", "--id-number", Self.worker],
        ] {
            #expect(try cli.run(arguments).status == 0)
        }
        let clue = try cli.run(["referral", "clue", "1", "--employer", Self.employer, "--worker", "\(Self.worker)=3.8万", "--json"])
        #expect(clue.status == 0, "\(clue.stderr)")
        let clues = try cli.run(["clue", "list", "--json"])
        #expect(clues.stdout.contains("\"source\" : \"petition\"") && clues.stdout.contains("\"received\" : \"2026-09-30\""))
        #expect(try cli.run(["case", "open", "--clue", "1", "--on", "2026-10-09", "--number", "平检民支〔2026〕9号"]).status == 0)
        let paid = try cli.run(["case", "recover", "平检民支〔2026〕9号", "--amount", "38000", "--on", "2026-10-20",
                                "--route", "employer-paid"])
        #expect(paid.status == 0, "\(paid.stderr)")
        let replied = try cli.run(["referral", "reply", "1", "--on", "2026-10-09", "--result", "已受理并支持起诉"])
        #expect(replied.status == 0, "\(replied.stderr)")
        let again = try cli.run(["referral", "reply", "1", "--on", "2026-10-10", "--result", "again"])
        #expect(again.status == 2 && again.stderr.contains("已于2026-10-09答复"))
        let shown = try cli.run(["referral", "show", "1"])
        #expect(shown.stdout.contains("已转为线索，成案1件（已办结0件），主张38,000.00元，已追回38,000.00元"), "\(shown.stdout)")
        #expect(shown.stdout.contains("移送事项：#1"))
        #expect(shown.stdout.contains("已按期答复"))
        // Made a clue today: counted in a range that runs to today.
        let stats = try cli.run(["stats", "--from", "2026-09-01", "--json"])
        let figures = try Self.json(stats.stdout)["referrals"] as? [String: Any]
        #expect(figures?["in"] as? Int == 1 && figures?["answered_on_time"] as? Int == 1 && figures?["clues"] as? Int == 1)
        let text = try cli.run(["stats", "--from", "2026-09-01"])
        #expect(text.stdout.contains("接收移送线索1件，移出0件，已答复1件（按期1件），逾期未答复0件，转为线索1件。"))
    }

    @Test func tasksMeetingsAndMonthlyReports() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let minutes = cli.directory.appendingPathComponent("纪要.txt")
        // Saved by a Chinese Windows editor: GB18030.
        try Data([0xBB, 0xE1, 0xD2, 0xE9, 0xBC, 0xCD, 0xD2, 0xAA]).write(to: minutes)
        let meeting = try cli.run(["meeting", "add", "--on", "2026-03-05", "--kind", "plenary", "--units", "civil,labor,housing",
                                   "--minutes", minutes.path, "--decision", "清理在建项目保证金|labor|王科长|2026-06-30",
                                   "--decision", "建立支持起诉台账|civil|李检察官|2026-12-31"])
        #expect(meeting.status == 0, "\(meeting.stderr)")
        #expect(try cli.run(["meeting", "show", "1"]).stdout.contains("会议纪要"))
        let bad = try cli.run(["meeting", "add", "--on", "2026-03-06", "--kind", "topic", "--units", "civil",
                               "--decision", "x|court|y|2026-12-31"])
        #expect(bad.status == 2)
        #expect(try cli.run(["meeting", "list", "--json"]).stdout.components(separatedBy: "\"held\"").count == 2)

        #expect(try cli.run(["task", "progress", "1", "--on", "2026-05-10", "--text", "已清理8个"]).status == 0)
        let overdue = try cli.run(["task", "list", "--status", "overdue", "--on", "2026-07-01"])
        #expect(overdue.stdout.contains("清理在建项目保证金") && !overdue.stdout.contains("建立支持起诉台账"))
        let alert = try cli.run(["alerts", "--on", "2026-07-01", "--code", "TASK_OVERDUE", "--lang", "en"])
        #expect(alert.status == 3 && alert.stdout.contains("task #1"))
        let noResult = try cli.run(["task", "close", "1", "--on", "2026-07-02", "--result", " "])
        #expect(noResult.status == 2)
        #expect(try cli.run(["task", "close", "1", "--on", "2026-07-02", "--result", "已全部清理"]).status == 0)
        #expect(try cli.run(["task", "list", "--status", "closed"]).stdout.contains("已全部清理"))

        #expect(try cli.run(["setting", "set", "monthly_report_units", "labor,housing"]).status == 0)
        #expect(try cli.run(["setting", "set", "monthly_report_since", "2026-10"]).status == 0)
        let report = cli.directory.appendingPathComponent("十月.txt")
        try Data("十月：清理项目12个\n督促补缴保证金3笔".utf8).write(to: report)
        #expect(try cli.run(["report", "submit", "--unit", "labor", "--month", "2026-10", "--file", report.path,
                             "--on", "2026-10-22"]).status == 0)
        // October's 25th is a Sunday: due the Friday before.
        let status = try cli.run(["report", "status", "--month", "2026-10", "--on", "2026-10-24", "--json"])
        let roll = try Self.json(status.stdout)
        #expect(roll["due"] as? String == "2026-10-23")
        let units = roll["units"] as? [[String: Any]] ?? []
        #expect(units.map { $0["standing"] as? String } == ["submitted", "missing"])
        let missing = try cli.run(["alerts", "--on", "2026-10-24", "--code", "MONTHLY_REPORT_MISSING", "--json"])
        #expect(missing.status == 3 && missing.stdout.contains("平川区住建局") && !missing.stdout.contains("平川区人社局"))
        #expect(try cli.run(["alerts", "--on", "2026-10-23", "--code", "MONTHLY_REPORT_MISSING"]).status == 0)
        let digest = try cli.run(["digest", "--month", "2026-10", "--on", "2026-10-24", "--format", "markdown"])
        #expect(digest.stdout.contains("2026年10月各单位工作进展报送") && digest.stdout.contains("十月：清理项目12个"))
        #expect(digest.stdout.contains("平川区住建局：逾期未报送"))
        let resubmit = try cli.run(["report", "submit", "--unit", "labor", "--month", "2026-10", "--text", "更正"])
        #expect(resubmit.status == 2)
    }
}
