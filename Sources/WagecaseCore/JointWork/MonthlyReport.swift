/// A calendar month a progress report is for ("2026-11").
public struct ReportMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) throws(WagecaseError) {
        let period = try DigestPeriod.month(year: year, month: month)
        (self.year, self.month) = (period.from.year, period.from.month)
    }

    public init(of date: LocalDate) { (year, month) = (date.year, date.month) }

    /// "2026-11" or "2026年11月".
    public static func parse(_ text: String, field: String = "month") throws(WagecaseError) -> ReportMonth {
        do {
            return ReportMonth(of: try DigestPeriod.month(text).from)
        } catch {
            throw .invalidField(field: field, value: text, reason: "is not a month", allowed: "YYYY-MM, e.g. 2026-11")
        }
    }

    public var first: LocalDate { LocalDate(year: year, month: month, day: 1) ?? LocalDate(dayNumber: 0) }
    public var last: LocalDate { first.adding(months: 1).adding(days: -1) }
    public var previous: ReportMonth { ReportMonth(of: first.adding(days: -1)) }
    public var next: ReportMonth { ReportMonth(of: first.adding(months: 1)) }

    public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
    public var description: String { iso }
    public var chinese: String { "\(year)年\(month)月" }
    public func label(_ language: Language) -> String { language == .zh ? chinese : iso }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try ReportMonth.parse(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// What happens to the reporting day when it is not a working day (the office's rule, a setting).
public enum ReportDayRule: String, Vocabulary {
    /// The last working day before it (the usual reading of "每月25日前").
    case before
    /// The next working day after it.
    case after
    /// The day itself, working day or not.
    case calendar

    public var zh: String {
        switch self {
        case .before: "提前至此前最后一个工作日"
        case .after: "顺延至其后第一个工作日"
        case .calendar: "按日历日，不调整"
        }
    }

    public var en: String {
        switch self {
        case .before: "the last working day before it"
        case .after: "the next working day after it"
        case .calendar: "the calendar day as it is"
        }
    }
}

/// One unit's progress report for a month (月度工作进展). A later submission for the same month is a new version
/// with a reason; the earlier stays.
public struct MonthlyReport: Sendable, Codable, Equatable {
    public var id: Int64
    public var unit: UnitRef
    public var month: ReportMonth
    public var version: Int
    public var text: String
    public var fileName: String?
    public var submitted: LocalDate
    public var reason: String?
    public var submittedBy: String
    public var submittedAt: String

    public init(id: Int64, unit: UnitRef, month: ReportMonth, version: Int, text: String, fileName: String?,
                submitted: LocalDate, reason: String?, submittedBy: String, submittedAt: String) {
        (self.id, self.unit, self.month, self.version, self.text) = (id, unit, month, version, text)
        (self.fileName, self.submitted, self.reason) = (fileName, submitted, reason)
        (self.submittedBy, self.submittedAt) = (submittedBy, submittedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, unit, month, version, text, submitted, reason
        case fileName = "file_name", submittedBy = "submitted_by", submittedAt = "submitted_at"
    }
}

/// A report to submit.
public struct NewMonthlyReport: Sendable {
    public var unit: String
    public var month: ReportMonth
    public var text: String
    public var fileName: String?
    public var submitted: LocalDate?
    public var reason: String?

    public init(unit: String, month: ReportMonth, text: String, fileName: String? = nil, submitted: LocalDate? = nil,
                reason: String? = nil) throws(WagecaseError) {
        self.unit = try TextField.name(unit, field: "unit", maxLength: 100)
        self.text = try TextField.required(text, field: "text", maxLength: 200_000)
        self.fileName = try TextField.optional(fileName, field: "file", maxLength: 255)
        self.reason = try TextField.optional(reason, field: "reason", maxLength: 2000)
        (self.month, self.submitted) = (month, submitted)
    }
}

/// Where one unit's report for a month stands on a date.
public enum ReportStanding: String, Vocabulary {
    case submitted
    case late
    case pending
    case missing

    public var zh: String {
        switch self {
        case .submitted: "已按时报送"
        case .late: "逾期报送"
        case .pending: "尚未报送（未到期）"
        case .missing: "逾期未报送"
        }
    }

    public var en: String {
        switch self {
        case .submitted: "submitted on time"
        case .late: "submitted late"
        case .pending: "not yet submitted (not due)"
        case .missing: "missing"
        }
    }
}

/// The monthly reporting rule (每月25日前各部门向牵头部门报送当月工作进展): the day it is due in a month, and who
/// has and has not reported by a date.
public struct MonthlyReportRule: Sendable, Equatable {
    public var day: Int
    public var whenNotWorking: ReportDayRule
    /// The units that must report, by code (the setting's order).
    public var unitCodes: [String]
    /// The first month reports are asked for: the `monthly_report_since` setting, else the month the joint work
    /// began to be recorded (the first unit added or report submitted), so a new office is not told of a year of
    /// reports nobody asked for.
    public var since: ReportMonth?

    /// The rule with its first month found when the setting names none: the month the joint work began to be
    /// recorded — the first unit added or the first report handed in, whichever came first (by the day it was
    /// handed in: a report for a long-past month does not open those months).
    public func beginning(units: [MemberUnit], firstSubmitted: LocalDate?) -> MonthlyReportRule {
        guard since == nil else { return self }
        var rule = self
        let firstUnit = units.compactMap { LocalDate.parseISO(String($0.createdAt.prefix(10))) }.min()
        rule.since = [firstUnit, firstSubmitted].compactMap { $0 }.min().map(ReportMonth.init(of:))
        return rule
    }

    public init(day: Int = 25, whenNotWorking: ReportDayRule = .before, unitCodes: [String] = [],
                since: ReportMonth? = nil) {
        (self.day, self.whenNotWorking, self.unitCodes, self.since) = (day, whenNotWorking, unitCodes, since)
    }

    /// The day the month's report is due: the set day of that month, moved by the office's rule when it is not
    /// a working day.
    public func due(_ month: ReportMonth, calendar: WorkingDayCalendar) -> (date: LocalDate, provisional: Bool) {
        let set = LocalDate(year: month.year, month: month.month, day: min(day, LocalDate.daysIn(month: month.month, year: month.year)))
            ?? month.last
        let provisional = !calendar.isPublished(year: month.year)
        switch whenNotWorking {
        case .calendar:
            return (set, provisional)
        case .before:
            var date = set
            // Never before the month starts: a month with no working day up to the set day keeps the day itself.
            while !calendar.isWorkingDay(date) && date > month.first { date = date.adding(days: -1) }
            return (calendar.isWorkingDay(date) ? date : set, provisional)
        case .after:
            var date = set
            while !calendar.isWorkingDay(date) && date < set.adding(days: 31) { date = date.adding(days: 1) }
            return (date, provisional)
        }
    }

    /// The months whose reports the alerts on `asOf` look at: from `since` (or the as-of month) to the as-of
    /// month, at most ten years.
    public func monthsToCheck(asOf: LocalDate) -> [ReportMonth] {
        var months: [ReportMonth] = []
        var month = ReportMonth(of: asOf)
        let earliest = since ?? month
        while month >= earliest && months.count < 120 {
            months.append(month)
            month = month.previous
        }
        return months.reversed()
    }

    /// One unit's standing for `month` on `asOf`, from the first version it submitted (if any by then).
    public func standing(submitted: LocalDate?, month: ReportMonth, asOf: LocalDate,
                         calendar: WorkingDayCalendar) -> ReportStanding {
        let due = due(month, calendar: calendar).date
        if let submitted, submitted <= asOf { return submitted <= due ? .submitted : .late }
        return asOf > due ? .missing : .pending
    }
}
