import ArgumentParser
import WagecaseCore
import WagecaseStore

extension Wagecase {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit log: who changed what and when, with fields before and after.",
            discussion: "ID numbers and bank cards appear masked in the log; reveals are listed as 'reveal'.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Entries at or after this date or timestamp (Asia/Shanghai).", valueName: "WHEN"))
        var since: String?
        @Option(help: ArgumentHelp("Only changes to this table.", valueName: "TABLE")) var table: String?
        @Option(help: "At most this many entries (oldest first, 1–100000).") var limit: Int = 200

        func validate() throws {
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 100000") }
        }

        func run() throws {
            try runReporting {
                if let since, LocalDate.parseISO(String(since.prefix(10))) == nil {
                    throw WagecaseError.invalidField(field: "since", value: since, reason: "is not a date or timestamp",
                                                     allowed: "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
                }
                let entries = try global.open(.readOnly).auditEntries(since: since, table: table, limit: limit)
                if global.json { return try Printer.json(entries) }
                let label = Labels(language: global.lang)
                var rows = TextTable([label("时间", "At"), label("操作人", "Actor"), label("操作", "Action"),
                                      label("表", "Table"), "ID", label("变更", "Change")])
                for e in entries {
                    let change = [e.before.map { "before \($0)" }, e.after.map { "after \($0)" },
                                  e.reason.map { "reason: \($0)" }].compactMap { $0 }.joined(separator: " ")
                    rows.add([e.at, e.actor, e.action, e.table, e.recordID.map { "\($0)" } ?? "", change])
                }
                rows.print(emptyMessage: label("（无）", "(none)"))
            }
        }
    }
}
