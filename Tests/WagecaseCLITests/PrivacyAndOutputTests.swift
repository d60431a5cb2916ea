import Foundation
import Testing
import WagecaseCore
@testable import wagecase

@Suite("Privacy, overrides and output")
struct PrivacyAndOutputTests {
    @Test func idNumbersAndCardsAreMaskedUnlessRevealedAndRevealsAreAudited() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        let added = try cli.run(["worker", "add", "--name", "张三", "--id-number", "11010519491231002X",
                                 "--bank-card", "6228 4804 3911 0012 341", "--json"])
        #expect(added.status == 0)
        #expect(!added.stdout.contains("11010519491231002X") && added.stdout.contains("110105********002X"))
        #expect(added.stdout.contains("***************2341"))
        for arguments in [["worker", "list"], ["worker", "show", "1"], ["worker", "list", "--json"]] {
            // The listing worked and shows the worker, masked: an empty or failed output would hide nothing.
            let result = try cli.run(arguments)
            #expect(result.status == 0 && result.stdout.contains("张三"), "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("110105********002X"), "\(arguments)")
            #expect(!result.stdout.contains("11010519491231002X") && !result.stderr.contains("11010519491231002X"), "\(arguments)")
            #expect(!result.stdout.contains("6228480439110012341"), "\(arguments)")
        }
        // A reveal states why; without a reason nothing is shown and nothing is audited.
        let auditBefore = try #require(try cli.json(["audit"]) as? [[String: Any]]).count
        let unexplained = try cli.run(["worker", "show", "1", "--reveal", "--lang", "en"])
        #expect(unexplained.status == 2 && unexplained.stderr.contains("reason") && unexplained.stdout.isEmpty)
        #expect(try #require(try cli.json(["audit"]) as? [[String: Any]]).count == auditBefore)
        let revealed = try cli.run(["worker", "show", "11010519491231002X", "--reveal", "--reason", "制作支持起诉书",
                                    "--actor", "检察官甲"])
        #expect(revealed.status == 0)
        #expect(revealed.stdout.contains("11010519491231002X") && revealed.stdout.contains("6228480439110012341"))
        let audit = try #require(try cli.json(["audit"]) as? [[String: Any]])
        let reveal = try #require(audit.last)
        #expect(reveal["action"] as? String == "reveal" && reveal["actor"] as? String == "检察官甲")
        #expect(reveal["reason"] as? String == "制作支持起诉书")
        #expect(reveal["table"] as? String == "worker" && (reveal["record_id"] as? NSNumber)?.intValue == 1)
        // The audit log itself never holds the full number.
        let log = try cli.run(["audit", "--json"])
        #expect(log.status == 0 && log.stdout.contains("110105********002X"), "\(log.stderr)")
        #expect(!log.stdout.contains("11010519491231002X"))
    }

    @Test func listsExportToCSVAndXLSXAsShownAndSearchShowsNumbersMasked() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["sample"]).status == 0)
        let csv = try cli.run(["case", "list", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("\u{FEFF}ID,案号,农民工,用人单位"), "\(csv.stderr)")
        #expect(csv.stdout.components(separatedBy: "\r\n").count > 20)
        let alerts = try cli.run(["alerts", "--on", "2025-01-15", "--format", "csv"])
        #expect(alerts.status == 3 && alerts.stdout.hasPrefix("\u{FEFF}") && alerts.stdout.contains("保函"))
        let out = cli.directory.appendingPathComponent("guarantees.xlsx").path
        let xlsx = try cli.run(["guarantee", "list", "--format", "xlsx", "--out", out])
        #expect(xlsx.status == 0 && xlsx.stdout.isEmpty)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // a ZIP package
        // An XLSX goes to a file; --out only with an export; an unknown format named.
        #expect(try cli.run(["clue", "list", "--format", "xlsx"]).status == 2)
        #expect(try cli.run(["clue", "list", "--out", out]).status == 2)
        #expect(try cli.run(["clue", "list", "--format", "pdf"]).status == 2)
        // Search by the last four of an ID number shows the worker masked; a whole number finds the same worker.
        let found = try cli.run(["search", "6761"])
        #expect(found.status == 0 && found.stdout.contains("620403********6761") && !found.stdout.contains("620403198203136761"))
        #expect(try cli.run(["search", "620403198203136761"]).stdout.contains("620403********6761"))
    }

    @Test func checksumOverrideIsStoredAndAudited() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        let result = try cli.run(["worker", "add", "--name", "笔误", "--id-number", "110105194912310020",
                                  "--override-reason", "劳动合同上即为此号", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("劳动合同上即为此号"))
        let audit = try cli.run(["audit", "--json"]).stdout
        #expect(audit.contains("劳动合同上即为此号"))
    }

    @Test func createdRecordsPrintTheirIDAsJSON() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        let employer = try #require(try cli.json(["employer", "add", "--name", "某公司", "--credit-code",
                                                  "91350200776049653A", "--kind", "subcontractor"]) as? [String: Any])
        #expect(employer["id"] as? Int == 1 && employer["kind"] as? String == "subcontractor")
        let project = try #require(try cli.json(["project", "add", "--name", "某项目", "--employer",
                                                 "91350200776049653A"]) as? [String: Any])
        #expect(project["id"] as? Int == 1 && project["employer_id"] as? Int == 1)
    }

    @Test func parsingUsesTheDeclaredTree() throws {
        let command = try Wagecase.parseAsRoot(["case", "advance", "C-1", "--to", "settled", "--on", "2024-03-01",
                                                "--db", "x.sqlite", "--lang", "en"])
        let advance = try #require(command as? Wagecase.CaseCommand.Advance)
        #expect(advance.caseReference == "C-1" && advance.to == "settled" && advance.global.db == "x.sqlite")
        #expect(advance.global.lang == .en)
    }

    /// --merge and --keep-both exclude each other. The command line is complete otherwise (it parses without the
    /// pair, and with either flag alone), so the refusal can only be the exclusion, and it names both flags: when
    /// parsed, and from the binary (exit 2, nothing written).
    @Test func mergeAndKeepBothExcludeEachOther() throws {
        let complete = ["clue", "add", "--source", "petition", "--received", "2026-03-05",
                        "--employer", "91350200776049653A", "--worker", "11010519491231002X=100"]
        for flags in [[], ["--merge"], ["--keep-both"]] {
            #expect(try Wagecase.parseAsRoot(complete + flags) is Wagecase.ClueCommand.Add, "\(flags)")
        }
        do {
            _ = try Wagecase.parseAsRoot(complete + ["--merge", "--keep-both"])
            Issue.record("--merge with --keep-both was accepted")
        } catch {
            let message = Wagecase.message(for: error)
            // In the run's language: Chinese unless --lang en (this process has no --lang).
            #expect(message.contains("--merge") && message.contains("--keep-both") && message.contains("只能二选一"),
                    "\(message)")
        }

        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["employer", "add", "--name", "某公司", "--credit-code", "91350200776049653A"]).status == 0)
        #expect(try cli.run(["worker", "add", "--name", "张三", "--id-number", "11010519491231002X"]).status == 0)
        let before = try cli.contentDigest()
        let refused = try cli.run(complete + ["--merge", "--keep-both"])
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        let firstLine = refused.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.contains("--merge") && firstLine.contains("--keep-both") && firstLine.contains("只能二选一"),
                "\(refused.stderr)")
        let english = try cli.run(complete + ["--merge", "--keep-both", "--lang", "en"])
        #expect(english.status == 2 && english.stderr.contains("--merge and --keep-both exclude each other"),
                "\(english.stderr)")
        #expect(!refused.stderr.contains("Missing expected argument"))
        #expect(try cli.contentDigest() == before)
    }

    @Test func tablesAlignChineseText() {
        var table = TextTable(["名称", "N"], rightAligned: [1])
        table.add(["平检民支〔2024〕1号", "1"])
        table.add(["ab", "22"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(Set(lines.map(DisplayWidth.of)).count == 1)
    }

    @Test func aTableIsItsCellsPaddedToTheWidestAndTrimmed() {
        let rows = [["平检民支〔2024〕1号", "1", ""], ["ab", "22", "尾"], ["\u{202E}x", "333", " "]]
        var table = TextTable(["名称", "N", "备注"], rightAligned: [1])
        for row in rows { table.add(row) }
        // The table written by hand: every cell escaped, padded to its column's widest, blanks at a line's end cut.
        let cells = [["名称", "N", "备注"]] + rows.map { $0.map { TextField.escaped($0) } }
        let widths = (0..<3).map { column in cells.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            var text = row.enumerated().map { index, cell in
                index == 1 ? DisplayWidth.padLeft(cell, to: widths[index]) : DisplayWidth.pad(cell, to: widths[index])
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        let expected = ([line(cells[0]), line(widths.map { String(repeating: "-", count: $0) })] + cells.dropFirst().map(line))
            .joined(separator: "\n")
        #expect(table.render() == expected)
        var bytes: [UInt8] = []
        TextTable.write(headers: table.headers, rightAligned: [1], rows: rows, cells: TextTable.cells) { bytes += $0 }
        #expect(String(decoding: bytes, as: UTF8.self) == expected + "\n")
    }

    @Test func aStreamedTableIsTheTableUntilALaterCellIsWider() throws {
        let headers = ["名称", "N", "备注"]
        let rows = (0..<1_200).map { ["工人\($0 % 7)", "\($0)", $0 % 3 == 0 ? "欠\u{202E}薪" : "note"] }
        func streamed(_ rows: [[String]]) -> String {
            var bytes: [UInt8] = []
            var stream = TextTable.Stream(headers, rightAligned: [1], to: { bytes += $0 })
            for row in rows { stream.add(row) }
            stream.finish(emptyMessage: "none")
            return String(decoding: bytes, as: UTF8.self)
        }
        // Up to the first thousand rows it is the table, escaped and aligned alike.
        for count in [1, 5, TextTable.Stream.firstRows] {
            var table = TextTable(headers, rightAligned: [1])
            for row in rows.prefix(count) { table.add(row) }
            #expect(streamed(Array(rows.prefix(count))) == table.render() + "\n")
        }
        // After them a wider cell widens its column from its own line on; the lines before keep their widths.
        var wider = Array(rows.prefix(1_100))
        wider[1_050][0] = "一个名字很长很长的工人"
        let lines = streamed(wider).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 2 + 1_100 + 1)
        #expect(lines[2 + 1_049] == "工人\(1_049 % 7)  1049  note")
        #expect(lines[2 + 1_050] == "一个名字很长很长的工人  1050  欠\\u{202E}薪")
        let widened = DisplayWidth.of("一个名字很长很长的工人") - DisplayWidth.of("工人1")
        #expect(lines[2 + 1_051] == "工人\(1_051 % 7)" + String(repeating: " ", count: widened + 2) + "1051  note")
        #expect(streamed([]) == "none\n")
    }

    @Test func aStreamedJSONArrayIsTheEncodersText() throws {
        struct Item: Encodable { let name: String, amount: Int64, tags: [String], nested: [String: Int]? }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for items in [[], [Item(name: "张三\n/", amount: 1, tags: [], nested: nil)],
                      (0..<5).map { Item(name: "工人\($0)", amount: Int64($0), tags: ["a", "b"], nested: ["k": $0]) }] {
            var streamed = ""
            try Printer.jsonArray(items, to: { streamed += $0 })
            #expect(streamed == String(decoding: try encoder.encode(items), as: UTF8.self) + "\n")
        }
        // Alerts write themselves: the same text.
        let alert = Alert.kept(.guaranteeExpired, regionCode: "620402", projectID: 7, projectName: "项目 \"甲\"",
                               guaranteeID: 9, due: LocalDate(year: 2025, month: 3, day: 1)!, provisional: false,
                               detail: "保函已于2025-03-01到期\n", detailEn: "ended", asOf: LocalDate(year: 2025, month: 3, day: 10)!)
        for alerts in [[], [alert], [alert, alert, alert]] {
            var streamed = ""
            var array = Printer.JSONArrayStream(to: { streamed += $0 })
            for alert in alerts { array.add(writing: alert) }
            array.finish()
            #expect(streamed == String(decoding: try encoder.encode(alerts), as: UTF8.self) + "\n")
        }
    }
}
