import Dispatch
import Synchronization

/// The one way this store leaves Swift's cooperative pool. SQLite calls and file reads block their thread; run on
/// the pool (one thread per core) they would hold a thread other requests need. So everything that blocks runs on
/// BlockingWork's threads, and whoever needs its result waits in one of two ways:
/// - async code (the HTTP service, through `SQLiteStore`) awaits `run`, suspending without holding a thread;
/// - synchronous code already off the pool (a read transaction that overlaps pure work, an import that reads
///   rows on one core while the other writes) starts work with `start` and waits on `Pending.value`, or takes
///   batches from a producer through a `Handoff`.
/// Nothing else in the store makes threads, queues or semaphores.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "wagecase.blocking", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on a BlockingWork thread and resumes the caller with its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Starts `body` on a BlockingWork thread now; the caller takes its value when it needs it.
    static func start<T: Sendable>(_ body: @escaping @Sendable () -> T) -> Pending<T> {
        let pending = Pending<T>()
        queue.async { pending.fulfil(body()) }
        return pending
    }

    /// Starts a producer loop on a BlockingWork thread.
    static func detach(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }
}

/// A value being computed by `BlockingWork.start`.
final class Pending<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    fileprivate func fulfil(_ value: Value) {
        result.withLock { $0 = value }
        done.signal()
    }

    /// Waits once; later calls return at once.
    var value: Value {
        if let value = result.withLock({ $0 }) { return value }
        done.wait()
        return result.withLock { $0! }
    }
}

/// A bounded queue from one producer to one consumer: the producer waits while `depth` items are waiting, the
/// consumer while none are; the consumer may stop the producer.
final class Handoff<Item: Sendable>: Sendable {
    private struct State {
        var items: [Item] = []
        var finished = false
        var failure: (any Error)?
        var cancelled = false
    }

    private let state = Mutex(State())
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let depth: Int

    init(depth: Int) {
        self.depth = depth
        free = DispatchSemaphore(value: depth)
    }

    /// False when the consumer stopped listening.
    func push(_ item: Item) -> Bool {
        free.wait()
        let cancelled = state.withLock { state in
            if !state.cancelled { state.items.append(item) }
            return state.cancelled
        }
        filled.signal()
        return !cancelled
    }

    /// How many items wait for the consumer.
    var waiting: Int { state.withLock { $0.items.count } }

    /// The producer is done, or failed with `failure`.
    func finish(failure: (any Error)? = nil) {
        state.withLock { $0.finished = true; $0.failure = failure }
        filled.signal()
    }

    /// Releases a producer waiting for room; later pushes are dropped.
    func cancel() {
        state.withLock { $0.cancelled = true; $0.items.removeAll() }
        for _ in 0..<depth { free.signal() }
    }

    /// The next item in order; nil at the end; rethrows the producer's failure.
    func next() throws -> Item? {
        while true {
            filled.wait()
            let (item, finished, failure) = state.withLock { state -> (Item?, Bool, (any Error)?) in
                state.items.isEmpty ? (nil, state.finished, state.failure) : (state.items.removeFirst(), false, nil)
            }
            if let item {
                free.signal()
                return item
            }
            if let failure { throw failure }
            if finished { return nil }
        }
    }
}
