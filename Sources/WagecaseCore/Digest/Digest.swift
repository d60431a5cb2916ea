/// The weekly digest (周汇报) or monthly summary (月小结): the period's figures beside the previous period's and
/// the year to date's, what falls due in the next seven days and what is overdue, the monitor's alerts, and the
/// largest open arrears. Built by the store in one read; rendered by WagecaseReports. Its JSON form is documented
/// in the README and stable: fields are only ever added. Written for other programs, never read back.
public struct Digest: Sendable, Encodable, Equatable {
    /// Bumped only if a field changes meaning or goes away.
    /// 2: the open cases and series are as they stood on the as-of date, and `returns_due` was added.
    public static let formatVersion = 2
    /// How far ahead "due soon" looks, in calendar days.
    public static let dueWindowDays = 7
    /// A monthly summary looks a month ahead.
    public static let monthlyDueWindowDays = 30

    /// Days ahead the due list covers: a week for the weekly digest, a month for the monthly summary.
    public var dueWindowDays: Int { Self.dueWindowDays(for: kind) }

    /// Days ahead the due list of a digest of `kind` covers.
    public static func dueWindowDays(for kind: DigestPeriod.Kind) -> Int {
        kind == .month ? monthlyDueWindowDays : dueWindowDays
    }
    /// How many weeks the recovered-per-week chart covers.
    public static let chartWeeks = 12

    public struct OpenCase: Sendable, Encodable, Equatable {
        public var caseID: Int64
        public var caseNumber: String?
        public var workerName: String
        public var employerName: String
        public var projectName: String?
        public var seriesName: String?
        public var stage: CaseStage
        public var opened: LocalDate
        public var claimed: Fen
        public var recovered: Fen
        public var unrecovered: Fen { claimed - recovered }

        public init(caseID: Int64, caseNumber: String?, workerName: String, employerName: String, projectName: String?,
                    seriesName: String?, stage: CaseStage, opened: LocalDate, claimed: Fen, recovered: Fen) {
            (self.caseID, self.caseNumber, self.workerName, self.employerName) = (caseID, caseNumber, workerName, employerName)
            (self.projectName, self.seriesName, self.stage, self.opened) = (projectName, seriesName, stage, opened)
            (self.claimed, self.recovered) = (claimed, recovered)
        }

        enum CodingKeys: String, CodingKey {
            case stage, opened
            case caseID = "case_id", caseNumber = "case_number", workerName = "worker_name",
                 employerName = "employer_name", projectName = "project_name", seriesName = "series_name",
                 claimed = "claimed_fen", recovered = "recovered_fen", unrecovered = "unrecovered_fen"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(caseID, forKey: .caseID)
            try c.encode(caseNumber, forKey: .caseNumber)
            try c.encode(workerName, forKey: .workerName)
            try c.encode(employerName, forKey: .employerName)
            try c.encode(projectName, forKey: .projectName)
            try c.encode(seriesName, forKey: .seriesName)
            try c.encode(stage, forKey: .stage)
            try c.encode(opened, forKey: .opened)
            try c.encode(claimed, forKey: .claimed)
            try c.encode(recovered, forKey: .recovered)
            try c.encode(unrecovered, forKey: .unrecovered)
        }
    }

    /// A crew (系列案) with at least one case not yet closed, declined or withdrawn.
    public struct OpenSeries: Sendable, Encodable, Equatable {
        public var seriesID: Int64
        public var name: String
        public var cases: Int
        public var openCases: Int
        public var claimed: Fen
        public var recovered: Fen

        public init(seriesID: Int64, name: String, cases: Int, openCases: Int, claimed: Fen, recovered: Fen) {
            (self.seriesID, self.name, self.cases, self.openCases, self.claimed, self.recovered) =
                (seriesID, name, cases, openCases, claimed, recovered)
        }

        enum CodingKeys: String, CodingKey {
            case name, cases
            case seriesID = "series_id", openCases = "open_cases", claimed = "claimed_fen", recovered = "recovered_fen"
        }
    }

