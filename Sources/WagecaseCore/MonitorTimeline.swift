/// One thing the guarantee monitor finds about a project on a day, in the form kept between days (the days left
/// to a due date are the asking day's own): an alert with its words, a dated duty, the deposit owed (what an
/// arrears alert is raised on, with the last draw), or a guarantee due for return (with the completion it counts
/// from). An alert's words change only with the records, so they are part of what is kept: a list of every alert
/// is read, not found again.
public struct MonitorFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case alert, deadline, owing
        case returnDue = "return"
    }

    public var kind: Kind
    /// The alert's code or the duty's kind; empty for the deposit owed and the return.
    public var code: String
    public var guaranteeID: Int64?
    /// The alert's or the duty's due date; the deposit owed: its last draw; the return: the project's completion.
    public var date: LocalDate?
    /// The alert's or the duty's date is provisional; the deposit owed: the project holds a guarantee.
    public var flag: Bool
    /// An alert's words, Chinese and English (nil for the other kinds).
    public var detail: String?
    public var detailEn: String?

    /// An alert's code (nil for the other kinds).
    public var alertCode: AlertCode? { kind == .alert ? AlertCode(rawValue: code) : nil }

    public init(kind: Kind, code: String, guaranteeID: Int64?, date: LocalDate?, flag: Bool,
                detail: String? = nil, detailEn: String? = nil) {
        (self.kind, self.code, self.guaranteeID, self.date, self.flag) = (kind, code, guaranteeID, date, flag)
        (self.detail, self.detailEn) = (detail, detailEn)
    }
}

/// A finding from the first day it holds (nil: every day before the project's first turn) until the first day it
/// no longer does (nil: it holds from then on, while nothing on record changes).
public struct MonitorFindingSpan: Sendable, Equatable {
    public var finding: MonitorFinding
    public var from: LocalDate?
    public var until: LocalDate?

    public init(finding: MonitorFinding, from: LocalDate?, until: LocalDate?) {
        (self.finding, self.from, self.until) = (finding, from, until)
    }

    public func covers(_ day: LocalDate) -> Bool {
        (from.map { $0 <= day } ?? true) && (until.map { day < $0 } ?? true)
    }
}

/// What the monitor finds about one project, as spans of days. The findings change only on a day the records
/// name or derive (a guarantee taking effect, an event, an end date passing, a reminder or a time limit starting
/// or running out, a completion, a rule coming into force); between those days they are the same, so the
/// monitor's pass on each such day — joined where neighbours agree — is its answer for every day.
public enum MonitorTimeline {
    /// The project's findings on `asOf`, as `GuaranteeMonitor` finds them (its alerts, its duties, whether it owes
    /// a deposit, its guarantees due for return before open cases are looked at), in the order found.
    public static func findings(_ project: Project, guarantees: [Guarantee], events: [Int64: [GuaranteeEvent]],
                                rules: [GuaranteeRule], calendar: WorkingDayCalendar,
                                asOf: LocalDate) -> [MonitorFinding] {
        let snapshot = MonitorSnapshot(projects: [project], guarantees: guarantees, events: events,
                                       openCaseCounts: [:], suggestions: [], rules: rules)
        return findings(of: snapshot, calendar: calendar, asOf: asOf)
    }

    /// The findings of every project of `snapshot` on `asOf` (not its suggestions'), in the order found.
    public static func findings(of snapshot: MonitorSnapshot, calendar: WorkingDayCalendar,
                                asOf: LocalDate) -> [MonitorFinding] {
        let found = GuaranteeMonitor.findings(snapshot, calendar: calendar, asOf: asOf)
        var list = found.alerts.filter { $0.projectID != nil }.map {
            MonitorFinding(kind: .alert, code: $0.code.rawValue, guaranteeID: $0.guaranteeID, date: $0.due,
                           flag: $0.provisional, detail: $0.detail, detailEn: $0.detailEn)
        }
        list += found.owing.map {
            MonitorFinding(kind: .owing, code: "", guaranteeID: nil, date: $0.lastDrawn, flag: $0.hasGuarantee)
        }
        let deadlines = GuaranteeMonitor.deadlines(snapshot, calendar: calendar, asOf: asOf)
        list += deadlines.filter { $0.projectID != nil }.map {
            MonitorFinding(kind: .deadline, code: $0.kind.rawValue, guaranteeID: $0.guaranteeID, date: $0.due,
                           flag: $0.provisional)
        }
        list += GuaranteeMonitor.returnsDue(snapshot, openCaseCounts: [:], asOf: asOf).map {
            MonitorFinding(kind: .returnDue, code: "", guaranteeID: $0.guaranteeID, date: $0.completed, flag: false)
        }
        return list
    }

