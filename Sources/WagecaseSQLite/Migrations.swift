import Crypto
import Foundation
import GRDB
import WagecaseStore

extension AppDatabase {
    /// The schema's history: the sections of the root schema.sql (embedded at build time), split at each
    /// "-- migration: NAME" line; the text before the first is "v1". Shipped sections are never edited; a change
    /// is a new section at the end of the file.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (name, sql) in migrations {
            migrator.registerMigration(name) { db in
                try db.execute(sql: sql)
                // v3 added the audit chain: the entries already there are sealed in the same migration.
                if name == "v3" {
                    try AuditChain.maskUnsealedPhones(db)
                    try AuditChain.sealUnsealed(db)
                }
                // v19 keeps the guarantees' standing by day: the guarantees already there are derived now.
                if name == "v19" { try refreshGuaranteeStanding(db) }
                // v21 keeps the monitor's findings and marks every project; v22 adds the alerts' words and places to
                // them: every project's are derived once, by the columns of the latest (v22 marks nothing new).
                if name == "v22" { try rebuildMonitorFindings(db) }
                // v23 rewrites schema text by exact replacement: every list it names must be gone.
                if name == "v23" {
                    let left = try LongInLists.holders(db)
                    guard left.isEmpty else { throw LongInLists.Left(holders: left) }
                }
            }
        }
        return migrator
    }

    /// The line that starts a section.
    static let migrationMarker = "-- migration: "

    /// (name, SQL) in order.
    static let migrations: [(name: String, sql: String)] = {
        var sections: [(name: String, sql: String)] = [("v1", "")]
        for line in embeddedSchemaSQL.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(migrationMarker) {
                sections.append((String(line.dropFirst(migrationMarker.count)).trimmingCharacters(in: .whitespaces), ""))
            } else {
                sections[sections.count - 1].sql += line + "\n"
            }
        }
        return sections
    }()

    /// The sections' names in order, found by their marker lines alone: opening a file that is up to date needs the
    /// names, not the SQL (splitting the whole schema into sections took more of a `stats` run than its figures).
    static let migrationNames: [String] = {
        let marker = migrationMarker
        var names = ["v1"]
        for line in embeddedSchemaSQL.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        where line.starts(with: marker.utf8) {
            names.append(String(decoding: line.dropFirst(marker.utf8.count), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return names
    }()

    /// Whether every section is applied to `db`: what GRDB's `hasCompletedMigrations` answers, without registering
    /// the migrations.
    static func hasCompletedMigrations(_ db: Database) throws -> Bool {
        let applied = try appliedMigrationNames(db)
        return migrationNames.allSatisfy(applied.contains)
    }

    /// The sections applied to `db`, known to this binary or not (none in a new file).
    static func appliedMigrationNames(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
    }

    /// The schema text this binary applies (the root schema.sql at build time).
    public static var schemaSQL: String { embeddedSchemaSQL }
}
