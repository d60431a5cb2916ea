import Foundation
import Testing

/// Every class of bad input fails with exit status 2, a message on stderr naming the field, nothing on stdout,
/// and the database content unchanged.
@Suite("Bad input through the CLI")
struct BadInputCLITests {
    static let worker = "620403199309288995"
    static let employer = "91620403MA71ABCD0K"

    func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.run(["init"])
        for arguments in [
            ["employer", "add", "--name", "某建筑公司", "--credit-code", Self.employer],
            ["worker", "add", "--name", "张三", "--id-number", Self.worker, "--bank-card", "6228480439110012345"],
            ["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", Self.employer,
             "--worker", "\(Self.worker)=1.2万"],
            ["case", "open", "--clue", "1", "--on", "2024-03-05", "--number", "C-1"],
        ] {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw CLIFailure(result: result) }
        }
        return cli
    }

    /// Each bad input, what the English message names, and what the Chinese one (the default) says.
    static let badInputs: [(arguments: [String], mentions: String, chinese: String)] = [
        (["worker", "add", "--name", "李四", "--id-number", "110105194912310020"],
         "id_number", "身份证号「110105********0020」校验位不符"),
        (["employer", "add", "--name", "x", "--credit-code", "91350203M0001QAY9B"],
         "credit_code", "统一社会信用代码「91350203M0001QAY9B」校验码不符"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)=3.805"],
         "worker.amount", "金额「3.805」小数超过2位"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)=-5"],
         "negative", "金额「-5」为负数"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)="],
         "empty", "金额为空"),
        (["clue", "add", "--source", "email", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)=100"],
         "source", "线索来源「email」不是可识别的值"),
        (["clue", "add", "--source", "petition", "--received", "2024-02-30", "--employer", employer, "--worker", "\(worker)=100"],
         "received", "收到日期「2024-02-30」不是真实存在的日期"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", "91440101MA5CJQ4N59", "--worker", "\(worker)=100"],
         "not found", "未找到用人单位 91440101MA5CJQ4N59"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "11010519491231002X=100"],
         "not found", "请先用 wagecase worker add 登记该农民工"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-02", "--employer", employer, "--worker", "\(worker)=100"],
         "already exists", "已存在（编号 #1）；可将本次来源并入该线索（合并），或作为另一笔欠薪分别登记（分别保留）。加 --merge"),
        (["case", "advance", "C-1", "--to", "judgment", "--on", "2024-03-06"],
         "allowed next stages: investigating, settled", "不能转入“判决”；可转入：审查、检察和解"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2024-03-04"],
         "before case C-1", "早于案件 C-1 (#1) 最近一次事项"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2099-01-01"],
         "in the future", "晚于今天（"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2999-01-01"],
         "outside the years", "超出本程序支持的年份范围"),
        (["case", "advance", "C-9", "--to", "investigating", "--on", "2024-03-06"],
         "case C-9 not found", "未找到案件 C-9"),
        (["case", "recover", "C-1", "--amount", "12,000.01", "--on", "2024-03-06", "--route", "employer-paid"],
         "exceed the claimed", "将超过诉请金额 12,000.00 元"),
        (["case", "recover", "C-1", "--amount", "100", "--on", "2024-03-06", "--route", "cash"],
         "route", "追回途径「cash」不是可识别的值"),
        (["case", "open", "--clue", "1", "--on", "2024-03-05"],
         "converted", "线索 #1当前为已成案，不能立案"),
        (["worker", "add", "--name", "", "--id-number", "11010519491231002X"],
         "name", "名称为空"),
        (["stats", "--from", "2024-05-01", "--to", "2024-04-01"],
         "before from", "截止日期 2024-04-01 早于起始日期（2024-05-01）"),
    ]

    @Test("is refused and changes nothing", arguments: 0..<badInputs.count)
    func refused(index: Int) throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let (arguments, mention, chinese) = Self.badInputs[index]
        let before = try cli.contentDigest()
        let result = try cli.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(chinese), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let english = try cli.run(arguments + ["--lang", "en"])
        #expect(english.status == 2 && english.stderr.contains(mention), "\(arguments): \(english.stderr)")
        #expect(try cli.contentDigest() == before)
    }

    @Test func duplicateCaseNumberOnASecondClueChangesNothing() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        try cli.run(["worker", "add", "--name", "李四", "--id-number", "11010519491231002X"])
        try cli.run(["clue", "add", "--source", "legal-aid", "--received", "2024-04-01", "--employer", Self.employer,
                     "--worker", "11010519491231002X=5000"])
        let before = try cli.contentDigest()
        let result = try cli.run(["case", "open", "--clue", "2", "--on", "2024-04-02", "--number", "C-1", "--lang", "en"])
        #expect(result.status == 2 && result.stderr.contains("case number C-1 already exists"))
        #expect(try cli.contentDigest() == before)
    }

    @Test func missingDatabaseIsARuntimeErrorAndCreatesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["worker", "list"])
        #expect(result.status == 1 && result.stderr.contains("wagecase init"))
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test func malformedCommandLineExitsTwo() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        #expect(try cli.run(["case", "advance", "C-1"]).status == 2)
        #expect(try cli.run(["worker", "frobnicate"]).status == 2)
    }

    @Test func textWithQuotesAndSQLIsStoredLiterally() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let text = #"Robert'); DROP TABLE clue; -- "quoted" \ %"#
        try cli.run(["worker", "add", "--name", "李四", "--id-number", "11010519491231002X"])
        let created = try #require(try cli.json([
            "clue", "add", "--source", "walk-in", "--received", "2024-04-01", "--employer", Self.employer,
            "--worker", "11010519491231002X=5000", "--summary", text, "--actor", text,
        ]) as? [String: Any])
        #expect(created["summary"] as? String == text)
        let audit = try #require(try cli.json(["audit", "--table", "clue"]) as? [[String: Any]])
        #expect(audit.last?["actor"] as? String == text)
        #expect(try cli.run(["clue", "list"]).status == 0)
    }
}
