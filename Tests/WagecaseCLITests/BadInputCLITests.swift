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
            ["worker", "add", "--name", "张三", "--id-number", Self.worker, "--bank-card", "6228480439110012341"],
            ["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", Self.employer,
             "--worker", "\(Self.worker)=1.2万"],
            ["case", "open", "--clue", "1", "--on", "2024-03-05", "--number", "C-1"],
        ] {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw CLIFailure(result: result) }
        }
        return cli
    }

    /// Each bad input, what the English message says (field and value, or the state that forbids it), and what
    /// the Chinese one (the default) says.
    static let badInputs: [(arguments: [String], mentions: String, chinese: String)] = [
        (["worker", "add", "--name", "李四", "--id-number", "110105194912310020"],
         "id_number: \"110105********0020\" fails the check digit", "身份证号「110105********0020」校验位不符"),
        (["employer", "add", "--name", "x", "--credit-code", "91350203M0001QAY9B"],
         "credit_code: \"91350203M0001QAY9B\" fails the check character", "统一社会信用代码「91350203M0001QAY9B」校验码不符"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)=3.805"],
         "worker.amount: \"3.805\" has more than 2 decimals", "金额「3.805」小数超过2位"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)=-5"],
         "worker.amount: \"-5\" is negative", "金额「-5」为负数"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)="],
         "worker.amount: (empty) is empty", "金额为空"),
        (["clue", "add", "--source", "email", "--received", "2024-03-01", "--employer", employer, "--worker", "\(worker)=100"],
         "source: \"email\" is not a known value", "线索来源「email」不是可识别的值"),
        (["clue", "add", "--source", "petition", "--received", "2024-02-30", "--employer", employer, "--worker", "\(worker)=100"],
         "received: \"2024-02-30\" is not a real calendar date", "收到日期「2024-02-30」不是真实存在的日期"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", "91440101MA5CJQ4N59", "--worker", "\(worker)=100"],
         "employer 91440101MA5CJQ4N59 not found", "未找到用人单位 91440101MA5CJQ4N59"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer, "--worker", "11010519491231002X=100"],
         "worker with ID number 110105********002X not found",
         "未找到农民工（身份证号） 110105********002X。请先用 wagecase worker add 登记该农民工"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-02", "--employer", employer, "--worker", "\(worker)=100"],
         "clue for the same employer, project and worker(s) already exists (id 1)",
         "同一用人单位、项目和农民工的线索已存在（编号 #1）；可将本次来源并入该线索（合并），或作为另一笔欠薪分别登记（分别保留）。加 --merge"),
        (["case", "advance", "C-1", "--to", "judgment", "--on", "2024-03-06"],
         "allowed next stages: investigating, settled", "不能转入“判决”；可转入：审查、检察和解"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2024-03-04"],
         "on: 2024-03-04 is before case C-1", "日期 2024-03-04 早于案件 C-1 (#1) 最近一次事项"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2099-01-01"],
         "on: 2099-01-01 is in the future", "日期 2099-01-01 晚于今天（"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2999-01-01"],
         "on: \"2999-01-01\" is outside the years", "日期「2999-01-01」超出本程序支持的年份范围"),
        (["case", "advance", "C-9", "--to", "investigating", "--on", "2024-03-06"],
         "case C-9 not found", "未找到案件 C-9"),
        (["case", "recover", "C-1", "--amount", "12,000.01", "--on", "2024-03-06", "--route", "employer-paid"],
         "recovering ¥12,000.01 would exceed the claimed ¥12,000.00", "本次追回 12,000.01 元将超过诉请金额 12,000.00 元"),
        (["case", "recover", "C-1", "--amount", "100", "--on", "2024-03-06", "--route", "cash"],
         "route: \"cash\" is not a known value", "追回途径「cash」不是可识别的值"),
        (["case", "open", "--clue", "1", "--on", "2024-03-05"],
         "clue #1 is converted; cannot open cases", "线索 #1当前为已成案，不能立案"),
        (["worker", "add", "--name", "", "--id-number", "11010519491231002X"],
         "name: (empty) is empty", "名称为空"),
        (["stats", "--from", "2024-05-01", "--to", "2024-04-01"],
         "to: 2024-04-01 is before from", "截止日期 2024-04-01 早于起始日期（2024-05-01）"),
    ]

    @Test("is refused and changes nothing", arguments: 0..<badInputs.count)
    func refused(index: Int) throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let (arguments, mention, chinese) = Self.badInputs[index]
        let before = try cli.contentDigest()
        let result = try cli.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("wagecase: ") && result.stderr.contains(chinese), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let english = try cli.run(arguments + ["--lang", "en"])
        #expect(english.status == 2 && english.stderr.hasPrefix("wagecase: ") && english.stderr.contains(mention),
                "\(arguments): \(english.stderr)")
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
        let missing = try cli.run(["case", "advance", "C-1"])
        #expect(missing.status == 2 && missing.stderr.contains("Missing expected argument '--to <STAGE>'"), "\(missing.stderr)")
        let unknown = try cli.run(["worker", "frobnicate"], addDatabase: false)
        #expect(unknown.status == 2 && unknown.stderr.contains("'frobnicate'"), "\(unknown.stderr)")
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
