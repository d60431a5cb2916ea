import WagecaseCore

/// A record reference in a JSON body: a numeric id, or a string (credit code, project name, case number).
struct FlexibleReference: Decodable, Sendable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let id = try? container.decode(Int64.self) {
            text = String(id)
        } else {
            text = try container.decode(String.self)
        }
    }
}

extension Fen {
    /// An amount given as integer fen in a JSON body, checked like typed amounts.
    static func api(_ value: Int64, field: String) throws(WagecaseError) -> Fen {
        guard value >= 0, value <= Fen.inputLimit.value else {
            throw .invalidField(field: field, value: String(value), reason: "is out of range",
                                allowed: "integer fen from 0 to \(Fen.inputLimit.value)")
        }
        return Fen(value)
    }
}

extension Optional where Wrapped == String {
    func date(_ field: String) throws(WagecaseError) -> LocalDate? {
        guard let self else { return nil }
        return try LocalDate.parse(self, field: field)
    }
}
