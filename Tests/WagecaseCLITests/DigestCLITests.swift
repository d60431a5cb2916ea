import Foundation
import GRDB
import Testing

@Suite("wagecase digest")
struct DigestCLITests {
    private func sampleCLI() throws -> CLI { try CLI.sample() }

    /// Each format, for a fixed dataset and as-of date, byte for byte as reviewed. WAGECASE_UPDATE_GOLDEN=1
    /// rewrites the files (then read the diff before committing it); such a run compares nothing, so it fails, and
    /// CI (.ci/run) refuses to start with the switch set.
    @Test(arguments: [
        ("digest-week.zh.txt", ["--week", "--on", "2024-08-26"]),
        ("digest-week.en.txt", ["--week", "--on", "2024-08-26", "--lang", "en"]),
        ("digest-week.zh.md", ["--on", "2024-08-26", "--format", "markdown"]),
        ("digest-week.en.md", ["--on", "2024-08-26", "--format", "markdown", "--lang", "en"]),
        ("digest-week.zh.html", ["--on", "2024-08-26", "--format", "html"]),
        ("digest-week.zh.csv", ["--on", "2024-08-26", "--format", "csv"]),
        ("digest-week.json", ["--on", "2024-08-26", "--format", "json"]),
        ("digest-month.zh.txt", ["--month", "2024-12", "--on", "2024-12-20"]),
        ("digest-month.en.html", ["--month", "2024-12", "--on", "2024-12-20", "--format", "html", "--lang", "en"]),
    ])
    func formatsMatchTheirGoldenFiles(_ name: String, _ arguments: [String]) throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["digest"] + arguments)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        try Golden.expect(result.stdout, matches: name)
    }

    /// `digest --format json` gives the same figures as `stats --json` for the period, the previous period and
    /// the year to date — two commands, one set of numbers.
    @Test(arguments: [["--week", "--on", "2024-12-09"], ["--week", "--on", "2024-09-02"], ["--month", "2024-11", "--on", "2024-11-20"]])
    func digestFiguresEqualStatsForTheSameRanges(_ arguments: [String]) throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let digest = try #require(try cli.json(["digest"] + arguments) as? [String: Any])
        for key in ["current", "previous", "year_to_date"] {
            let figures = try #require(digest[key] as? [String: Any])
            let from = try #require(figures["from"] as? String), to = try #require(figures["to"] as? String)
            let stats = try cli.json(["stats", "--from", from, "--to", to])
            #expect(NSDictionary(dictionary: figures) == NSDictionary(dictionary: stats as! [String: Any]), "\(key) \(from)…\(to)")
        }
        let figures = try #require(digest["figures"] as? [[String: Any]])
        let recovered = try #require(figures.first { $0["key"] as? String == "recovered_fen" })
        #expect(recovered["current"] as? Int == (digest["current"] as? [String: Any])?["recovered_fen"] as? Int)
    }

    /// --out writes the whole report through a temporary file and a rename, prints nothing, leaves no temporary
    /// file; an unwritable path fails with status 1 and says why.
    @Test func outWritesAtomicallyAndQuietly() throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let path = cli.directory.appendingPathComponent("weekly.html").path
        try "old report".write(toFile: path, atomically: false, encoding: .utf8)
        let result = try cli.run(["digest", "--on", "2024-12-09", "--format", "html", "--out", path])
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty)
        let written = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>") && written.hasSuffix("</html>\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        let failed = try cli.run(["digest", "--on", "2024-12-09", "--out", "/nonexistent-dir/weekly.txt"])
        #expect(failed.status == 1 && failed.stderr.contains("/nonexistent-dir/weekly.txt") && failed.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--month", "2024-13"], "month"),
        (["--month", "2024-12", "--week"], "--week or --month"),
        (["--on", "2024-02-30"], "on"),
        (["--format", "pdf"], "format"),
        (["--limit", "0"], "--limit"),
        (["--webhook", "ftp://example.org/robot"], "--webhook"),
        (["--webhook-kind", "slack", "--webhook", "http://127.0.0.1:9/x"], "webhook-kind"),
    ])
    func badArgumentsExit2AndNameTheOption(_ arguments: [String], _ named: String) throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["digest"] + arguments + ["--lang", "en"])
        #expect(result.status == 2 && result.stdout.isEmpty, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(named), "\(result.stderr)")
    }

    @Test func missingDatabaseIsARuntimeError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["digest"])
        #expect(result.status == 1 && result.stdout.isEmpty && !result.stderr.isEmpty)
    }
}

@Suite("contrib/wagecase-digest.sh")
struct DigestCronScriptTests {
    /// The cron wrapper: quiet and 0 when the report is delivered, 2 with a message when misused.
    @Test func cronWrapperIsQuietOnSuccessAndLoudOnMisuse() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["sample"]).status == 0)
        let script = CLI.packageRoot.appendingPathComponent("contrib/wagecase-digest.sh")
        let reports = cli.directory.appendingPathComponent("reports").path
        let environment = ["WAGECASE_DB": cli.databasePath, "WAGECASE_BIN": CLI.binary.path, "WAGECASE_REPORT_DIR": reports]
        let monthly = try CLI.execute(URL(fileURLWithPath: "/bin/sh"), [script.path, "month", "2024-12"], environment: environment)
        #expect(monthly.status == 0 && monthly.stdout.isEmpty && monthly.stderr.isEmpty, "\(monthly.stderr)")
        let html = try String(contentsOfFile: reports + "/digest-month-2024-12.html", encoding: .utf8)
        #expect(html.contains("月小结（2024年12月）"))
        let weekly = try CLI.execute(URL(fileURLWithPath: "/bin/sh"), [script.path, "week"], environment: environment)
        #expect(weekly.status == 0 && weekly.stdout.isEmpty && weekly.stderr.isEmpty, "\(weekly.stderr)")
        let misuse = try CLI.execute(URL(fileURLWithPath: "/bin/sh"), [script.path, "daily"], environment: environment)
        #expect(misuse.status == 2 && misuse.stderr.contains("usage"))
        let nowhere = try CLI.execute(URL(fileURLWithPath: "/bin/sh"), [script.path, "week"],
                                      environment: ["WAGECASE_DB": cli.databasePath, "WAGECASE_BIN": CLI.binary.path,
                                                    "WAGECASE_REPORT_DIR": ""])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("nothing to deliver"))
    }
}

@Suite("Digest beside a writer")
struct DigestBesideAWriterTests {
    /// While another connection holds the write lock mid-transaction (as the server does during a write), the
    /// digest reads the last committed state at once instead of waiting for the lock (busy timeout: 10 s).
    @Test func digestDoesNotWaitForAWriteInProgress() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["sample"]).status == 0)
        let writer = try DatabaseQueue(path: cli.databasePath)
        try writer.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE setting SET value = '3' WHERE key = 'suggestion_reply_months'")
            let started = Date()
            let result = try cli.run(["digest", "--on", "2024-12-09", "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Date().timeIntervalSince(started) < 5, "the digest waited for the writer")
            #expect(result.stdout.contains("\"format_version\" : 2"))
            try db.execute(sql: "ROLLBACK")
        }
    }
}
