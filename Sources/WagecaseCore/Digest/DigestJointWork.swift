extension Digest {
    /// The joint work (府检联动) in the period: the referrals received, each unit's tasks, and for the monthly summary
    /// each reporting unit's progress report with its text. Empty when no member unit is recorded.
    public struct JointWork: Sendable, Encodable, Equatable {
        public struct ReferralLine: Sendable, Encodable, Equatable {
            public var id: Int64
            public var record: String
            public var recordEn: String
            public var direction: ReferralDirection
            public var received: LocalDate
            public var replyDue: LocalDate
            public var state: ReferralState

            public init(_ referral: Referral, asOf: LocalDate) {
                (id, record, recordEn) = (referral.id, referral.record(.zh), referral.record(.en))
                (direction, received, replyDue) = (referral.direction, referral.received, referral.replyDue)
                state = referral.state(asOf: asOf)
            }

            enum CodingKeys: String, CodingKey {
                case id, record, direction, received, state, recordEn = "record_en", replyDue = "reply_due"
            }
        }

        /// One unit's tasks as they stand on the digest's as-of day, and those closed in the period.
        public struct UnitTasks: Sendable, Encodable, Equatable {
            public var unit: String
            public var open: Int
            public var overdue: Int
            public var closedInPeriod: Int

            public init(unit: String, open: Int, overdue: Int, closedInPeriod: Int) {
                (self.unit, self.open, self.overdue, self.closedInPeriod) = (unit, open, overdue, closedInPeriod)
            }

            enum CodingKeys: String, CodingKey { case unit, open, overdue, closedInPeriod = "closed_in_period" }
        }

        public struct UnitReport: Sendable, Encodable, Equatable {
            public var unit: String
            public var standing: ReportStanding
            public var due: LocalDate
            public var submitted: LocalDate?
            public var text: String?

            public init(unit: String, standing: ReportStanding, due: LocalDate, submitted: LocalDate?, text: String?) {
                (self.unit, self.standing, self.due, self.submitted, self.text) = (unit, standing, due, submitted, text)
            }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(unit, forKey: .unit)
                try c.encode(standing, forKey: .standing)
                try c.encode(due, forKey: .due)
                try c.encode(submitted, forKey: .submitted)
                try c.encode(text, forKey: .text)
            }

            enum CodingKeys: String, CodingKey { case unit, standing, due, submitted, text }
        }

        public var referrals: Listing<ReferralLine>
        public var tasks: [UnitTasks]
        /// The month's reports (the monthly summary only).
        public var reportMonth: ReportMonth?
        public var reports: [UnitReport]

        public init(referrals: Listing<ReferralLine> = .init(total: 0, items: []), tasks: [UnitTasks] = [],
                    reportMonth: ReportMonth? = nil, reports: [UnitReport] = []) {
            (self.referrals, self.tasks, self.reportMonth, self.reports) = (referrals, tasks, reportMonth, reports)
        }

        public var isEmpty: Bool { referrals.total == 0 && tasks.isEmpty && reports.isEmpty }

        /// Builds the section: the period's referrals and the tasks closed in it, each as it stands on `end`.
        public static func of(referrals: [Referral], tasks: [JointTask], roll: [ReportRollLine],
                              reportTexts: [Int64: String], reportMonth: ReportMonth?, period: DigestPeriod,
                              end: LocalDate, limit: Int) -> JointWork {
            let received = referrals.filter { period.range.contains($0.received) }
                .sorted { ($0.received, $0.id) < ($1.received, $1.id) }
            var byUnit: [String: UnitTasks] = [:], order: [String] = []
            for task in tasks.sorted(by: { $0.unit.id < $1.unit.id }) {
                let name = task.unit.name
                if byUnit[name] == nil { byUnit[name] = UnitTasks(unit: name, open: 0, overdue: 0, closedInPeriod: 0); order.append(name) }
                switch task.status(asOf: end) {
                case .open: byUnit[name]?.open += 1
                case .overdue: byUnit[name]?.overdue += 1
                case .closed: if let closed = task.closed, period.range.contains(closed) { byUnit[name]?.closedInPeriod += 1 }
                }
            }
            let unitTasks = order.compactMap { byUnit[$0] }
                .filter { $0.open + $0.overdue + $0.closedInPeriod > 0 }
            let reports = roll.map { line in
                UnitReport(unit: line.unit.name, standing: line.standing, due: line.due, submitted: line.submitted,
                           text: reportTexts[line.unit.id])
            }
            return JointWork(referrals: Listing(all: received.map { ReferralLine($0, asOf: end) }, limit: limit),
                             tasks: unitTasks, reportMonth: reportMonth, reports: reports)
        }

        enum CodingKeys: String, CodingKey { case referrals, tasks, reports, reportMonth = "report_month" }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(referrals, forKey: .referrals)
            try c.encode(tasks, forKey: .tasks)
            try c.encode(reportMonth, forKey: .reportMonth)
            try c.encode(reports, forKey: .reports)
        }
    }
}

extension DateRange {
    public func contains(_ date: LocalDate) -> Bool {
        (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
    }
}
