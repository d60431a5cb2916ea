import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WagecaseCore
import WagecasePostgres
import WagecaseServer
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Run the HTTP service (the web pages at /, the API at /api/v1, /healthz) on the database.",
            discussion: """
                People sign in to the pages with a password (`wagecase user add NAME --role ROLE \
                --password-stdin`); API clients authenticate with the bearer token `user add` prints. SIGTERM or SIGINT stops it \
                gracefully: requests in flight finish, then the database is closed. Logs go to stderr, one line \
                per request with its id, user, route, status and duration.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Port to listen on.") var port = 8080
        @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel = "info"
        @Option(name: .customLong("idle-timeout"),
                help: ArgumentHelp("Close a connection idle (or stalled mid-request) this long, in seconds (1–3600).",
                                   valueName: "SECONDS"))
        var idleTimeout = 30
        @Option(name: .customLong("metrics-token-file"), help: ArgumentHelp(
            "/metrics answers only to 'Authorization: Bearer <token>' with the token in this file (default: "
                + "$WAGECASE_METRICS_TOKEN; none: /metrics is open).", valueName: "PATH"))
        var metricsTokenFile: String?
        @Option(name: .customLong("metrics-listen"), help: ArgumentHelp(
            "Serve /metrics on this address instead of the service's own (e.g. 10.0.0.5:9464).", valueName: "HOST:PORT"))
        var metricsListen: String?
        @Flag(name: .customLong("insecure-cookies"), help: ArgumentHelp(
            "Send the web pages' cookies without Secure, for plain-HTTP development only (in production TLS is "
                + "terminated in front, see the README's nginx sample)."))
        var insecureCookies = false

        func validate() throws {
            guard (1...65535).contains(port) else { throw ValidationError(RefusalText.usage("--port must be between 1 and 65535")) }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError(RefusalText.usage("--log-level: unknown level")) }
            guard (1...3600).contains(idleTimeout) else {
                throw ValidationError(RefusalText.usage("--idle-timeout must be between 1 and 3600 seconds"))
            }
            _ = try metricsAddress()
            _ = try metricsToken()
        }

        /// HOST:PORT of --metrics-listen.
        func metricsAddress() throws -> (host: String, port: Int)? {
            guard let metricsListen else { return nil }
            guard let colon = metricsListen.lastIndex(of: ":"), let port = Int(metricsListen[metricsListen.index(after: colon)...]),
                  (1...65535).contains(port), colon > metricsListen.startIndex else {
                throw ValidationError(RefusalText.usage("--metrics-listen: expected HOST:PORT with a port from 1 to 65535"))
            }
            var host = String(metricsListen[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // [::1]
            return (host, port)
        }

        /// The metrics token, read from a file (never from the command line, where `ps` would show it).
        func metricsToken() throws -> String? {
            let text: String?
            if let metricsTokenFile {
                text = try String(contentsOfFile: metricsTokenFile, encoding: .utf8)
            } else {
                text = ProcessInfo.processInfo.environment["WAGECASE_METRICS_TOKEN"]
            }
            guard let token = text?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else { return nil }
            guard token.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ValidationError(RefusalText.usage("the metrics token must be at least 16 visible ASCII characters"))
            }
            return token
        }

        func run() async throws {
            LoggingSystem.bootstrap(ShanghaiLogHandler.init)
            var logger = Logger(label: "wagecase")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            // A file, or a PostgreSQL database (its schema brought up to date, as any writer does; several
            // processes may serve one database, their record writes taking turns there).
            let store: any RecordStore
            let close: () throws -> Void
            do {
                if global.isPostgres {
                    let database = try await PostgresDatabase.open(try global.postgresLocation(), migrate: true)
                    (store, close) = (PostgresStore(database), { database.close() })
                } else {
                    let database = try global.open()
                    (store, close) = (SQLiteStore(database), { try database.close() })
                }
            } catch {
                throw reported(error)
            }
            let configuration = ServerConfiguration(
                host: host, port: port, idleTimeout: .seconds(idleTimeout), metricsToken: try metricsToken(),
                metricsAddress: try metricsAddress(), insecureCookies: insecureCookies)
            let metrics = ServiceMetrics()
            let app = buildApplication(store: store, configuration: configuration, metrics: metrics, logger: logger)
            var services: [any Service] = [app]
            if let metricsApp = buildMetricsApplication(store: store, configuration: configuration,
                                                        metrics: metrics, logger: logger) {
                services.append(metricsApp)
            }
            let group = ServiceGroup(configuration: .init(
                services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            // Requests in flight have finished; close the database before the process ends.
            try close()
        }
    }

    struct UserCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user", abstract: "Users of the HTTP service and their roles.",
            subcommands: [Add.self, Password.self, UnitOfUser.self, List.self, Revoke.self])
    }
}

extension Role: ExpressibleByArgument {}

extension Wagecase.UserCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a user; prints its bearer token once, alone on the last line (only a hash is kept).",
            discussion: """
                Roles: prosecutor (clues, cases, recoveries, suggestions, workers, employers; may reveal ID \
                numbers), labor (projects, guarantees, employers), viewer (reads), admin (users, audit log).
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name (shown in the audit log).") var name: String
        @Option(help: "admin, prosecutor, labor or viewer.") var role: Role
        @Flag(name: .customLong("password-stdin"),
              help: "Read a password for the web pages from standard input (at least 10 characters).")
        var passwordStdin = false

        func run() async throws {
            try await runReportingAsync {
                let hash = try passwordStdin ? PasswordHashing.hashNow(readStandardInput()) : nil
                let (user, token) = try await global.onEitherEngine(
                    sqlite: { try $0.addUser(name: name, role: role, passwordHash: hash, actor: global.actorName) },
                    postgres: { try await $0.addUser(name: name, role: role, passwordHash: hash, actor: global.actorName) })
                let label = Labels(language: global.lang)
                FileHandleOutput.stderr(label("added \(user.name) (\(user.role)); the token is shown only once:"))
                Printer.line(token)
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: "Set a user's password for the web pages, read from standard input (audited; the user's "
                + "open sessions end).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).")
        var passwordStdin = false

        func validate() throws {
            guard passwordStdin else {
                throw ValidationError(RefusalText.usage("give --password-stdin and the password on standard input"))
            }
        }

        func run() async throws {
            try await runReportingAsync {
                let hash = try PasswordHashing.hashNow(readStandardInput())
                let user = try await global.onEitherEngine(
                    sqlite: { try $0.setPassword(name, passwordHash: hash, actor: global.actorName) },
                    postgres: { try await $0.setPassword(name, passwordHash: hash, actor: global.actorName) })
                Printer.line(Labels(language: global.lang)("password set for \(user.name)"))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List users (never their tokens).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await runReportingAsync {
                let users = try await global.onEitherEngine(reading: true, sqlite: { try $0.users() },
                                                            postgres: { try await $0.users() })
                if global.json { return try Printer.json(users) }
                let label = Labels(language: global.lang)
                var table = TextTable(["ID", label("User"), label("Role"), label("Web sign-in"), label("Added"),
                                       label("Revoked")])
                for u in users {
                    table.add(["\(u.id)", u.name, u.role.label(global.lang), label(u.hasPassword ? "yes" : "no"),
                               u.createdAt, u.revokedAt ?? ""])
                }
                table.print(emptyMessage: label("(none)"))
            }
        }
    }

    struct UnitOfUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unit",
            abstract: "Name the member unit a user works for (labor-bureau staff see their unit's joint work).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        @Argument(help: "Unit code, name or id; omit with --none.") var unit: String?
        @Flag(help: "The user works for no unit.") var none = false

        func validate() throws {
            if (unit == nil) != none { throw ValidationError(RefusalText.usage("give a unit or --none, one of them")) }
        }

        func run() throws {
            try runReporting {
                let (user, unit) = try global.open().setUserUnit(name, unit: self.unit, actor: global.actorName)
                Printer.line(Labels(language: global.lang)("\(user.name) works for \(unit?.name ?? "—")"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a user's token (audited).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String

        func run() async throws {
            try await runReportingAsync {
                let user = try await global.onEitherEngine(
                    sqlite: { try $0.revokeUser(name, actor: global.actorName) },
                    postgres: { try await $0.revokeUser(name, actor: global.actorName) })
                Printer.line(Labels(language: global.lang)("revoked \(user.name)"))
            }
        }
    }
}

/// Standard input, whole, at most 4 KiB (a password, never a file).
func readStandardInput() throws -> String {
    let data = FileHandle.standardInput.readData(ofLength: 4096)
    guard let text = String(data: data, encoding: .utf8) else {
        throw WagecaseError.invalidField(field: "password", value: "", reason: "is not UTF-8 text",
                                         allowed: "a password in UTF-8")
    }
    return text
}
