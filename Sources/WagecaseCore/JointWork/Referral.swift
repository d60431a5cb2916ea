/// Which way a referral runs, seen from the procuratorate: to one of its departments (in), from one (out), or
/// between two other member units (a 12345 work order passed to the labor bureau).
public enum ReferralDirection: String, Vocabulary {
    case incoming = "in"
    case outgoing = "out"
    case between

    public var zh: String {
        switch self {
        case .incoming: "移入"
        case .outgoing: "移出"
        case .between: "单位间转办"
        }
    }

    public var en: String {
        switch self {
        case .incoming: "in"
        case .outgoing: "out"
        case .between: "between units"
        }
    }

    public static func of(from: UnitKind, to: UnitKind) -> ReferralDirection {
        if to == .procuratorate && from != .procuratorate { return .incoming }
        if from == .procuratorate { return .outgoing }
        return .between
    }
}

/// Where a referral stands on a date.
public enum ReferralState: String, Vocabulary {
    case awaiting
    case overdue
    case answered
    case answeredLate = "answered-late"

    public var zh: String {
        switch self {
        case .awaiting: "待答复"
        case .overdue: "逾期未答复"
        case .answered: "已按期答复"
        case .answeredLate: "逾期答复"
        }
    }

    public var en: String {
        switch self {
        case .awaiting: "awaiting reply"
        case .overdue: "reply overdue"
        case .answered: "answered on time"
        case .answeredLate: "answered late"
        }
    }
}

/// What became of the clue a referral turned into: the clue's state and its cases' stages and money, read from
/// the records each time (never copied), so the referral's page follows the case to its outcome.
public struct ReferralOutcome: Sendable, Codable, Equatable {
    public struct CaseLine: Sendable, Codable, Equatable {
        public var caseID: Int64
        public var caseNumber: String?
        public var workerName: String
        public var stage: CaseStage
        public var claimed: Fen
        public var recovered: Fen

        public init(caseID: Int64, caseNumber: String?, workerName: String, stage: CaseStage, claimed: Fen,
                    recovered: Fen) {
            (self.caseID, self.caseNumber, self.workerName, self.stage) = (caseID, caseNumber, workerName, stage)
            (self.claimed, self.recovered) = (claimed, recovered)
        }

        enum CodingKeys: String, CodingKey {
            case stage, caseID = "case_id", caseNumber = "case_number", workerName = "worker_name",
                 claimed = "claimed_fen", recovered = "recovered_fen"
        }
    }

    public var clueID: Int64
    public var clueStatus: ClueStatus
    /// The cases one by one (empty for a reader who may not see case files; the totals stay).
    public var cases: [CaseLine]
    public var caseCount: Int
    public var finishedCount: Int
    public var claimed: Fen
    public var recovered: Fen

    public init(clueID: Int64, clueStatus: ClueStatus, cases: [CaseLine]) {
        (self.clueID, self.clueStatus, self.cases) = (clueID, clueStatus, cases)
        (caseCount, finishedCount) = (cases.count, cases.filter { !$0.stage.isOpen }.count)
        claimed = cases.reduce(.zero) { $0 + $1.claimed }
        recovered = cases.reduce(.zero) { $0 + $1.recovered }
    }

    /// The totals without the cases themselves.
    public var totalsOnly: ReferralOutcome {
        var outcome = self
        outcome.cases = []
        return outcome
    }

    /// One line in the reader's language: "已转为线索（审查中）" or "已转为线索，成案3件（已办结1件），主张…元，已追回…元".
    public func summary(_ language: Language) -> String {
        switch language {
        case .zh:
            if caseCount == 0 { return "已转为线索（\(clueStatus.zh)）" }
            return "已转为线索，成案\(caseCount)件（已办结\(finishedCount)件），主张\(claimed.yuan)元，已追回\(recovered.yuan)元"
        case .en:
            if caseCount == 0 { return "made clue #\(clueID) (\(clueStatus.en))" }
            return "made clue #\(clueID): \(caseCount) case(s) (\(finishedCount) finished), claimed ¥\(claimed.yuan), recovered ¥\(recovered.yuan)"
        }
    }

    enum CodingKeys: String, CodingKey {
        case cases, clueID = "clue_id", clueStatus = "clue_status", claimed = "claimed_fen", recovered = "recovered_fen",
             caseCount = "case_count", finishedCount = "finished_count"
    }
}

