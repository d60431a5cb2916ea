import Foundation
import GRDB
import Testing

@Suite("wagecase import")
struct ImportCLITests {
    static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/WagecaseImportTests/Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    private func initialised() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        return cli
    }

    private func count(_ cli: CLI, _ table: String) throws -> Int {
        try DatabaseQueue(path: cli.databasePath).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    /// A GBK file with three bad rows: nothing is written, exit 2, and the report names each row, column, value
    /// and reason.
    @Test func invalidRowsWriteNothingAndAreReported() throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        let before = try cli.contentDigest()
        let report = cli.directory.appendingPathComponent("report.csv").path
        let result = try cli.run(["import", "clues", Self.fixture("clues-gbk.csv"), "--report", report, "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("read 8 rows: imported 4, merged with existing records 1, rejected 3"))
        #expect(result.stdout.contains("nothing written") && result.stdout.contains("columns not imported: 序号"))
        #expect(try cli.contentDigest() == before)
        let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: report)), as: UTF8.self)
            .split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4 && lines[0] == "\u{FEFF}row,column,value,reason,code")
        #expect(lines[1].hasPrefix("8,公民身份号码,620403********0050,\"fails the check digit"))
        #expect(lines[2].hasPrefix("9,登记日期,2026年2月30日,is not a real calendar date"))
        #expect(lines[3].hasPrefix("10,拖欠工资（元）,-500,\"is negative"))
    }

    /// --skip-invalid imports the valid rows; the crew reported together is one clue; the worker seen again
    /// from legal aid is merged into that clue, which keeps both sources; a second run adds nothing and says so.
    @Test func skipInvalidThenIdempotentReRun() throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        let first = try cli.run(["import", "clues", Self.fixture("clues-gbk.csv"), "--skip-invalid", "--lang", "en"])
        #expect(first.status == 0 && first.stdout.contains("imported 4, merged with existing records 1, rejected 3"))
        #expect(first.stdout.contains("recorded as import #1"))
        #expect(try [count(cli, "clue"), count(cli, "clue_worker"), count(cli, "worker")] == [3, 4, 4])
        let clue = try #require(try cli.json(["clue", "show", "1"]) as? [String: Any])
        let channels = try #require(clue["channels"] as? [[String: Any]]).map { "\($0["source"]!) \($0["received"]!)" }
        #expect(Set(channels) == ["petition 2026-03-05", "legal-aid 2026-03-16"])
        #expect((clue["workers"] as? [[String: Any]])?.compactMap { $0["claimed_fen"] as? Int } == [3_800_000, 3_800_000])

        let tables = ["worker", "employer", "project", "clue", "clue_worker", "clue_channel"]
        let counts = try tables.map { try count(cli, $0) }
        let second = try cli.run(["import", "clues", Self.fixture("clues-gbk.csv"), "--skip-invalid", "--lang", "en"])
        #expect(second.status == 0 && second.stdout.contains("imported 0, merged with existing records 5, rejected 3"))
        #expect(second.stdout.contains("this file was imported before: #1") && second.stdout.contains("nothing changed, every row is already on record"))
        #expect(try tables.map { try count(cli, $0) } == counts)
        let history = try #require(try cli.json(["import", "history"]) as? [[String: Any]])
        #expect(history.count == 2 && history[0]["imported"] as? Int == 0 && history[1]["imported"] as? Int == 4)
        #expect((history[0]["file_sha256"] as? String)?.count == 64 && history[0]["file_sha256"] as? String == history[1]["file_sha256"] as? String)
        let audit = try #require(try cli.json(["audit", "--table", "import_run"]) as? [[String: Any]])
        #expect(audit.count == 2)
    }

    /// A dry run of a valid file checks every row and writes nothing — no record, not even the import's own — while
    /// the same file without --dry-run writes them all (so the dry run's silence is not the file's fault).
    @Test(arguments: ["workers", "clues"])
    func dryRunOfAValidFileWritesNothing(_ kind: String) throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        let path = cli.directory.appendingPathComponent("\(kind).csv").path
        let (file, table) = kind == "workers"
            ? (Self.workerCSV(rows: 50), "worker")
            : ("姓名,身份证号,用人单位,统一社会信用代码,项目名称,欠薪金额,线索来源,接收日期\n"
               + "张建国,11010519491231002X,甘肃某建筑工程有限公司,91350200776049653A,安置小区二期,38000,petition,2026-03-05\n"
               + "李卫东,440524188001010014,甘肃某建筑工程有限公司,91350200776049653A,安置小区二期,12000,petition,2026-03-05\n", "clue_worker")
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        let rows = kind == "workers" ? 50 : 2
        let before = try cli.contentDigest()

        let dry = try cli.run(["import", kind, path, "--dry-run", "--lang", "en"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("read \(rows) rows: imported \(rows), merged with existing records 0, rejected 0"))
        #expect(dry.stdout.contains("dry run: nothing written") && !dry.stdout.contains("recorded as import"))
        #expect(try cli.contentDigest() == before)
        #expect(try [count(cli, table), count(cli, "import_run")] == [0, 0])

        let real = try cli.run(["import", kind, path, "--lang", "en"])
        #expect(real.status == 0 && real.stdout.contains("imported \(rows),") && real.stdout.contains("recorded as import #1"),
                "\(real.stdout)\(real.stderr)")
        #expect(try [count(cli, table), count(cli, "import_run")] == [rows, 1])
        #expect(try cli.contentDigest() != before)
    }

    /// A dry run of a file with a bad row reports the row, writes nothing and exits 2, as the real import would.
    @Test func dryRunReportsAnInvalidFile() throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        let before = try cli.contentDigest()
        let result = try cli.run(["import", "workers", Self.fixture("workers-utf8-bom.csv"), "--dry-run", "--lang", "en"])
        #expect(result.status == 2 && result.stdout.contains("dry run: nothing written"))
        #expect(result.stderr.contains("row 5, 身份证号 \"620403*******1011\": has 17 characters"))
        #expect(try cli.contentDigest() == before)
    }

    /// UTF-8 with a BOM: cleaned names, a line break in an address kept as a space, Chinese punctuation kept,
    /// the unknown column reported; --json gives the summary.
    @Test func workersFromAUTF8BOMFile() throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        let result = try cli.run(["import", "workers", Self.fixture("workers-utf8-bom.csv"), "--skip-invalid", "--json"])
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(outcome["unknown_columns"] as? [String] == ["工种"] && outcome["issues"] as? Int == 1)
        #expect((outcome["summary"] as? [String: Any])?["imported"] as? Int == 3)
        let workers = try #require(try cli.json(["worker", "list"]) as? [[String: Any]])
        #expect(workers.first?["name"] as? String == "吴学军")
        #expect(workers.first?["hometown"] as? String == "甘肃省白银市 平川区，王家山镇")
    }

    /// Guarantees from an .xlsx whose headings sit under a merged title and merged group headings, with date
    /// serials, after the clues brought in the projects; the letter ending before it starts is rejected.
    @Test func guaranteesFromXLSX() throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", "clues", Self.fixture("clues-gbk.csv"), "--skip-invalid"]).status == 0)
        let result = try cli.run(["import", "guarantees", Self.fixture("guarantees-merged.xlsx"), "--skip-invalid", "--lang", "en"])
        #expect(result.status == 0 && result.stdout.contains("read 3 rows: imported 2, merged with existing records 0, rejected 1"))
        #expect(result.stderr.contains("row 6, 到期日 \"2024-05-01\": is before the effective date (2024-06-01)"))
        let guarantees = try #require(try cli.json(["guarantee", "list"]) as? [[String: Any]])
        #expect(guarantees.count == 2)
        let cash = try #require(guarantees.compactMap { $0["guarantee"] as? [String: Any] }
            .first { $0["kind"] as? String == "cash-deposit" })
        #expect(cash["amount_fen"] as? Int == 36_000_050 && cash["effective"] as? String == "2024-03-05")
        let wrongSheet = try cli.run(["import", "guarantees", Self.fixture("guarantees-merged.xlsx"), "--sheet", "Sheet9", "--lang", "en"])
        #expect(wrongSheet.status == 2 && wrongSheet.stderr.contains("its sheets: 保证金台账, 说明"))
    }

    /// Headings the built-in list does not know are named in a YAML mapping file; --source fills the source.
    @Test func mappingFileAndDefaultSource() throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        let csv = cli.directory.appendingPathComponent("odd.csv").path
        try "务工人员,证件,欠付工资总额,投诉单位代码,投诉单位,收到日期\n张建国,62040319800101001X,8000,91620403MA71XY2Q0J,甘肃平川建设工程有限公司,2026-04-01\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let missing = try cli.run(["import", "clues", csv, "--lang", "en"])
        #expect(missing.status == 2 && missing.stderr.contains("no heading row found"))
        let mapping = cli.directory.appendingPathComponent("mapping.yaml").path
        try "务工人员: name\n证件: id_number\n欠付工资总额: claimed\n投诉单位代码: credit_code\n投诉单位: employer\n收到日期: received\n"
            .write(toFile: mapping, atomically: true, encoding: .utf8)
        let result = try cli.run(["import", "clues", csv, "--mapping", mapping, "--source", "hotline-12345", "--lang", "en"])
        #expect(result.status == 0 && result.stdout.contains("imported 1"), "\(result.stderr)")
        let clues = try #require(try cli.json(["clue", "list"]) as? [[String: Any]])
        #expect(clues.first?["source"] as? String == "hotline-12345")
        let bad = cli.directory.appendingPathComponent("bad.yaml").path
        try "务工人员: nickname\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try cli.run(["import", "clues", csv, "--mapping", bad, "--lang", "en"])
        #expect(refused.status == 2 && refused.stderr.contains("nickname is not a field"))
    }

    /// Killing an import while it writes leaves the database as it was: one transaction, never committed. The kill
    /// comes only once the import has demonstrably begun writing the database — its write-ahead log has grown by
    /// more than a megabyte of the transaction's pages (checking the file writes nothing there; only a file whose
    /// every row passed gets that far).
    @Test func killedImportLeavesTheDatabaseAsItWas() async throws {
        let cli = try initialised()
        defer { cli.cleanUp() }
        let path = cli.directory.appendingPathComponent("many.csv").path
        let before = try cli.contentDigest()
        let database = cli.databasePath
        // The import runs and is watched on a Dispatch thread: the wait is long and must not hold one of the
        // cooperative pool's threads.
        let (sizeAtKill, reason, status) = try await CLI.offThePool { () throws -> (Int64, Process.TerminationReason, Int32) in
            try Self.workerCSV(rows: 400_000).write(toFile: path, atomically: true, encoding: .utf8)
            let wal = database + "-wal"
            func walSize() -> Int64 {
                var info = stat()
                return stat(wal, &info) == 0 ? Int64(info.st_size) : -1
            }
            let baseline = walSize()
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["import", "workers", path, "--db", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(300)
            var sizeAtKill: Int64 = -1
            while process.isRunning && Date() < deadline {
                let size = walSize()
                if size > max(baseline, 0) + (1 << 20) {
                    kill(process.processIdentifier, SIGKILL)
                    sizeAtKill = size
                    break
                }
                usleep(500)
            }
            if process.isRunning && sizeAtKill < 0 { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return (sizeAtKill, process.terminationReason, process.terminationStatus)
        }
        try #require(sizeAtKill > 0, "the import was never seen writing (exit \(status)); nothing was tested")
        #expect(reason == .uncaughtSignal && status == SIGKILL, "the import finished before it could be interrupted")
        #expect(try cli.contentDigest() == before)
        #expect(try count(cli, "worker") == 0 && count(cli, "import_run") == 0)
        #expect(try await DatabaseQueue(path: cli.databasePath).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        // The database takes the next write as usual.
        let next = try cli.run(["worker", "add", "--name", "张三", "--id-number", "11010519491231002X"])
        #expect(next.status == 0, "\(next.stderr)")
    }

    /// `rows` workers with valid, distinct ID numbers.
    static func workerCSV(rows: Int) -> String {
        precondition(rows <= 10_000_000)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var text = "姓名,身份证号,联系电话\n"
        text.reserveCapacity(rows * 40)
        for index in 0..<rows {
            // Region 11 + four digits, born 1980-01-01, sequence: distinct and valid for up to 10,000,000 rows.
            let first17 = "11" + String(index / 1000).leftPadded(4) + "19800101" + String(index % 1000).leftPadded(3)
            let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
            let check = Array("10X98765432")[sum % 11]
            text += "工人\(index),\(first17)\(check),139\(String(index).leftPadded(8))\n"
        }
        return text
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

@Suite("Import progress")
struct ImportProgressTests {
    /// On a terminal (a pseudo-terminal from script(1)) a progress line shows rows, rows/s, percent and time
    /// left; with stderr a pipe, as under cron, nothing but the summary is printed.
    @Test func progressOnlyOnATerminal() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["init"]).status == 0)
        let path = cli.directory.appendingPathComponent("workers.csv").path
        try ImportCLITests.workerCSV(rows: 20_000).write(toFile: path, atomically: true, encoding: .utf8)
        let piped = try cli.run(["import", "workers", path, "--lang", "en"])
        #expect(piped.status == 0 && piped.stderr.isEmpty && piped.stdout.contains("imported 20000"))

        #expect(try cli.run(["init", "--db", cli.databasePath + ".2"], addDatabase: false).status == 0)
        let command = "'\(CLI.binary.path)' import workers '\(path)' --db '\(cli.databasePath).2' --lang en"
        let tty = try CLI.execute(URL(fileURLWithPath: "/usr/bin/script"), ["-q", "-e", "-c", command, "/dev/null"])
        #expect(tty.status == 0, "\(tty.stdout)")
        #expect(tty.stdout.contains(" rows/s · ") && tty.stdout.contains("% · ") && tty.stdout.contains(" left"))
        #expect(tty.stdout.contains("imported 20000"))
    }
}

