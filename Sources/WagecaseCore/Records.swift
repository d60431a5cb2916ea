import Foundation

// The records the product keeps, as plain values. JSON keys are the stable snake_case identifiers that the CLI's
// --json and the API share; amounts are integer fen in fields named …_fen.

/// A migrant worker (农民工): one record per resident ID number.
public struct Worker: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var idNumber: String
    public var idNumberOverrideReason: String?
    public var phone: String?
    public var bankCard: String?
    public var hometown: String?
    public var createdAt: String

    public init(id: Int64, name: String, idNumber: String, idNumberOverrideReason: String?, phone: String?,
                bankCard: String?, hometown: String?, createdAt: String) {
        (self.id, self.name, self.idNumber, self.idNumberOverrideReason) = (id, name, idNumber, idNumberOverrideReason)
        (self.phone, self.bankCard, self.hometown, self.createdAt) = (phone, bankCard, hometown, createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, phone, hometown
        case idNumber = "id_number", idNumberOverrideReason = "id_number_override_reason"
        case bankCard = "bank_card", createdAt = "created_at"
    }

    /// What `masked()` hides, as a reveal names it in the audit log.
    public static let hiddenFields = ["id_number", "bank_card", "phone"]

    /// The same record with the ID number, bank card and phone masked (first 6 + last 4; last 4; 139****1234).
    public func masked() -> Worker {
        var copy = self
        copy.idNumber = ResidentID.mask(idNumber)
        copy.bankCard = bankCard.map(BankCard.mask)
        copy.phone = phone.map(PhoneNumber.mask)
        return copy
    }
}

/// An employer: a contractor, subcontractor or labor company; one record per credit code.
public struct Employer: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var creditCode: String
    public var creditCodeOverrideReason: String?
    public var kind: EmployerKind
    public var createdAt: String

    public init(id: Int64, name: String, creditCode: String, creditCodeOverrideReason: String?,
                kind: EmployerKind, createdAt: String) {
        (self.id, self.name, self.creditCode) = (id, name, creditCode)
        (self.creditCodeOverrideReason, self.kind, self.createdAt) = (creditCodeOverrideReason, kind, createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind
        case creditCode = "credit_code", creditCodeOverrideReason = "credit_code_override_reason"
        case createdAt = "created_at"
    }
}

/// A construction project (工程项目). Its employer is the general contractor (施工总承包单位) that owes the
/// wage guarantee; the rest is what the guarantee rules need.
public struct Project: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var employerID: Int64
    public var employerName: String
    public var location: String?
    /// 行政区划代码, e.g. 620403.
    public var regionCode: String?
    public var contractPrice: Fen?
    public var start: LocalDate?
    public var plannedCompletion: LocalDate?
    public var actualCompletion: LocalDate?
    public var status: ProjectStatus
    public var standing: ContractorStanding
    public var exemptionReason: String?
    public var exemptionDocument: String?
    public var createdAt: String
    /// The facts the deposit duty is decided on (Art. 8, 11, 12): when it arose and what may lower or waive it.
    public var permitDate: LocalDate? = nil
    public var contractSigned: LocalDate? = nil
    /// Whether the contractor had wage arrears in the year before the contract was signed; nil: not recorded.
    public var priorYearArrears: Bool? = nil
    /// Real-name management of the workforce (实名制管理) and the wage special account (农民工工资专用账户) in place.
    public var realNameManagement: Bool = false
    public var wageAccount: Bool = false
    /// Since when the contractor's standing holds: its reductions and exemption apply to projects from then on.
    public var standingSince: LocalDate? = nil
    /// A ratio lowered for a contractor with several projects in the area (Art. 11 ¶2), in basis points.
    public var reducedRatioBasisPoints: Int? = nil

    public init(id: Int64, name: String, employerID: Int64, employerName: String, location: String?,
                regionCode: String? = nil, contractPrice: Fen? = nil, start: LocalDate? = nil,
                plannedCompletion: LocalDate? = nil, actualCompletion: LocalDate? = nil,
                status: ProjectStatus = .inProgress, standing: ContractorStanding = .standard,
                exemptionReason: String? = nil, exemptionDocument: String? = nil, createdAt: String) {
        (self.id, self.name, self.employerID, self.employerName) = (id, name, employerID, employerName)
        (self.location, self.regionCode, self.contractPrice, self.start) = (location, regionCode, contractPrice, start)
        (self.plannedCompletion, self.actualCompletion, self.status) = (plannedCompletion, actualCompletion, status)
        (self.standing, self.exemptionReason, self.exemptionDocument) = (standing, exemptionReason, exemptionDocument)
        self.createdAt = createdAt
    }

    public var isExempt: Bool { exemptionReason != nil }

    /// Not completed on `asOf`: the guarantee duties (a letter must not lapse) still apply. The actual completion
    /// date decides when it is known, so a project completed since is judged unfinished on a day before it.
    public func isUnfinished(asOf: LocalDate) -> Bool {
        if let actualCompletion { return actualCompletion > asOf }
        return status != .completed
    }

    /// The day the deposit duty counts from (Art. 8): the construction permit, else the contract signing where no
    /// permit is needed, else — neither recorded — the start of works, the latest day a permit could have had.
    public var depositCountsFrom: (date: LocalDate, basis: DepositBasis)? {
        if let permitDate { return (permitDate, .permit) }
        if let contractSigned { return (contractSigned, .contractSigned) }
        if let start { return (start, .start) }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case id, name, location, start, status, standing
        case employerID = "employer_id", employerName = "employer_name", createdAt = "created_at"
        case regionCode = "region_code", contractPrice = "contract_price_fen", plannedCompletion = "planned_completion"
        case actualCompletion = "actual_completion", exemptionReason = "exemption_reason"
        case exemptionDocument = "exemption_document"
        case permitDate = "permit_date", contractSigned = "contract_signed", priorYearArrears = "prior_year_arrears"
        case realNameManagement = "real_name_management", wageAccount = "wage_account"
        case standingSince = "standing_since", reducedRatioBasisPoints = "reduced_ratio_bp"
    }
}

