import CSQLiteSettings

/// Settings SQLite takes once per process, before its first connection opens.
enum SQLiteProcessSettings {
    /// Applied by the first `Persistence.configuration` (every connection of the program is opened after it).
    static let applied: Void = {
        // Nothing reads SQLite's memory count; keeping it costs a global lock on each of its allocations.
        _ = wagecase_sqlite_stop_counting_memory()
    }()
}
