import Foundation

/// Items handed from a reading thread to the writing one in batches, at most a few batches ahead: a long list is
/// read on one core while the other formats and writes it, and memory holds a few batches, never the list. The
/// reader stops at its next batch once the writer has given up (`close`).
public final class BatchPipe<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var ended = false, closed = false
    private var failure: (any Error)?
    private let ahead: Int

    public init(ahead: Int = 4) { self.ahead = ahead }

    /// The writer closed the pipe: the reader should stop.
    public struct Closed: Error {}

    /// Hands on a batch, waiting while `ahead` are unread; throws `Closed` once the writer has stopped.
    public func put(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= ahead && !closed { condition.wait() }
        if closed { throw Closed() }
        batches.append(batch)
        condition.broadcast()
    }

    /// The reader is done: with `error` if it failed.
    public func end(_ error: (any Error)? = nil) {
        condition.lock()
        (ended, failure) = (true, error)
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil once the reader ended; rethrows the reader's failure.
    public func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !ended { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The writer stops reading (it failed): the reader's next `put` throws.
    public func close() {
        condition.lock()
        closed = true
        batches = []
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `read` on a thread of its own, handing what it yields on in batches of `size`, and calls `write` for
    /// each item here as it comes; returns once both are done. An error on either side ends both and is thrown.
    /// Inlinable, so that items are moved as their own type where it is used (a hundred thousand alerts, each a
    /// dozen strings, were copied and released through value witnesses); `yield` takes the item over.
    @inlinable
    public static func stream(size: Int = 512,
                              read: @escaping @Sendable (_ yield: (consuming Item) throws -> Void) throws -> Void,
                              write: (Item) throws -> Void) throws {
        let pipe = BatchPipe<Item>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                var batch: [Item] = []
                batch.reserveCapacity(size)
                try read { (item: consuming Item) in
                    batch.append(item)
                    if batch.count == size {
                        try pipe.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try pipe.put(batch) }
                pipe.end()
            } catch {
                pipe.end(error)
            }
            done.signal()
        }
        thread.start()
        defer { done.wait() }
        do {
            while let batch = try pipe.next() {
                for item in batch { try write(item) }
            }
        } catch {
            pipe.close()
            throw error
        }
    }
}
