import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseImport
import WagecaseSQLite
import WagecaseStore

extension DatasetKind: ExpressibleByArgument {}

extension Wagecase {
    struct DatasetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dataset",
            abstract: "Partner agencies' data for the supervision models (大数据法律监督): load and list.",
            subcommands: [Import.self, List.self])
    }
}

extension Wagecase.DatasetCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load a partner's file (CSV in UTF-8 or GBK/GB18030, or XLSX) as a dataset of KIND.",
            discussion: """
                KIND: arbitration-awards (仲裁文书号, 申请人姓名, 申请人身份证号, 被申请人, 被申请人统一社会信用代码, 项目名称, \
                裁决金额, 生效日期, 履行状态, 已履行金额), court-judgments (案号, 原告姓名, 原告身份证号, 被告, \
                被告统一社会信用代码, 判决金额, 生效日期, 执行状态, 执行到位金额), complaints (工单号, 渠道, 受理日期, 诉求人姓名, \
                诉求人身份证号, 联系电话, 被反映单位, 统一社会信用代码, 项目名称, 诉求内容, 涉及人数, 涉及金额), \
                construction-permits (许可证编号, 项目名称, 施工单位, 施工单位统一社会信用代码, 合同价款, 发证日期, \
                计划竣工日期, 行政区划代码), payroll-transfers (项目名称, 施工单位统一社会信用代码, 发放月份, 发放人数, 发放金额).

                Headings are found below any title rows; --mapping names others (fields: \
                \(DatasetField.allCases.filter { $0 != .unpaid }.map(\.rawValue).joined(separator: ", "))). Cells are \
                cleaned and checked (amounts like 3.8万, dates like 2026年3月5日); each row keeps the file's cells beside \
                the cleaned values. The same file loaded again adds nothing; a newer file's row with the same 文书号, \
                案号, 工单号 or 许可证编号 (payroll: project and month) replaces the older row for the models, which keep \
                it. One file is one transaction: an invalid row refuses the file (exit 2) unless --skip-invalid.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("What the file holds: \(DatasetKind.identifiers).", valueName: "KIND"))
        var kind: DatasetKind
        @Argument(help: ArgumentHelp("The .csv or .xlsx file.", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("The unit that sent it (报送单位), e.g. 区劳动人事争议仲裁院.", valueName: "NAME"))
        var unit: String?
        @Option(help: "The worksheet of an .xlsx (default: the first).") var sheet: String?
        @Option(help: "CSV text encoding: auto (UTF-8 when valid, else GB18030), utf-8 or gb18030.")
        var encoding: TextEncoding = .auto
        @Option(help: ArgumentHelp("JSON or YAML file of heading: field pairs for headings not built in.", valueName: "FILE"))
        var mapping: String?
        @Flag(name: .customLong("dry-run"), help: "Check every row and report, loading nothing.") var dryRun = false
        @Flag(name: .customLong("skip-invalid"), help: "Load the valid rows and report the others.") var skipInvalid = false
        @Option(help: ArgumentHelp("Write every problem to this CSV (row, column, value, reason).", valueName: "FILE"))
        var report: String?

        func run() throws {
            try runReporting {
                if sheet != nil && !file.lowercased().hasSuffix(".xlsx") {
                    throw ValidationError(RefusalText.usage("--sheet applies to .xlsx files only"))
                }
                let database = try global.open()
                let session = try DatasetSession(kind: kind, path: file, unit: unit, sheet: sheet, encoding: encoding,
                                                 mappingFile: mapping, dryRun: dryRun, skipInvalid: skipInvalid,
                                                 actor: global.actorName)
                let report = try report.map { path in try ImportReport(path: path, language: global.lang) }
                var shown = 0
                var issues = 0
                var rows = 0
                let progress = ProgressLine(source: session.table)
                let load = try database.loadDataset(session.request, rows: {
                    rows += 1
                    if rows % 4096 == 0 { progress.update(rows) }
                    return try session.nextRow()
                }, onIssue: { issue in
                    issues += 1
                    try report?.add(issue)
                    guard shown < 20, report == nil else { return }
                    shown += 1
                    let place: Phrase = "row \(issue.row), \(issue.column)"
                    FileHandleOutput.stderr("\(place.text(global.lang)) \"\(issue.value)\": \(issue.reason.text(global.lang))")
                })
                progress.finish()
                try report?.commit()
                if global.json { return try Printer.json(load) }
                let label = Labels(language: global.lang)
                if load.alreadyLoaded {
                    return Printer.line(label("\(load.fileName) was loaded before as dataset #\(load.id ?? 0); nothing added"))
                }
                let verb: Phrase = load.dryRun ? "Checked (dry run, nothing loaded)" : "Loaded"
                Printer.line("\(label(verb)): \(load.kind.label(global.lang)) · \(load.fileName) · SHA-256 \(load.sha256.prefix(12))")
                Printer.line(label("rows \(load.rowsRead), loaded \(load.imported), replacing \(load.superseded) older, invalid \(load.rejected)"))
                if !session.columns.unknown.isEmpty {
                    Printer.line(label("columns not used: \(session.columns.unknown.joined(separator: ", "))"))
                }
                if issues > shown && report == nil {
                    FileHandleOutput.stderr(label("… \(issues - shown) more; --report FILE lists them all"))
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Datasets loaded, newest first.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let datasets = try global.open(.readOnly).datasets()
                if global.json { return try Printer.json(datasets) }
                let label = Labels(language: global.lang)
                var table = TextTable([label("ID"), label("Dataset"), label("Sent by"), label("File"), label("Rows"),
                                       label("Current"), label("Invalid"), label("Loaded"), label("Actor"), "SHA-256"],
                                      rightAligned: [0, 4, 5, 6])
                for d in datasets {
                    table.add(["\(d.id)", d.kind.label(global.lang), d.unit ?? "", d.fileName, "\(d.rows)", "\(d.current)",
                               "\(d.rejected)", d.loadedAt, d.loadedBy, String(d.sha256.prefix(12))])
                }
                table.print(emptyMessage: label("No datasets loaded"))
            }
        }
    }
}
