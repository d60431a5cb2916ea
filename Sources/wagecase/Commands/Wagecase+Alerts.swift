import ArgumentParser
import WagecaseCore
import WagecasePostgres
import WagecaseReports
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Alerts: AsyncParsableCommand {
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

        func run() async throws {
            var found = false
            try await runReportingAsync {
                // SQLite: read through the page cache, not a map of the file. PostgreSQL: one READ ONLY snapshot
                // (a replica serves it), the kept alerts through server-side cursors. Either way the list is
                // written as it is read: this command holds a page of alerts, never the list.
                let file = global.isPostgres ? nil : try global.open(.readOnly, mapsFile: false)
                let server = global.isPostgres
                    ? try await PostgresDatabase.open(try global.postgresLocation(), migrate: false) : nil
                defer { server?.close() }
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                let code = try code.map { c throws(WagecaseError) in try AlertCode.parse(c) }
                let region = try region.map { r throws(WagecaseError) in try RegionPrefix.parse(r) }
                // A table shows the words of one language (JSON carries both): the other's are not read.
                let words: AlertWords = global.json ? .both : global.lang == .zh ? .chinese : .english
                func forEach(_ body: (Alert) throws -> Void) async throws {
                    if let server {
                        return try await server.forEachAlert(asOf: asOf, code: code, region: region, words: words) { alert in
                            found = true
                            try body(alert)
                        }
                    }
                    guard let file else { return }
                    // Read on one thread and written on this one (BatchPipe): the reading is most of the time, and
                    // the formatting no longer waits for it nor it for the formatting.
                    try BatchPipe<Alert>.stream(read: { yield in
                        try file.forEachAlert(asOf: asOf, code: code, region: region, words: words, yield)
                    }, write: { alert in
                        found = true
                        try body(alert)
                    })
                }
                if global.json {
                    var array = Printer.JSONArrayStream()
                    try await forEach { array.add(writing: $0) }
                    return array.finish()
                }
                // Read once: an option's value is looked up anew at each read, and a list reads them per alert.
                let language = global.lang
                let label = Labels(language: language)
                let headers = [label("Code"), label("Severity"), label("Region"), label("Project"), label("Record"),
                               label("Due"), label("Days"), label("Detail")]
                let (guarantee, suggestion, referral, task, cases, overdue) = (
                    label("guarantee"), label("suggestion"), label("referral"), label("task"), label("cases"), label("overdue "))
                // An arrears alert names every open case of its project: built in one string, not one per case.
                func caseList(_ ids: [Int64]) -> String {
                    var text = cases + " "
                    text.reserveCapacity(text.utf8.count + ids.count * 9)
                    for (index, id) in ids.enumerated() {
                        text += index == 0 ? "#" : ",#"
                        text += String(id)
                    }
                    return text
                }
                let cells = { (a: Alert) -> [String] in
                    // The record's parts, each after a blank but the first.
                    var record = ""
                    func add(_ part: String) { record += record.isEmpty ? part : " " + part }
                    if let id = a.guaranteeID { add(guarantee + " #" + String(id)) }
                    if let id = a.suggestionID { add(suggestion + " #" + String(id)) }
                    if let id = a.referralID { add(referral + " #" + String(id)) }
                    if let id = a.taskID { add(task + " #" + String(id)) }
                    if a.referralID == nil && a.taskID == nil, let unit = a.unitName { add(unit) }
                    if !a.caseIDs.isEmpty { add(caseList(a.caseIDs)) }
                    var days = a.daysLeft.map { $0 < 0 ? overdue + String($0.magnitude) : String($0) } ?? ""
                    if a.provisional { days += "*" }
                    // Chinese reads the rule's name; English keeps the code scripts match on.
                    let code = language == .zh ? a.code.label(.zh) : a.code.rawValue
                    return [code, a.severity.label(language), a.regionCode ?? "",
                            a.projectName.map { $0 + " (#" + (a.projectID.map(String.init) ?? "") + ")" } ?? "", record,
                            a.due?.iso ?? "", days, language == .zh ? a.detail : a.detailEn]
                }
                if export.format != "table" {
                    var table = TextTable(headers, rightAligned: [6])
                    try await forEach { table.add(cells($0)) }
                    return try export.emit(table, emptyMessage: label("no alerts"), sheet: label("Alert list"))
                }
                // A hundred thousand alerts are written as they are read and formatted, never held.
                var table = TextTable.Stream(headers, rightAligned: [6])
                var provisional = false
                try await forEach { alert in
                    provisional = provisional || alert.provisional
                    table.add(cells(alert))
                }
                table.finish(emptyMessage: label("no alerts"))
                if provisional {
                    Printer.line(label("* provisional: the due date involves a year with no published holiday schedule"))
                }
            }
            if found { throw ExitCode(3) }
        }
    }
}
