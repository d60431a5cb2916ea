import Testing
@testable import WagecaseCore

/// Merging several ordered lists at once is merging them pairwise from the left: the same elements, in the same
/// order, ties included (the earlier list's first), filtered or not.
@Suite struct SortedMergeTests {
    @Test func severalListsAtOnceEqualPairwiseMerges() {
        var seed: UInt64 = 20_261_127
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<500 {
            // (key, list, position): equal keys across lists show which list a tie takes first.
            let lists = (0..<(1 + next(5))).map { list in
                (0..<next(12)).map { _ in next(6) }.sorted().enumerated()
                    .map { (key: $0.element, list: list, at: $0.offset) }
            }
            let before = { (a: (key: Int, list: Int, at: Int), b: (key: Int, list: Int, at: Int)) in a.key < b.key }
            let pairwise = lists.dropFirst().reduce(lists[0]) { mergedInOrder($0, $1, by: before) }
            let atOnce = mergedInOrder(lists, by: before)
            #expect(atOnce.map(\.key) == pairwise.map(\.key) && atOnce.map(\.list) == pairwise.map(\.list)
                    && atOnce.map(\.at) == pairwise.map(\.at))
            let even = mergedInOrder(lists, keeping: { $0.key % 2 == 0 }, by: before)
            let evenPairwise = pairwise.filter { $0.key % 2 == 0 }
            #expect(even.map(\.key) == evenPairwise.map(\.key) && even.map(\.list) == evenPairwise.map(\.list)
                    && even.map(\.at) == evenPairwise.map(\.at))
        }
    }

    /// The stream merges sources read one element at a time as the lists merge: empty sources, ties (the earlier
    /// source's first) and sources that end early; each source is read at most one element ahead of the merge.
    @Test func aStreamOfSourcesEqualsTheMergedLists() throws {
        var seed: UInt64 = 20_261_128
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        typealias Item = (key: Int, list: Int, at: Int)
        final class Reads { var count = 0 }
        for _ in 0..<500 {
            let lists: [[Item]] = (0..<(1 + next(6))).map { list in
                (0..<next(10)).map { _ in next(5) }.sorted().enumerated().map { (key: $0.element, list: list, at: $0.offset) }
            }
            let reads = Reads()
            let sources = lists.map { list -> () throws -> Item? in
                var iterator = list.makeIterator()
                return {
                    reads.count += 1
                    return iterator.next()
                }
            }
            var stream = try MergedInOrderStream(sources) { $0.key < $1.key }
            let expected = mergedInOrder(lists, by: { $0.key < $1.key })
            var merged: [Item] = []
            while let item = try stream.next() {
                merged.append(item)
                // Read so far: each source's first, plus one after each element handed out.
                #expect(reads.count <= lists.count + merged.count)
            }
            let afterTheEnd = try stream.next()
            #expect(afterTheEnd == nil)
            #expect(merged.map(\.key) == expected.map(\.key) && merged.map(\.list) == expected.map(\.list)
                    && merged.map(\.at) == expected.map(\.at))
        }
    }
}
