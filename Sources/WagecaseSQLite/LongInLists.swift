import GRDB

/// Lists of three or more values tested with IN in a table's CHECK constraints or a trigger: SQLite 3.40 builds a
/// temporary b-tree for each at every row it checks, so schema v23 writes them as comparisons joined by OR.
enum LongInLists {
    /// The tables and triggers whose text still holds one.
    static func holders(_ db: Database) throws -> [String] {
        let list = #/\bIN\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*,/#.ignoresCase()
        return try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name")
            .filter { row in ((row["sql"] as String?) ?? "").firstMatch(of: list) != nil }
            .map { $0["name"] }
    }

    /// v23 replaces each list by its exact text: one that did not match (a file whose schema text differs) fails
    /// the migration, rather than leaving the list and recording v23 as applied.
    struct Left: Error, CustomStringConvertible {
        let holders: [String]
        var description: String {
            "schema v23 could not rewrite the IN lists of \(holders.joined(separator: ", ")); the file is left as it was"
        }
    }
}
