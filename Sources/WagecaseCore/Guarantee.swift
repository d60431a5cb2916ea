/// A wage guarantee of a project: a cash deposit, a guarantee letter or guarantee insurance.
public struct Guarantee: Sendable, Codable, Equatable {
    public var id: Int64
    public var projectID: Int64
    public var kind: GuaranteeKind
    /// The amount first lodged; the balance is derived from the events.
    public var amount: Fen
    public var issuer: String?
    public var documentNumber: String?
    public var effective: LocalDate
    /// The letter's or policy's original end date; renewals move the current one (see `GuaranteeState`).
    public var ends: LocalDate?
    public var createdAt: String
    /// Why a letter shorter than Art. 17 allows was recorded all the same.
    public var validityOverride: String? = nil

    public init(id: Int64, projectID: Int64, kind: GuaranteeKind, amount: Fen, issuer: String?,
                documentNumber: String?, effective: LocalDate, ends: LocalDate?, createdAt: String) {
        (self.id, self.projectID, self.kind, self.amount, self.issuer) = (id, projectID, kind, amount, issuer)
        (self.documentNumber, self.effective, self.ends, self.createdAt) = (documentNumber, effective, ends, createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, issuer, effective, ends
        case projectID = "project_id", amount = "amount_fen", documentNumber = "document_number"
        case createdAt = "created_at", validityOverride = "validity_override"
    }
}

/// One dated event in a guarantee's history.
public struct GuaranteeEvent: Sendable, Codable, Equatable {
    public var id: Int64
    public var guaranteeID: Int64
    public var kind: GuaranteeEventKind
    public var date: LocalDate
    /// Lodged, drawn or replenished amount; the new amount of a replacement.
    public var amount: Fen?
    /// Payment notice number of a draw (支付通知书); of a bank payment, the notice it paid.
    public var noticeNumber: String?
    /// The order to pay (责令限期清偿) a draw follows, and the day it gave the contractor.
    public var orderNumber: String? = nil
    public var orderDue: LocalDate? = nil
    /// When the bank paid a draw's notice, if it had when the draw was recorded (else a bank-paid event says so).
    public var paidOn: LocalDate? = nil
    /// New end date of a renewal or replacement.
    public var newEnds: LocalDate?
    /// New document number of a replacement.
    public var newDocument: String?
    /// Cases a draw paid.
    public var caseIDs: [Int64]
    public var note: String?
    public var actor: String

    public init(id: Int64, guaranteeID: Int64, kind: GuaranteeEventKind, date: LocalDate, amount: Fen? = nil,
                noticeNumber: String? = nil, newEnds: LocalDate? = nil, newDocument: String? = nil,
                caseIDs: [Int64] = [], note: String? = nil, actor: String) {
        (self.id, self.guaranteeID, self.kind, self.date, self.amount) = (id, guaranteeID, kind, date, amount)
        (self.noticeNumber, self.newEnds, self.newDocument) = (noticeNumber, newEnds, newDocument)
        (self.caseIDs, self.note, self.actor) = (caseIDs, note, actor)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, date, note, actor
        case guaranteeID = "guarantee_id", amount = "amount_fen", noticeNumber = "notice_number"
        case newEnds = "new_ends", newDocument = "new_document", caseIDs = "case_ids"
        case orderNumber = "order_number", orderDue = "order_due", paidOn = "paid_on"
    }
}

/// A draw's payment notice (Art. 19–20): its own clock for the bank's payment and the contractor's replenishment.
public struct OpenDraw: Sendable, Codable, Equatable {
    public var eventID: Int64
    /// The payment notice's date.
    public var date: LocalDate
    public var noticeNumber: String?
    /// What of it is not yet replenished (replenishments settle the oldest draw first).
    public var unreplenished: Fen
    /// When the bank paid it; nil while unpaid.
    public var paid: LocalDate?

    enum CodingKeys: String, CodingKey {
        case date, paid
        case eventID = "event_id", noticeNumber = "notice_number", unreplenished = "unreplenished_fen"
    }
}

/// What a guarantee's events add up to on a given day.
public struct GuaranteeState: Sendable, Codable, Equatable {
    public var status: GuaranteeStatus
    public var balance: Fen
    /// Current end date (after renewals); nil for cash.
    public var ends: LocalDate?
    public var documentNumber: String?
    public var drawnTotal: Fen
    /// Drawn and not yet replenished, and since when.
    public var unreplenished: Fen
    public var unreplenishedSince: LocalDate?
    public var everDrawn: Bool
    /// The written application for return (after the notice), while it awaits the bureau's answer.
    public var returnRequested: LocalDate?
    public var noticeStarted: LocalDate?
    /// The last draw's date: arrears arising after it have not been met from the deposit.
    public var lastDrawn: LocalDate? = nil
    /// Draws with something to replenish or a payment the bank has not made, oldest first.
    public var draws: [OpenDraw] = []
    /// When the last review found arrears and said so in writing (the application it answered is closed).
    public var arrearsNotified: LocalDate? = nil

