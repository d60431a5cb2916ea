import Foundation
import PostgresNIO
import Testing
@testable import WagecasePostgres

/// The PostgreSQL server the tests use: `WAGECASE_TEST_POSTGRES` (a URL to a database the user may create others
/// from), which `.ci/run` sets after starting a throwaway cluster (`scripts/postgres.sh start`). Each test makes
/// its own database and drops it. Outside CI, with no server named, these tests are skipped; in CI they fail.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["WAGECASE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let inCI = ProcessInfo.processInfo.environment["WAGECASE_CI"] == "1"

    /// True when the tests can run; records a failure when CI has no server (CI never skips them).
    static var available: Bool {
        if url == nil && inCI {
            Issue.record("WAGECASE_TEST_POSTGRES is not set in CI: start scripts/postgres.sh and export its URL")
        }
        return url != nil
    }

    /// A new, empty database on the test server, dropped after `body`.
    static func withDatabase<T>(_ body: (PostgresLocation, String) async throws -> T) async throws -> T {
        guard let url else { throw CancellationError() }
        let admin = try PostgresLocation(url: url)
        let name = "wagecase_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        try await execute("CREATE DATABASE \(name)", on: admin)
        var location = admin
        location.database = name
        let components = url.split(separator: "?", maxSplits: 1)
        var base = String(components[0])
        if let slash = base.range(of: "/", options: .backwards), base[..<slash.lowerBound].contains("@") || base.hasPrefix("postgres") {
            base = String(base[..<slash.lowerBound]) + "/" + name
        }
        let databaseURL = base + (components.count > 1 ? "?" + components[1] : "")
        do {
            let result = try await body(location, databaseURL)
            try await execute("DROP DATABASE \(name) WITH (FORCE)", on: admin)
            return result
        } catch {
            try? await execute("DROP DATABASE \(name) WITH (FORCE)", on: admin)
            throw error
        }
    }

    static func execute(_ sql: String, on location: PostgresLocation) async throws {
        let database = PostgresDatabase(location)
        defer { database.close() }
        try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: PostgresDatabase.logger)
    }
}
