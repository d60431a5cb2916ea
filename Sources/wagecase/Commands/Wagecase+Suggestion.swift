import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct SuggestionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggestion", abstract: "Procuratorial suggestions (检察建议) to agencies, replies and results.",
            subcommands: [Add.self, Reply.self, List.self])
    }
}

extension Wagecase.SuggestionCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a suggestion; the reply is due after the reply period (2 months by default).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Its number (文号), unique.") var number: String
        @Option(help: ArgumentHelp("Date issued.", valueName: "DATE")) var issued: String
        @Option(help: "The agency it is sent to.") var agency: String
        @Option(help: "What it says.") var text: String?
        @Option(name: .customLong("project"), help: ArgumentHelp("A project it is about (repeatable).", valueName: "PROJECT"))
        var projects: [String] = []
        @Option(name: .customLong("guarantee"), help: ArgumentHelp("A guarantee it is about (repeatable).", valueName: "ID"))
        var guarantees: [Int64] = []
        @Option(name: .customLong("reply-months"), help: "Months to reply (default: the suggestion_reply_months setting).")
        var replyMonths: Int?

        func run() throws {
            try runReporting {
                let input = try NewSuggestion(
                    number: number, issued: try LocalDate.parse(issued, field: "issued"), agency: agency, text: text,
                    projects: try projects.map { p throws(WagecaseError) in try ProjectReference.parse(p) },
                    guaranteeIDs: guarantees, replyMonths: replyMonths)
                try SuggestionView(global: global).show([try global.open().addSuggestion(input, actor: global.actorName)])
            }
        }
    }

    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reply",
            abstract: "Record the agency's written reply and what it secured.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Suggestion number or id.") var suggestion: String
        @Option(help: ArgumentHelp("Date of the reply.", valueName: "DATE")) var on: String
        @Option(help: "What the reply says.") var summary: String?
        @Option(help: ArgumentHelp("Deposits secured as a result (抵存/补缴), in yuan.", valueName: "AMOUNT"))
        var secured: String?
        @Option(name: .customLong("letters-renewed"), help: "Guarantee letters renewed as a result.")
        var lettersRenewed: Int = 0
        @Flag(help: "Correct the reply already recorded (the first stays in the audit log); needs --reason.")
        var amend = false
        @Option(help: "Why the recorded reply is being corrected (with --amend).") var reason: String?

        func run() throws {
            try runReporting {
                let reply = try SuggestionReply(
                    replied: try LocalDate.parse(on, field: "on"), summary: summary,
                    secured: try secured.map { a throws(WagecaseError) in try Fen.parse(a, field: "secured") } ?? .zero,
                    lettersRenewed: lettersRenewed)
                let amendReason = try SuggestionRules.amendment(amend: amend, reason: reason)
                try SuggestionView(global: global).show([
                    try global.open().replySuggestion(suggestion, reply, amendReason: amendReason, actor: global.actorName),
                ])
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List suggestions.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Flag(help: "Only those without a reply.") var open = false

        func run() throws {
            try runReporting {
                try SuggestionView(global: global)
                    .show(try global.open().suggestions(openOnly: open, limit: paging.limit, afterID: paging.after))
            }
        }
    }
}

struct SuggestionView {
    let global: GlobalOptions

    func show(_ suggestions: [Suggestion]) throws {
        if global.json { return try Printer.json(suggestions) }
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Number"), label("Issued"), label("Agency"),
                               label("Reply due"), label("Replied"), label("Secured"),
                               label("Renewed")], rightAligned: [6, 7])
        for s in suggestions {
            table.add(["\(s.id)", s.number, s.issued.iso, s.agency, s.replyDue.iso, s.replied?.iso ?? "—",
                       s.secured.yuan, "\(s.lettersRenewed)"])
        }
        table.print(emptyMessage: label("(none)"))
    }
}