@Suite("Import employers and projects")
struct ImportRegistryTests {
    /// Employers by credit code (a bad check digit rejected), then projects naming them (a new contractor added
    /// when named; facts parsed: region, price in 万, Chinese dates, status); both idempotent.
    @Test func employersThenProjects() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["init"]).status == 0)
        let employers = cli.directory.appendingPathComponent("employers.csv").path
        try """
            单位名称,统一社会信用代码,单位类型
            甘肃平川建设工程有限公司,91620403MA71XY2Q0J,施工总承包单位
            平川区鑫源建筑安装有限公司,９１６２０４２１ＭＡ７ＡＢＣＤＥ１Ｍ,分包单位
            某劳务公司,91350203M0001QAY9B,劳务公司

            """.write(toFile: employers, atomically: true, encoding: .utf8)
        let first = try cli.run(["import", "employers", employers, "--skip-invalid", "--lang", "en"])
        #expect(first.status == 0 && first.stdout.contains("read 3 rows: imported 2, merged with existing records 0, rejected 1"))
        #expect(first.stderr.contains("row 4, 统一社会信用代码 \"91350203M0001QAY9B\""))
        let again = try cli.run(["import", "employers", employers, "--skip-invalid", "--lang", "en"])
        #expect(again.stdout.contains("imported 0, merged with existing records 2"))

        let projects = cli.directory.appendingPathComponent("projects.csv").path
        try """
            工程名称,施工单位,统一社会信用代码,行政区划代码,合同价（元）,开工日期,计划竣工日期,项目状态
            兴平路安置小区二期,甘肃平川建设工程有限公司,91620403MA71XY2Q0J,620403,12000万,2023年9月1日,2025/6/30,在建
            新建学校,某新公司,91440101MA5CJQ4N59,620421,"3,000,000.00",2024-03-05,,在建

            """.write(toFile: projects, atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", "projects", projects, "--lang", "en"])
        #expect(imported.status == 0 && imported.stdout.contains("imported 2"), "\(imported.stderr)")
        let list = try #require(try cli.json(["project", "list"]) as? [[String: Any]])
        let first2 = try #require(list.first { $0["name"] as? String == "兴平路安置小区二期" })
        #expect(first2["contract_price_fen"] as? Int == 12_000_000_000 && first2["start"] as? String == "2023-09-01")
        #expect(first2["planned_completion"] as? String == "2025-06-30" && first2["region_code"] as? String == "620403")
        let employersNow = try #require(try cli.json(["employer", "list"]) as? [[String: Any]])
        #expect(employersNow.count == 3)
        #expect(try cli.run(["import", "projects", projects, "--lang", "en"]).stdout.contains("imported 0, merged with existing records 2"))
    }
}
