import Synchronization
import WagecaseCore
import WagecaseStore

/// Reading and checking rows on one core while the other writes them: a producer thread pulls rows from the
/// file and parses them into batches; the importing transaction takes the batches in order. A bounded queue
/// (a few batches) keeps memory flat however long the file is.
final class RowPipeline: Sendable {
    enum Item: Sendable {
        /// A row that passed its checks, with the cells it was read from (an import stages them). Boxed: a record
        /// is large, and an item is moved several times on its way.
        indirect case record(row: Int, ImportRecord, cells: [String])
        /// A worker that passed its checks, already as the record it is staged as (`stagesWorkers`).
        case worker(StagedWorkerRecord)
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
    /// With `sharesChecking`, how many batches must be waiting for the producer to check the next one itself;
    /// with fewer it hands the next over unchecked, so the consumer (checking what it is handed) never runs dry.
    static let waitingToCheckHere = 4

    /// Starts reading at once. `next` is called on the producer thread only, one call at a time, until it returns
    /// nil or throws; nothing else touches what it captures meanwhile. With `stagesWorkers` a worker that passes
    /// is made into its staged record by the thread that checked it, and its cells and values let go there:
    /// freeing on the thread that allocated spares the two threads contending for malloc's lock a million times,
    /// and the consumer copies bytes instead of a dozen counted strings a row. `depth`: batches the
    /// producer may read ahead (a consumer that works in bursts, as staged workers do a run at a time, needs more).
    ///
    /// With `sharesChecking`, a batch is handed over unchecked while the consumer is close to catching up (fewer
    /// than `waitingToCheckHere` batches wait): it checks those rows itself (`checked(_:)`), so both cores check
    /// while reading is the slower part.
    init(next: @escaping ImportRowSource, parser: ImportRowParser, stagesWorkers: Bool = false, depth: Int = 8,
         sharesChecking: Bool = false) {
        handoff = Handoff<[Item]>(depth: depth)
        // A consumer that checks rows does so with a copy of its own: one parser shared by both threads is a
        // reference count both cores write at every row.
        (self.parser, self.stagesWorkers) = (sharesChecking ? parser.unshared() : parser, stagesWorkers)
        let source = UncheckedSendable(next)
        BlockingWork.detach { [handoff, spent] in
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            var checksHere = true
            do {
                while let (number, cells) = try source.value() {
                    if cells.allSatisfy(ImportText.isBlank) { continue }  // a blank line or row
                    batch.append(checksHere ? Self.check(number, cells, parser: parser, stagesWorkers: stagesWorkers)
                                            : .unchecked(row: number, cells: cells))
                    if batch.count == Self.batchSize {
                        if !handoff.push(batch) { return }
                        checksHere = !sharesChecking || handoff.waiting >= Self.waitingToCheckHere
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
    private let stagesWorkers: Bool

    /// A row's item: skipped, its record (a worker's staged record with `stagesWorkers`), or its problems.
    private static func check(_ number: Int, _ cells: [String], parser: ImportRowParser, stagesWorkers: Bool) -> Item {
        if TableMargin.isMargin(cells) { return .skipped(row: number) }
        switch parser.parse(cells, row: number) {
        case .success(.worker(let worker)) where stagesWorkers:
            return .worker(StagedWorkerRecord(row: number, worker))
        case .success(let record):
            return .record(row: number, record, cells: cells)
        case .failure(let problems):
            return .invalid(row: number, problems.issues)
        }
    }

    /// The item checked, if it was handed over unchecked; else as it is.
    func checked(_ item: Item) -> Item {
        guard case .unchecked(let number, let cells) = item else { return item }
        return Self.check(number, cells, parser: parser, stagesWorkers: stagesWorkers)
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
