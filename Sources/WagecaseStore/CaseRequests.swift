import Foundation
import WagecaseCore

/// Opening the cases of a clue: one per worker named on it.
public struct OpenCases: Sendable {
    public var clueID: Int64
    public var series: String?
    /// The day the cases were accepted; today when nil.
    public var opened: LocalDate?
    /// Office case numbers, one per worker in the clue's order, or none.
    public var caseNumbers: [String]
    public var note: String?

    public init(clueID: Int64, series: String? = nil, opened: LocalDate? = nil, caseNumbers: [String] = [],
                note: String? = nil) {
        (self.clueID, self.series, self.opened, self.caseNumbers, self.note) =
            (clueID, series, opened, caseNumbers, note)
    }
}

/// Filters users apply to the case list.
public struct CaseFilter: Sendable {
    public var stage: CaseStage?
    public var series: String?
    public var clueID: Int64?
    public var employer: EmployerReference?
    /// Only cases not closed.
    public var openOnly: Bool
    /// Cases of this worker (by record id).
    public var workerID: Int64?
    /// Cases this user handles or assists on.
    public var handler: String?
    public var limit: Int
    public var afterID: Int64

    public init(stage: CaseStage? = nil, series: String? = nil, clueID: Int64? = nil,
                employer: EmployerReference? = nil, openOnly: Bool = false, workerID: Int64? = nil,
                handler: String? = nil, limit: Int = 100, afterID: Int64 = 0) {
        (self.stage, self.series, self.clueID, self.employer) = (stage, series, clueID, employer)
        (self.openOnly, self.workerID, self.handler, self.limit, self.afterID) = (openOnly, workerID, handler, limit, afterID)
    }
}

/// A payment to record on a case.
public struct NewRecovery: Sendable {
    public var caseReference: CaseReference
    public var amount: Fen
    public var paid: LocalDate
    public var route: RecoveryRoute
    public var payer: String?
    public var note: String?
    /// Record it even when it takes the case past its claimed amount (audited).
    public var force: Bool

    public init(caseReference: CaseReference, amount: Fen, paid: LocalDate, route: RecoveryRoute,
                payer: String? = nil, note: String? = nil, force: Bool = false) throws(WagecaseError) {
        if amount.value <= 0 {
            throw .invalidField(field: "amount", value: amount.yuan, reason: "is zero",
                                allowed: "an amount greater than 0")
        }
        (self.caseReference, self.amount, self.paid, self.route) = (caseReference, amount, paid, route)
        self.payer = try TextField.optional(payer, field: "payer", maxLength: 200, multiline: false)
        self.note = try TextField.optional(note, field: "note")
        self.force = force
    }
}

/// What a search found, by kind of record; each kind at most the search's limit, in record order.
public struct SearchResults: Sendable, Codable, Equatable {
    public var workers: [Worker]
    public var employers: [Employer]
    public var projects: [Project]
    public var cases: [WageCase]
    public var clues: [Clue]

    public init(workers: [Worker] = [], employers: [Employer] = [], projects: [Project] = [], cases: [WageCase] = [],
                clues: [Clue] = []) {
        (self.workers, self.employers, self.projects, self.cases, self.clues) = (workers, employers, projects, cases, clues)
    }

    public var isEmpty: Bool { workers.isEmpty && employers.isEmpty && projects.isEmpty && cases.isEmpty && clues.isEmpty }

    /// Numbers masked as on every screen.
    public func masked() -> SearchResults {
        SearchResults(workers: workers.map { $0.masked() }, employers: employers, projects: projects,
                      cases: cases.map { $0.masked() }, clues: clues.map { $0.masked() })
    }
}
