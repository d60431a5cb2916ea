import GRDB

extension AppDatabase {
    /// The schema's history. "v1" is the root schema.sql, embedded at build time and applied verbatim.
    /// Shipped migrations are never edited; a change is a new migration that schema.sql then reflects.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: embeddedSchemaSQL)
        }
        return migrator
    }

    /// The schema text this binary applies (the root schema.sql at build time).
    public static var schemaSQL: String { embeddedSchemaSQL }
}
