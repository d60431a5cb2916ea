import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct ReferralCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "referral",
            abstract: "Referrals between member units (线索移送、交办), each answered within its working days.",
            discussion: """
                A referral runs from one unit to another: a 12345 work order to the 12309 centre, a petition \
                bureau transfer, a clue the procuratorate sends to the labor inspectorate. The reply is due the \
                given number of working days after the day received (the official calendar; the day received is \
                not counted); past it, `alerts` shows REFERRAL_REPLY_OVERDUE.
                """,
            subcommands: [Add.self, Reply.self, Feedback.self, MakeClue.self, List.self, Show.self])
    }
}

extension ReferralState: ExpressibleByArgument {}

extension ReferralDirection: ExpressibleByArgument {}

extension Wagecase.ReferralCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Record a referral received or sent.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The unit it comes from (code, name or id).", valueName: "UNIT")) var from: String
        @Option(help: ArgumentHelp("The unit it goes to.", valueName: "UNIT")) var to: String
        @Option(help: ArgumentHelp("Date received.", valueName: "DATE")) var received: String
        @Option(help: "What it is about.") var subject: String
        @Option(help: "Its number (工单号, 文号), unique for the sending unit.") var number: String?
        @Option(help: ArgumentHelp("A clue on record it is about.", valueName: "ID")) var clue: Int64?
        @Option(name: .customLong("case"), help: ArgumentHelp("A case it is about.", valueName: "CASE"))
        var wageCase: String?
        @Option(name: .customLong("reply-within"),
                help: ArgumentHelp("Working days to reply (default: the referral_reply_days setting, 15).", valueName: "N"))
        var replyWithin: Int?

        func run() throws {
            try runReporting {
                let input = try NewReferral(
                    fromUnit: from, toUnit: to, received: try LocalDate.parse(received, field: "received"),
                    subject: subject, number: number, clueID: clue, caseReference: wageCase.map(CaseReference.init),
                    replyWithin: replyWithin)
                let database = try global.open()
                try ReferralView(global: global).show([try database.addReferral(input, actor: global.actorName)],
                                                      asOf: database.today)
            }
        }
    }

    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reply", abstract: "Record the receiving unit's reply (答复).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Referral id.") var referral: Int64
        @Option(help: ArgumentHelp("Date of the reply.", valueName: "DATE")) var on: String
        @Option(help: "What was found and done.") var result: String
        @Flag(help: "Correct the reply already recorded (the first stays in the audit log); needs --reason.")
        var amend = false
        @Option(help: "Why the recorded reply is being corrected (with --amend).") var reason: String?

        func run() throws {
            try runReporting {
                let amendReason = try Correction.reason(asked: amend, flag: "amend", reason: reason)
                let database = try global.open()
                try ReferralView(global: global).show([
                    try database.replyReferral(id: referral, on: try LocalDate.parse(on, field: "on"), result: result,
                                               amendReason: amendReason, actor: global.actorName),
                ], asOf: database.today)
            }
        }
    }

    struct Feedback: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feedback",
            abstract: "Record that the petitioner was told of the result (反馈信访人).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Referral id.") var referral: Int64
        @Option(help: ArgumentHelp("Date the petitioner was told.", valueName: "DATE")) var on: String

        func run() throws {
            try runReporting {
                let database = try global.open()
                try ReferralView(global: global).show([
                    try database.referralFeedback(id: referral, on: try LocalDate.parse(on, field: "on"), actor: global.actorName),
                ], asOf: database.today)
            }
        }
    }

    struct MakeClue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clue",
            abstract: "Make the referral a clue in one step: its channel is the referring unit's, its date the referral's.",
            discussion: """
                The workers must be on record (`worker add`). The clue goes through the same intake as `clue add`: \
                the same arrears on an earlier clue is refused unless --merge or --keep-both. The referral then \
                shows the clue's state and its cases' stages and money as they stand.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Referral id.") var referral: Int64
        @Option(help: ArgumentHelp("Employer id or credit code.", valueName: "EMPLOYER")) var employer: String
        @Option(help: ArgumentHelp("Project id or exact name (of that employer).", valueName: "PROJECT"))
        var project: String?
        @Option(name: .customLong("worker"),
                help: ArgumentHelp("A worker and the amount claimed, e.g. 11010519491231002X=3.8万 (repeatable).",
                                   valueName: "ID_NUMBER=AMOUNT"))
        var workers: [String] = []
        @Option(help: ArgumentHelp("The clue's channel, when not the referring unit's: \(ClueSource.identifiers).",
                                   valueName: "SOURCE"))
        var source: String?
        @Option(help: "What the clue says (default: the referral's subject).") var summary: String?
        @Flag(help: "Merge into an existing clue on the same arrears.") var merge = false
        @Flag(name: .customLong("keep-both"), help: "Record separately even if it matches an existing clue.")
        var keepBoth = false

        func validate() throws {
            if merge && keepBoth { throw ValidationError(RefusalText.usage("--merge and --keep-both exclude each other")) }
        }

        func run() throws {
            try runReporting {
                let input = ReferralClue(
                    referralID: referral, employer: try EmployerReference.parse(employer),
                    project: try project.map { p throws(WagecaseError) in try ProjectReference.parse(p) },
                    claims: try workers.map { w throws(WagecaseError) in try ClaimInput.parse(w) },
                    source: try source.map { s throws(WagecaseError) in try ClueSource.parse(s, field: "source") },
                    summary: summary, onDuplicate: merge ? .merge : keepBoth ? .keepBoth : .refuse)
                let database = try global.open()
                let (updated, result) = try database.makeClue(from: input, actor: global.actorName)
                if !result.isNew && !global.json {
                    let label = Labels(language: global.lang)
                    FileHandleOutput.stderr(label("same arrears as clue #\(result.clue.id): merged (\(result.addedWorkers) worker(s) added)"))
                }
                try ReferralView(global: global).show([updated], asOf: database.today)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The referral register, newest first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only referrals from or to this unit.", valueName: "UNIT")) var unit: String?
        @Option(help: ArgumentHelp("in, out or between.", valueName: "DIRECTION")) var direction: ReferralDirection?
        @Option(help: ArgumentHelp("awaiting, overdue, answered or answered-late.", valueName: "STATE"))
        var state: ReferralState?
        @Option(help: ArgumentHelp("As-of date (default today in Asia/Shanghai).", valueName: "DATE")) var on: String?
        @Option(help: "At most this many rows (1–10000).") var limit: Int = 100

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError(RefusalText.usage("--limit must be between 1 and 10000")) }
        }

        func run() throws {
            try runReporting {
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                let database = try global.open(.readOnly)
                let found = try database.referrals(ReferralFilter(unit: unit, direction: direction, state: state,
                                                                  asOf: asOf, limit: limit))
                try ReferralView(global: global).show(found, asOf: asOf ?? database.today)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One referral, its reply and what became of its clue.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Referral id.") var referral: Int64

        func run() throws {
            try runReporting {
                let database = try global.open(.readOnly)
                let r = try database.referral(id: referral)
                if global.json { return try Printer.json(r) }
                let label = Labels(language: global.lang), zh = global.lang == .zh
                let lines: [(Phrase, String)] = [
                    ("Referral", "#\(r.id)\(r.number.map { " \($0)" } ?? "")"),
                    ("From unit", r.fromUnit.name), ("To unit", r.toUnit.name), ("Direction", r.direction.label(global.lang)),
                    ("Received", r.received.iso), ("Subject", r.subject),
                    ("Reply due", r.replyDue.iso + (r.provisional ? "*" : "") + " (" + label("\(String(r.replyWithin)) working days") + ")"),
                    ("State", r.state(asOf: database.today).label(global.lang)),
                    ("Replied", r.replied?.iso ?? "—"), ("Reply", r.replyResult ?? "—"),
                    ("Petitioner told", r.feedback?.iso ?? "—"),
                    ("Clue", r.outcome?.summary(global.lang) ?? r.clueID.map { "#\($0)" } ?? "—"),
                ]
                for (name, value) in lines { Printer.line(label(name) + (zh ? "：" : ": ") + TextField.escaped(value, keepingLineBreaks: true)) }
                for line in r.outcome?.cases ?? [] {
                    Printer.line("  " + TextField.escaped((line.caseNumber ?? "#\(line.caseID)") + "  " + line.workerName) + "  "
                                 + line.stage.label(global.lang) + "  " + line.claimed.yuan + " / " + line.recovered.yuan)
                }
            }
        }
    }
}

struct ReferralView {
    let global: GlobalOptions

    func show(_ referrals: [Referral], asOf: LocalDate) throws {
        if global.json { return try Printer.json(referrals) }
        table(referrals, asOf: asOf)
    }

    func table(_ referrals: [Referral], asOf: LocalDate) {
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Number"), label("From unit"), label("To unit"), label("Received"), label("Subject"),
                               label("Reply due"), label("State"), label("Clue")])
        for r in referrals {
            table.add(["\(r.id)", r.number ?? "", r.fromUnit.name, r.toUnit.name, r.received.iso, r.subject,
                       r.replyDue.iso + (r.provisional ? "*" : ""), r.state(asOf: asOf).label(global.lang),
                       r.clueID.map { "#\($0)" } ?? ""])
        }
        table.print(emptyMessage: label("(none)"))
    }
}
