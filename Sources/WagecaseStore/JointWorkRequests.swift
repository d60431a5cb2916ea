import Foundation
import WagecaseCore

/// A referral to record. Units are named by code, exact name or id.
public struct NewReferral: Sendable {
    public var fromUnit: String
    public var toUnit: String
    public var received: LocalDate
    public var subject: String
    public var number: String?
    public var clueID: Int64?
    public var caseReference: CaseReference?
    /// Working days to reply; the `referral_reply_days` setting when nil.
    public var replyWithin: Int?

    public init(fromUnit: String, toUnit: String, received: LocalDate, subject: String, number: String? = nil,
                clueID: Int64? = nil, caseReference: CaseReference? = nil, replyWithin: Int? = nil) throws(WagecaseError) {
        self.fromUnit = try TextField.name(fromUnit, field: "from_unit", maxLength: 100)
        self.toUnit = try TextField.name(toUnit, field: "to_unit", maxLength: 100)
        self.subject = try TextField.name(subject, field: "subject", maxLength: 500)
        self.number = try TextField.optional(number, field: "number", maxLength: 100)
        if clueID != nil && caseReference != nil {
            throw .invalidField(field: "case", value: caseReference?.description ?? "", reason: "is given with a clue",
                                allowed: "a clue or a case, not both")
        }
        if let replyWithin { try ReferralRules.checkReplyDays(replyWithin) }
        (self.received, self.clueID, self.caseReference, self.replyWithin) = (received, clueID, caseReference, replyWithin)
    }
}

/// Which referrals a list shows.
public struct ReferralFilter: Sendable {
    /// Referrals from or to this unit.
    public var unit: String?
    public var direction: ReferralDirection?
    public var state: ReferralState?
    /// Only referrals to these units or from them (a labor-bureau user's own); nil: all.
    public var visibleUnits: Set<Int64>?
    public var asOf: LocalDate?
    public var limit: Int
    public var afterID: Int64

    public init(unit: String? = nil, direction: ReferralDirection? = nil, state: ReferralState? = nil,
                visibleUnits: Set<Int64>? = nil, asOf: LocalDate? = nil, limit: Int = 100, afterID: Int64 = 0) {
        (self.unit, self.direction, self.state, self.visibleUnits) = (unit, direction, state, visibleUnits)
        (self.asOf, self.limit, self.afterID) = (asOf, limit, afterID)
    }
}

/// Which tasks a list shows.
public struct TaskFilter: Sendable {
    public var unit: String?
    public var status: TaskStatus?
    public var meetingID: Int64?
    public var visibleUnits: Set<Int64>?
    public var asOf: LocalDate?
    public var limit: Int
    public var afterID: Int64

    public init(unit: String? = nil, status: TaskStatus? = nil, meetingID: Int64? = nil,
                visibleUnits: Set<Int64>? = nil, asOf: LocalDate? = nil, limit: Int = 200, afterID: Int64 = 0) {
        (self.unit, self.status, self.meetingID, self.visibleUnits) = (unit, status, meetingID, visibleUnits)
        (self.asOf, self.limit, self.afterID) = (asOf, limit, afterID)
    }
}

/// Making a referral a clue: the clue's facts the referral does not carry. The channel is the referring unit's
/// (its kind's clue source) unless `source` says otherwise; the received date is the referral's; the summary its
/// subject unless given.
public struct ReferralClue: Sendable {
    public var referralID: Int64
    public var employer: EmployerReference
    public var project: ProjectReference?
    public var claims: [ClaimInput]
    public var source: ClueSource?
    public var summary: String?
    public var onDuplicate: DuplicatePolicy

    public init(referralID: Int64, employer: EmployerReference, project: ProjectReference? = nil, claims: [ClaimInput],
                source: ClueSource? = nil, summary: String? = nil, onDuplicate: DuplicatePolicy = .refuse) {
        (self.referralID, self.employer, self.project, self.claims) = (referralID, employer, project, claims)
        (self.source, self.summary, self.onDuplicate) = (source, summary, onDuplicate)
    }
}

/// A month's reports as the lead department reads them: who must report and where each stands, and the texts.
/// Its JSON (the CLI's `report status --json` and the API's roll): `month`, `due`, `provisional`, `units[]`
/// (`unit`, `standing`, `submitted`), `reports[]`.
public struct ReportRoll: Sendable, Encodable {
    public var month: ReportMonth
    public var due: LocalDate
    public var provisional: Bool
    public var lines: [ReportRollLine]
    /// The latest version of each report submitted for the month, in unit order.
    public var reports: [MonthlyReport]

    public init(month: ReportMonth, due: LocalDate, provisional: Bool, lines: [ReportRollLine], reports: [MonthlyReport]) {
        (self.month, self.due, self.provisional, self.lines, self.reports) = (month, due, provisional, lines, reports)
    }

    public var missing: [ReportRollLine] { lines.filter { $0.standing == .missing } }

    /// The roll limited to what a reader sees (a labor-bureau user: their own unit's line and report).
    public func limited(to visible: Set<Int64>?) -> ReportRoll {
        guard let visible else { return self }
        return ReportRoll(month: month, due: due, provisional: provisional,
                          lines: lines.filter { visible.contains($0.unit.id) },
                          reports: reports.filter { visible.contains($0.unit.id) })
    }

    enum CodingKeys: String, CodingKey { case month, due, provisional, units, reports }
    enum LineKeys: String, CodingKey { case unit, standing, submitted }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(month, forKey: .month)
        try c.encode(due, forKey: .due)
        try c.encode(provisional, forKey: .provisional)
        var units = c.nestedUnkeyedContainer(forKey: .units)
        for line in lines {
            var entry = units.nestedContainer(keyedBy: LineKeys.self)
            try entry.encode(line.unit, forKey: .unit)
            try entry.encode(line.standing, forKey: .standing)
            try entry.encode(line.submitted, forKey: .submitted)
        }
        try c.encode(reports, forKey: .reports)
    }
}

/// One unit's desk: its tasks, the referrals waiting for its reply, its reports.
public struct UnitDesk: Sendable {
    public var unit: MemberUnit
    public var tasks: [JointTask]
    public var awaitingReply: [Referral]
    public var sent: [Referral]
    public var reports: [MonthlyReport]
    public var mustReport: Bool

    public init(unit: MemberUnit, tasks: [JointTask], awaitingReply: [Referral], sent: [Referral],
                reports: [MonthlyReport], mustReport: Bool) {
        (self.unit, self.tasks, self.awaitingReply, self.sent, self.reports, self.mustReport) =
            (unit, tasks, awaitingReply, sent, reports, mustReport)
    }
}
