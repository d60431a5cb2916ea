import Foundation
import PostgresNIO

/// The PostgreSQL schema's migrations: the sections of schema.postgres.sql (embedded at build time), each applied
/// once, in order, in its own transaction, and recorded in schema_migration. A transaction-scoped advisory lock
/// makes two processes starting at once take turns: the second finds the work done.
enum PostgresMigrations {
    struct Migration: Equatable {
        var name: String
        var sql: String
    }

    /// The advisory lock key for migrations ("wagecase" in ASCII, as a number).
    static let lockKey: Int64 = 0x7761_6765_6361_7365

    static let all: [Migration] = sections(of: embeddedPostgresSchemaSQL)

    /// Splits the schema file at its "-- migration: NAME" lines; the text before the first is comments only.
    static func sections(of text: String) -> [Migration] {
        var migrations: [Migration] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- migration: ") {
                migrations.append(Migration(name: String(line.dropFirst("-- migration: ".count)), sql: ""))
            } else if !migrations.isEmpty {
                migrations[migrations.count - 1].sql += line + "\n"
            }
        }
        return migrations
    }

    /// The statements of a section, split at the semicolons that end them: not those inside quotes, comments or
    /// the dollar-quoted bodies of functions (the driver sends one statement at a time).
    static func statements(of sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(sql)
        var index = 0
        var inQuote = false, inDollar = false, inComment = false
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if inComment {
                if character == "\n" { inComment = false }
            } else if inQuote {
                if character == "'" { inQuote = false }
            } else if inDollar {
                if character == "$", next == "$" { inDollar = false; current.append("$"); index += 1 }
            } else if character == "-", next == "-" {
                inComment = true
            } else if character == "'" {
                inQuote = true
            } else if character == "$", next == "$" {
                inDollar = true; current.append("$"); index += 1
            } else if character == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
                index += 1
                continue
            }
            if !inComment { current.append(character) }
            index += 1
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    static func applied(_ connection: PostgresConnection) async throws -> Set<String> {
        let exists = try await connection.query("SELECT to_regclass('schema_migration') IS NOT NULL",
                                                logger: PostgresDatabase.logger)
        var found = false
        for try await value in exists.decode(Bool.self) { found = value }
        guard found else { return [] }
        var names: Set<String> = []
        for try await name in try await connection.query("SELECT name FROM schema_migration",
                                                          logger: PostgresDatabase.logger).decode(String.self) {
            names.insert(name)
        }
        return names
    }

    /// Migrations recorded in the database that this program does not have, sorted.
    static func unknown(_ database: PostgresDatabase) async throws -> [String] {
        let applied = try await database.withConnection { try await Self.applied($0) }
        return applied.subtracting(all.map(\.name)).sorted()
    }

    static func pending(_ database: PostgresDatabase) async throws -> [String] {
        let applied = try await database.withConnection { try await Self.applied($0) }
        return all.map(\.name).filter { !applied.contains($0) }
    }

    static func migrate(_ database: PostgresDatabase) async throws {
        for migration in all {
            try await database.transaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: PostgresDatabase.logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_migration (
                        name       text PRIMARY KEY,
                        applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: PostgresDatabase.logger)
                guard try await !applied(connection).contains(migration.name) else { return }
                for statement in statements(of: migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresDatabase.logger)
                }
                try await connection.query("INSERT INTO schema_migration (name) VALUES (\(migration.name))",
                                           logger: PostgresDatabase.logger)
            }
        }
    }
}
