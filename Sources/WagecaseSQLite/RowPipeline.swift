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
    }

    private let handoff = Handoff<[Item]>(depth: 8)
    private static let batchSize = 512

    /// Starts reading at once. `next` is called on the producer thread only, one call at a time, until it returns
    /// nil or throws; nothing else touches what it captures meanwhile.
    init(next: @escaping ImportRowSource, parser: ImportRowParser) {
        let source = UncheckedSendable(next)
        BlockingWork.detach { [handoff] in
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            do {
                while let (number, cells) = try source.value() {
                    if cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }  // a blank line or row
                    if TableMargin.isMargin(cells) {
                        batch.append(.skipped(row: number))
                    } else {
                        switch parser.parse(cells, row: number) {
                        case .success(let record): batch.append(.record(row: number, record, cells: cells))
                        case .failure(let problems): batch.append(.invalid(row: number, problems.issues))
                        }
                    }
                    if batch.count == Self.batchSize {
                        if !handoff.push(batch) { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = handoff.push(batch) }
                handoff.finish()
            } catch {
                handoff.finish(failure: error)
            }
        }
    }

    /// Stops the producer (the import failed or finished early): it is released if waiting for room.
    func cancel() { handoff.cancel() }

    /// The next batch in file order; nil at the end; rethrows what reading the file threw.
    func nextBatch() throws -> [Item]? { try handoff.next() }
}

/// A value handed to one other thread that alone uses it (see RowPipeline).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