/// What a project's deposit duty counts from.
public enum DepositBasis: String, Sendable, Codable {
    case permit, contractSigned = "contract-signed", start

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.permit, .zh): "取得施工许可证"
        case (.contractSigned, .zh): "签订施工合同"
        case (.start, .zh): "开工（未记录施工许可证或合同签订日期）"
        case (.permit, .en): "the construction permit"
        case (.contractSigned, .en): "the contract signing"
        case (.start, .en): "the start of works (no permit or contract date recorded)"
        }
    }
}

/// A worker named on a clue, with what they say they are owed.
public struct ClueWorker: Sendable, Codable, Equatable {
    public var workerID: Int64
    public var name: String
    public var idNumber: String
    public var claimed: Fen

    public init(workerID: Int64, name: String, idNumber: String, claimed: Fen) {
        (self.workerID, self.name, self.idNumber, self.claimed) = (workerID, name, idNumber, claimed)
    }

    enum CodingKeys: String, CodingKey {
        case name
        case workerID = "worker_id", idNumber = "id_number", claimed = "claimed_fen"
    }
}

/// One channel a clue arrived through; a clue seen from two channels keeps both.
public struct ClueChannel: Sendable, Codable, Equatable {
    public var source: ClueSource
    public var received: LocalDate

    public init(source: ClueSource, received: LocalDate) { (self.source, self.received) = (source, received) }
}

/// A wage-arrears clue (线索).
public struct Clue: Sendable, Codable, Equatable {
    public var id: Int64
    public var source: ClueSource
    public var received: LocalDate
    public var employerID: Int64
    public var employerName: String
    public var projectID: Int64?
    public var projectName: String?
    public var summary: String?
    public var status: ClueStatus
    public var statusReason: String?
    public var createdAt: String
    public var workers: [ClueWorker]
    /// Every channel it came through, the first being `source`/`received`.
    public var channels: [ClueChannel]
    /// The rejected or referred clue about the same arrears this one followed, if any.
    public var followsClueID: Int64?

    public init(id: Int64, source: ClueSource, received: LocalDate, employerID: Int64, employerName: String,
                projectID: Int64?, projectName: String?, summary: String?, status: ClueStatus,
                statusReason: String?, createdAt: String, workers: [ClueWorker], channels: [ClueChannel],
                followsClueID: Int64? = nil) {
        (self.id, self.source, self.received, self.employerID) = (id, source, received, employerID)
        (self.employerName, self.projectID, self.projectName, self.summary) = (employerName, projectID, projectName, summary)
        (self.status, self.statusReason, self.createdAt) = (status, statusReason, createdAt)
        (self.workers, self.channels, self.followsClueID) = (workers, channels, followsClueID)
    }

    public var claimedTotal: Fen { workers.reduce(.zero) { $0 + $1.claimed } }

    enum CodingKeys: String, CodingKey {
        case id, source, received, summary, status, workers, channels
        case employerID = "employer_id", employerName = "employer_name"
        case projectID = "project_id", projectName = "project_name"
        case statusReason = "status_reason", createdAt = "created_at", followsClueID = "follows_clue_id"
    }

