import Dispatch
import Synchronization
import WagecaseCore

/// Reading and checking rows on one core while the other writes them: a producer thread pulls rows from the
/// file and parses them into batches; the importing transaction takes the batches in order. A bounded queue
/// (a few batches) keeps memory flat however long the file is.
final class RowPipeline: Sendable {
    enum Item: Sendable {
        /// A row that passed its checks, with the cells it was read from (an import stages them).
        case record(row: Int, ImportRecord, cells: [String])
        case invalid(row: Int, [ImportIssue])
    }

    private struct State {
        var batches: [[Item]] = []
        var finished = false
        var failure: (any Error)?
        var cancelled = false
    }

    private let state = Mutex(State())
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let depth: Int
    private static let batchSize = 512

    /// Starts reading at once. `next` is called on the producer thread only, one call at a time, until it returns
    /// nil or throws; nothing else touches what it captures meanwhile.
    init(next: @escaping ImportRowSource, parser: ImportRowParser, depth: Int = 8) {
        free = DispatchSemaphore(value: depth)
        self.depth = depth
        let source = UncheckedSendable(next)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            do {
                while let (number, cells) = try source.value() {
                    if cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }  // a blank line or row
                    switch parser.parse(cells, row: number) {
                    case .success(let record): batch.append(.record(row: number, record, cells: cells))
                    case .failure(let problems): batch.append(.invalid(row: number, problems.issues))
                    }
                    if batch.count == Self.batchSize {
                        if !push(batch) { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = push(batch) }
                state.withLock { $0.finished = true }
            } catch {
                state.withLock { $0.failure = error; $0.finished = true }
            }
            filled.signal()
        }
    }

    /// False when the importer stopped listening.
    private func push(_ batch: [Item]) -> Bool {
        free.wait()
        let cancelled = state.withLock { state in
            if !state.cancelled { state.batches.append(batch) }
            return state.cancelled
        }
        filled.signal()
        return !cancelled
    }

    /// Stops the producer (the import failed or finished early): it is released if waiting for room.
    func cancel() {
        state.withLock { $0.cancelled = true; $0.batches.removeAll() }
        for _ in 0..<depth { free.signal() }
    }

    /// The next batch in file order; nil at the end; rethrows what reading the file threw.
    func nextBatch() throws -> [Item]? {
        while true {
            filled.wait()
            let (batch, finished, failure) = state.withLock { state -> ([Item]?, Bool, (any Error)?) in
                state.batches.isEmpty ? (nil, state.finished, state.failure) : (state.batches.removeFirst(), false, nil)
            }
            if let batch {
                free.signal()
                return batch
            }
            if let failure { throw failure }
            if finished { return nil }
        }
    }
}

/// A value handed to one other thread that alone uses it (see RowPipeline).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
