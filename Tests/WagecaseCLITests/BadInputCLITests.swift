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

    static let badInputs: [(arguments: [String], mentions: String)] = [
        (["worker", "add", "--name", "李四", "--id-number", "110105194912310020"], "id_number"),
        (["employer", "add", "--name", "x", "--credit-code", "91350203M0001QAY9B"], "credit_code"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer,
          "--worker", "\(worker)=3.805"], "worker.amount"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer,
          "--worker", "\(worker)=-5"], "negative"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer,
          "--worker", "\(worker)="], "empty"),
        (["clue", "add", "--source", "email", "--received", "2024-03-01", "--employer", employer,
          "--worker", "\(worker)=100"], "source"),
        (["clue", "add", "--source", "petition", "--received", "2024-02-30", "--employer", employer,
          "--worker", "\(worker)=100"], "received"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", "91440101MA5CJQ4N59",
          "--worker", "\(worker)=100"], "not found"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-01", "--employer", employer,
          "--worker", "11010519491231002X=100"], "not found"),
        (["clue", "add", "--source", "petition", "--received", "2024-03-02", "--employer", employer,
          "--worker", "\(worker)=100"], "already exists"),
        (["case", "advance", "C-1", "--to", "judgment", "--on", "2024-03-06"], "allowed next stages: investigating, settled"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2024-03-04"], "before case C-1"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2099-01-01"], "in the future"),
        (["case", "advance", "C-1", "--to", "investigating", "--on", "2999-01-01"], "outside the years"),
        (["case", "advance", "C-9", "--to", "investigating", "--on", "2024-03-06"], "case C-9 not found"),
        (["case", "recover", "C-1", "--amount", "12,000.01", "--on", "2024-03-06", "--route", "employer-paid"],
         "exceed the claimed"),
        (["case", "recover", "C-1", "--amount", "100", "--on", "2024-03-06", "--route", "cash"], "route"),
        (["case", "open", "--clue", "1", "--on", "2024-03-05"], "converted"),
        (["worker", "add", "--name", "", "--id-number", "11010519491231002X"], "name"),
        (["stats", "--from", "2024-05-01", "--to", "2024-04-01"], "before from"),
    ]

    @Test("is refused and changes nothing", arguments: 0..<badInputs.count)
    func refused(index: Int) throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let (arguments, mention) = Self.badInputs[index]
        let before = try cli.contentDigest()
        let result = try cli.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(mention), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try cli.contentDigest() == before)
    }

    @Test func duplicateCaseNumberOnASecondClueChangesNothing() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        try cli.run(["worker", "add", "--name", "李四", "--id-number", "11010519491231002X"])
        try cli.run(["clue", "add", "--source", "legal-aid", "--received", "2024-04-01", "--employer", Self.employer,
                     "--worker", "11010519491231002X=5000"])
        let before = try cli.contentDigest()
        let result = try cli.run(["case", "open", "--clue", "2", "--on", "2024-04-02", "--number", "C-1"])
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
