/// A dated limit a case must watch (domain.md §9): a limitation period the law sets, or the office's own.
public struct CaseTimeLimit: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// 劳动争议调解仲裁法 art. 27: one year from the end of the employment for wages owed during it.
        case arbitrationLimitation = "arbitration-limitation"
        /// 民法典 art. 188: three years from when payment for labor services fell due.
        case litigationLimitation = "litigation-limitation"
        /// The office's own: deciding whether to support within `case_decision_days` of acceptance.
        case officeDecision = "office-decision"
        /// The office's own: the worker filing at court within `court_filing_days` of the support letter.
        case officeCourtFiling = "office-court-filing"

        public func label(_ language: Language) -> String {
            switch (self, language) {
            case (.arbitrationLimitation, .zh): "劳动仲裁时效"
            case (.litigationLimitation, .zh): "劳务报酬诉讼时效"
            case (.officeDecision, .zh): "审查决定期限"
            case (.officeCourtFiling, .zh): "起诉期限"
            case (.arbitrationLimitation, .en): "arbitration limitation"
            case (.litigationLimitation, .en): "litigation limitation"
            case (.officeDecision, .en): "decision due"
            case (.officeCourtFiling, .en): "court filing due"
            }
        }

        /// A limitation the law sets (the worker's right is at stake), not an office's working rule.
        public var isStatutory: Bool { self == .arbitrationLimitation || self == .litigationLimitation }
    }

    public var kind: Kind
    public var due: LocalDate
    /// What it runs from and under which rule, in Chinese and in English.
    public var basis: String
    public var basisEn: String
    /// The due date depends on a year with no published holiday schedule.
    public var provisional: Bool

    public init(kind: Kind, due: LocalDate, basis: String, basisEn: String, provisional: Bool) {
        (self.kind, self.due, self.basis, self.basisEn, self.provisional) = (kind, due, basis, basisEn, provisional)
    }

    enum CodingKeys: String, CodingKey {
        case kind, due, basis, provisional, basisEn = "basis_en"
    }
}

/// What a case's time limits are computed from.
public struct CaseTimeFacts: Sendable, Equatable {
    public var stage: CaseStage
    /// The day the stage was reached (for the support letter, the day it was issued).
    public var stageDate: LocalDate
    public var opened: LocalDate
    public var employmentEnded: LocalDate?
    public var paymentDue: LocalDate?
    public var decisionDays: Int
    public var courtFilingDays: Int

    public init(stage: CaseStage, stageDate: LocalDate, opened: LocalDate, employmentEnded: LocalDate?,
                paymentDue: LocalDate?, decisionDays: Int, courtFilingDays: Int) {
        (self.stage, self.stageDate, self.opened) = (stage, stageDate, opened)
        (self.employmentEnded, self.paymentDue) = (employmentEnded, paymentDue)
        (self.decisionDays, self.courtFilingDays) = (decisionDays, courtFilingDays)
    }
}

extension CaseTimeFacts {
    /// The facts of `wageCase` with the office's days.
    public init(_ wageCase: WageCase, decisionDays: Int, courtFilingDays: Int) {
        self.init(stage: wageCase.stage, stageDate: wageCase.stageDate, opened: wageCase.opened,
                  employmentEnded: wageCase.employmentEnded, paymentDue: wageCase.paymentDue,
                  decisionDays: decisionDays, courtFilingDays: courtFilingDays)
    }
}

public enum CaseTimeLimits {
    /// Stages in which the claim has not yet been brought to court: a limitation period still matters.
    public static let claimNotYetBrought: Set<CaseStage> = [.accepted, .investigating, .supportDecided, .letterIssued]

    /// Days before a limit at which alerts and the digest start to warn.
    public static let warningDays = 30

    /// The last day of a period of `months` months and `days` days from `start` (民法典 arts. 201–203): the
    /// starting day is not counted, a period in months ends on the corresponding day of its last month (that
    /// month's last day when it has none), and a last day that is a statutory rest day or holiday moves to the
    /// next working day of the official calendar (a 调休 working Saturday or Sunday is a working day).
    public static func periodEnd(from start: LocalDate, months: Int = 0, days: Int = 0,
                                 calendar: WorkingDayCalendar) -> (date: LocalDate, provisional: Bool) {
        var end = start.adding(months: months).adding(days: days)
        // Bounded: no calendar has a run of rest days this long; the bound keeps bad data from looping.
        var steps = 0
        while !calendar.isWorkingDay(end) && steps < 60 {
            end = end.adding(days: 1)
            steps += 1
        }
        return (end, !calendar.isPublished(year: end.year))
    }