/// A referral between member units (线索移送、交办): a 12345 work order to 12309, a petition bureau transfer, a clue
/// the procuratorate sends to the labor inspectorate. Every one is answered (件件有回复) within its working days,
/// and the petitioner told (`feedback`).
public struct Referral: Sendable, Codable, Equatable {
    public var id: Int64
    public var number: String?
    public var fromUnit: UnitRef
    public var toUnit: UnitRef
    public var direction: ReferralDirection
    public var received: LocalDate
    public var subject: String
    public var clueID: Int64?
    public var caseID: Int64?
    /// Working days the receiving unit has to reply (the official calendar).
    public var replyWithin: Int
    public var replyDue: LocalDate
    /// The due date falls in a year with no published holiday schedule.
    public var provisional: Bool
    public var replied: LocalDate?
    public var replyResult: String?
    public var feedback: LocalDate?
    public var outcome: ReferralOutcome?
    public var createdBy: String
    public var createdAt: String

    public init(id: Int64, number: String?, fromUnit: UnitRef, toUnit: UnitRef, received: LocalDate, subject: String,
                clueID: Int64?, caseID: Int64?, replyWithin: Int, replyDue: LocalDate, provisional: Bool,
                replied: LocalDate?, replyResult: String?, feedback: LocalDate?, outcome: ReferralOutcome? = nil,
                createdBy: String, createdAt: String) {
        (self.id, self.number, self.fromUnit, self.toUnit, self.received) = (id, number, fromUnit, toUnit, received)
        direction = .of(from: fromUnit.kind, to: toUnit.kind)
        (self.subject, self.clueID, self.caseID, self.replyWithin) = (subject, clueID, caseID, replyWithin)
        (self.replyDue, self.provisional, self.replied, self.replyResult) = (replyDue, provisional, replied, replyResult)
        (self.feedback, self.outcome, self.createdBy, self.createdAt) = (feedback, outcome, createdBy, createdAt)
    }

    /// As shown to a reader who may not see case files: what became of it in totals, no case named.
    public func withoutCaseFiles() -> Referral {
        var shown = self
        shown.outcome = outcome?.totalsOnly
        return shown
    }

    /// Where it stood on `asOf`: a reply recorded after that day still left it waiting then.
    public func state(asOf: LocalDate) -> ReferralState {
        if let replied, replied <= asOf { return replied <= replyDue ? .answered : .answeredLate }
        return asOf > replyDue ? .overdue : .awaiting
    }

    /// "12345热线 → 民事检察部 平12345-2026-1108（拖欠工资）".
    public func record(_ language: Language) -> String {
        let number = self.number.map { " \($0)" } ?? ""
        return language == .zh ? "\(fromUnit.name)→\(toUnit.name)\(number)（\(subject)）"
            : "\(fromUnit.name) → \(toUnit.name)\(number) (\(subject))"
    }

    enum CodingKeys: String, CodingKey {
        case id, number, direction, received, subject, provisional, replied, feedback, outcome
        case fromUnit = "from_unit", toUnit = "to_unit", clueID = "clue_id", caseID = "case_id",
             replyWithin = "reply_within_working_days", replyDue = "reply_due", replyResult = "reply_result",
             createdBy = "created_by", createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(fromUnit, forKey: .fromUnit)
        try c.encode(toUnit, forKey: .toUnit)
        try c.encode(direction, forKey: .direction)
        try c.encode(received, forKey: .received)
        try c.encode(subject, forKey: .subject)
        try c.encode(clueID, forKey: .clueID)
        try c.encode(caseID, forKey: .caseID)
        try c.encode(replyWithin, forKey: .replyWithin)
        try c.encode(replyDue, forKey: .replyDue)
        try c.encode(provisional, forKey: .provisional)
        try c.encode(replied, forKey: .replied)
        try c.encode(replyResult, forKey: .replyResult)
        try c.encode(feedback, forKey: .feedback)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// A unit as a record names it: enough to show and to filter, without reading the unit again.
public struct UnitRef: Sendable, Codable, Equatable, Hashable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: UnitKind

    public init(id: Int64, code: String, name: String, kind: UnitKind) {
        (self.id, self.code, self.name, self.kind) = (id, code, name, kind)
    }

    public init(_ unit: MemberUnit) { self.init(id: unit.id, code: unit.code, name: unit.name, kind: unit.kind) }
}
