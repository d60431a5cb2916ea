import Foundation
import Testing

@Suite("Guarantee monitor through the CLI")
struct GuaranteeCLITests {
    func prepared() throws -> CLI {
        let cli = try CLI()
        for arguments in [
            ["init"],
            ["employer", "add", "--name", "甲建筑公司", "--credit-code", "91350200776049653A", "--kind", "general-contractor"],
            ["project", "add", "--name", "安置小区", "--employer", "1", "--region", "620403", "--contract-price",
             "18000万", "--start", "2024-03-01"],
        ] {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw CLIFailure(result: result) }
        }
        return cli
    }

    @Test func aPaymentFromTheDepositIsRecordedByTheDrawNotByHand() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        for arguments in [
            ["guarantee", "add", "--project", "安置小区", "--kind", "cash-deposit", "--amount", "50万", "--effective",
             "2024-03-01"],
            ["worker", "add", "--name", "张三", "--id-number", "620403199309288995"],
            ["clue", "add", "--source", "petition", "--received", "2024-03-05", "--employer", "1", "--project", "安置小区",
             "--worker", "620403199309288995=12000"],
            ["case", "open", "--clue", "1", "--on", "2024-03-06", "--number", "平检民支〔2024〕1号"],
        ] {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw CLIFailure(result: result) }
        }
        let before = try cli.contentDigest()
        let byHand = try cli.run(["case", "recover", "平检民支〔2024〕1号", "--amount", "5000", "--on", "2024-06-01",
                                  "--route", "guarantee-draw", "--force"])
        #expect(byHand.status == 2 && byHand.stderr.contains("追回途径「guarantee-draw」"), "\(byHand.stderr)")
        #expect(try cli.contentDigest() == before)
        let drawn = try cli.run(["guarantee", "event", "1", "--kind", "drawn", "--on", "2024-06-01", "--amount", "5000",
                                 "--notice", "平人社支〔2024〕1号", "--case", "平检民支〔2024〕1号"])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let shown = try cli.run(["case", "show", "平检民支〔2024〕1号", "--json"])
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect((detail["case"] as? [String: Any])?["recovered_fen"] as? Int == 500_000)
    }

    @Test func alertsExitThreeWhenAnyAndZeroWhenNone() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        // Started 2024-03-01 with no permit date recorded: nothing is due before the 20th working day after it.
        let early = try cli.run(["alerts", "--on", "2024-03-28"])
        #expect(early.status == 0 && !early.stdout.contains("未存储保证金或提交保函"), "\(early.stdout)")
        let none = try cli.run(["alerts", "--on", "2024-04-10"])
        #expect(none.status == 3 && none.stdout.contains("未存储保证金或提交保函"))
        let added = try cli.run(["guarantee", "add", "--project", "安置小区", "--kind", "bank-letter", "--amount", "360万",
                                 "--document", "BH-1", "--effective", "2024-03-01", "--ends", "2025-03-01", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let quiet = try cli.run(["alerts", "--on", "2024-06-01"])
        #expect(quiet.status == 0 && quiet.stdout.contains("无预警"))
        let expiring = try #require(try JSONSerialization.jsonObject(
            with: Data(try cli.run(["alerts", "--on", "2025-02-10", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(expiring.count == 1 && expiring[0]["code"] as? String == "GUARANTEE_EXPIRING")
        #expect((expiring[0]["days_left"] as? NSNumber)?.intValue == 19 && expiring[0]["guarantee_id"] as? Int == 1)
        // JSON carries the words in both languages; a table reads and shows those of its language alone.
        let chinese = try #require(expiring[0]["detail"] as? String), english = try #require(expiring[0]["detail_en"] as? String)
        #expect(!chinese.isEmpty && !english.isEmpty && chinese != english)
        let zhTable = try cli.run(["alerts", "--on", "2025-02-10"]).stdout
        let enTable = try cli.run(["alerts", "--on", "2025-02-10", "--lang", "en"]).stdout
        #expect(zhTable.contains(chinese) && !zhTable.contains(english), "\(zhTable)")
        #expect(enTable.contains(english) && !enTable.contains(chinese), "\(enTable)")
        let expired = try cli.run(["alerts", "--on", "2025-03-10", "--code", "guarantee_expired", "--lang", "en"])
        #expect(expired.status == 3 && expired.stdout.contains("GUARANTEE_EXPIRED") && !expired.stdout.contains("NO_GUARANTEE"))
        #expect(try cli.run(["alerts", "--on", "2025-03-10", "--region", "41"]).status == 0)
        let bad = try cli.run(["alerts", "--code", "LATE"])
        #expect(bad.status == 2 && bad.stderr.contains("预警类型「LATE」"), "\(bad.stderr)")
    }

    @Test func refusedGuaranteeEventsChangeNothing() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        try cli.run(["guarantee", "add", "--project", "1", "--kind", "cash-deposit", "--amount", "100",
                     "--effective", "2024-03-01"])
        let before = try cli.contentDigest()
        // Each refusal is the one meant: its exit status (2 for a refused value, action or file) and a message naming
        // the field, the state that forbids the action, or the file — in Chinese by default and in English with
        // --lang en.
        for (arguments, status, english, chinese) in [
            (["guarantee", "event", "1", "--kind", "drawn", "--on", "2024-04-01", "--amount", "100.01", "--notice", "N"], 2,
             "amount: \"100.01\" is more than the balance", "金额「100.01」超过保证金 #1的余额（100.00元）"),
            (["guarantee", "event", "1", "--kind", "drawn", "--on", "2024-04-01", "--amount", "1"], 2,
             "notice: (empty) is missing for a drawn event", "支付通知书编号未填写（记录动用时须填写）"),
            (["guarantee", "event", "1", "--kind", "renewed", "--on", "2024-04-01", "--ends", "2026-01-01"], 2,
             "cannot record renewed (allowed when it is a letter or insurance, not cash)",
             "不能记录续期（仅适用于保函或保证保险，不适用于现金保证金）"),
            (["guarantee", "event", "1", "--kind", "notice-started", "--on", "2024-04-01"], 2,
             "project #1 is in progress; cannot publish the notice for the return", "项目 #1当前为在建，不能为返还保证金开始公示"),
            (["guarantee", "event", "1", "--kind", "return-requested", "--on", "2024-04-01"], 2,
             "the public notice of no arrears was published first (Art. 22 of", "已先行公示无拖欠（人社部发〔2021〕65号第二十二条）"),
            (["guarantee", "add", "--project", "1", "--kind", "bank-letter", "--amount", "1", "--effective", "2024-03-01"], 2,
             "ends: (empty) is missing for a bank guarantee letter", "截止日期未填写（银行保函须填写）"),
            (["project", "update", "1", "--status", "completed", "--reason", "竣工"], 2,
             "status: \"completed\" needs the actual completion date", "状态「completed」缺少实际竣工日期"),
            (["project", "update", "1", "--region", "6204", "--reason", "更正"], 2,
             "region: \"6204\" is not a region code", "行政区划代码「6204」不是有效的行政区划代码"),
            (["rules", "load", "/nonexistent.json"], 2,
             "file: \"/nonexistent.json\" does not exist", "文件「/nonexistent.json」不存在"),
        ] as [([String], Int32, String, String)] {
            for (language, mention) in [([], chinese), (["--lang", "en"], english)] {
                let result = try cli.run(arguments + language)
                #expect(result.status == status, "\(arguments + language): \(result.stderr)")
                #expect(result.stderr.hasPrefix("wagecase: ") && result.stderr.contains(mention),
                        "\(arguments + language): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(arguments + language)")
            }
        }
        #expect(try cli.contentDigest() == before)
    }

    @Test func calendarAnswersTheCheckVectors() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for (start, days, expected) in [("2025-09-26", "5", "2025-10-10"), ("2025-09-26", "10", "2025-10-16"),
                                        ("2026-02-12", "5", "2026-02-26"), ("2026-02-12", "10", "2026-03-04"),
                                        ("2024-04-30", "3", "2024-05-08"), ("2026-09-30", "3", "2026-10-10"),
                                        ("2025-10-10", "-5", "2025-09-26")] {
            let result = try cli.run(["calendar", "add", start, days])
            #expect(result.stdout == expected + "\n", "\(start) + \(days): \(result.stdout) \(result.stderr)")
        }
        #expect(try cli.run(["calendar", "add", "2026-12-29", "5"]).stdout.contains("暂定"))
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
        try cli.run(["init"])
        let schedule = cli.directory.appendingPathComponent("2027.json")
        try #"{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#
            .write(to: schedule, atomically: true, encoding: .utf8)
        #expect(try cli.run(["calendar", "load", schedule.path]).status == 0)
        #expect(try cli.run(["calendar", "add", "2026-12-29", "5"]).stdout == "2027-01-06\n")
    }
}
