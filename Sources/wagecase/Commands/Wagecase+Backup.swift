import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database to a new file while the service runs, and check the copy.",
            discussion: """
                Uses SQLite's online backup: the copy is the database as it stood at one moment, taken without \
                stopping writers, checked with integrity_check and only then given its name. To restore: stop the \
                service, copy the backup over the database file, remove the file's -wal and -shm companions, run \
                `wagecase audit verify`, start the service (README: Backup and restore).
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The backup file to create (never overwritten).", valueName: "FILE")) var to: String

        func run() throws {
            try runReporting {
                let result = try global.open(.readOnly).backup(to: to)
                if global.json { return try Printer.json(result) }
                Printer.line(Labels(language: global.lang)(
                    "backed up to \(result.path) (\(result.bytes) bytes, integrity ok, \(result.auditEntries) audit entries)"))
            }
        }
    }
}
