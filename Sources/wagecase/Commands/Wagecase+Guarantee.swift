import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct GuaranteeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "guarantee",
            abstract: "Wage guarantees (农民工工资保证金): cash deposits, guarantee letters, guarantee insurance.",
            discussion: "Balance and status are derived from the events; they are never typed in.",
            subcommands: [Add.self, Event.self, Show.self, List.self])
    }
}

extension Wagecase.GuaranteeCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a project's guarantee; it is lodged on its effective date for its amount.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Project id or exact name.", valueName: "PROJECT")) var project: String
        @Option(help: ArgumentHelp("One of: \(GuaranteeKind.identifiers).", valueName: "KIND")) var kind: String
        @Option(help: ArgumentHelp("Amount in yuan.", valueName: "AMOUNT")) var amount: String
        @Option(help: "Bank, guarantee company or insurer.") var issuer: String?
        @Option(help: ArgumentHelp("Letter or policy number (保函编号).", valueName: "NUMBER")) var document: String?
        @Option(help: ArgumentHelp("Effective (or deposit) date.", valueName: "DATE")) var effective: String
        @Option(help: ArgumentHelp("End date of a letter or policy (not for cash).", valueName: "DATE")) var ends: String?
        @Option(name: .customLong("override-reason"),
                help: "Why a letter valid less than a year or than the contract period is recorded all the same (Art. 17).")
        var overrideReason: String?

        func run() throws {
            try runReporting {
                let input = try NewGuarantee(
                    project: try ProjectReference.parse(project), kind: try GuaranteeKind.parse(kind, field: "kind"),
                    amount: try Fen.parse(amount, field: "amount"), issuer: issuer, documentNumber: document,
                    effective: try LocalDate.parse(effective, field: "effective"),
                    ends: try ends.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "ends") },
                    validityOverride: overrideReason)
                try GuaranteeListView(global: global).show(try global.open().addGuarantee(input, actor: global.actorName))
            }
        }
    }

    struct Event: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "event",
            abstract: "Add an event to a guarantee's history.",
            discussion: """
                drawn (the payment notice, Art. 19): --amount and --notice (payment notice number), optionally --order \
                and --order-due (the order to pay it follows) and --paid-on (when the bank paid, if it has), and --case \
                for each case it paid (CASE for one case taking the whole draw, CASE=AMOUNT for each of several; each \
                paid case gets a recovery by route guarantee-draw); bank-paid: --notice (the bank must pay within 5 \
                working days); replenished: --amount (within 10 working days of each draw, oldest draw first); \
                renewed: --ends; replaced: --document, optionally --ends and --amount. A return, in the order of \
                Art. 22: notice-started (the project completed; a 30-day public notice), return-requested (the written \
                application, once the notice is over), then returned (the confirmation) or arrears-notified (the \
                review found arrears, said in writing).
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Guarantee id.") var guarantee: Int64
        @Option(help: ArgumentHelp("drawn, bank-paid, replenished, renewed, replaced, notice-started, return-requested, arrears-notified, returned.",
                                   valueName: "KIND"))
        var kind: String
        @Option(help: ArgumentHelp("Date of the event.", valueName: "DATE")) var on: String
        @Option(help: ArgumentHelp("Amount in yuan.", valueName: "AMOUNT")) var amount: String?
        @Option(help: ArgumentHelp("Payment notice number of a draw (支付通知书).", valueName: "NUMBER")) var notice: String?
        @Option(help: ArgumentHelp("New end date.", valueName: "DATE")) var ends: String?
        @Option(help: ArgumentHelp("New document number.", valueName: "NUMBER")) var document: String?
        @Option(name: .customLong("case"), help: ArgumentHelp("A case the draw paid, with what it paid that case when it paid several (repeatable).",
                                                                 valueName: "CASE[=AMOUNT]"))
        var cases: [String] = []
        @Option(help: "Note.") var note: String?
        @Option(help: ArgumentHelp("Number of the order to pay (责令限期清偿) a draw follows.", valueName: "NUMBER"))
        var order: String?
        @Option(name: .customLong("order-due"), help: ArgumentHelp("The deadline that order gave.", valueName: "DATE"))
        var orderDue: String?
        @Option(name: .customLong("paid-on"), help: ArgumentHelp("When the bank paid the draw, if it has.", valueName: "DATE"))
        var paidOn: String?
        @Option(name: .customLong("override-reason"),
                help: "Why a replacement letter valid less than a year or than the contract period is recorded all the same (Art. 17).")
        var overrideReason: String?

        func run() throws {
            try runReporting {
                let input = try NewGuaranteeEvent(
                    guaranteeID: guarantee, kind: try GuaranteeEventKind.parse(kind, field: "kind"),
                    date: try LocalDate.parse(on, field: "on"),
                    amount: try amount.map { a throws(WagecaseError) in try Fen.parse(a, field: "amount") },
                    noticeNumber: notice,
                    newEnds: try ends.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "ends") },
                    newDocument: document, cases: try cases.map { c throws(WagecaseError) in try DrawnCase.parse(c) }, note: note,
                    orderNumber: order,
                    orderDue: try orderDue.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "order_due") },
                    paidOn: try paidOn.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "paid_on") },
                    validityOverride: overrideReason)
                try GuaranteeListView(global: global)
                    .show(try global.open().recordGuaranteeEvent(input, actor: global.actorName))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a guarantee, its state and its history.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Guarantee id.") var guarantee: Int64
        @Option(help: ArgumentHelp("State as of this date (default today).", valueName: "DATE")) var on: String?

        func run() throws {
            try runReporting {
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                try GuaranteeListView(global: global).show(try global.open().guaranteeDetail(guarantee, asOf: asOf))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List guarantees with their state.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Option(help: ArgumentHelp("Only this project's (id or exact name).", valueName: "PROJECT")) var project: String?
        @Option(help: ArgumentHelp("State as of this date (default today).", valueName: "DATE")) var on: String?
        @OptionGroup var export: ExportOptions

        func run() throws {
            try runReporting {
                let details = try global.open().guarantees(
                    project: try project.map { p throws(WagecaseError) in try ProjectReference.parse(p) },
                    asOf: try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") },
                    limit: paging.limit, afterID: paging.after)
                if global.json { return try Printer.json(details) }
                try GuaranteeListView(global: global).table(details, export: export)
            }
        }
    }
}

struct GuaranteeListView {
    let global: GlobalOptions

    func table(_ details: [GuaranteeDetail], export: ExportOptions? = nil) throws {
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Project"), label("Form"), label("Document"),
                               label("Ends"), label("Balance"), label("Status")],
                              rightAligned: [5])
        for d in details {
            table.add(["\(d.guarantee.id)", d.projectName, d.guarantee.kind.label(global.lang),
                       d.state.documentNumber ?? "", d.state.ends?.iso ?? "", d.state.balance.yuan,
                       d.state.status.label(global.lang)])
        }
        guard let export else { return table.print(emptyMessage: label("(no guarantees)")) }
        try export.emit(table, emptyMessage: label("(no guarantees)"), sheet: label("Guarantee list"))
    }

    func show(_ detail: GuaranteeDetail) throws {
        if global.json { return try Printer.json(detail) }
        let label = Labels(language: global.lang)
        let language = global.lang
        let g = detail.guarantee, s = detail.state
        Printer.fields([
            ("ID", "\(g.id)"), (label("Project"), "\(detail.projectName) (#\(g.projectID))"),
            (label("Form"), g.kind.label(language)), (label("Issuer"), g.issuer),
            (label("Document"), s.documentNumber), (label("Amount"), g.amount.yuan),
            (label("Effective"), g.effective.iso), (label("Ends"), s.ends?.iso),
            (label("Balance"), s.balance.yuan), (label("Drawn"), s.drawnTotal.yuan),
            (label("To replenish"), s.unreplenished.value > 0
                ? "\(s.unreplenished.yuan)（\(s.unreplenishedSince!.iso)起）" : nil),
            (label("Status"), s.statusText(language)),
        ])
        Printer.line()
        var events = TextTable([label("Date"), label("Event"), label("Amount"),
                                label("Notice / ends"), label("Cases"), label("By")],
                               rightAligned: [2])
        for e in detail.events {
            let reference = [e.noticeNumber, e.newDocument, e.newEnds?.iso].compactMap { $0 }.joined(separator: " ")
            events.add([e.date.iso, e.kind.label(language, for: g.kind), e.amount?.yuan ?? "", reference,
                        e.caseIDs.map { "#\($0)" }.joined(separator: ","), e.actor])
        }
        events.print(emptyMessage: "")
    }
}
