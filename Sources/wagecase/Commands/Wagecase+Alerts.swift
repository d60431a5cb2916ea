import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alerts",
            abstract: "What the wage-guarantee rules flag on a date, most urgent first.",
            discussion: """
                Codes: \(AlertCode.allCases.map(\.rawValue).joined(separator: ", ")). \
                Exit status 0 when there is none, 3 when any alert is present (for cron), 1/2 on errors.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("As-of date (default today in Asia/Shanghai).", valueName: "DATE")) var on: String?
        @Option(help: ArgumentHelp("Only this alert code.", valueName: "CODE")) var code: String?
        @Option(help: ArgumentHelp("Only projects whose region code starts with this.", valueName: "CODE"))
        var region: String?
        @OptionGroup var export: ExportOptions

        func run() throws {
            var found = false
            try runReporting {
                // Read through SQLite's page cache, not a map of the file: a list of every alert is written as it is
                // formatted, so what this command holds is the alerts themselves.
                let alerts = try global.open(.readOnly, mapsFile: false).alerts(
                    asOf: try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") },
                    code: try code.map { c throws(WagecaseError) in try AlertCode.parse(c) },
                    region: try region.map { r throws(WagecaseError) in try RegionPrefix.parse(r) })
                found = !alerts.isEmpty
                if global.json { return try Printer.jsonArray(alerts) }
                let label = Labels(language: global.lang)
                let headers = [label("Code"), label("Severity"), label("Region"), label("Project"), label("Record"),
                               label("Due"), label("Days"), label("Detail")]
                let (guarantee, suggestion, referral, task, cases, overdue) = (
                    label("guarantee"), label("suggestion"), label("referral"), label("task"), label("cases"), label("overdue "))
                let cells = { (a: Alert) -> [String] in
                    let record = [a.guaranteeID.map { guarantee + " #\($0)" },
                                  a.suggestionID.map { suggestion + " #\($0)" },
                                  a.referralID.map { referral + " #\($0)" },
                                  a.taskID.map { task + " #\($0)" },
                                  a.referralID == nil && a.taskID == nil ? a.unitName : nil,
                                  a.caseIDs.isEmpty ? nil : cases + " " + a.caseIDs.map { "#\($0)" }
                                      .joined(separator: ",")].compactMap { $0 }.joined(separator: " ")
                    let days = a.daysLeft.map { $0 < 0 ? overdue + "\(-$0)" : "\($0)" } ?? ""
                    // Chinese reads the rule's name; English keeps the code scripts match on.
                    let code = global.lang == .zh ? a.code.label(.zh) : a.code.rawValue
                    return [code, a.severity.label(global.lang), a.regionCode ?? "",
                            a.projectName.map { "\($0) (#\(a.projectID.map(String.init) ?? ""))" } ?? "", record,
                            a.due?.iso ?? "", days + (a.provisional ? "*" : ""), global.lang == .zh ? a.detail : a.detailEn]
                }
                if export.format != "table" {
                    var table = TextTable(headers, rightAligned: [6])
                    for alert in alerts { table.add(cells(alert)) }
                    return try export.emit(table, emptyMessage: label("no alerts"), sheet: label("Alert list"))
                }
                // A hundred thousand alerts are written as they are formatted, never held as one text.
                TextTable.stream(headers, rightAligned: [6], items: alerts, emptyMessage: label("no alerts"), cells: cells)
                if alerts.contains(where: \.provisional) {
                    Printer.line(label("* provisional: the due date involves a year with no published holiday schedule"))
                }
            }
            if found { throw ExitCode(3) }
        }
    }
}