    /// The limits a case in `facts` must watch now, soonest first: the limitation periods while the claim has not
    /// been brought, the decision while the case is under review, the court filing once the support letter is out.
    public static func limits(_ facts: CaseTimeFacts, calendar: WorkingDayCalendar) -> [CaseTimeLimit] {
        var limits: [CaseTimeLimit] = []
        if claimNotYetBrought.contains(facts.stage) {
            if let ended = facts.employmentEnded {
                let end = periodEnd(from: ended, months: 12, calendar: calendar)
                limits.append(CaseTimeLimit(
                    kind: .arbitrationLimitation, due: end.date,
                    basis: "劳动关系于\(ended)终止，劳动争议调解仲裁法第二十七条：终止之日起一年内申请仲裁",
                    basisEn: "employment ended on \(ended); 劳动争议调解仲裁法 art. 27: arbitration within one year of its end",
                    provisional: end.provisional))
            }
            if let due = facts.paymentDue {
                let end = periodEnd(from: due, months: 36, calendar: calendar)
                limits.append(CaseTimeLimit(
                    kind: .litigationLimitation, due: end.date,
                    basis: "劳务报酬应于\(due)支付，民法典第一百八十八条：三年诉讼时效",
                    basisEn: "payment for labor services fell due on \(due); 民法典 art. 188: three years",
                    provisional: end.provisional))
            }
        }
        if facts.stage == .accepted || facts.stage == .investigating {
            let end = periodEnd(from: facts.opened, days: facts.decisionDays, calendar: calendar)
            limits.append(CaseTimeLimit(
                kind: .officeDecision, due: end.date,
                basis: "\(facts.opened)受理，本院规定\(facts.decisionDays)日内作出是否支持起诉的决定",
                basisEn: "accepted on \(facts.opened); the office decides within \(facts.decisionDays) days",
                provisional: end.provisional))
        }
        if facts.stage == .letterIssued {
            let end = periodEnd(from: facts.stageDate, days: facts.courtFilingDays, calendar: calendar)
            limits.append(CaseTimeLimit(
                kind: .officeCourtFiling, due: end.date,
                basis: "\(facts.stageDate)制发支持起诉书，本院规定\(facts.courtFilingDays)日内向法院起诉",
                basisEn: "support letter issued on \(facts.stageDate); filing at court within \(facts.courtFilingDays) days",
                provisional: end.provisional))
        }
        return limits.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }
}

/// An open case whose time limits are watched, with the project it is about (alerts carry its region).
public struct CaseUnderWatch: Sendable, Equatable {
    public var id: Int64
    public var caseNumber: String?
    public var facts: CaseTimeFacts
    public var projectID: Int64?
    public var projectName: String?
    public var regionCode: String?

    public init(id: Int64, caseNumber: String?, facts: CaseTimeFacts, projectID: Int64?, projectName: String?,
                regionCode: String?) {
        (self.id, self.caseNumber, self.facts) = (id, caseNumber, facts)
        (self.projectID, self.projectName, self.regionCode) = (projectID, projectName, regionCode)
    }

    /// The case as alerts name it: its office number, else its id (no worker's name: alerts reach every role).
    public var label: String { caseNumber ?? "#\(id)" }
}

extension CaseTimeLimits {
    /// Every pending time limit of `cases` as a dated duty (soonest first), and an alert for each that passes
    /// within `warningDays` or has passed (most urgent first): a limitation period is the worker's right, so
    /// it warns `LIMITATION_NEAR` and, once passed, is critical; the office's own limits warn less loudly.
    public static func watch(_ cases: [CaseUnderWatch], calendar: WorkingDayCalendar,
                             asOf: LocalDate) -> (alerts: [Alert], deadlines: [Deadline]) {
        var alerts: [Alert] = [], deadlines: [Deadline] = []
        for watched in cases {
            for limit in limits(watched.facts, calendar: calendar) {
                let daysLeft = asOf.days(until: limit.due)
                let kind: Deadline.Kind = switch limit.kind {
                case .arbitrationLimitation: .arbitrationLimitation
                case .litigationLimitation: .litigationLimitation
                case .officeDecision: .officeDecision
                case .officeCourtFiling: .officeCourtFiling
                }
                deadlines.append(Deadline(
                    kind: kind, due: limit.due, daysLeft: daysLeft, provisional: limit.provisional,
                    regionCode: watched.regionCode, projectID: watched.projectID, projectName: watched.projectName,
                    guaranteeID: nil, suggestionID: nil, record: "案件\(watched.label)", recordEn: "case \(watched.label)",
                    caseID: watched.id))
                guard daysLeft <= warningDays else { continue }
                let passed = daysLeft < 0
                let code: AlertCode = limit.kind.isStatutory ? (passed ? .limitationPassed : .limitationNear)
                    : (passed ? .officeDeadlinePassed : .officeDeadlineNear)
                let (zh, en) = (limit.kind.label(.zh), limit.kind.label(.en))
                alerts.append(Alert(
                    code: code, severity: code.severity, regionCode: watched.regionCode, projectID: watched.projectID,
                    projectName: watched.projectName, guaranteeID: nil, suggestionID: nil, caseIDs: [watched.id],
                    due: limit.due, daysLeft: daysLeft,
                    detail: "案件\(watched.label)\(zh)\(passed ? "已于" : "将于")\(limit.due)届满（\(limit.basis)）",
                    detailEn: "case \(watched.label): \(en) \(passed ? "ended" : "ends") on \(limit.due) (\(limit.basisEn))",
                    provisional: limit.provisional))
            }
        }
        let order = deadlines.map(Deadline.order)
        return (GuaranteeMonitor.sortedByUrgency(alerts), order.indices.sorted { order[$0] < order[$1] }.map { deadlines[$0] })
    }
}
