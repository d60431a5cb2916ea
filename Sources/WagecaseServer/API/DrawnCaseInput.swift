import WagecaseCore

/// A case a draw paid, in a JSON body: a case reference alone (the draw names one case), or
/// `{"case": …, "amount_fen": …}` for each case when the draw pays several.
struct DrawnCaseInput: Decodable, Sendable {
    let reference: String
    let amountFen: Int64?

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            if let unknown = keyed.allKeys.first(where: { !["case", "amount_fen"].contains($0.stringValue) }) {
                throw WagecaseError.invalidField(field: "cases", value: unknown.stringValue, reason: "is not a field of a case",
                                                 allowed: "case, amount_fen")
            }
            let reference = try keyed.decode(FlexibleReference.self, forKey: Key(stringValue: "case"))
            (self.reference, amountFen) = (reference.text,
                                           try keyed.decodeIfPresent(Int64.self, forKey: Key(stringValue: "amount_fen")))
        } else {
            (reference, amountFen) = (try FlexibleReference(from: decoder).text, nil)
        }
    }

    func drawnCase() throws(WagecaseError) -> DrawnCase {
        DrawnCase(CaseReference(reference),
                  amount: try amountFen.map { v throws(WagecaseError) in try Fen.api(v, field: "amount_fen") })
    }
}
