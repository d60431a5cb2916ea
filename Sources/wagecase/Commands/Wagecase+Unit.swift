import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct UnitCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unit", abstract: "Member units of the joint work (府检联动成员单位) and their liaisons.",
            subcommands: [Add.self, Change.self, List.self, Show.self])
    }
}

extension UnitKind: ExpressibleByArgument {}

extension Wagecase.UnitCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a member unit.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Its short code, used on the command line (labor, 12345, civil).") var code: String
        @Option(help: "Its name as people read it (平川区人力资源和社会保障局).") var name: String
        @Option(help: ArgumentHelp("What it is: \(UnitKind.identifiers).", valueName: "KIND")) var kind: UnitKind
        @Option(help: "Its liaison (联络员).") var liaison: String?
        @Option(help: "How to reach the liaison (work phone, mail).") var contact: String?

        func run() throws {
            try runReporting {
                let input = try NewMemberUnit(code: code, name: name, kind: kind, liaison: liaison, contact: contact)
                try UnitView(global: global).show([try global.open().addUnit(input, actor: global.actorName)])
            }
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change a unit's liaison or contact (audited).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Unit code, name or id.") var unit: String
        @Option(help: "The new liaison.") var liaison: String?
        @Option(help: "The new contact.") var contact: String?

        func run() throws {
            try runReporting {
                try UnitView(global: global).show([
                    try global.open().updateUnit(unit, liaison: liaison, contact: contact, actor: global.actorName),
                ])
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List member units.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting { try UnitView(global: global).show(try global.open(.readOnly).units()) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A unit's desk: its tasks, referrals waiting for its reply, referrals it sent, its reports.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Unit code, name or id.") var unit: String
        @Option(help: ArgumentHelp("The day the tasks' and referrals' states are read as of (default today in Asia/Shanghai).",
                                   valueName: "DATE")) var on: String?

        func run() throws {
            try runReporting {
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                let database = try global.open(.readOnly)
                let desk = try database.unitDesk(unit, asOf: asOf)
                let day = asOf ?? database.today
                if global.json {
                    return try Printer.json(UnitDeskJSON(unit: desk.unit, mustReport: desk.mustReport, tasks: desk.tasks,
                                                         awaitingReply: desk.awaitingReply, sent: desk.sent,
                                                         reports: desk.reports))
                }
                let label = Labels(language: global.lang)
                try UnitView(global: global).show([desk.unit])
                Printer.line("")
                Printer.line(label("Tasks"))
                TaskView(global: global).table(desk.tasks, asOf: day)
                Printer.line("")
                Printer.line(label("Referrals waiting for its reply"))
                ReferralView(global: global).table(desk.awaitingReply, asOf: day)
                Printer.line("")
                Printer.line(label("Referrals it sent"))
                ReferralView(global: global).table(desk.sent, asOf: day)
                Printer.line("")
                Printer.line(label("Monthly progress reports") + (desk.mustReport ? "" : " " + label("(not asked to report)")))
                ReportView(global: global).table(desk.reports)
            }
        }
    }
}

struct UnitDeskJSON: Encodable {
    var unit: MemberUnit
    var mustReport: Bool
    var tasks: [JointTask]
    var awaitingReply: [Referral]
    var sent: [Referral]
    var reports: [MonthlyReport]

    enum CodingKeys: String, CodingKey {
        case unit, tasks, sent, reports, mustReport = "must_report", awaitingReply = "awaiting_reply"
    }
}

struct UnitView {
    let global: GlobalOptions

    func show(_ units: [MemberUnit]) throws {
        if global.json { return try Printer.json(units) }
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Unit code"), label("Unit"), label("Unit kind"), label("Liaison"), label("Contact")])
        for u in units {
            table.add(["\(u.id)", u.code, u.name, u.kind.label(global.lang), u.liaison ?? "", u.contact ?? ""])
        }
        table.print(emptyMessage: label("(none)"))
    }
}