    enum CodingKeys: String, CodingKey {
        case status, balance = "balance_fen", ends, documentNumber = "document_number", drawnTotal = "drawn_fen"
        case unreplenished = "unreplenished_fen", unreplenishedSince = "unreplenished_since"
        case everDrawn = "ever_drawn", returnRequested = "return_requested", noticeStarted = "notice_started"
        case lastDrawn = "last_drawn", draws = "open_draws", arrearsNotified = "arrears_notified"
    }

    /// Draws still to be replenished, oldest first.
    public var drawsToReplenish: [OpenDraw] { draws.filter { $0.unreplenished > .zero } }
    /// Draws the bank has not paid yet.
    public var unpaidDraws: [OpenDraw] { draws.filter { $0.paid == nil } }

    /// Folds the events dated on or before `asOf`, in date order, into the state on that day.
    public static func derive(_ guarantee: Guarantee, events: [GuaranteeEvent], asOf: LocalDate) -> GuaranteeState {
        var state = GuaranteeState(status: .active, balance: .zero, ends: guarantee.ends,
                                   documentNumber: guarantee.documentNumber, drawnTotal: .zero, unreplenished: .zero,
                                   unreplenishedSince: nil, everDrawn: false, returnRequested: nil, noticeStarted: nil)
        var returned = false
        // Events come from the store in date order; sorting a copy only when they do not saves an allocation per
        // guarantee in a pass over all of them.
        let inOrder = zip(events, events.dropFirst()).allSatisfy { ($0.date, $0.id) <= ($1.date, $1.id) }
        for event in inOrder ? events : events.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) where event.date <= asOf {
            let amount = event.amount ?? .zero
            switch event.kind {
            case .lodged:
                state.balance = state.balance + amount
            case .drawn:
                state.balance = amount > state.balance ? .zero : state.balance - amount
                state.drawnTotal = state.drawnTotal + amount
                state.draws.append(OpenDraw(eventID: event.id, date: event.date, noticeNumber: event.noticeNumber,
                                            unreplenished: amount, paid: event.paidOn.flatMap { $0 <= asOf ? $0 : nil }))
                state.everDrawn = true
                state.lastDrawn = event.date
            case .replenished:
                state.balance = state.balance + amount
                // Each draw has its own clock (Art. 20): what is topped up settles the oldest draw first.
                var left = amount
                for index in state.draws.indices where left > .zero {
                    let settled = min(left, state.draws[index].unreplenished)
                    state.draws[index].unreplenished = state.draws[index].unreplenished - settled
                    left = left - settled
                }
            case .bankPaid:
                if let index = state.draws.firstIndex(where: { $0.paid == nil && $0.noticeNumber == event.noticeNumber }) {
                    state.draws[index].paid = event.date
                }
            case .renewed:
                if let newEnds = event.newEnds { state.ends = newEnds }
            case .replaced:
                if let newEnds = event.newEnds { state.ends = newEnds }
                if let newDocument = event.newDocument { state.documentNumber = newDocument }
                if let newAmount = event.amount {
                    // A replacement letter for the full required amount also settles any draw on the old one.
                    state.balance = newAmount
                    for index in state.draws.indices { state.draws[index].unreplenished = .zero }
                }
            case .returnRequested:
                state.returnRequested = event.date
            case .noticeStarted:
                state.noticeStarted = event.date
                state.arrearsNotified = nil
            case .arrearsNotified:
                // The review found arrears (Art. 22): the application is answered; a new notice comes first.
                state.arrearsNotified = event.date
                state.returnRequested = nil
                state.noticeStarted = nil
            case .returned:
                returned = true
                state.balance = .zero
                for index in state.draws.indices { state.draws[index].unreplenished = .zero }
            }
            state.draws.removeAll { $0.unreplenished == .zero && $0.paid != nil }
        }
        state.unreplenished = state.drawsToReplenish.reduce(.zero) { $0 + $1.unreplenished }
        state.unreplenishedSince = state.drawsToReplenish.first?.date
        if returned {
            state.status = .returned
        } else if state.returnRequested != nil {
            state.status = .returnRequested
        } else if state.noticeStarted != nil {
            state.status = .inNotice
        } else if let ends = state.ends, ends < asOf {
            state.status = .expired
        }
        return state
    }

    /// The status as a sentence with its date: 有效，至2026-03-01 / 已于2025-03-01到期 / 2025-05-02起公示.
    public func statusText(_ language: Language) -> String {
        switch (status, language) {
        case (.active, .zh): ends.map { "有效，至\($0)" } ?? "有效"
        case (.active, .en): ends.map { "valid until \($0)" } ?? "valid"
        case (.expired, .zh): ends.map { "已于\($0)到期" } ?? status.zh
        case (.expired, .en): ends.map { "ended on \($0)" } ?? status.en
        case (.returnRequested, .zh): returnRequested.map { "已于\($0)书面申请返还，待审核" } ?? status.zh
        case (.returnRequested, .en): returnRequested.map { "return applied for on \($0), under review" } ?? status.en
        case (.inNotice, .zh): noticeStarted.map { "\($0)起公示" } ?? status.zh
        case (.inNotice, .en): noticeStarted.map { "in public notice since \($0)" } ?? status.en
        case (.returned, _): status.label(language)
        }
    }

    /// Counts toward the project's guarantee: not returned, and (for letters) not past its end date.
    public var isValid: Bool {
        status != .returned && status != .expired
    }
}
