import Synchronization
import WagecaseCore
import WagecaseStore

/// Reading and checking rows on one core while the other writes them: a producer thread pulls rows from the
/// file and parses them into batches; the importing transaction takes the batches in order. A bounded queue
/// (a few batches) keeps memory flat however long the file is.
final class RowPipeline: Sendable {
    enum Item: Sendable {
        /// A row that passed its checks, with the cells it was read from (an import stages them).
        case record(row: Int, ImportRecord, cells: [String])
        case invalid(row: Int, [ImportIssue])
        /// A row around the table that is no record (合计, 制表人, 填报说明; see `TableMargin`).
        case skipped(row: Int)
        /// A row read but left for the consumer to check (`checked(_:)`), when the consumer has time to spare.
        case unchecked(row: Int, cells: [String])
    }

    private let handoff: Handoff<[Item]>
    /// Batches the consumer is done with, let go by the producer (see `recycle`).
    private let spent = SpentBatches()

    private final class SpentBatches: Sendable {
        private let batches = Mutex<[[Item]]>([])
        func add(_ batch: [Item]) { batches.withLock { $0.append(batch) } }
        func takeAll() -> [[Item]] { batches.withLock { list in defer { list = [] }; return list } }
    }
    private static let batchSize = 512

    /// Starts reading at once. `next` is called on the producer thread only, one call at a time, until it returns
    /// nil or throws; nothing else touches what it captures meanwhile. Without `keepsCells` a worker record's cells
    /// are let go where they were read (workers are staged as checked records): freeing on the thread that
    /// allocated spares the two threads contending for malloc's lock a million times. `depth`: batches the
    /// producer may read ahead (a consumer that works in bursts, as staged workers do a run at a time, needs more).
    ///
    /// With `sharesChecking`, a batch is handed over unchecked whenever the consumer has caught up (nothing waits
    /// for it): it checks those rows itself (`checked(_:)`), so both cores check while reading is the slower part.
    init(next: @escaping ImportRowSource, parser: ImportRowParser, keepsCells: Bool = true, depth: Int = 8,
         sharesChecking: Bool = false) {
        handoff = Handoff<[Item]>(depth: depth)
        (self.parser, self.keepsCells) = (parser, keepsCells)
        let source = UncheckedSendable(next)
        BlockingWork.detach { [handoff, spent] in
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            var checksHere = true
            do {
                while let (number, cells) = try source.value() {
                    if cells.allSatisfy(ImportText.isBlank) { continue }  // a blank line or row
                    batch.append(checksHere ? Self.check(number, cells, parser: parser, keepsCells: keepsCells)
                                            : .unchecked(row: number, cells: cells))
                    if batch.count == Self.batchSize {
                        if !handoff.push(batch) { return }
                        checksHere = !sharesChecking || handoff.waiting > 1
                        batch.removeAll(keepingCapacity: true)
                        // Freed here, on the thread that allocated them.
                        _ = spent.takeAll()
                    }
                }
                if !batch.isEmpty { _ = handoff.push(batch) }
                handoff.finish()
            } catch {
                handoff.finish(failure: error)
            }
        }
    }

    private let parser: ImportRowParser
    private let keepsCells: Bool

    /// A row's item: skipped, its record, or its problems. Without `keepsCells` a worker record's cells are not
    /// kept (workers are staged as checked records).
    private static func check(_ number: Int, _ cells: [String], parser: ImportRowParser, keepsCells: Bool) -> Item {
        if TableMargin.isMargin(cells) { return .skipped(row: number) }
        switch parser.parse(cells, row: number) {
        case .success(let record):
            let staged = if case .worker = record { !keepsCells } else { false }
            return .record(row: number, record, cells: staged ? [] : cells)
        case .failure(let problems):
            return .invalid(row: number, problems.issues)
        }
    }

    /// The item checked, if it was handed over unchecked; else as it is.
    func checked(_ item: Item) -> Item {
        guard case .unchecked(let number, let cells) = item else { return item }
        return Self.check(number, cells, parser: parser, keepsCells: keepsCells)
    }

    /// Stops the producer (the import failed or finished early): it is released if waiting for room.
    func cancel() { handoff.cancel() }

    /// The next batch in file order; nil at the end; rethrows what reading the file threw.
    func nextBatch() throws -> [Item]? { try handoff.next() }

    /// Hands back a batch the consumer has done with (holding nothing of it): the producer lets it go, so its
    /// rows are freed on the thread that allocated them — freeing them here took malloc's lock against the
    /// producer for every row of a million.
    func recycle(_ batch: [Item]) { spent.add(batch) }
}

/// A value handed to one other thread that alone uses it (see RowPipeline).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
