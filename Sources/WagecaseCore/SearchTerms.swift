/// What a search box or `wagecase search TEXT` looks for, decided from the text: names and numbers anywhere,
/// the last four characters of an ID number (the part a masked number shows), a whole ID number only for a
/// reader who may see whole numbers (else a search would tell whether a hidden number is on record), a credit
/// code, a clue by its number.
public struct SearchTerms: Sendable, Equatable {
    public var text: String
    /// The last four characters of an ID number ("002X"), when the text is one.
    public var idSuffix: String?
    /// A whole resident ID number, only when the reader may reveal.
    public var idNumber: String?
    /// A unified social credit code, when the text is one.
    public var creditCode: String?
    /// A clue id ("23" or "#23").
    public var recordID: Int64?

    public static func parse(_ text: String, mayMatchWholeIDNumbers: Bool) throws(WagecaseError) -> SearchTerms {
        let trimmed = try TextField.required(text, field: "q", maxLength: 100)
        var terms = SearchTerms(text: trimmed)
        let upper = trimmed.uppercased()
        if upper.count == 4, upper.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }),
           let last = upper.last, last.isASCII && (last.isNumber || last == "X") {
            terms.idSuffix = upper
        }
        if let id = try? ResidentID.parse(upper), id.checksumIsValid {
            guard mayMatchWholeIDNumbers else {
                throw .invalidField(field: "q", value: ResidentID.mask(upper), reason: "is a whole ID number, which this role may not search by",
                                    allowed: "a name, or the last four characters of the ID number as shown masked")
            }
            terms.idNumber = id.value
        }
        if let code = try? CreditCode.parse(upper) { terms.creditCode = code.value }
        let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        if digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(digits), id > 0 {
            terms.recordID = id
        }
        return terms
    }
}
