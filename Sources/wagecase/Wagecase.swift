import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseImport
import WagecaseReports
import WagecaseSQLite
import WagecaseStore

@main
struct Wagecase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wagecase",
        abstract: "Wage-arrears clues, support-for-litigation cases (支持起诉) and recoveries for migrant workers.",
        discussion: """
            Data lives in one SQLite file: --db PATH, else $WAGECASE_DB, else ./wagecase.sqlite; or in a \
            PostgreSQL database: --db postgres://user@host:port/dbname (init, copy, stats, digest, alerts, audit, user add/password/list/revoke, clue add and, in part, serve so far).
            Amounts are yuan on input (38000, 38,000.00, 3.8万) and integer fen in JSON (…_fen).
            Exit status: 0 ok; 1 runtime error (e.g. no database); 2 usage or validation error \
            (bad value, unknown record, refused transition); 3 from `alerts` when any alert is present; \
            4 from `audit verify` when the log was changed. \
            Errors go to stderr, data to stdout.
            """,
        version: WagecaseVersion.current,
        subcommands: [
            Init.self, Sample.self, WorkerCommand.self, EmployerCommand.self, ProjectCommand.self,
            ClueCommand.self, CaseCommand.self, DocumentCommand.self, Search.self, GuaranteeCommand.self, SuggestionCommand.self, Alerts.self,
            RulesCommand.self, CalendarCommand.self, SettingCommand.self, ImportCommand.self, DatasetCommand.self,
            ModelCommand.self, UnitCommand.self, ReferralCommand.self, TaskCommand.self, MeetingCommand.self,
            ReportCommand.self, Stats.self, Digest.self,
            Audit.self, Backup.self, Copy.self, Serve.self, UserCommand.self,
        ]
    )

    /// Same as ArgumentParser's main, except that its usage errors (EX_USAGE, 64) exit 2 like every other
    /// usage or validation error, so scripts test for one code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// Runs a command body, turning domain refusals into exit status 2 and other failures into 1, message on stderr.
func runReporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw reported(error)
    }
}

/// `runReporting` for commands that wait on the network or another process.
func runReportingAsync(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw reported(error)
    }
}

/// Prints why a command failed and gives its exit status: 2 for what the user can fix in the command line or
/// the data given, 1 for everything else.
func reported(_ error: any Error) -> ExitCode {
    switch error {
    case let error as ExitCode:
        return error
    case let error as DeliveryError:
        Printer.error(RefusalText.of(error))
        return ExitCode(error.isUsageError ? 2 : 1)
    case let error as ValidationFailure:
        Printer.error(error.description)
        return ExitCode(2)
    case let error as any Refusal:
        Printer.error(RefusalText.of(error))
        // What the user can fix in the command line or the data: 2. The database missing, busy or unusable: 1.
        return ExitCode(error is WagecaseError || error is Refusals || error is ImportFileError || error is ModelFileError
                        || error is EngineNotYetSupported ? 2 : 1)
    default:
        Printer.error(String(describing: error))
        return ExitCode(1)
    }
}
