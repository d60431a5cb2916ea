import ArgumentParser
import Foundation
import WagecaseCore
import WagecasePostgres
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy the whole database into a new, empty one of either engine, and prove it.",
            discussion: """
                Copies every table of --db (an SQLite file or a postgres:// URL), the audit log and the import \
                history included, ids kept, into --to: a file that does not exist yet or holds a new database, or \
                a PostgreSQL database that is empty or new. The copy is one transaction on the target, read from \
                one state of the source; before it commits, every table's row count and content checksum \
                (SHA-256 over its rows in key order) must match the source's, else nothing is written. \
                Prints the tables with their rows and checksums.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The new database: an SQLite file path or a postgres:// URL.", valueName: "PATH|URL"))
        var to: String

        func run() async throws {
            try await runReportingAsync {
                let source = try Self.engine(global.databasePath)
                // A missing source file is said before anything is made at the target.
                if !global.isPostgres { _ = try AppDatabase.open(path: global.databasePath, mode: .readOnly) }
                let target = try Self.engine(to)
                let report = try await DatabaseCopy.copy(from: source, to: target)
                if global.json {
                    try Printer.json(report)
                    return
                }
                let label = Labels(language: global.lang)
                Printer.line(label("copied ") + report.from + " → " + report.to)
                var table = TextTable([label("Table"), label("Rows"), label("Checksum (SHA-256)")], rightAligned: [1])
                for entry in report.tables {
                    table.add([AuditWords.table(entry.name, global.lang), String(entry.rows), entry.checksum])
                }
                Printer.line(table.render())
                Printer.line(label("every table verified: rows and checksums match"))
            }
        }

        static func engine(_ text: String) throws -> any CopyEngine {
            PostgresLocation.isURL(text) ? PostgresCopyEngine(location: try PostgresLocation(url: text))
                : SQLiteCopyEngine(path: text)
        }
    }
}
