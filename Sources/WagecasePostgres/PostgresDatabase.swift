import Foundation
import Logging
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// A PostgreSQL database wagecase keeps its records in: a connection pool (postgres-nio's `PostgresClient`) run
/// for the life of this value, and the schema brought up to date when it opens. Close it with `close()`.
public final class PostgresDatabase: Sendable {
    public let location: PostgresLocation
    let client: PostgresClient
    private let runner: Task<Void, Never>
    /// The read transactions that may take a second connection now (`readOnly(sharing:_:)`).
    let secondConnections: SecondConnections
    /// This process's record writes, queued before they take a connection.
    let writeQueue = WriteQueue()
    /// The driver's own messages: errors only (a pool that is still starting is not worth a line).
    static let logger: Logger = {
        var logger = Logger(label: "wagecase.postgres")
        logger.logLevel = .error
        return logger
    }()

    /// Opens the pool. `migrate`: bring the schema up to date (a writing command); otherwise the schema must be
    /// current already (a reader on a replica cannot migrate).
    public static func open(_ location: PostgresLocation, migrate: Bool) async throws -> PostgresDatabase {
        // One plain connection first, so a wrong address, password or database name is reported at once as what
        // it is (the pool would retry it quietly until its breaker trips).
        try await probe(location)
        let database = PostgresDatabase(location)
        do {
            if migrate {
                // A schema with migrations this program does not know was written by a newer version: not changed
                // (reading it still works, as with an SQLite file).
                let unknown = try await PostgresMigrations.unknown(database)
                if !unknown.isEmpty { throw NewerPostgres(location: location.redacted, unknown: unknown) }
                try await PostgresMigrations.migrate(database)
            } else {
                let pending = try await PostgresMigrations.pending(database)
                if !pending.isEmpty { throw OutdatedPostgres(location: location.redacted) }
            }
            return database
        } catch {
            database.close()
            throw PostgresFailure.describe(error, location: location)
        }
    }

    static func probe(_ location: PostgresLocation) async throws {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tlsMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: unverified))
            case .require: tls = .require(try NIOSSLContext(configuration: unverified))
            case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
            configuration.options.connectTimeout = .seconds(Int64(location.connectTimeoutSeconds))
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }

    init(_ location: PostgresLocation) {
        self.location = location
        secondConnections = SecondConnections(poolSize: location.poolSize)
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: Self.tls(location.tlsMode))
        configuration.options.maximumConnections = location.poolSize
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeoutSeconds))
        // Dates in ISO form whatever the server's DateStyle, so what is read back is what was written.
        // No JIT: wagecase's statements are short, and compiling one (a digest's series, 0.2 s on a million cases)
        // cost more than running it.
        var startup: [(String, String)] = [("application_name", location.applicationName), ("TimeZone", "Asia/Shanghai"),
                                           ("DateStyle", "ISO, YMD"), ("jit", "off")]
        if location.statementTimeoutMilliseconds > 0 {
            startup.append(("statement_timeout", String(location.statementTimeoutMilliseconds)))
        }
        configuration.options.additionalStartupParameters = startup
        client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        let client = client
        runner = Task { await client.run() }
    }

    static func tls(_ mode: PostgresLocation.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(unverified)
        case .require: .require(unverified)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    /// Encryption without checking the certificate: libpq's prefer and require.
    static var unverified: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    /// Runs `body` on one connection in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await inTransaction("BEGIN", body)
    }

    /// Runs `body` in one REPEATABLE READ, READ ONLY transaction: one state of the database for every query, and
    /// nothing a replica would refuse.
    public func readOnly<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            // A report groups a province's series or sorts its alerts: with the server's default 4 MB each hash
            // spilled to disk and evaluated its subqueries again (a digest's series, 2.3 s of 5,000,000 cases).
            // For this transaction only.
            try await connection.query("SET LOCAL work_mem = '64MB'", logger: Self.logger)
            return try await body(connection)
        }
    }

    /// `begin`, then `body`, then COMMIT on one connection; ROLLBACK when it throws.
    func inTransaction<T: Sendable>(_ begin: PostgresQuery,
                                            _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query(begin, logger: Self.logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: Self.logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
        }
    }

    /// Runs `body` on one connection, outside any transaction it does not start itself.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection) }
    }

    /// Stops the pool; connections close.
    public func close() {
        runner.cancel()
    }

    /// The database exists but its schema is older than this program's, and this run may not migrate it.
    public struct OutdatedPostgres: Refusal, CustomStringConvertible {
        public let location: String
        public var code: String { "store.outdated" }
        public func message(_ language: Language) -> String {
            ("the database at \(location) needs an upgrade, which `wagecase init` does once" as Phrase).text(language)
        }
        public var description: String { message(.en) }
    }
}

/// The database's schema has migrations this program does not know: a newer version wrote it.
public struct NewerPostgres: Refusal, CustomStringConvertible {
    public let location: String
    public let unknown: [String]
    public var code: String { "store.newer" }
    public func message(_ language: Language) -> String {
        ("the database at \(location) was written by a newer version of wagecase (schema \(unknown.joined(separator: ", "))); this version will not change it — use that version or newer (reading commands such as stats still work)" as Phrase).text(language)
    }
    public var description: String { message(.en) }
}

/// What went wrong reaching or using the server, in words for the person at the command line.
public struct PostgresFailure: Refusal, CustomStringConvertible {
    public let location: String
    public let reason: Phrase
    public let detail: String
    public var code: String { "store.unusable" }

    public func message(_ language: Language) -> String {
        ("the PostgreSQL database at \(location) cannot be used: \(reason)" as Phrase).text(language)
            + (detail.isEmpty ? "" : " (\(detail))")
    }
    public var description: String { message(.en) }

    /// A refusal as it is; a server or connection error described with its SQLSTATE and message; anything else
    /// (a value that would not decode) as it is too, never as a connection failure.
    static func describe(_ error: any Error, location: PostgresLocation) -> any Error {
        if error is any Refusal { return error }
        // A stored value that does not read as its column should (a schema a newer version changed, a change
        // made outside the program): said as the SQLite store says it.
        if let error = error as? PostgresDecodingError {
            return CorruptValue(column: error.columnName, value: "\(error.postgresType)")
        }
        if let error = error as? DecodingError {
            return CorruptValue(column: "document", value: String(describing: error))
        }
        if let error = error as? PSQLError {
            if let server = error.serverInfo {
                let state = server[.sqlState] ?? ""
                let message = server[.message] ?? ""
                let reason: Phrase = switch state {
                case "28P01", "28000": "the user name or password was refused"
                case "3D000": "the database does not exist"
                case "42501": "the user may not do this"
                default: "the server refused a statement"
                }
                return PostgresFailure(location: location.redacted, reason: reason, detail: "\(state) \(message)")
            }
            return PostgresFailure(location: location.redacted, reason: "the server cannot be reached",
                                   detail: error.underlying.map { String(describing: $0) } ?? String(describing: error.code))
        }
        if error is IOError || error is ChannelError || String(reflecting: type(of: error)).contains("ConnectionPool") {
            return PostgresFailure(location: location.redacted, reason: "the server cannot be reached",
                                   detail: String(describing: error))
        }
        return error
    }
}
