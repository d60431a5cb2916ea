import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct CaseCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case", abstract: "Support-for-litigation cases (支持起诉): open, advance, recover.",
            subcommands: [Open.self, Advance.self, Record.self, Recover.self, RecoveryCommand.self, Update.self, Assign.self, Undo.self, Reopen.self, Show.self,
                          List.self, Stages.self, Attach.self, Attachments.self, AttachmentCommand.self])
    }
}

extension Wagecase.CaseCommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open one case per worker on a clue (the clue becomes converted).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Clue id.") var clue: Int64
        @Option(help: ArgumentHelp("Group the cases in this series (系列案), created if new.", valueName: "NAME"))
        var series: String?
        @Option(help: ArgumentHelp("Date accepted (default today).", valueName: "DATE")) var on: String?
        @Option(name: .customLong("number"),
                help: ArgumentHelp("Office case number, one per worker in `clue show` order (repeatable).",
                                   valueName: "NUMBER"))
        var numbers: [String] = []
        @Option(help: "Note on the accepted event.") var note: String?

        func run() throws {
            try runReporting {
                let input = OpenCases(
                    clueID: clue, series: series,
                    opened: try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") },
                    caseNumbers: numbers, note: note)
                let cases = try global.open().openCases(input, actor: global.actorName).map { $0.masked() }
                try CaseListView(global: global).show(cases)
            }
        }
    }

    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance",
            abstract: "Move a case to its next stage on a date.",
            discussion: "Run `wagecase case stages` for the stage machine.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Option(help: ArgumentHelp("Next stage: \(CaseStage.identifiers).", valueName: "STAGE")) var to: String
        @Option(help: ArgumentHelp("Date of the step (not before the last one, not in the future).",
                                   valueName: "DATE"))
        var on: String
        @Option(help: "Note.") var note: String?
        @Option(name: .customLong("closing-reason"),
                help: ArgumentHelp("Why a case closes with money still owed: \(ClosingReason.identifiers).",
                                   valueName: "REASON"))
        var closingReason: String?

        func run() throws {
            try runReporting {
                let stage = try CaseStage.parse(to, field: "to")
                let date = try LocalDate.parse(on, field: "on")
                let closing = try closingReason.map { r throws(WagecaseError) in
                    try ClosingReason.parse(r, field: "closing_reason")
                }
                let wageCase = try global.open().advanceCase(CaseReference(caseReference), to: stage, on: date,
                                                             note: note, closingReason: closing, actor: global.actorName)
                try CaseListView(global: global).show([wageCase.masked()])
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record what happens on a case besides its stages: the worker's application or consent, a hearing, court attendance.",
            discussion: "Support is decided (--to support-decided) only with the worker's application or written consent on record.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Option(help: ArgumentHelp("One of: \(CaseActivityKind.identifiers).", valueName: "KIND")) var kind: String
        @Option(help: ArgumentHelp("Date it happened.", valueName: "DATE")) var on: String
        @Option(help: "Note.") var note: String?

        func run() throws {
            try runReporting {
                let kind = try CaseActivityKind.parse(kind, field: "kind")
                let date = try LocalDate.parse(on, field: "on")
                let detail = try global.open().recordActivity(CaseReference(caseReference), kind: kind, on: date,
                                                              note: note, actor: global.actorName)
                if global.json { return try Printer.json(detail.masked()) }
                try CaseListView(global: global).show([detail.wageCase.masked()])
            }
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover", abstract: "Record money paid to the worker of a case.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Option(help: ArgumentHelp("Amount in yuan: 3800, 3,800.00 or 0.38万.", valueName: "AMOUNT"))
        var amount: String
        @Option(help: ArgumentHelp("Date paid.", valueName: "DATE")) var on: String
        @Option(help: ArgumentHelp("How: \(RecoveryRoute.identifiers).", valueName: "ROUTE")) var route: String
        @Option(help: "Who paid.") var payer: String?
        @Option(help: "Note.") var note: String?
        @Flag(help: "Record it even if it takes the case past the claimed amount (audited).") var force = false

        func run() throws {
            try runReporting {
                let input = try NewRecovery(
                    caseReference: CaseReference(caseReference), amount: try Fen.parse(amount, field: "amount"),
                    paid: try LocalDate.parse(on, field: "on"), route: try RecoveryRoute.parse(route, field: "route"),
                    payer: payer, note: note, force: force)
                let recovery = try global.open().recordRecovery(input, actor: global.actorName)
                if global.json { return try Printer.json(recovery) }
                let label = Labels(language: global.lang)
                Printer.fields([("ID", "\(recovery.id)"), (label("Case"), "#\(recovery.caseID)"),
                                (label("Paid"), recovery.paid.iso), (label("Amount"), recovery.amount.yuan),
                                (label("Route"), recovery.route.label(global.lang)),
                                (label("Over claim"), recovery.forced ? label("yes") : nil)])
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Correct a case's own facts, saying why (audited before and after).",
            discussion: """
                The limitation periods run from --employment-ended (arbitration: one year, 劳动争议调解仲裁法 art. 27) \
                and, for a labor-service claim, --payment-due (three years, 民法典 art. 188); `case show` lists them.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Option(name: .customLong("case-number"), help: ArgumentHelp("The office case number.", valueName: "NUMBER"))
        var caseNumber: String?
        @Option(name: .customLong("employment-ended"),
                help: ArgumentHelp("When the worker's employment ended.", valueName: "DATE"))
        var employmentEnded: String?
        @Option(name: .customLong("payment-due"),
                help: ArgumentHelp("When payment for labor services (劳务) fell due.", valueName: "DATE"))
        var paymentDue: String?
        @Option(help: ArgumentHelp("The court or arbitration commission that has the case.", valueName: "NAME"))
        var court: String?
        @Option(name: .customLong("court-case-number"),
                help: ArgumentHelp("The court's own case number, e.g. 甘0403民初123号.", valueName: "NUMBER"))
        var courtCaseNumber: String?
        @Option(help: ArgumentHelp("The amount awarded or agreed, in yuan (the case's recovery rate is measured against it).",
                                   valueName: "AMOUNT"))
        var awarded: String?
        @Option(help: ArgumentHelp("Remove a recorded value: \(CaseChanges.Field.allCases.map(\.rawValue).joined(separator: ", ")) (repeatable).",
                                   valueName: "FIELD"))
        var clear: [String] = []
        @Option(help: "Why the record is corrected (required; kept in the audit log).") var reason: String?

        func run() throws {
            try runReporting {
                let changes = try CaseChanges.parse(caseNumber: caseNumber, employmentEnded: employmentEnded,
                                                    paymentDue: paymentDue, court: court, courtCaseNumber: courtCaseNumber,
                                                    awarded: try awarded.map { a throws(WagecaseError) in
                                                        try Fen.parse(a, field: "awarded")
                                                    },
                                                    clear: clear, reason: reason)
                let database = try global.open()
                let detail = try database.updateCase(CaseReference(caseReference), changes, actor: global.actorName)
                try CaseListView(global: global).show([detail.wageCase.masked()])
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Name the handling prosecutor (承办检察官) and an assistant of a case (users with the prosecutor role).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Option(help: ArgumentHelp("The handling prosecutor's user name.", valueName: "USER")) var to: String
        @Option(help: ArgumentHelp("An assistant's user name.", valueName: "USER")) var assistant: String?

        func run() throws {
            try runReporting {
                let assignment = try CaseAssignment.parse(handler: to, assistant: assistant)
                let wageCase = try global.open().assignCase(CaseReference(caseReference), assignment,
                                                            actor: global.actorName)
                try CaseListView(global: global).show([wageCase.masked()])
            }
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            abstract: "Withdraw a case's latest move, saying why (the audit log keeps the event as it was).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Option(help: "Why the move is withdrawn (required).") var reason: String

        func run() throws {
            try runReporting {
                let detail = try global.open().undoCaseMove(CaseReference(caseReference), reason: reason,
                                                            actor: global.actorName)
                try CaseListView(global: global).show([detail.wageCase.masked()])
            }
        }
    }

    struct RecoveryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recovery", abstract: "Correct a case's recorded payments.", subcommands: [Reverse.self])

        struct Reverse: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "reverse",
                abstract: "Reverse a payment entered wrongly with a balancing entry (冲正); the original stays visible.")

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp("The payment's id (the ID column of `case show`).", valueName: "ID"))
            var id: Int64
            @Option(help: "Why the payment is reversed (required).") var reason: String

            func run() throws {
                try runReporting {
                    guard id >= 1 else {
                        throw WagecaseError.invalidField(field: "id", value: "\(id)", reason: "is not a record id",
                                                         allowed: "a payment's id, 1 or more")
                    }
                    let detail = try global.open().reverseRecovery(id: id, reason: reason, actor: global.actorName)
                    if global.json { return try Printer.json(detail.masked()) }
                    try CaseListView(global: global).show([detail.wageCase.masked()])
                }
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "Reopen a closed or declined case at the stage it stood at before, saying why.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Option(help: ArgumentHelp("Date reopened (default today).", valueName: "DATE")) var on: String?
        @Option(help: "Why the case is reopened (required).") var reason: String

        func run() throws {
            try runReporting {
                let date = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                let detail = try global.open().reopenCase(CaseReference(caseReference), on: date, reason: reason,
                                                          actor: global.actorName)
                try CaseListView(global: global).show([detail.wageCase.masked()])
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a case with its events and recoveries.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @OptionGroup var reveal: RevealOptions

        func run() throws {
            try runReporting {
                let database = try global.open()
                let found = try database.caseDetail(CaseReference(caseReference))
                let detail = try database.disclose(found, reveal.disclosure(global),
                                                   workerIDs: [found.wageCase.workerID], fields: ["id_number"])
                if global.json { return try Printer.json(detail) }
                let label = Labels(language: global.lang)
                let language = global.lang
                let c = detail.wageCase
                Printer.fields([
                    ("ID", "\(c.id)"), (label("Case number"), c.caseNumber),
                    (label("Worker"), "\(c.workerName) \(c.workerIDNumber) (#\(c.workerID))"),
                    (label("Employer"), "\(c.employerName) (#\(c.employerID))"),
                    (label("Clue"), "#\(c.clueID)"), (label("Series"), c.seriesName),
                    (label("Current stage"), "\(c.stage.label(language)) \(c.stageDate)"),
                    (label("Next"), detail.allowedNext.isEmpty ? nil
                        : detail.allowedNext.map { "\($0.rawValue)（\($0.label(language))）" }.joined(separator: ", ")),
                    (label("Claimed"), c.claimed.yuan), (label("Recovered"), c.recovered.yuan),
                    (label("Outstanding"), c.outstanding.yuan),
                ] + [(label("Closing reason"), c.closingReason?.label(language)),
                     (label("Handler"), c.handler), (label("Assistant"), c.assistant),
                     (label("Employment ended"), c.employmentEnded?.iso), (label("Payment due"), c.paymentDue?.iso),
                     (label("Court"), c.court), (label("Court case number"), c.courtCaseNumber),
                     (label("Awarded or agreed"), c.awarded?.yuan),
                     (label("Recovery rate"), c.recoveryRateText(language))]
                    .filter { $0.1 != nil })
                if !detail.activities.isEmpty {
                    Printer.line()
                    var activities = TextTable([label("Date"), label("Activity"), label("By"), label("Note")])
                    for a in detail.activities { activities.add([a.date.iso, a.kind.label(language), a.actor, a.note ?? ""]) }
                    activities.print(emptyMessage: "")
                }
                if !detail.deadlines.isEmpty {
                    Printer.line()
                    var limits = TextTable([label("Time limit"), label("Due"), label("Basis")])
                    for limit in detail.deadlines {
                        limits.add([limit.kind.label(language),
                                    limit.due.iso + (limit.provisional ? language == .zh ? "（暂定）" : " (provisional)" : ""),
                                    language == .zh ? limit.basis : limit.basisEn])
                    }
                    limits.print(emptyMessage: "")
                }
                Printer.line()
                var events = TextTable([label("Date"), label("Stage"), label("By"),
                                        label("Note")])
                for e in detail.events { events.add([e.date.iso, e.stage.label(language), e.actor, e.note ?? ""]) }
                events.print(emptyMessage: "")
                if !detail.recoveries.isEmpty {
                    Printer.line()
                    var money = TextTable(["ID", label("Paid"), label("Amount"), label("Route"),
                                           label("Payer"), label("Note")], rightAligned: [0, 2])
                    for r in detail.recoveries {
                        money.add(["\(r.id)", r.paid.iso, r.amount.yuan, r.route.label(language), r.payer ?? "",
                                   RecoveryNote.text(r, language)])
                    }
                    money.print(emptyMessage: "")
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Option(help: ArgumentHelp("Only cases at this stage.", valueName: "STAGE")) var stage: String?
        @Option(help: ArgumentHelp("Only cases of this series.", valueName: "NAME")) var series: String?
        @Option(help: "Only cases from this clue.") var clue: Int64?
        @Option(help: ArgumentHelp("Only cases against this employer (id or credit code).", valueName: "EMPLOYER"))
        var employer: String?
        @Flag(help: "Only cases not yet closed.") var open = false
        @Option(help: ArgumentHelp("Only cases this user handles or assists on.", valueName: "USER")) var handler: String?
        @OptionGroup var export: ExportOptions

        func validate() throws {
            if let clue, clue < 1 { throw ValidationError(RefusalText.usage("--clue must be a clue id (1 or more)")) }
        }

        func run() throws {
            try runReporting {
                let filter = CaseFilter(
                    stage: try stage.map { s throws(WagecaseError) in try CaseStage.parse(s, field: "stage") },
                    series: series, clueID: clue,
                    employer: try employer.map { e throws(WagecaseError) in try EmployerReference.parse(e) },
                    openOnly: open, handler: handler, limit: paging.limit, afterID: paging.after)
                try CaseListView(global: global).show(try global.open().cases(filter).map { $0.masked() }, export: export)
            }
        }
    }

    struct Stages: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stages", abstract: "Print the stage machine: each stage and where it may go.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("table (default), or mermaid: the machine as a flowchart (the README's picture).",
                                   valueName: "FORMAT"))
        var format: String = "table"

        func run() throws {
            guard ["table", "mermaid"].contains(format) else {
                return try runReporting {
                    throw WagecaseError.invalidField(field: "format", value: format, reason: "is not a format of the machine",
                                                     allowed: "table or mermaid")
                }
            }
            if format == "mermaid" { return print(CaseStageMachine.mermaid(global.lang), terminator: "") }
            let machine = CaseStage.allCases.map { stage in
                (stage, CaseStageMachine.allowedNext(from: stage))
            }
            if global.json {
                var object: [String: [String]] = [:]
                for (stage, next) in machine { object[stage.rawValue] = next.map(\.rawValue) }
                return try Printer.json(object)
            }
            let label = Labels(language: global.lang)
            var table = TextTable([label("Stage"), label("Label"), label("Allowed next")])
            for (stage, next) in machine {
                table.add([stage.rawValue, stage.label(global.lang),
                           next.isEmpty ? "—" : next.map(\.rawValue).joined(separator: ", ")])
            }
            table.print(emptyMessage: "")
        }
    }
}

struct CaseListView {
    let global: GlobalOptions

    func show(_ cases: [WageCase], export: ExportOptions? = nil) throws {
        if global.json { return try Printer.json(cases) }
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Case number"), label("Worker"), label("Employer"),
                               label("Stage"), label("Since"), label("Claimed"),
                               label("Recovered"), label("Series")], rightAligned: [6, 7])
        for c in cases {
            table.add(["\(c.id)", c.caseNumber ?? "", c.workerName, c.employerName, c.stage.label(global.lang),
                       c.stageDate.iso, c.claimed.yuan, c.recovered.yuan, c.seriesName ?? ""])
        }
        guard let export else { return table.print(emptyMessage: label("(none)")) }
        try export.emit(table, emptyMessage: label("(none)"), sheet: label("Case list"))
    }
}
