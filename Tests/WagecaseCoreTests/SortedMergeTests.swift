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
}
