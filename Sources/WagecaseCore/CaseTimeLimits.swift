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

    /// Whether a case has a time limit to watch: a claim not yet brought, with a limit of its own (a decided case
    /// only with an end of employment or a payment due date).
    public static func isUnderWatch(_ stage: CaseStage, employmentEnded: LocalDate?, paymentDue: LocalDate?) -> Bool {
        claimNotYetBrought.contains(stage) && (stage != .supportDecided || employmentEnded != nil || paymentDue != nil)
    }

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
        limitDays(facts, calendar: calendar).map { withBasis($0, facts) }
    }

    /// A limit's kind and day, before its words (what counting and ordering need).
    struct LimitDay {
        let kind: CaseTimeLimit.Kind
        /// What it runs from: the end of the employment, the payment's due day, the acceptance or the letter.
        let from: LocalDate
        let due: LocalDate
        let provisional: Bool
    }

    /// `limits` without their words.
    static func limitDays(_ facts: CaseTimeFacts, calendar: WorkingDayCalendar) -> [LimitDay] {
        var limits: [LimitDay] = []
        func add(_ kind: CaseTimeLimit.Kind, from start: LocalDate, months: Int = 0, days: Int = 0) {
            let end = periodEnd(from: start, months: months, days: days, calendar: calendar)
            limits.append(LimitDay(kind: kind, from: start, due: end.date, provisional: end.provisional))
        }
        if claimNotYetBrought.contains(facts.stage) {
            if let ended = facts.employmentEnded { add(.arbitrationLimitation, from: ended, months: 12) }
            if let due = facts.paymentDue { add(.litigationLimitation, from: due, months: 36) }
        }
        if facts.stage == .accepted || facts.stage == .investigating {
            add(.officeDecision, from: facts.opened, days: facts.decisionDays)
        }
        if facts.stage == .letterIssued {
            add(.officeCourtFiling, from: facts.stageDate, days: facts.courtFilingDays)
        }
        return limits.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }

    /// The limit with what it runs from and under which rule.
    static func withBasis(_ limit: LimitDay, _ facts: CaseTimeFacts) -> CaseTimeLimit {
        let from = limit.from
        let (basis, basisEn) = switch limit.kind {
        case .arbitrationLimitation:
            ("劳动关系于\(from)终止，劳动争议调解仲裁法第二十七条：终止之日起一年内申请仲裁",
             "employment ended on \(from); 劳动争议调解仲裁法 art. 27: arbitration within one year of its end")
        case .litigationLimitation:
            ("劳务报酬应于\(from)支付，民法典第一百八十八条：三年诉讼时效",
             "payment for labor services fell due on \(from); 民法典 art. 188: three years")
        case .officeDecision:
            ("\(from)受理，本院规定\(facts.decisionDays)日内作出是否支持起诉的决定",
             "accepted on \(from); the office decides within \(facts.decisionDays) days")
        case .officeCourtFiling:
            ("\(from)制发支持起诉书，本院规定\(facts.courtFilingDays)日内向法院起诉",
             "support letter issued on \(from); filing at court within \(facts.courtFilingDays) days")
        }
        return CaseTimeLimit(kind: limit.kind, due: limit.due, basis: basis, basisEn: basisEn, provisional: limit.provisional)
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
            for limit in limitDays(watched.facts, calendar: calendar) {
                let daysLeft = asOf.days(until: limit.due)
                deadlines.append(deadline(watched, limit, daysLeft: daysLeft))
                if daysLeft <= warningDays { alerts.append(alert(watched, limit, daysLeft: daysLeft, worded: true)) }
            }
        }
        return (GuaranteeMonitor.sortedByUrgency(alerts), sortedByDue(deadlines))
    }

    /// What a digest shows of `watch`: its alerts counted, with the `limit` most urgent, and the duties passed or
    /// due within `window` days. Only the alerts shown are worded: a day in the past has tens of thousands of
    /// cases under watch, and a sentence in two languages for each was most of the digest's time.
    public static func digestPart(_ cases: [CaseUnderWatch], calendar: WorkingDayCalendar, asOf: LocalDate,
                                  window: Int, limit: Int) -> (alerts: Digest.AlertSummary, deadlines: [Deadline]) {
        var alerts: [Alert] = [], deadlines: [Deadline] = []
        // What each of `alerts` was made from, at the same place.
        var warned: [(watched: Int, limit: LimitDay, daysLeft: Int)] = []
        for (index, watched) in cases.enumerated() {
            for limit in limitDays(watched.facts, calendar: calendar) {
                let daysLeft = asOf.days(until: limit.due)
                if daysLeft <= window { deadlines.append(deadline(watched, limit, daysLeft: daysLeft)) }
                guard daysLeft <= warningDays else { continue }
                alerts.append(alert(watched, limit, daysLeft: daysLeft, worded: false))
                warned.append((index, limit, daysLeft))
            }
        }
        // Counted as they are; the order matters only for the few shown.
        var summary = Digest.AlertSummary(alerts, limit: 0)
        summary.mostUrgent = GuaranteeMonitor.urgencyOrder(alerts).prefix(limit).map { index in
            let (watched, limit, daysLeft) = warned[index]
            return alert(cases[watched], limit, daysLeft: daysLeft, worded: true)
        }
        return (summary, sortedByDue(deadlines))
    }

    private static func deadline(_ watched: CaseUnderWatch, _ limit: LimitDay, daysLeft: Int) -> Deadline {
        let kind: Deadline.Kind = switch limit.kind {
        case .arbitrationLimitation: .arbitrationLimitation
        case .litigationLimitation: .litigationLimitation
        case .officeDecision: .officeDecision
        case .officeCourtFiling: .officeCourtFiling
        }
        return Deadline(kind: kind, due: limit.due, daysLeft: daysLeft, provisional: limit.provisional,
                        regionCode: watched.regionCode, projectID: watched.projectID, projectName: watched.projectName,
                        guaranteeID: nil, suggestionID: nil, record: "案件\(watched.label)",
                        recordEn: "case \(watched.label)", caseID: watched.id)
    }

    /// The alert of a limit within `warningDays` or passed; without `worded`, with no words (counted, not shown).
    private static func alert(_ watched: CaseUnderWatch, _ limit: LimitDay, daysLeft: Int, worded: Bool) -> Alert {
        let passed = daysLeft < 0
        let code: AlertCode = limit.kind.isStatutory ? (passed ? .limitationPassed : .limitationNear)
            : (passed ? .officeDeadlinePassed : .officeDeadlineNear)
        var (detail, detailEn) = ("", "")
        if worded {
            let (zh, en, basis) = (limit.kind.label(.zh), limit.kind.label(.en), withBasis(limit, watched.facts))
            detail = "案件\(watched.label)\(zh)\(passed ? "已于" : "将于")\(limit.due)届满（\(basis.basis)）"
            detailEn = "case \(watched.label): \(en) \(passed ? "ended" : "ends") on \(limit.due) (\(basis.basisEn))"
        }
        return Alert(
            code: code, severity: code.severity, regionCode: watched.regionCode, projectID: watched.projectID,
            projectName: watched.projectName, guaranteeID: nil, suggestionID: nil, caseIDs: [watched.id],
            due: limit.due, daysLeft: daysLeft, detail: detail, detailEn: detailEn, provisional: limit.provisional)
    }

    private static func sortedByDue(_ deadlines: [Deadline]) -> [Deadline] {
        let order = deadlines.map(Deadline.order)
        return order.indices.sorted { order[$0] < order[$1] }.map { deadlines[$0] }
    }
}
