import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseImport
import WagecaseSQLite
import WagecaseStore

extension TextEncoding: ExpressibleByArgument {}

extension Wagecase {
    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Bulk import from partner agencies' spreadsheets (CSV in UTF-8 or GBK/GB18030, or XLSX).",
            discussion: """
                Columns are found by their headings (Chinese or English: 姓名, 身份证号/公民身份号码, 联系电话, 用人单位/施工单位, \
                统一社会信用代码, 项目名称, 欠薪金额/拖欠工资, 线索来源, 接收日期/登记日期, 保函编号, 开立银行, 到期日 …) in the \
                first rows, below any title or merged group headings; --mapping names the others. Cells are checked \
                with the same rules as the other commands after full-width characters and surrounding spaces are \
                cleaned; dates may be 2026-03-05, 2026/3/5, 2026年3月5日 or Excel day numbers; amounts 38000, \
                38,000.00元 or 3.8万.

                One file is one transaction: by default any invalid row means nothing is written (exit 2) and --report \
                lists every problem (row, column, value, reason); --skip-invalid imports the valid rows. Interrupting \
                an import (Ctrl-C, kill) leaves the database as it was. Re-importing a file adds nothing: workers are \
                matched by ID number, employers by credit code, projects by employer and name, clues by worker, \
                employer, project, source and date (a clue seen from a second source gains that source).
                """,
            subcommands: [Clues.self, Workers.self, Employers.self, Projects.self, Guarantees.self, History.self])

        struct Clues: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "clues",
                abstract: "Import clues: one row per worker's claim; a crew with the same employer, project, source and date becomes one clue.")
            @OptionGroup var options: ImportOptions
            func run() throws { try options.run(.clues) }
        }

        struct Workers: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "workers", abstract: "Import workers (one per ID number).")
            @OptionGroup var options: ImportOptions
            func run() throws { try options.run(.workers) }
        }

        struct Employers: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "employers", abstract: "Import employers (one per credit code).")
            @OptionGroup var options: ImportOptions
            func run() throws { try options.run(.employers) }
        }

        struct Projects: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "projects",
                abstract: "Import projects (one per employer and name); an employer not on record is added when named.")
            @OptionGroup var options: ImportOptions
            func run() throws { try options.run(.projects) }
        }

        struct Guarantees: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "guarantees",
                abstract: "Import guarantees (deposits, letters, insurance) of projects on record.")
            @OptionGroup var options: ImportOptions
            func run() throws { try options.run(.guarantees) }
        }

        struct History: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "history", abstract: "Imports so far, newest first.")
            @OptionGroup var global: GlobalOptions
            @Option(help: "At most this many (1–10000).") var limit = 50

            func validate() throws {
                guard (1...10_000).contains(limit) else { throw ValidationError(RefusalText.usage("--limit must be between 1 and 10000")) }
            }

            func run() throws {
                try runReporting {
                    let runs = try global.open(.readOnly).importRuns(limit: limit)
                    if global.json { return try Printer.json(runs) }
                    let label = Labels(language: global.lang)
                    var table = TextTable([label("ID"), label("Import kind"), label("File"),
                                           label("Finished"), label("Actor"), label("Read"),
                                           label("Imported"), label("Merged"), label("Rejected"),
                                           "SHA-256"], rightAligned: [0, 5, 6, 7, 8])
                    for run in runs {
                        table.add(["\(run.id)", run.kind.rawValue, run.fileName, run.finishedAt, run.actor,
                                   "\(run.rowsRead)", "\(run.imported)", "\(run.merged)", "\(run.rejected)",
                                   String(run.fileSHA256.prefix(12))])
                    }
                    table.print(emptyMessage: label("No imports yet"))
                }
            }
        }
    }
}

struct ImportOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The .csv or .xlsx file.", valueName: "FILE")) var file: String
    @Option(help: "The worksheet of an .xlsx (default: the first).") var sheet: String?
    @Option(help: "CSV text encoding: auto (UTF-8 when valid, else GB18030), utf-8 or gb18030.")
    var encoding: TextEncoding = .auto
    @Option(help: ArgumentHelp("JSON or YAML file of heading: field pairs for headings not built in; fields: "
        + ImportField.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "FILE"))
    var mapping: String?
    @Option(help: ArgumentHelp("Clue source for rows without one: \(ClueSource.identifiers).", valueName: "SOURCE"))
    var source: String?
    @Flag(name: .customLong("dry-run"), help: "Check every row and report, writing nothing.") var dryRun = false
    @Flag(name: .customLong("skip-invalid"), help: "Import the valid rows and report the others.") var skipInvalid = false
    @Option(help: ArgumentHelp("Write every problem to this CSV (row, column, value, reason).", valueName: "FILE"))
    var report: String?
    @Option(name: .customLong("amount-stands"), help: ArgumentHelp(
        "Clues: a row naming a worker already on a clue with another amount is refused unless this says which "
            + "stands: existing or new.", valueName: "existing|new"))
    var amountStands: ClueIntake.AmountStands?

    func run(_ kind: ImportKind) throws {
        try runReporting {
            let defaultSource = try source.map { s throws(WagecaseError) in try ClueSource.parse(s, field: "source") }
            if sheet != nil && !file.lowercased().hasSuffix(".xlsx") {
                throw ValidationError(RefusalText.usage("--sheet applies to .xlsx files only"))
            }
            let database = try global.open()
            let session = try ImportSession(
                kind: kind, path: file, fileName: URL(fileURLWithPath: file).lastPathComponent, sheet: sheet,
                encoding: encoding, mappingFile: mapping, defaultSource: defaultSource, dryRun: dryRun,
                skipInvalid: skipInvalid, amountStands: amountStands, actor: global.actorName)
            let columns = session.columns

            let report = try report.map { path in try ImportReport(path: path, language: global.lang) }
            var firstIssues: [ImportIssue] = []
            var issueCount = 0
            let progress = ProgressLine(source: session.table)
            let summary = try database.importRows(
                session.request, parser: session.parser, next: session.nextRow,
                onIssue: { issue in
                    issueCount += 1
                    if firstIssues.count < 20 { firstIssues.append(issue) }
                    try report?.add(issue)
                },
                onProgress: progress.update)
            progress.finish()
            try report?.commit()

            if global.json {
                try Printer.json(ImportOutcome(summary: summary, unknownColumns: columns.unknown, issues: issueCount))
            } else {
                ImportSummaryView(summary: summary, unknownColumns: columns.unknown, language: global.lang,
                                  sha256: session.request.fileSHA256).print()
            }
            if report == nil && issueCount > 0 {
                for issue in firstIssues {
                    let place: Phrase = "row \(issue.row), \(issue.column)"
                    FileHandleOutput.stderr("\(place.text(global.lang)) \"\(issue.value)\": \(issue.reason.text(global.lang))")
                }
                if issueCount > firstIssues.count {
                    let more: Phrase = "… \(issueCount - firstIssues.count) more; --report FILE lists them all"
                    FileHandleOutput.stderr(more.text(global.lang))
                }
            }
            if summary.rejected > 0 && !skipInvalid { throw ExitCode(2) }
        }
    }
}

/// `--json` output of an import.
struct ImportOutcome: Encodable {
    let summary: ImportSummary
    let unknownColumns: [String]
    let issues: Int

    enum CodingKeys: String, CodingKey { case summary, unknownColumns = "unknown_columns", issues }
}