    public func masked() -> Clue {
        var copy = self
        copy.workers = workers.map { var w = $0; w.idNumber = ResidentID.mask(w.idNumber); return w }
        return copy
    }
}

/// A support-for-litigation case: one worker, from one clue.
public struct WageCase: Sendable, Codable, Equatable {
    public var id: Int64
    public var caseNumber: String?
    public var clueID: Int64
    public var workerID: Int64
    public var workerName: String
    public var workerIDNumber: String
    public var employerID: Int64
    public var employerName: String
    public var seriesID: Int64?
    public var seriesName: String?
    public var claimed: Fen
    public var recovered: Fen
    public var stage: CaseStage
    public var stageDate: LocalDate
    public var opened: LocalDate
    public var createdAt: String
    /// When the worker's employment ended, and when payment for labor services fell due: the limitation periods
    /// run from them (CaseTimeLimits).
    public var employmentEnded: LocalDate?
    public var paymentDue: LocalDate?
    /// The handling prosecutor and the assistant (user names), when assigned.
    public var handler: String?
    public var assistant: String?
    /// Why a closed case was closed.
    public var closingReason: ClosingReason?
    /// The court (or arbitration commission) that has the case, its own number for it, and the amount it
    /// awarded or the parties agreed.
    public var court: String?
    public var courtCaseNumber: String?
    public var awarded: Fen?

    public init(id: Int64, caseNumber: String?, clueID: Int64, workerID: Int64, workerName: String,
                workerIDNumber: String, employerID: Int64, employerName: String, seriesID: Int64?,
                seriesName: String?, claimed: Fen, recovered: Fen, stage: CaseStage, stageDate: LocalDate,
                opened: LocalDate, createdAt: String, employmentEnded: LocalDate? = nil, paymentDue: LocalDate? = nil,
                handler: String? = nil, assistant: String? = nil, closingReason: ClosingReason? = nil,
                court: String? = nil, courtCaseNumber: String? = nil, awarded: Fen? = nil) {
        self.closingReason = closingReason
        (self.court, self.courtCaseNumber, self.awarded) = (court, courtCaseNumber, awarded)
        (self.employmentEnded, self.paymentDue, self.handler, self.assistant) = (employmentEnded, paymentDue, handler, assistant)
        (self.id, self.caseNumber, self.clueID, self.workerID) = (id, caseNumber, clueID, workerID)
        (self.workerName, self.workerIDNumber, self.employerID) = (workerName, workerIDNumber, employerID)
        (self.employerName, self.seriesID, self.seriesName) = (employerName, seriesID, seriesName)
        (self.claimed, self.recovered, self.stage, self.stageDate) = (claimed, recovered, stage, stageDate)
        (self.opened, self.createdAt) = (opened, createdAt)
    }

    /// How the case is named in messages: its office number when it has one, else its id.
    public var label: String { caseNumber.map { "\($0) (#\(id))" } ?? "#\(id)" }

    public var outstanding: Fen { claimed > recovered ? claimed - recovered : .zero }

    /// What the recovery is measured against: the amount awarded or agreed where known, else the claim.
    public var recoveryBase: Fen { awarded ?? claimed }

    /// Recovered over `recoveryBase` in basis points, rounded half-up; nil when the base is zero.
    public var recoveryRateBasisPoints: Int64? { Statistics.rateBasisPoints(recovered, of: recoveryBase) }

    /// The rate as `case show` and the case page read it ("50.00%（以判决、裁决或调解金额计）"); nil while nothing is
    /// recovered and no award is known.
    public func recoveryRateText(_ language: Language) -> String? {
        guard recovered != .zero || awarded != nil else { return nil }
        return Statistics.rateText(recoveryRateBasisPoints)
            + (awarded == nil ? "" : Phrase(" (of the amount awarded or agreed)").text(language))
    }

    enum CodingKeys: String, CodingKey {
        case id, claimed = "claimed_fen", recovered = "recovered_fen", stage, opened
        case caseNumber = "case_number", clueID = "clue_id", workerID = "worker_id", workerName = "worker_name"
        case workerIDNumber = "worker_id_number", employerID = "employer_id", employerName = "employer_name"
        case seriesID = "series_id", seriesName = "series_name", stageDate = "stage_date", createdAt = "created_at"
        case employmentEnded = "employment_ended", paymentDue = "payment_due", handler, assistant
        case closingReason = "closing_reason", court, courtCaseNumber = "court_case_number", awarded = "awarded_fen"
    }

