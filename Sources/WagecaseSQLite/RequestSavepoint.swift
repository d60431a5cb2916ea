import GRDB

extension Database {
    /// Runs `body` all-or-nothing: in a savepoint of the transaction already open (a batch of the service's
    /// requests, a use-case calling another), else in a transaction of its own (GRDB's, which opens it IMMEDIATE).
    /// The savepoint's statements come from the statement cache: GRDB's `inSavepoint` prepares "SAVEPOINT" and
    /// "RELEASE" anew each time, which in a batch of clue intakes cost more than one of its queries.
    func inRequestSavepoint<T>(_ body: () throws -> T) throws -> T {
        guard isInsideTransaction else {
            var result: T?
            try inSavepoint {
                result = try body()
                return .commit
            }
            guard let result else { throw SavepointLeftNoResult() }
            return result
        }
        try cachedStatement(sql: "SAVEPOINT request").execute()
        do {
            let result = try body()
            try cachedStatement(sql: "RELEASE SAVEPOINT request").execute()
            return result
        } catch {
            // The body refused, or its savepoint could not be released: what it wrote is undone. A failure SQLite
            // answers by rolling the whole transaction back (a full disk) leaves no savepoint: the batch sees the
            // transaction gone and fails every request in it.
            if isInsideTransaction {
                do {
                    try cachedStatement(sql: "ROLLBACK TO SAVEPOINT request").execute()
                    try cachedStatement(sql: "RELEASE SAVEPOINT request").execute()
                } catch {
                    // What this request wrote could not be undone alone: the whole transaction is, so none of it
                    // commits with the rest of a batch (which then fails every request in it).
                    try? execute(sql: "ROLLBACK")
                }
            }
            throw error
        }
    }
}

/// `inSavepoint` returned without running its body to the end, which GRDB does not do.
struct SavepointLeftNoResult: Error, CustomStringConvertible {
    var description: String { "the write ended without a result; nothing was written" }
}
