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
    /// Why a letter shorter than the regulation allows is recorded all the same (audited).
    public var validityOverride: String?

    public init(project: ProjectReference, kind: GuaranteeKind, amount: Fen, issuer: String? = nil,
                documentNumber: String? = nil, effective: LocalDate, ends: LocalDate? = nil,
                validityOverride: String? = nil) throws(WagecaseError) {
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
        self.validityOverride = try TextField.optional(validityOverride, field: "override_reason", maxLength: 2000)
    }

    /// Art. 17: a letter or policy is valid at least one year and not shorter than the contract period (the
    /// project's planned completion). The refusal, or nil when it is long enough; an override reason lets it be
    /// recorded all the same.
    public func validityProblem(project: Project) -> WagecaseError? {
        guard let ends else { return nil }
        return Self.validityProblem(kind: kind, effective: effective, ends: ends, project: project)
    }

    /// Art. 17 for any letter or policy handed in: a new one, or one that replaces another.
    public static func validityProblem(kind: GuaranteeKind, effective: LocalDate, ends: LocalDate,
                                       project: Project) -> WagecaseError? {
        guard kind.hasEndDate else { return nil }
        let article = GuaranteeRegulation.article(17)
        // Valid through the day before the anniversary; from 29 February, through 28 February (no anniversary).
        let anniversary = effective.adding(months: GuaranteeRegulation.shortestLetterMonths)
        let yearEnds = anniversary.day < effective.day ? anniversary : anniversary.adding(days: -1)
        if ends < yearEnds {
            return .invalidField(
                field: "ends", value: ends.iso,
                reason: "makes the \(kind) valid less than one year from \(effective) (\(article))",
                allowed: "an end date on or after \(yearEnds), or an override reason")
        }
        if let planned = project.plannedCompletion, ends < planned {
            return .invalidField(
                field: "ends", value: ends.iso,
                reason: "is before the end of the contract period (planned completion \(planned)) (\(article))",
                allowed: "an end date on or after \(planned), or an override reason")
        }
        return nil
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
    /// The order to pay (责令限期清偿) a draw follows: its number and the deadline it gave (Art. 19).
    public var orderNumber: String?
    public var orderDue: LocalDate?
    /// When the bank paid the draw's notice, if it already has.
    public var paidOn: LocalDate?
    /// Why a replacement letter shorter than Art. 17 allows is recorded all the same.
    public var validityOverride: String?

    public init(guaranteeID: Int64, kind: GuaranteeEventKind, date: LocalDate, amount: Fen? = nil,
                noticeNumber: String? = nil, newEnds: LocalDate? = nil, newDocument: String? = nil,
                cases: [DrawnCase] = [], note: String? = nil, orderNumber: String? = nil, orderDue: LocalDate? = nil,
                paidOn: LocalDate? = nil, validityOverride: String? = nil) throws(WagecaseError) {
        func missing(_ field: String, _ allowed: Phrase) -> WagecaseError {
            .invalidField(field: field, value: "", reason: "is missing for a \(kind) event", allowed: allowed)
        }
        switch kind {
        case .lodged:
            throw .invalidField(field: "kind", value: "lodged", reason: "is recorded when the guarantee is added",
                                allowed: "drawn, bank-paid, replenished, renewed, replaced, notice-started, return-requested, arrears-notified, returned")
        case .drawn:
            guard amount != nil else { throw missing("amount", "the amount paid out") }
            // Checked after trimming: a blank notice number is no notice number.
            guard try TextField.optional(noticeNumber, field: "notice", maxLength: 100, multiline: false) != nil else {
                throw missing("notice", "the payment notice number (支付通知书)")
            }
        case .bankPaid:
            guard try TextField.optional(noticeNumber, field: "notice", maxLength: 100, multiline: false) != nil else {
                throw missing("notice", "the number of the payment notice the bank paid")
            }
            if let amount {
                throw .invalidField(field: "amount", value: amount.yuan, reason: "is given for a bank payment",
                                    allowed: "no amount: the bank pays the notice's amount")
            }
        case .replenished:
            guard amount != nil else { throw missing("amount", "the amount topped up") }
        case .renewed:
            guard newEnds != nil else { throw missing("ends", "the new end date") }
        case .replaced:
            guard newDocument != nil else { throw missing("document", "the new document number") }
        case .returnRequested, .noticeStarted, .arrearsNotified, .returned:
            break
        }
        if kind != .drawn, orderNumber != nil || orderDue != nil || paidOn != nil {
            throw .invalidField(field: orderDue != nil ? "order_due" : orderNumber != nil ? "order" : "paid_on",
                                value: orderDue?.iso ?? paidOn?.iso ?? orderNumber ?? "",
                                reason: "is only for draws", allowed: "an order to pay or a bank payment on a drawn event")
        }
        if let orderDue, orderDue >= date {
            // Art. 19: the payment notice follows a contractor's failure to pay by the order's deadline.
            throw .dateOutOfOrder(field: "order_due", value: orderDue,
                                  reason: "is not before the payment notice (\(date)): a draw follows an order to pay that was not met (\(GuaranteeRegulation.article(19)))")
        }
        if let paidOn, paidOn < date {
            throw .dateOutOfOrder(field: "paid_on", value: paidOn, reason: "is before the payment notice (\(date))")
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
        self.orderNumber = try TextField.optional(orderNumber, field: "order", maxLength: 100, multiline: false)
        (self.orderDue, self.paidOn) = (orderDue, paidOn)
        self.validityOverride = try TextField.optional(validityOverride, field: "override_reason", maxLength: 2000)
    }
}
