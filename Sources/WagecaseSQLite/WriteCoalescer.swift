import GRDB
import Synchronization

/// Group commit for the service's writes. Requests that arrive while a transaction is being written wait for the
/// next one, which takes every request waiting: one transaction, each request in its own savepoint (AppDatabase's
/// `write` nests as one), so a refused request rolls back alone and the others commit together. Nobody is answered
/// before the transaction holding their write has committed, so an acknowledged write is as durable as before; a
/// failed commit fails every request in it. There is no timer: under light load a batch is one request and waits
/// for nothing; under heavy load the batch grows with the queue, and the fixed cost of a commit (and the WAL pages
/// that every request touches — the audit log's last page, the figures of the day) is paid once per batch.
final class WriteCoalescer: Sendable {
    /// One request: runs its use-case (in the batch's transaction), then is answered after the commit.
    private struct Request: Sendable {
        let perform: @Sendable (AppDatabase) -> Void
        let answer: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var waiting: [Request] = []
        var writing = false
        var largestWritten = 0
    }

    private let state = Mutex(State())
    /// The largest batch: a bound on how long the first request of a batch waits for the last.
    private let largestBatch = 256

    /// The most requests one transaction has held so far.
    var largestBatchWritten: Int { state.withLock { $0.largestWritten } }

    /// Runs `body` in the next batch and returns its result once that batch has committed.
    func write<T: Sendable>(_ database: AppDatabase, _ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            let request = Request(
                perform: { database in outcome.set(Result { try body(database) }) },
                answer: { batchFailure in
                    if let batchFailure {
                        continuation.resume(throwing: batchFailure)
                    } else {
                        continuation.resume(with: outcome.take())
                    }
                })
            let startWriter = state.withLock { state in
                state.waiting.append(request)
                if state.writing { return false }
                state.writing = true
                return true
            }
            if startWriter { BlockingWork.detach { self.drain(database) } }
        }
    }

    /// Writes batches until nobody is waiting.
    private func drain(_ database: AppDatabase) {
        while true {
            let batch = state.withLock { state -> [Request] in
                let batch = Array(state.waiting.prefix(largestBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.writing = false }
                state.largestWritten = max(state.largestWritten, batch.count)
                return batch
            }
            if batch.isEmpty { return }
            var failure: (any Error)?
            do {
                try database.batchOfRequests { db in
                    for request in batch {
                        request.perform(database)
                        // An error SQLite answers by rolling the whole transaction back (a full disk, an I/O error)
                        // leaves nothing to commit: the requests run so far are undone, so the batch fails.
                        guard db.isInsideTransaction else { throw WriteBatchRolledBack() }
                    }
                }
            } catch {
                failure = error
            }
            for request in batch { request.answer(failure) }
        }
    }
}

/// The transaction of a batch was rolled back by SQLite itself; none of its requests was written.
struct WriteBatchRolledBack: Error, CustomStringConvertible {
    var description: String { "the write was rolled back by the database; nothing was written — try again" }
}

/// A request's own result, kept until its batch commits.
private final class Outcome<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)
    func set(_ value: Result<T, any Error>) { result.withLock { $0 = value } }
    func take() -> Result<T, any Error> {
        result.withLock { $0 } ?? .failure(WriteBatchRolledBack())
    }
}

extension AppDatabase {
    /// One write transaction for a batch of requests, each of which writes through `write(actor:)` (a savepoint
    /// inside it); what is kept derived from the records is brought up to date before the commit, as for any write.
    func batchOfRequests(_ body: (Database) throws -> Void) throws {
        try Self.reportingBusy {
            try writer.write { db in
                try body(db)
                try Self.refreshKeptDerivations(db)
            }
        }
    }
}
