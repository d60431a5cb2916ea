import Foundation
import Testing
import WagecaseReports

/// The pipe between the thread that reads a long list and the one that writes it: everything arrives in order,
/// a reader's failure reaches the writer after what was read before it, and a writer that gives up stops the
/// reader within a few batches.
@Suite("Batch pipe")
struct BatchPipeTests {
    struct Failed: Error, Equatable { let at: Int }

    @Test("every item arrives once, in order, in batches of any size", arguments: [1, 7, 512])
    func everyItemInOrder(size: Int) throws {
        var written: [Int] = []
        try BatchPipe<Int>.stream(size: size, read: { yield in
            for item in 0..<10_001 { try yield(item) }
        }, write: { written.append($0) })
        #expect(written == Array(0..<10_001))
    }

    @Test("nothing read: nothing written, no wait")
    func nothingRead() throws {
        var written = 0
        try BatchPipe<Int>.stream(read: { _ in }, write: { _ in written += 1 })
        #expect(written == 0)
    }

    @Test("a reader's failure is thrown to the writer, after what was read before it")
    func readerFailure() {
        var written: [Int] = []
        #expect(throws: Failed(at: 1_000)) {
            try BatchPipe<Int>.stream(size: 64, read: { yield in
                for item in 0..<1_000 { try yield(item) }
                throw Failed(at: 1_000)
            }, write: { written.append($0) })
        }
        // Whole batches before the failure are handed on; the part batch it interrupted is not.
        #expect(written == Array(0..<(1_000 / 64 * 64)))
    }

    @Test("a writer's failure stops the reader within a few batches")
    func writerFailure() {
        let read = Counter()
        #expect(throws: Failed(at: 100)) {
            try BatchPipe<Int>.stream(size: 32, read: { yield in
                for item in 0..<1_000_000 {
                    read.add()
                    try yield(item)
                }
            }, write: { item in if item == 100 { throw Failed(at: 100) } })
        }
        // The writer stopped at the fourth batch; the reader had at most the pipe's four batches ahead, and the one
        // it was filling.
        #expect(read.value < 100 + 6 * 32)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
