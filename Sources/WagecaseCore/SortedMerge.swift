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
    // Inlinable so that it is specialised where it is used (unspecialised, each comparison copied both elements
    // through value witnesses: an alert is a dozen strings and an array). The sources not yet ended and their next
    // elements, in the sources' order; heads are compared in place and handed out moved, never copied.
    @usableFromInline var sources: [() throws -> Element?] = []
    @usableFromInline var heads: [Element] = []
    @usableFromInline let areInIncreasingOrder: (Element, Element) -> Bool

    @inlinable
    public init(_ sources: [() throws -> Element?], by areInIncreasingOrder: @escaping (Element, Element) -> Bool) throws {
        self.areInIncreasingOrder = areInIncreasingOrder
        for source in sources {
            guard let head = try source() else { continue }
            self.sources.append(source)
            heads.append(head)
        }
    }

    @inlinable
    public mutating func next() throws -> Element? {
        guard !heads.isEmpty else { return nil }
        let order = areInIncreasingOrder
        let index = heads.withUnsafeBufferPointer { heads in
            var first = 0
            // Strictly before: an equal element of a later source waits for this one.
            for index in heads.indices.dropFirst() where order(heads[index], heads[first]) { first = index }
            return first
        }
        guard var element = try sources[index]() else {
            sources.remove(at: index)
            return heads.remove(at: index)
        }
        swap(&element, &heads[index])
        return element
    }
}

extension MergedInOrderStream {
    /// The elements of an array in order, as one of the sources.
    @inlinable
    public static func source(_ elements: [Element]) -> () -> Element? {
        var iterator = elements.makeIterator()
        return { iterator.next() }
    }
}
