/// Configuration files (rules, holiday schedules) are checked key by key: a misspelt key ("flor_fen") would
/// otherwise be ignored and the rule loaded without the floor its author meant.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Refuses any key of the object being decoded that `Keys` does not name.
    func refuseUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type, in what: Phrase) throws {
        let known = Set(Keys.allCases.map(\.stringValue))
        let present = try container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = present.sorted().first(where: { !known.contains($0) }) {
            throw WagecaseError.invalidField(field: unknown, value: "", reason: "is not a key of \(what)",
                                             allowed: "one of \(known.sorted().joined(separator: ", "))")
        }
    }
}
