import ArgumentParser
import WagecaseCore
import WagecasePostgres
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "The reported figures for a date range (all time by default).",
            discussion: """
                Each figure counts what happened in the range: clues by received date, case stages by event date, \
                claims by the date the case was opened, recoveries by payment date. "workers" counts distinct \
                workers whose case had support decided or a settlement reached in the range.

                The figures are kept by day as the records change (in the same transaction as every write). \
                --verify counts them again from the records and compares, exiting 4 when they differ; \
                --rebuild counts them again and keeps the result (for a database whose kept figures were \
                changed outside this program). On PostgreSQL the figures and --verify only read, so a read \
                replica's URL serves them.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("First day (inclusive).", valueName: "DATE")) var from: String?
        @Option(help: ArgumentHelp("Last day (inclusive).", valueName: "DATE")) var to: String?
        @Flag(help: "Count every kept figure again from the records and compare; exit 4 when any differs.")
        var verify = false
        @Flag(help: "Count every kept figure again from the records and keep the result.") var rebuild = false

        func run() async throws {
            try await runReportingAsync {
                if verify || rebuild {
                    guard from == nil && to == nil && !(verify && rebuild) else {
                        throw ValidationError(Labels(language: global.lang)(
                            "--verify and --rebuild take no dates and not each other"))
                    }
                    return try await maintain()
                }
                let range = try DateRange(
                    from: try from.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "from") },
                    to: try to.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "to") })
                let statistics: Statistics
                if global.isPostgres {
                    // Reads only: a read replica's URL serves.
                    let database = try await PostgresDatabase.open(try global.postgresLocation(), migrate: false)
                    defer { database.close() }
                    statistics = try await database.statistics(range)
                } else {
                    statistics = try global.open(.readOnly).statistics(range)
                }
                if global.json { return try Printer.json(statistics) }
                StatisticsView(statistics: statistics, language: global.lang).print()
            }
        }

        private func maintain() async throws {
            let label = Labels(language: global.lang)
            // On PostgreSQL --verify only reads (a read replica's URL serves); --rebuild writes, so it migrates.
            let server = global.isPostgres
                ? try await PostgresDatabase.open(try global.postgresLocation(), migrate: rebuild) : nil
            defer { server?.close() }
            if rebuild {
                let rows = try await server?.rebuildFigures() ?? global.open().rebuildFigures()
                if global.json { return try Printer.json(["rows": rows]) }
                return Printer.line(label("figures counted again from the records: \(rows) rows kept"))
            }
            let result = try await server?.verifyFigures() ?? global.open(.readOnly).verifyFigures()
            if global.json {
                try Printer.json(result)
            } else if result.agrees {
                Printer.line(label("kept figures agree with the records: \(result.rows) rows"))
            } else {
                Printer.line(label("kept figures DIFFER from the records in \(result.differences.count) rows:"))
                for difference in result.differences {
                    Printer.line("  \(difference.table) \(label(difference.side == "kept" ? "kept only" : "records only")): \(difference.row)")
                }
            }
            if !result.agrees { throw ExitCode(4) }
        }
    }
}

struct StatisticsView {
    let statistics: Statistics
    let language: Language

    func print() {
        let label = Labels(language: language)
        let s = statistics
        let period = "\(s.range.from?.iso ?? label("beginning")) — \(s.range.to?.iso ?? label("now"))"
        Printer.line(label("Period: ") + period)
        Printer.line(s.headline(language) + s.guaranteeHeadline(language) + s.dataMatching.headline(language)
                     + s.referrals.headline(language))
        Printer.line()
        var clues = TextTable([label("Clue source"), label("Clues")], rightAligned: [1])
        for source in ClueSource.allCases {
            let count = s.clues.bySource[source.rawValue] ?? 0
            if count > 0 { clues.add([source.label(language), "\(count)"]) }
        }
        clues.add([label("Total"), "\(s.clues.total)"])
        clues.print(emptyMessage: "")
        Printer.line()
        var cases = TextTable([label("Cases"), label("Count")], rightAligned: [1])
        let c = s.cases
        for (name, count) in [
            (label("opened"), c.opened), (label("support decided"), c.supportDecided),
            (label("declined"), c.declined), (label("procuratorial settlements"), c.settled),
            (label("judgments"), c.judgment), (label("court mediations"), c.mediated),
            (label("withdrawn"), c.withdrawn), (label("entered enforcement"), c.enforcement),
            (label("closed"), c.closed), (label("workers helped"), s.workers),
        ] {
            cases.add([name, "\(count)"])
        }
        cases.print(emptyMessage: "")
        Printer.line()
        var money = TextTable([label("Money"), label("Yuan")], rightAligned: [1])
        money.add([label("claimed"), s.claimed.yuan])
        money.add([label("recovered"), s.recovered.yuan])
        for route in RecoveryRoute.allCases {
            if let amount = s.recoveredByRoute[route.rawValue], amount.value > 0 {
                money.add(["  " + route.label(language), amount.yuan])
            }
        }
        money.add([label("recovery rate"), s.recoveryRateText])
        money.print(emptyMessage: "")
        let g = s.guarantees, sg = s.suggestions
        guard g.total > 0 || sg.issued > 0 || sg.replied > 0 else { return }
        Printer.line()
        var guarantees = TextTable([label("Wage guarantees"), label("Count / yuan")],
                                   rightAligned: [1])
        for kind in GuaranteeKind.allCases where (g.byKind[kind.rawValue] ?? 0) > 0 {
            guarantees.add([kind.label(language), "\(g.byKind[kind.rawValue]!)"])
        }
        for status in GuaranteeStatus.allCases where (g.byStatus[status.rawValue] ?? 0) > 0 {
            guarantees.add(["  " + status.label(language), "\(g.byStatus[status.rawValue]!)"])
        }
        guarantees.add([label("held (valid)"), g.held.yuan])
        guarantees.add([label("drawn in period"), g.drawn.yuan])
        guarantees.add([label("suggestions issued"), "\(sg.issued)"])
        guarantees.add([label("replies received"), "\(sg.replied)"])
        guarantees.add([label("secured after suggestions"), sg.secured.yuan])
        guarantees.add([label("letters renewed after suggestions"), "\(sg.lettersRenewed)"])
        guarantees.print(emptyMessage: "")
    }
}
