import ArgumentParser
import Foundation
import WagecaseCore
import WagecasePostgres
import WagecaseSQLite
import WagecaseStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file, or a postgres://user@host:port/dbname URL (default: $WAGECASE_DB, else ./wagecase.sqlite).",
        valueName: "PATH|URL"))
    var db: String?

    @Flag(name: .long, help: "Print JSON (stable snake_case keys, amounts in integer fen) instead of a table.")
    var json = false

    @Option(name: .long, help: "Label language: zh (default) or en.")
    var lang: Language = .zh

    @Option(name: .long, help: ArgumentHelp(
        "Who is making the change, for the audit log (default: the OS user).", valueName: "NAME"))
    var actor: String?

    func validate() throws {
        if let actor {
            do { _ = try TextField.name(actor, field: "actor", maxLength: 100) } catch {
                throw ValidationError(RefusalText.of(error))
            }
        }
    }

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["WAGECASE_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "wagecase.sqlite"
    }

    var actorName: String {
        if let actor, !actor.trimmingCharacters(in: .whitespaces).isEmpty { return actor }
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    /// The database as the command line names it: a file path means SQLite, a postgres:// URL PostgreSQL.
    var isPostgres: Bool { PostgresLocation.isURL(databasePath) }

    func postgresLocation() throws -> PostgresLocation { try PostgresLocation(url: databasePath) }

    func open(_ mode: AppDatabase.OpenMode = .mustExist, mapsFile: Bool = true) throws -> AppDatabase {
        if isPostgres { throw EngineNotYetSupported() }
        return try AppDatabase.open(path: databasePath, mode: mode, mapsFile: mapsFile)
    }

    /// Runs one use-case on the database named: `sqlite` on the file (opened as every record command opens it),
    /// `postgres` on the server (the pool closed after). `reading`: the server's schema is not migrated (a
    /// replica serves it).
    func onEitherEngine<T: Sendable>(reading: Bool = false, sqlite: (AppDatabase) throws -> T,
                                     postgres: (PostgresDatabase) async throws -> T) async throws -> T {
        guard isPostgres else { return try sqlite(try open()) }
        let database = try await PostgresDatabase.open(try postgresLocation(), migrate: !reading)
        defer { database.close() }
        return try await postgres(database)
    }
}

extension Language: ExpressibleByArgument {}

/// Paging options of list commands.
struct ListOptions: ParsableArguments {
    @Option(help: "At most this many rows (1–10000).")
    var limit: Int = 100

    @Option(help: ArgumentHelp("Only rows with an id greater than this (to page on).", valueName: "ID"))
    var after: Int64 = 0

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError(RefusalText.usage("--limit must be between 1 and 10000")) }
        guard after >= 0 else { throw ValidationError(RefusalText.usage("--after must be a record id (0 or more)")) }
    }
}

/// --reveal with its required --reason: full ID numbers, bank cards and phones, each reveal audited with why.
struct RevealOptions: ParsableArguments {
    @Flag(help: "Show full ID numbers, bank cards and phone numbers (needs --reason; each reveal is audited).")
    var reveal = false

    @Option(help: ArgumentHelp("Why the full numbers are needed (recorded in the audit log).", valueName: "TEXT"))
    var reason: String?

    /// What was asked for, on behalf of `global`'s actor.
    func disclosure(_ global: GlobalOptions) throws -> Disclosure {
        try Disclosure.requested(reveal: reveal, reason: reason, by: global.actorName)
    }
}

/// --replace with its required --reason: loading over something already in force (a published holiday schedule, a
/// rule of the same region and date) is refused unless it says so and why; the audit log keeps what was replaced.
struct ReplaceOptions: ParsableArguments {
    @Flag(help: "Replace what is already in force for the same year or region and date (needs --reason).")
    var replace = false

    @Option(help: ArgumentHelp("Why it is replaced (recorded in the audit log).", valueName: "TEXT"))
    var reason: String?

    func replaceReason() throws -> String? { try Correction.reason(asked: replace, flag: "--replace", reason: reason) }
}

/// The commands that run on PostgreSQL so far; the others refuse a postgres:// database clearly rather than
/// opening it as a file.
struct EngineNotYetSupported: Refusal, CustomStringConvertible {
    static let commands = "init, copy, stats, digest, alerts, audit, user add, user password, user list, user revoke, clue add, serve (in part)"
    var code: String { "store.engine_not_supported" }
    func message(_ language: Language) -> String {
        ("this command does not run on PostgreSQL yet (it does: \(Self.commands)); use an SQLite file, or copy the database to one" as Phrase).text(language)
    }
    var description: String { message(.en) }
}
