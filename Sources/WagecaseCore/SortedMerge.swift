/// Two lists each already in order, as one in order; on a tie the first list's element comes first. Kept findings
/// and the day's additions are merged this way rather than sorted again.
func mergedInOrder<C1: Collection, C2: Collection>(_ first: C1, _ second: C2,
                                                 by areInIncreasingOrder: (C1.Element, C1.Element) -> Bool)
    -> [C1.Element] where C2.Element == C1.Element {
    var merged: [C1.Element] = []
    merged.reserveCapacity(first.count + second.count)
    var (i, j) = (first.startIndex, second.startIndex)
    while i != first.endIndex || j != second.endIndex {
        if j == second.endIndex || (i != first.endIndex && !areInIncreasingOrder(second[j], first[i])) {
            merged.append(first[i])
            first.formIndex(after: &i)
        } else {
            merged.append(second[j])
            second.formIndex(after: &j)
        }
    }
    return merged
}

/// Several lists each already in order, as one in order, keeping the elements `keep` accepts (all when nil); on a
/// tie the earlier list's element comes first — the same as merging them pairwise from the left, without the
/// lists in between (a list of a hundred thousand alerts is built once, not once per merge).
func mergedInOrder<Element>(_ lists: [[Element]], keeping keep: ((Element) -> Bool)? = nil,
                            by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
    var merged: [Element] = []
    if keep == nil { merged.reserveCapacity(lists.reduce(0) { $0 + $1.count }) }
    var positions = [Int](repeating: 0, count: lists.count)
    while true {
        var next: Int?
        for index in lists.indices where positions[index] < lists[index].count {
            // Strictly before: an equal element of a later list waits for this one.
            if let current = next,
               !areInIncreasingOrder(lists[index][positions[index]], lists[current][positions[current]]) {
                continue
            }
            next = index
        }
        guard let index = next else { return merged }
        let element = lists[index][positions[index]]
        positions[index] += 1
        if keep?(element) ?? true { merged.append(element) }
    }
}

/// Several sources each already in order, read one element at a time as one in order; on a tie the earlier
/// source's element comes first (as `mergedInOrder`). A source is read only as far as the merge has got, so a
/// list too long to hold (a cursor over a table) is merged as it is written out.
public struct MergedInOrderStream<Element> {
    private var sources: [() throws -> Element?]
    private var heads: [Element?]
    private let areInIncreasingOrder: (Element, Element) -> Bool

    public init(_ sources: [() throws -> Element?], by areInIncreasingOrder: @escaping (Element, Element) -> Bool) throws {
        self.sources = sources
        self.areInIncreasingOrder = areInIncreasingOrder
        heads = try sources.map { try $0() }
    }

    public mutating func next() throws -> Element? {
        var next: Int?
        for index in heads.indices {
            guard let candidate = heads[index] else { continue }
            // Strictly before: an equal element of a later source waits for this one.
            if let current = next, let head = heads[current], !areInIncreasingOrder(candidate, head) { continue }
            next = index
        }
        guard let index = next else { return nil }
        let element = heads[index]
        heads[index] = try sources[index]()
        return element
    }
}

extension MergedInOrderStream {
    /// The elements of an array in order, as one of the sources.
    public static func source(_ elements: [Element]) -> () -> Element? {
        var iterator = elements.makeIterator()
        return { iterator.next() }
    }
}
