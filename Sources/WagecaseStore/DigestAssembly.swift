import WagecaseCore

extension Digest {
    /// A digest from what a store read for it, put together the same way whichever store read it: the monitor's
    /// part, the cases' time limits, the joint work's findings and section, the figures (their referrals already
    /// judged) and the lists. The arrears alerts shown name their open cases afterwards (`arrearsProjectsShown`).
    public init(period: DigestPeriod, asOf: LocalDate, limit: Int, monitor: MonitorDigestPart,
                watched: (alerts: Digest.AlertSummary, deadlines: [Deadline]),
                joint: (alerts: [Alert], deadlines: [Deadline]), jointWork: Digest.JointWork,
                current: Statistics, previous: Statistics, yearToDate: Statistics,
                largestOpenCases: Listing<OpenCase>, openSeries: Listing<OpenSeries>, recoveredByWeek: [WeekAmount],
                recoveredByMonth: [MonthAmount]) {
        let summary = monitor.alerts
            .merging(watched.alerts, limit: limit)
            .merging(Digest.AlertSummary(joint.alerts, limit: limit), limit: limit)
        let deadlines = Deadline.merged(Deadline.merged(monitor.freshDeadlines, watched.deadlines), joint.deadlines)
        self.init(period: period, asOf: asOf, current: current, previous: previous, yearToDate: yearToDate,
                  deadlines: deadlines, alertSummary: summary, largestOpenCases: largestOpenCases,
                  openSeries: openSeries, recoveredByWeek: recoveredByWeek, recoveredByMonth: recoveredByMonth,
                  limit: limit)
        // The kept projects' duties are the monitor's too: in both the full lists and the guarantee duties'.
        dueSoon = dueSoon.merged(with: monitor.keptDueSoon, limit: limit, by: Deadline.isInOrder)
        overdue = overdue.merged(with: monitor.keptOverdue, limit: limit, by: Deadline.isInOrder)
        guaranteeDutiesDueSoon = guaranteeDutiesDueSoon.merged(with: monitor.keptDueSoon, limit: limit, by: Deadline.isInOrder)
        guaranteeDutiesOverdue = guaranteeDutiesOverdue.merged(with: monitor.keptOverdue, limit: limit, by: Deadline.isInOrder)
        returnsDue = monitor.returnsDue
        self.jointWork = jointWork
    }

    /// The projects of the arrears alerts shown, whose open cases the alerts name.
    public var arrearsProjectsShown: [Int64] {
        alerts.mostUrgent.filter { $0.code == .arrearsDepositUnused }.compactMap(\.projectID)
    }

    /// Names each shown arrears alert's open cases on the day (`cases` by project).
    public mutating func nameArrearsCases(_ cases: [Int64: [Int64]]) {
        for index in alerts.mostUrgent.indices where alerts.mostUrgent[index].code == .arrearsDepositUnused {
            if let project = alerts.mostUrgent[index].projectID { alerts.mostUrgent[index].caseIDs = cases[project] ?? [] }
        }
    }
}
