import ArgumentParser
import WagecaseCore
import WagecasePostgres
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the database (a file, or the schema in a PostgreSQL database) with the current schema (safe to run again).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await runReportingAsync {
                if global.isPostgres {
                    let database = try await PostgresDatabase.open(try global.postgresLocation(), migrate: true)
                    database.close()
                    let location = try global.postgresLocation().redacted
                    if global.json {
                        try Printer.json(["database": location])
                    } else {
                        Printer.line(Labels(language: global.lang)("database ready: ") + location)
                    }
                    return
                }
                _ = try global.open(.createIfMissing)
                if global.json {
                    try Printer.json(["database": global.databasePath])
                } else {
                    Printer.line(Labels(language: global.lang)("database ready: ") + global.databasePath)
                }
            }
        }
    }

    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample",
            abstract: "Load a demo dataset modelled on a district procuratorate's year, then print its statistics.",
            discussion: """
                22 clues (petitions, legal aid, labor disputes), a six-worker crew series, a case at every stage, \
                18 support-for-litigation decisions, 4 procuratorial settlements and ¥38,000.00 recovered; \
                project guarantees that trip the monitor's alerts and two suggestions that secured ¥28,039,000. \
                Creates the database if needed; refuses a database that already holds other data; does nothing \
                the second time.
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let database = try global.open(.createIfMissing)
                let result = try database.loadSample(actor: global.actorName)
                let statistics = try database.statistics(try DateRange())
                if global.json {
                    try Printer.json(statistics)
                    return
                }
                let label = Labels(language: global.lang)
                Printer.line(result == .loaded
                    ? label("sample loaded into ") + global.databasePath
                    : label("sample already in ") + global.databasePath)
                Printer.line()
                StatisticsView(statistics: statistics, language: global.lang).print()
            }
        }
    }
}
