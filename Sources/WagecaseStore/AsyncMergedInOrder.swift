/// Several sources each already in order, read one element at a time as one in order, where reading a source
/// may wait (a server-side cursor fetched a batch at a time); on a tie the earlier source's element comes first,
/// as Core's `MergedInOrderStream`. A source is read only as far as the merge has got.
public struct AsyncMergedInOrder<Element> {
    public typealias Source = () async throws -> Element?
    private var sources: [Source] = []
    private var heads: [Element] = []
    private let areInIncreasingOrder: (Element, Element) -> Bool

    public init(_ sources: [Source], by areInIncreasingOrder: @escaping (Element, Element) -> Bool) async throws {
        self.areInIncreasingOrder = areInIncreasingOrder
        for source in sources {
            guard let head = try await source() else { continue }
            self.sources.append(source)
            heads.append(head)
        }
    }

    public mutating func next() async throws -> Element? {
        guard !heads.isEmpty else { return nil }
        var first = 0
        // Strictly before: an equal element of a later source waits for this one.
        for index in heads.indices.dropFirst() where areInIncreasingOrder(heads[index], heads[first]) { first = index }
        guard let following = try await sources[first]() else {
            sources.remove(at: first)
            return heads.remove(at: first)
        }
        defer { heads[first] = following }
        return heads[first]
    }
}
