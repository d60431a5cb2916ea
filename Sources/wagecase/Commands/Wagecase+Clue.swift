import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct ClueCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clue", abstract: "Wage-arrears clues (线索): record, screen, reject, refer.",
            subcommands: [Add.self, Update.self, List.self, Show.self, Screen.self, Reject.self, Refer.self])
    }
}

extension Wagecase.ClueCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a clue naming one or more workers and what each is owed.",
            discussion: """
                A clue naming the same employer, project and a worker as an earlier clue (not rejected or \
                referred) is the same arrears seen again: it is refused unless --merge (keep this channel on the \
                earlier clue and add any new workers) or --keep-both (record it as separate arrears). A merge that \
                names a worker with another amount than the earlier clue's says which stands: --amount-stands \
                existing|new. After a rejected or referred clue, the claim is a new clue that follows it.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Where it came from: \(ClueSource.identifiers).", valueName: "SOURCE"))
        var source: String
        @Option(help: ArgumentHelp("Date received (2026-03-05, 2026/3/5 or 2026年3月5日).", valueName: "DATE"))
        var received: String
        @Option(help: ArgumentHelp("Employer id or credit code.", valueName: "EMPLOYER")) var employer: String
        @Option(help: ArgumentHelp("Project id or exact name (of that employer).", valueName: "PROJECT"))
        var project: String?
        @Option(name: .customLong("worker"),
                help: ArgumentHelp("A worker and the amount claimed, e.g. 11010519491231002X=3.8万 (repeatable).",
                                   valueName: "ID_NUMBER=AMOUNT"))
        var workers: [String] = []
        @Option(help: "What the clue says.") var summary: String?
        @Flag(help: "Merge into an existing clue on the same arrears.") var merge = false
        @Flag(name: .customLong("keep-both"), help: "Record separately even if it matches an existing clue.")
        var keepBoth = false
        @Option(name: .customLong("amount-stands"),
                help: "With --merge, when a worker's amount differs from the earlier clue's: existing or new.")
        var amountStands: ClueIntake.AmountStands?

        func validate() throws {
            if merge && keepBoth { throw ValidationError(RefusalText.usage("--merge and --keep-both exclude each other")) }
            if amountStands != nil && !merge { throw ValidationError(RefusalText.usage("--amount-stands goes with --merge")) }
        }

        func run() async throws {
            try await runReportingAsync {
                let input = try NewClue(
                    source: try ClueSource.parse(source, field: "source"),
                    received: try LocalDate.parse(received, field: "received"),
                    employer: try EmployerReference.parse(employer),
                    project: try project.map { p throws(WagecaseError) in try ProjectReference.parse(p) },
                    claims: try workers.map { w throws(WagecaseError) in try ClaimInput.parse(w) },
                    summary: try TextField.optional(summary, field: "summary"),
                    onDuplicate: merge ? .merge : keepBoth ? .keepBoth : .refuse, amountStands: amountStands)
                let result = try await global.onEitherEngine(
                    sqlite: { try $0.addClue(input, actor: global.actorName) },
                    postgres: { try await $0.addClue(input, actor: global.actorName) })
                if !result.isNew && !global.json {
                    let label = Labels(language: global.lang)
                    FileHandleOutput.stderr(label("same arrears as clue #\(result.clue.id): merged (\(result.addedWorkers) worker(s) added)"))
                }
                try ClueView(global: global).show(result.clue.masked())
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List clues.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Option(help: ArgumentHelp("Only this status: \(ClueStatus.identifiers).", valueName: "STATUS"))
        var status: String?
        @Option(help: ArgumentHelp("Only this source.", valueName: "SOURCE")) var source: String?
        @Option(help: ArgumentHelp("Received on or after.", valueName: "DATE")) var from: String?
        @Option(help: ArgumentHelp("Received on or before.", valueName: "DATE")) var to: String?
        @OptionGroup var export: ExportOptions

        func run() throws {
            try runReporting {
                let filter = ClueFilter(
                    status: try status.map { s throws(WagecaseError) in try ClueStatus.parse(s, field: "status") },
                    source: try source.map { s throws(WagecaseError) in try ClueSource.parse(s, field: "source") },
                    range: try DateRange(
                        from: try from.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "from") },
                        to: try to.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "to") }),
                    limit: paging.limit, afterID: paging.after)
                let clues = try global.open().clues(filter).map { $0.masked() }
                if global.json { return try Printer.json(clues) }
                let label = Labels(language: global.lang)
                var table = TextTable(["ID", label("Source"), label("Received"),
                                       label("Employer"), label("Project"), label("Workers"),
                                       label("Owed"), label("Status")], rightAligned: [5, 6])
                for c in clues {
                    table.add(["\(c.id)", c.source.label(global.lang), c.received.iso, c.employerName,
                               c.projectName ?? "", "\(c.workers.count)", c.claimedTotal.yuan,
                               c.status.label(global.lang)])
                }
                try export.emit(table, emptyMessage: label("(none)"), sheet: label("Clue list"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a clue with its workers and channels.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Clue id.") var id: Int64
        @OptionGroup var reveal: RevealOptions

        func run() throws {
            try runReporting {
                let database = try global.open()
                let found = try database.clue(id)
                let clue = try database.disclose(found, reveal.disclosure(global),
                                                 workerIDs: found.workers.map(\.workerID), fields: ["id_number"])
                try ClueView(global: global).show(clue)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Correct a clue's own facts, saying why (audited before and after).",
            discussion: "Its first channel moves with --source and --received; a project must be its employer's.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Clue id.") var id: Int64
        @Option(help: ArgumentHelp("The channel it first came through: \(ClueSource.identifiers).", valueName: "SOURCE"))
        var source: String?
        @Option(help: ArgumentHelp("Date received.", valueName: "DATE")) var received: String?
        @Option(help: ArgumentHelp("Employer id or credit code.", valueName: "EMPLOYER")) var employer: String?
        @Option(help: ArgumentHelp("Project id or name (of the employer).", valueName: "PROJECT")) var project: String?
        @Option(help: "Summary.") var summary: String?
        @Option(help: ArgumentHelp("Remove a recorded value: \(ClueChanges.Field.allCases.map(\.rawValue).joined(separator: ", ")) (repeatable).",
                                   valueName: "FIELD"))
        var clear: [String] = []
        @Option(help: "Why the record is corrected (required; kept in the audit log).") var reason: String?

        func run() throws {
            try runReporting {
                let changes = try ClueChanges.parse(source: source, received: received, employer: employer,
                                                    project: project, summary: summary, clear: clear, reason: reason)
                let clue = try global.open().updateClue(id: id, changes, actor: global.actorName)
                try ClueView(global: global).show(clue.masked())
            }
        }
    }

    struct Screen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "screen", abstract: "Start screening a new clue (new → screening).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Clue id.") var id: Int64

        func run() throws {
            try runReporting {
                try ClueView(global: global).show(try global.open().screenClue(id, actor: global.actorName).masked())
            }
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject", abstract: "Reject a clue, with the reason (不予受理).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Clue id.") var id: Int64
        @Option(help: "Why it is rejected.") var reason: String

        func run() throws {
            try runReporting {
                let clue = try global.open().rejectClue(id, reason: reason, actor: global.actorName)
                try ClueView(global: global).show(clue.masked())
            }
        }
    }

    struct Refer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refer", abstract: "Refer a clue to another agency (移送).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Clue id.") var id: Int64
        @Option(help: ArgumentHelp("The agency it goes to.", valueName: "AGENCY")) var to: String

        func run() throws {
            try runReporting {
                let clue = try global.open().referClue(id, to: to, actor: global.actorName)
                try ClueView(global: global).show(clue.masked())
            }
        }
    }
}

struct ClueView {
    let global: GlobalOptions

    func show(_ clue: Clue) throws {
        if global.json { return try Printer.json(clue) }
        let label = Labels(language: global.lang)
        let language = global.lang
        Printer.fields([
            ("ID", "\(clue.id)"),
            (label("Source"), clue.channels.map { "\($0.source.label(language)) \($0.received)" }
                .joined(separator: "；")),
            (label("Employer"), "\(clue.employerName) (#\(clue.employerID))"),
            (label("Project"), clue.projectName.map { "\($0) (#\(clue.projectID!))" }),
            (label("Status"), clue.status.label(language) + (clue.statusReason.map { "：\($0)" } ?? "")),
            (label("Summary"), clue.summary),
            (label("Claimed total"), clue.claimedTotal.yuan),
        ])
        Printer.line()
        var table = TextTable([label("Worker ID"), label("Name"), label("ID number"),
                               label("Owed")], rightAligned: [3])
        for w in clue.workers { table.add(["\(w.workerID)", w.name, w.idNumber, w.claimed.yuan]) }
        table.print(emptyMessage: "")
    }
}

extension ClueIntake.AmountStands: ExpressibleByArgument {}