    /// Every day on which the project's findings may differ from the day before's.
    public static func turningDays(_ project: Project, guarantees: [Guarantee], events: [Int64: [GuaranteeEvent]],
                                   rules: [GuaranteeRule], calendar: WorkingDayCalendar) -> Set<LocalDate> {
        // Any rule may be the one in force (a project without a permit date takes the asking day's), so each
        // rule's limits give their own turning days.
        let inForce = rules + [.nationalDefault]
        var days = Set(inForce.map(\.effectiveFrom))
        if let completed = project.actualCompletion { days.insert(completed) }
        if let from = project.depositCountsFrom {
            let due = calendar.adding(workingDays: GuaranteeRegulation.depositWorkingDays, to: from.date).date
            days.insert(due.adding(days: 1))
        }
        let reminders = Set(inForce.map(\.reminderMonths))
        let drawLimits = Set(inForce.flatMap { [$0.replenishWorkingDays, $0.bankPaymentWorkingDays] })
        let returnLimits = Set(inForce.map { $0.returnReviewWorkingDays + $0.bankReturnWorkingDays })
        for guarantee in guarantees {
            days.insert(guarantee.effective)
            let history = events[guarantee.id] ?? []
            // A letter is expired from the day after its (current) end, and its reminder starts months before.
            for end in [guarantee.ends] + history.map(\.newEnds) {
                guard let end else { continue }
                days.insert(end.adding(days: 1))
                for months in reminders { days.insert(end.adding(months: -months)) }
            }
            for event in history {
                days.insert(event.date)
                if let paid = event.paidOn { days.insert(paid) }
                // A time limit runs out the day after its last day.
                let limits = event.kind == .drawn ? drawLimits : event.kind == .returnRequested ? returnLimits : []
                for limit in limits {
                    days.insert(calendar.adding(workingDays: limit, to: event.date).date.adding(days: 1))
                }
            }
        }
        return days
    }

    /// The project's findings as spans: the monitor's pass on the day before its first turning day (standing
    /// for every earlier day) and on each turning day, each finding from the day it appears to the day it goes.
    /// Equal findings found together are told apart by their place among them.
    public static func spans(_ project: Project, guarantees: [Guarantee], events: [Int64: [GuaranteeEvent]],
                             rules: [GuaranteeRule], calendar: WorkingDayCalendar) -> [MonitorFindingSpan] {
        struct Occurrence: Hashable { let finding: MonitorFinding, ordinal: Int }
        func occurrences(_ findings: [MonitorFinding]) -> [Occurrence] {
            var seen: [MonitorFinding: Int] = [:]
            return findings.map { finding in
                defer { seen[finding, default: 0] += 1 }
                return Occurrence(finding: finding, ordinal: seen[finding] ?? 0)
            }
        }
        let days = turningDays(project, guarantees: guarantees, events: events, rules: rules, calendar: calendar)
            .sorted()
        guard let first = days.first else { return [] }
        var open: [Occurrence: LocalDate?] = [:]
        var order: [Occurrence] = []
        var spans: [MonitorFindingSpan] = []
        for (index, day) in ([first.adding(days: -1)] + days).enumerated() {
            let found = occurrences(findings(project, guarantees: guarantees, events: events, rules: rules,
                                             calendar: calendar, asOf: day))
            let present = Set(found)
            var stillOpen: [Occurrence] = []
            for occurrence in order {
                guard let since = open[occurrence] else { continue }
                if present.contains(occurrence) {
                    stillOpen.append(occurrence)
                } else {
                    spans.append(MonitorFindingSpan(finding: occurrence.finding, from: since, until: day))
                    open[occurrence] = nil
                }
            }
            order = stillOpen
            for occurrence in found where open[occurrence] == nil {
                open[occurrence] = .some(index == 0 ? nil : day)
                order.append(occurrence)
            }
        }
        for occurrence in order {
            if let since = open[occurrence] {
                spans.append(MonitorFindingSpan(finding: occurrence.finding, from: since, until: nil))
            }
        }
        return spans
    }
}
