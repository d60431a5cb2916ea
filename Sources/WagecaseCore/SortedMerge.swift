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