    public func masked() -> WageCase {
        var copy = self
        copy.workerIDNumber = ResidentID.mask(workerIDNumber)
        return copy
    }
}

/// A dated step of a case.
public struct CaseEvent: Sendable, Codable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var stage: CaseStage
    public var date: LocalDate
    public var actor: String
    public var note: String?

    public init(id: Int64, caseID: Int64, stage: CaseStage, date: LocalDate, actor: String, note: String?) {
        (self.id, self.caseID, self.stage, self.date, self.actor, self.note) = (id, caseID, stage, date, actor, note)
    }

    enum CodingKeys: String, CodingKey { case id, stage, date, actor, note, caseID = "case_id" }
}

/// Money paid to a worker on a case.
public struct Recovery: Sendable, Codable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var paid: LocalDate
    public var amount: Fen
    public var route: RecoveryRoute
    public var payer: String?
    public var note: String?
    /// True when it was recorded past the claimed amount with --force.
    public var forced: Bool
    public var actor: String
    /// For a balancing entry (冲正), the payment it reverses; its amount is that payment's, negated.
    public var reverses: Int64?
    /// For a payment reversed since, the balancing entry that reverses it.
    public var reversedBy: Int64?

    public init(id: Int64, caseID: Int64, paid: LocalDate, amount: Fen, route: RecoveryRoute, payer: String?,
                note: String?, forced: Bool, actor: String, reverses: Int64? = nil, reversedBy: Int64? = nil) {
        (self.id, self.caseID, self.paid, self.amount, self.route) = (id, caseID, paid, amount, route)
        (self.payer, self.note, self.forced, self.actor) = (payer, note, forced, actor)
        (self.reverses, self.reversedBy) = (reverses, reversedBy)
    }

    enum CodingKeys: String, CodingKey {
        case id, paid, route, payer, note, forced, actor, caseID = "case_id", amount = "amount_fen",
             reverses = "reverses_id", reversedBy = "reversed_by_id"
    }

}

/// A case with its history.
public struct CaseDetail: Sendable, Codable, Equatable {
    public var wageCase: WageCase
    public var events: [CaseEvent]
    public var recoveries: [Recovery]
    public var allowedNext: [CaseStage]
    /// The time limits the case must watch now, soonest first.
    public var deadlines: [CaseTimeLimit]
    /// The application or consent, hearings and court attendance, in date order.
    public var activities: [CaseActivity]
    /// Recovered over the amount awarded or agreed where known, else over the claim, in basis points.
    public var recoveryRateBasisPoints: Int64?

    public init(wageCase: WageCase, events: [CaseEvent], recoveries: [Recovery], deadlines: [CaseTimeLimit] = [],
                activities: [CaseActivity] = []) {
        (self.wageCase, self.events, self.recoveries, self.deadlines) = (wageCase, events, recoveries, deadlines)
        self.activities = activities
        allowedNext = CaseStageMachine.allowedNext(from: wageCase.stage)
        recoveryRateBasisPoints = wageCase.recoveryRateBasisPoints
    }

    enum CodingKeys: String, CodingKey {
        case wageCase = "case", events, recoveries, deadlines, activities, allowedNext = "allowed_next"
        case recoveryRateBasisPoints = "recovery_rate_bp"
    }
}

/// One line of the audit log: who changed what, when, with the fields before and after (JSON objects, kept as
/// the text stored; JSON output carries them as objects).
public struct AuditEntry: Sendable, Encodable, Equatable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var table: String
    public var recordID: Int64?
    public var before: String?
    public var after: String?
    public var reason: String?

    public init(id: Int64, at: String, actor: String, action: String, table: String, recordID: Int64?,
                before: String?, after: String?, reason: String?) {
        (self.id, self.at, self.actor, self.action, self.table) = (id, at, actor, action, table)
        (self.recordID, self.before, self.after, self.reason) = (recordID, before, after, reason)
    }

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, table, before, after, reason, recordID = "record_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(at, forKey: .at)
        try container.encode(actor, forKey: .actor)
        try container.encode(action, forKey: .action)
        try container.encode(table, forKey: .table)
        try container.encodeIfPresent(recordID, forKey: .recordID)
        try container.encodeIfPresent(Self.object(before), forKey: .before)
        try container.encodeIfPresent(Self.object(after), forKey: .after)
        try container.encodeIfPresent(reason, forKey: .reason)
    }

    /// The stored JSON text as a JSON value (as a string if it ever were not JSON).
    private static func object(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
    }
}
