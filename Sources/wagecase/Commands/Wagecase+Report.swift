import Foundation
import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct ReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Monthly progress reports to the lead department (每月25日前报送当月工作进展).",
            discussion: """
                The units that must report are the monthly_report_units setting (unit codes). A month's report \
                is due on monthly_report_day (25); when that is not a working day, monthly_report_day_rule says \
                which day counts: before (the last working day before it, the default), after, or calendar. From \
                the day after, a missing report is MONTHLY_REPORT_MISSING in `alerts`.
                """,
            subcommands: [Submit.self, Status.self, List.self])
    }
}

extension Wagecase.ReportCommand {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Submit a unit's progress for a month; a second text for the month needs --reason.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The reporting unit (code, name or id).", valueName: "UNIT")) var unit: String
        @Option(help: ArgumentHelp("The month reported on.", valueName: "YYYY-MM")) var month: String
        @Option(help: "The report's text.") var text: String?
        @Option(help: ArgumentHelp("The report as a text file (UTF-8 or GB18030).", valueName: "FILE")) var file: String?
        @Option(help: ArgumentHelp("Date received (default today).", valueName: "DATE")) var on: String?
        @Option(help: "Why this replaces a report already submitted for the month.") var reason: String?

        func validate() throws {
            if (text == nil) == (file == nil) { throw ValidationError(RefusalText.usage("give --text or --file, one of them")) }
        }

        func run() throws {
            try runReporting {
                let body = try text ?? FileOutput.readText(file ?? "", field: "file")
                let input = try NewMonthlyReport(
                    unit: unit, month: try ReportMonth.parse(month), text: body,
                    fileName: file.map { ($0 as NSString).lastPathComponent },
                    submitted: try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }, reason: reason)
                let report = try global.open().submitReport(input, actor: global.actorName)
                if global.json { return try Printer.json(report) }
                ReportView(global: global).table([report])
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Who has and has not reported a month, and the texts (the lead department's view).")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The month (default: this month).", valueName: "YYYY-MM")) var month: String?
        @Option(help: ArgumentHelp("As-of date (default today in Asia/Shanghai).", valueName: "DATE")) var on: String?
        @Flag(help: "Print each report's text.") var texts = false

        func run() throws {
            try runReporting {
                let database = try global.open(.readOnly)
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") } ?? database.today
                let reportMonth = try month.map { m throws(WagecaseError) in try ReportMonth.parse(m) } ?? ReportMonth(of: asOf)
                let roll = try database.reportRoll(month: reportMonth, asOf: asOf)
                if global.json { return try Printer.json(roll) }
                let label = Labels(language: global.lang)
                Printer.line(label("Progress reports for \(roll.month.label(global.lang)), due \(roll.due.iso)")
                             + (roll.provisional ? "*" : ""))
                var table = TextTable([label("Unit"), label("State"), label("Submitted")])
                for line in roll.lines {
                    table.add([line.unit.name, line.standing.label(global.lang), line.submitted?.iso ?? ""])
                }
                table.print(emptyMessage: label("no unit is asked to report (setting monthly_report_units)"))
                if texts {
                    for report in roll.reports {
                        Printer.line("")
                        Printer.line("## " + TextField.escaped(report.unit.name) + "（\(report.submitted.iso)）")
                        Printer.line(TextField.escaped(report.text, keepingLineBreaks: true))
                    }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Reports submitted, newest month first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this unit's.", valueName: "UNIT")) var unit: String?
        @Option(help: ArgumentHelp("Only this month's.", valueName: "YYYY-MM")) var month: String?
        @Flag(name: .customLong("all-versions"), help: "Every version, not only the latest.") var allVersions = false

        func run() throws {
            try runReporting {
                let reports = try global.open(.readOnly).reports(
                    unit: unit, month: try month.map { m throws(WagecaseError) in try ReportMonth.parse(m) },
                    allVersions: allVersions, limit: 10_000)
                if global.json { return try Printer.json(reports) }
                ReportView(global: global).table(reports)
            }
        }
    }
}

struct ReportView {
    let global: GlobalOptions

    func table(_ reports: [MonthlyReport]) {
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Unit"), label("Month"), label("Version"), label("Submitted"), label("Report")],
                              rightAligned: [3])
        for r in reports {
            let firstLine = r.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            table.add(["\(r.id)", r.unit.name, r.month.iso, "\(r.version)", r.submitted.iso,
                       firstLine.count > 40 ? String(firstLine.prefix(40)) + "…" : firstLine])
        }
        table.print(emptyMessage: label("(none)"))
    }
}
