import Foundation
import GRDB

/// Opening the database file (a DatabasePool in WAL mode) or an in-memory one for tests.
extension AppDatabase {
    public enum OpenMode: Sendable {
        /// Create the file when it does not exist (init, sample).
        case createIfMissing
        /// Refuse a missing file so a mistyped --db does not silently start an empty database.
        case mustExist
        /// An existing file, for reading only (reports, cron): never takes the write lock, so it neither waits for
        /// nor delays a server's write. Refuses a database whose schema is older than this program.
        case readOnly
    }

    public struct OutdatedDatabase: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "the database at \(path) needs an upgrade; run any writing command once (e.g. `wagecase init`)"
        }
    }

    public struct MissingDatabase: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "no database at \(path); create it with `wagecase init` (or pass --db / set WAGECASE_DB)"
        }
    }

    public static func open(path: String, mode: OpenMode = .mustExist,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        if mode != .createIfMissing && !FileManager.default.fileExists(atPath: path) {
            throw MissingDatabase(path: path)
        }
        if mode == .readOnly {
            var configuration = configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            guard try queue.read({ try migrator.hasCompletedMigrations($0) }) else { throw OutdatedDatabase(path: path) }
            return try AppDatabase(queue, clock: clock)
        }
        let pool = try DatabasePool(path: path, configuration: configuration())
        return try AppDatabase(pool, clock: clock)
    }

    /// An empty in-memory database with the current schema.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()), clock: clock)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Wait for another process's write (the server, a cron digest) instead of failing at once.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL makes NORMAL durable against application crashes; only an OS crash can lose the last commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Big reads (a digest over a million cases) map the file instead of copying each page in with pread.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        return configuration
    }
}
