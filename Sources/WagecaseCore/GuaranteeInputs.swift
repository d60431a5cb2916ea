// Validated inputs for guarantees and their events: the CLI, the server and imports build these, so the rules
// live once.

/// A guarantee to record: lodged on its effective date for its amount.
public struct NewGuarantee: Sendable {
    public var project: ProjectReference
    public var kind: GuaranteeKind
    public var amount: Fen
    public var issuer: String?
    public var documentNumber: String?
    public var effective: LocalDate
    public var ends: LocalDate?

    public init(project: ProjectReference, kind: GuaranteeKind, amount: Fen, issuer: String? = nil,
                documentNumber: String? = nil, effective: LocalDate, ends: LocalDate? = nil) throws(WagecaseError) {
        if amount.value <= 0 {
            throw .invalidField(field: "amount", value: amount.yuan, reason: "is zero", allowed: "an amount above 0")
        }
        if kind.hasEndDate && ends == nil {
            throw .invalidField(field: "ends", value: "", reason: "is missing for a \(kind)",
                                allowed: "the end date of the letter or policy")
        }
        if !kind.hasEndDate && ends != nil {
            throw .invalidField(field: "ends", value: ends!.iso, reason: "is given for a cash deposit",
                                allowed: "no end date for cash")
        }
        if let ends, ends < effective {
            throw .dateOutOfOrder(field: "ends", value: ends, reason: "is before the effective date (\(effective))")
        }
        (self.project, self.kind, self.amount, self.effective, self.ends) = (project, kind, amount, effective, ends)
        self.issuer = try TextField.optional(issuer, field: "issuer", maxLength: 200, multiline: false)
        self.documentNumber = try TextField.optional(documentNumber, field: "document", maxLength: 100, multiline: false)
    }
}

/// A case a draw paid, with what it paid that case (nil: the whole draw, when it names one case).
public struct DrawnCase: Sendable, Equatable {
    public var reference: CaseReference
    public var amount: Fen?

    public init(_ reference: CaseReference, amount: Fen? = nil) {
        (self.reference, self.amount) = (reference, amount)
    }

    /// "CASE" or "CASE=AMOUNT" (amount in yuan, e.g. 平检民支〔2024〕1号=3000).
    public static func parse(_ text: String) throws(WagecaseError) -> DrawnCase {
        guard let equals = text.lastIndex(of: "=") else { return DrawnCase(CaseReference(text)) }
        return DrawnCase(CaseReference(String(text[..<equals])),
                         amount: try Fen.parse(String(text[text.index(after: equals)...]), field: "case"))
    }
}

/// An event to add to a guarantee's history.
public struct NewGuaranteeEvent: Sendable {
    public var guaranteeID: Int64
    public var kind: GuaranteeEventKind
    public var date: LocalDate
    public var amount: Fen?
    public var noticeNumber: String?
    public var newEnds: LocalDate?
    public var newDocument: String?
    /// The cases a draw paid: each gets a recovery by route guarantee-draw, recorded with the draw.
    public var cases: [DrawnCase]
    public var note: String?

    public init(guaranteeID: Int64, kind: GuaranteeEventKind, date: LocalDate, amount: Fen? = nil,
                noticeNumber: String? = nil, newEnds: LocalDate? = nil, newDocument: String? = nil,
                cases: [DrawnCase] = [], note: String? = nil) throws(WagecaseError) {
        func missing(_ field: String, _ allowed: Phrase) -> WagecaseError {
            .invalidField(field: field, value: "", reason: "is missing for a \(kind) event", allowed: allowed)
        }
        switch kind {
        case .lodged:
            throw .invalidField(field: "kind", value: "lodged", reason: "is recorded when the guarantee is added",
                                allowed: "drawn, replenished, renewed, replaced, return-requested, notice-started, returned")
        case .drawn:
            guard amount != nil else { throw missing("amount", "the amount paid out") }
            // Checked after trimming: a blank notice number is no notice number.
            guard try TextField.optional(noticeNumber, field: "notice", maxLength: 100, multiline: false) != nil else {
                throw missing("notice", "the payment notice number (支付通知书)")
            }
        case .replenished:
            guard amount != nil else { throw missing("amount", "the amount topped up") }
        case .renewed:
            guard newEnds != nil else { throw missing("ends", "the new end date") }
        case .replaced:
            guard newDocument != nil else { throw missing("document", "the new document number") }
        case .returnRequested, .noticeStarted, .returned:
            break
        }
        if let amount, amount.value <= 0 {
            throw .invalidField(field: "amount", value: amount.yuan, reason: "is zero", allowed: "an amount above 0")
        }
        if !cases.isEmpty && kind != .drawn {
            throw .invalidField(field: "case", value: cases.map(\.reference.text).joined(separator: ","),
                                reason: "is only for draws", allowed: "cases on a drawn event")
        }
        if kind == .drawn, let amount { _ = try RecoveryRules.split(draw: amount, over: cases.map { ($0.reference, $0.amount) }) }
        (self.guaranteeID, self.kind, self.date, self.amount) = (guaranteeID, kind, date, amount)
        self.noticeNumber = try TextField.optional(noticeNumber, field: "notice", maxLength: 100, multiline: false)
        (self.newEnds, self.cases) = (newEnds, cases)
        self.newDocument = try TextField.optional(newDocument, field: "document", maxLength: 100, multiline: false)
        self.note = try TextField.optional(note, field: "note")
    }
}
