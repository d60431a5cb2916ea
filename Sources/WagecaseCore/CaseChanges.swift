/// A correction of a case's own facts: the office case number, when the employment ended, when payment for labor
/// services fell due, the court with its case number and the amount awarded or agreed. A field not named is left as it is; `clear` removes one. Every correction says why (the
/// audit log keeps the reason beside the values before and after).
public struct CaseChanges: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case caseNumber = "case-number"
        case employmentEnded = "employment-ended"
        case paymentDue = "payment-due"
        case court
        case courtCaseNumber = "court-case-number"
        case awarded
    }

    public var caseNumber: String?
    public var employmentEnded: LocalDate?
    public var paymentDue: LocalDate?
    /// The court or arbitration commission, its case number (甘0403民初123号), the amount awarded or agreed.
    public var court: String?
    public var courtCaseNumber: String?
    public var awarded: Fen?
    public var clear: Set<Field>
    public var reason: String

    public init(caseNumber: String? = nil, employmentEnded: LocalDate? = nil, paymentDue: LocalDate? = nil,
                court: String? = nil, courtCaseNumber: String? = nil, awarded: Fen? = nil,
                clear: Set<Field> = [], reason: String) {
        (self.caseNumber, self.employmentEnded, self.paymentDue) = (caseNumber, employmentEnded, paymentDue)
        (self.court, self.courtCaseNumber, self.awarded) = (court, courtCaseNumber, awarded)
        (self.clear, self.reason) = (clear, reason)
    }

    /// Checks raw text the way every entry point must: dates real, a field either set or cleared, something to
    /// change, and a reason. (Whether a date lies in the future is the store's check, on its today.)
    public static func parse(caseNumber: String?, employmentEnded: String?, paymentDue: String?,
                             court: String? = nil, courtCaseNumber: String? = nil, awarded: Fen? = nil,
                             clear: [String], reason: String?) throws(WagecaseError) -> CaseChanges {
        func date(_ text: String?, field: String) throws(WagecaseError) -> LocalDate? {
            try text.map { t throws(WagecaseError) in try LocalDate.parse(t, field: field) }
        }
        var cleared: Set<Field> = []
        for name in clear {
            guard let field = Field(rawValue: name.trimmingWhitespace()) else {
                throw .invalidField(field: "clear", value: name, reason: "is not a field of a case one may clear",
                                    allowed: "one of \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            cleared.insert(field)
        }
        let changes = CaseChanges(
            caseNumber: try TextField.optional(caseNumber, field: "case-number", maxLength: 100, multiline: false),
            employmentEnded: try date(employmentEnded, field: "employment-ended"),
            paymentDue: try date(paymentDue, field: "payment-due"),
            court: try TextField.optional(court, field: "court", maxLength: 200, multiline: false),
            courtCaseNumber: try TextField.optional(courtCaseNumber, field: "court-case-number", maxLength: 100,
                                                    multiline: false),
            awarded: awarded,
            clear: cleared,
            reason: try TextField.required(reason ?? "", field: "reason", maxLength: 2000))
        let set: [(Field, Bool)] = [(.caseNumber, changes.caseNumber != nil), (.employmentEnded, changes.employmentEnded != nil),
                                    (.paymentDue, changes.paymentDue != nil), (.court, changes.court != nil),
                                    (.courtCaseNumber, changes.courtCaseNumber != nil), (.awarded, changes.awarded != nil)]
        if let both = set.first(where: { $0.1 && cleared.contains($0.0) }) {
            throw .invalidField(field: both.0.rawValue, value: "", reason: "is both set and cleared",
                                allowed: "a new value, or --clear, not both")
        }
        if set.allSatisfy({ !$0.1 }) && cleared.isEmpty {
            throw .invalidField(field: "case", value: "", reason: "has nothing to change",
                                allowed: "--case-number, --employment-ended, --payment-due, --court, --court-case-number, --awarded or --clear")
        }
        return changes
    }

    /// An employment that has not ended yet, or a payment not yet due, is not a fact to record.
    public func checkDates(today: LocalDate) throws(WagecaseError) {
        for (field, value) in [("employment-ended", employmentEnded), ("payment-due", paymentDue)] {
            if let value, value > today {
                throw .dateOutOfOrder(field: field, value: value, reason: "is in the future (today is \(today))")
            }
        }
    }

    /// The case as it stands after these changes.
    public func applied(to wageCase: WageCase) -> WageCase {
        var changed = wageCase
        if let caseNumber { changed.caseNumber = caseNumber }
        if let employmentEnded { changed.employmentEnded = employmentEnded }
        if let paymentDue { changed.paymentDue = paymentDue }
        if clear.contains(.caseNumber) { changed.caseNumber = nil }
        if clear.contains(.employmentEnded) { changed.employmentEnded = nil }
        if clear.contains(.paymentDue) { changed.paymentDue = nil }
        if let court { changed.court = court }
        if let courtCaseNumber { changed.courtCaseNumber = courtCaseNumber }
        if let awarded { changed.awarded = awarded }
        if clear.contains(.court) { changed.court = nil }
        if clear.contains(.courtCaseNumber) { changed.courtCaseNumber = nil }
        if clear.contains(.awarded) { changed.awarded = nil }
        return changed
    }
}