    public struct WeekAmount: Sendable, Encodable, Equatable {
        /// The Monday the week starts on.
        public var weekOf: LocalDate
        public var recovered: Fen

        public init(weekOf: LocalDate, recovered: Fen) { (self.weekOf, self.recovered) = (weekOf, recovered) }

        enum CodingKeys: String, CodingKey { case weekOf = "week_of", recovered = "recovered_fen" }
    }

    /// Recovered in one calendar month (the monthly summary's trend over its year).
    public struct MonthAmount: Sendable, Encodable, Equatable {
        public var year: Int
        public var month: Int
        public var recovered: Fen

        public init(year: Int, month: Int, recovered: Fen) { (self.year, self.month, self.recovered) = (year, month, recovered) }

        /// "2026-03".
        public var key: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .month)
            try c.encode(recovered, forKey: .recovered)
        }

        enum CodingKeys: String, CodingKey { case month, recovered = "recovered_fen" }
    }

    /// The monitor's alerts on the as-of date, counted, and the most urgent of them.
    public struct AlertSummary: Sendable, Encodable, Equatable {
        public var total: Int
        /// Every code present (zero when none).
        public var byCode: [String: Int]
        /// By region code ("" for alerts not tied to a region).
        public var byRegion: [String: Int]
        public var mostUrgent: [Alert]

        public init(_ alerts: [Alert], limit: Int) {
            total = alerts.count
            var byCode = Dictionary(uniqueKeysWithValues: AlertCode.allCases.map { ($0.rawValue, 0) })
            var byRegion: [String: Int] = [:]
            for alert in alerts {
                byCode[alert.code.rawValue, default: 0] += 1
                byRegion[alert.regionCode ?? "", default: 0] += 1
            }
            (self.byCode, self.byRegion) = (byCode, byRegion)
            mostUrgent = Array(alerts.prefix(limit))
        }

        public init(total: Int, byCode: [String: Int], byRegion: [String: Int], mostUrgent: [Alert]) {
            (self.total, self.byCode, self.byRegion, self.mostUrgent) = (total, byCode, byRegion, mostUrgent)
        }

        /// Both summaries as one: counts added, the most urgent of both (this one's first on a tie).
        public func merging(_ other: AlertSummary, limit: Int) -> AlertSummary {
            AlertSummary(total: total + other.total, byCode: byCode.merging(other.byCode, uniquingKeysWith: +),
                         byRegion: byRegion.merging(other.byRegion, uniquingKeysWith: +),
                         mostUrgent: Array(GuaranteeMonitor.merged(mostUrgent, other.mostUrgent).prefix(limit)))
        }

        enum CodingKeys: String, CodingKey {
            case total, byCode = "by_code", byRegion = "by_region", mostUrgent = "most_urgent"
        }
    }

    /// A list cut to the digest's limit, with how many there are in all.
    public struct Listing<Item: Sendable & Encodable & Equatable>: Sendable, Encodable, Equatable {
        public var total: Int
        public var items: [Item]

        public init(total: Int, items: [Item]) { (self.total, self.items) = (total, items) }
        public init(all: [Item], limit: Int) { self.init(total: all.count, items: Array(all.prefix(limit))) }

        /// This listing and one of other items in the same order, as one: the totals added, the first `limit`
        /// of both (this one's first on a tie).
        public func merged(with other: Self, limit: Int, by areInOrder: (Item, Item) -> Bool) -> Self {
            Listing(total: total + other.total,
                    items: Array(mergedInOrder(items, other.items, by: areInOrder).prefix(limit)))
        }
    }

    public var kind: DigestPeriod.Kind
    public var asOf: LocalDate
    public var current: Statistics
    public var previous: Statistics
    public var yearToDate: Statistics
    public var dueSoon: Listing<Deadline>
    public var overdue: Listing<Deadline>
    public var alerts: AlertSummary
    public var largestOpenCases: Listing<OpenCase>
    public var openSeries: Listing<OpenSeries>
    /// The six-monthly review's list: deposits due for return (see ReturnReview), the longest held first.
    public var returnsDue = Listing<ReturnDue>(total: 0, items: [])
    /// The joint work (府检联动): the period's referrals, tasks by unit, the month's reports.
    public var jointWork = JointWork()
    public var recoveredByWeek: [WeekAmount]
    /// The monthly summary's trend: each month of its year up to its own (empty for a weekly digest).
    public var recoveredByMonth: [MonthAmount]
    /// The same lists with the guarantee monitor's duties only — no case's time limits, no joint-work items — for
    /// readers who may not see cases (not in the JSON).
    public var guaranteeDutiesDueSoon: Listing<Deadline>
    public var guaranteeDutiesOverdue: Listing<Deadline>

    public init(period: DigestPeriod, asOf: LocalDate, current: Statistics, previous: Statistics, yearToDate: Statistics,
                deadlines: [Deadline], alerts: [Alert], largestOpenCases: Listing<OpenCase>,
                openSeries: Listing<OpenSeries>, recoveredByWeek: [WeekAmount], recoveredByMonth: [MonthAmount] = [],
                limit: Int) {
        (kind, self.asOf, self.current, self.previous, self.yearToDate) = (period.kind, asOf, current, previous, yearToDate)
        self.recoveredByMonth = recoveredByMonth
        let window = Self.dueWindowDays(for: period.kind)
        dueSoon = Listing(all: deadlines.filter { (0...window).contains($0.daysLeft) }, limit: limit)
        overdue = Listing(all: deadlines.filter(\.isOverdue), limit: limit)
        if deadlines.contains(where: { !$0.isGuaranteeDuty }) {
            guaranteeDutiesDueSoon = Listing(all: deadlines.filter { $0.isGuaranteeDuty && (0...window).contains($0.daysLeft) },
                                             limit: limit)
            guaranteeDutiesOverdue = Listing(all: deadlines.filter { $0.isGuaranteeDuty && $0.isOverdue }, limit: limit)
        } else {
            (guaranteeDutiesDueSoon, guaranteeDutiesOverdue) = (dueSoon, overdue)
        }
        self.alerts = AlertSummary(alerts, limit: limit)
        (self.largestOpenCases, self.openSeries, self.recoveredByWeek) = (largestOpenCases, openSeries, recoveredByWeek)
    }

    /// A digest whose alerts were summarised already (a summary of kept findings and one of the day's arrears).
    public init(period: DigestPeriod, asOf: LocalDate, current: Statistics, previous: Statistics, yearToDate: Statistics,
                deadlines: [Deadline], alertSummary: AlertSummary, largestOpenCases: Listing<OpenCase>,
                openSeries: Listing<OpenSeries>, recoveredByWeek: [WeekAmount], recoveredByMonth: [MonthAmount] = [],
                limit: Int) {
        self.init(period: period, asOf: asOf, current: current, previous: previous, yearToDate: yearToDate,
                  deadlines: deadlines, alerts: [], largestOpenCases: largestOpenCases, openSeries: openSeries,
                  recoveredByWeek: recoveredByWeek, recoveredByMonth: recoveredByMonth, limit: limit)
        alerts = alertSummary
    }

    public var period: DigestPeriod {
        DigestPeriod(kind: kind, from: current.range.from!, to: current.range.to!)
    }

    /// The Mondays of the chart's weeks, oldest first, ending with the week that contains the period's last day.
    public static func chartWeeks(endingWith day: LocalDate) -> [LocalDate] {
        let lastMonday = day.adding(days: 1 - day.isoWeekday)
        return (0..<chartWeeks).reversed().map { lastMonday.adding(days: -7 * $0) }
    }

    /// The days the chart's weeks span: the first Monday to the last Sunday.
    public static func chartDays(endingWith day: LocalDate) -> (first: LocalDate, last: LocalDate) {
        let mondays = chartWeeks(endingWith: day)
        return (mondays[0], mondays[mondays.count - 1].adding(days: 6))
    }

    /// Recovered per Monday–Sunday week over the chart's weeks ending with the week containing `day`, from what
    /// was recovered by day paid.
    public static func weekAmounts(endingWith day: LocalDate, byDay: [(paid: LocalDate, recovered: Fen)]) -> [WeekAmount] {
        let mondays = chartWeeks(endingWith: day)
        var totals = Dictionary(uniqueKeysWithValues: mondays.map { ($0, Fen.zero) })
        for (paid, amount) in byDay {
            let monday = paid.adding(days: 1 - paid.isoWeekday)
            totals[monday] = (totals[monday] ?? .zero) + amount
        }
        return mondays.map { WeekAmount(weekOf: $0, recovered: totals[$0] ?? .zero) }
    }

    /// Recovered per calendar month from January of `day`'s year to `day`'s month, from the totals by month.
    public static func monthAmounts(through day: LocalDate, byMonth: [(month: Int, recovered: Fen)]) -> [MonthAmount] {
        var totals = [Fen](repeating: .zero, count: day.month)
        for (month, amount) in byMonth where (1...day.month).contains(month) { totals[month - 1] = amount }
        return totals.enumerated().map { MonthAmount(year: day.year, month: $0.offset + 1, recovered: $0.element) }
    }

    /// The summary line in the seed documents' style: "本周新增线索…件，提出支持起诉…件，达成检察和解…件，挽回损失…万元。"
    public func headline(_ language: Language) -> String {
        let noun = period.noun(language)
        let figures = current
        switch language {
        case .zh:
            var line = "\(noun)新增线索\(figures.clues.total)件，提出支持起诉\(figures.cases.supportDecided)件，"
                + "达成检察和解\(figures.cases.settled)件，挽回损失\(figures.recovered.wanYuan)"
            if figures.suggestions.issued > 0 || figures.suggestions.secured.value > 0 {
                line += "；发出检察建议\(figures.suggestions.issued)份，抵存农民工工资保证金\(figures.suggestions.secured.wanYuan)"
            }
            return line + "。" + figures.dataMatching.headline(.zh)
        case .en:
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            var line = "\(noun.prefix(1).uppercased() + noun.dropFirst()): \(count(figures.clues.total, "new clue")), "
                + "\(figures.cases.supportDecided) support-for-litigation, "
                + "\(count(figures.cases.settled, "procuratorial settlement")), ¥\(figures.recovered.yuan) recovered"
            if figures.suggestions.issued > 0 || figures.suggestions.secured.value > 0 {
                line += "; \(count(figures.suggestions.issued, "suggestion")), ¥\(figures.suggestions.secured.yuan) of wage deposits secured"
            }
            let data = figures.dataMatching.headline(.en)
            return line + "." + (data.isEmpty ? "" : " " + data)
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, current, previous, alerts, overdue
        case version = "format_version", from, to, asOf = "as_of", yearToDate = "year_to_date", dueSoon = "due_soon",
             largestOpenCases = "largest_open_cases", openSeries = "open_series", recoveredByWeek = "recovered_by_week",
             recoveredByMonth = "recovered_by_month", returnsDue = "returns_due", jointWork = "joint_work",
             figures, headlineZh = "headline_zh", headlineEn = "headline_en"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatVersion, forKey: .version)
        try c.encode(kind, forKey: .kind)
        try c.encode(current.range.from, forKey: .from)
        try c.encode(current.range.to, forKey: .to)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(headline(.zh), forKey: .headlineZh)
        try c.encode(headline(.en), forKey: .headlineEn)
        try c.encode(figures, forKey: .figures)
        try c.encode(current, forKey: .current)
        try c.encode(previous, forKey: .previous)
        try c.encode(yearToDate, forKey: .yearToDate)
        try c.encode(dueSoon, forKey: .dueSoon)
        try c.encode(overdue, forKey: .overdue)
        try c.encode(alerts, forKey: .alerts)
        try c.encode(largestOpenCases, forKey: .largestOpenCases)
        try c.encode(openSeries, forKey: .openSeries)
        try c.encode(returnsDue, forKey: .returnsDue)
        try c.encode(jointWork, forKey: .jointWork)
        try c.encode(recoveredByWeek, forKey: .recoveredByWeek)
        if kind == .month { try c.encode(recoveredByMonth, forKey: .recoveredByMonth) }
    }
}
