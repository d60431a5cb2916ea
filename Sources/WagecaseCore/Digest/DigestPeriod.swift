/// The period a digest reports on: a Monday–Sunday week or a calendar month (dates in Asia/Shanghai),
/// with the period before it and the year to date, all inclusive.
public struct DigestPeriod: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case week, month }

    public let kind: Kind
    public let from: LocalDate
    public let to: LocalDate

    /// The week before the one containing `asOf`: run on a Monday, it reports the week that just ended.
    public static func week(before asOf: LocalDate) -> DigestPeriod {
        let lastWeek = asOf.adding(days: -7)
        let monday = lastWeek.adding(days: 1 - lastWeek.isoWeekday)
        return DigestPeriod(kind: .week, from: monday, to: monday.adding(days: 6))
    }

    /// The calendar month `year-month`.
    public static func month(year: Int, month: Int) throws(WagecaseError) -> DigestPeriod {
        guard LocalDate.inputYears.contains(year), (1...12).contains(month),
              let first = LocalDate(year: year, month: month, day: 1) else {
            throw .invalidField(field: "month", value: "\(year)-\(month)", reason: "is not a calendar month",
                                allowed: "YYYY-MM from \(LocalDate.inputYears.lowerBound)-01 to \(LocalDate.inputYears.upperBound)-12, e.g. 2026-11")
        }
        return monthStarting(first)
    }

    /// The month that starts on `first` (any year: the period before an input month may fall outside them).
    private static func monthStarting(_ first: LocalDate) -> DigestPeriod {
        DigestPeriod(kind: .month, from: first, to: first.adding(months: 1).adding(days: -1))
    }

    /// Parses "2026-11" (or "2026年11月").
    public static func month(_ text: String) throws(WagecaseError) -> DigestPeriod {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "")
            .split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              let year = Int(parts[0]), let month = Int(parts[1]) else {
            throw .invalidField(field: "month", value: text, reason: "is not a month", allowed: "YYYY-MM, e.g. 2026-11")
        }
        return try self.month(year: year, month: month)
    }

    public var range: DateRange { DateRange(ordered: from, to) }

    /// The period of the same kind just before this one.
    public var previous: DigestPeriod {
        switch kind {
        case .week: DigestPeriod(kind: .week, from: from.adding(days: -7), to: to.adding(days: -7))
        case .month: .monthStarting(from.adding(months: -1))
        }
    }

    /// 1 January of the period's last year through its last day.
    public var yearToDate: DateRange { DateRange(ordered: to.startOfYear, to) }

    /// "2026-11-16 — 2026-11-22 (week 47)" style titles, in the report's language.
    public func title(_ language: Language) -> String {
        switch (kind, language) {
        case (.week, .zh): "周汇报（\(from.chinese)—\(to.chinese)）"
        case (.week, .en): "Weekly digest, \(from) to \(to)"
        case (.month, .zh): "月小结（\(from.year)年\(from.month)月）"
        case (.month, .en): "Monthly summary, \(from.year)-\(from.month < 10 ? "0" : "")\(from.month)"
        }
    }

    /// "本周" / "本月" — how the seed documents name the period in a sentence.
    public func noun(_ language: Language) -> String {
        switch (kind, language) {
        case (.week, .zh): "本周"
        case (.month, .zh): "本月"
        case (.week, .en): "this week"
        case (.month, .en): "this month"
        }
    }
}

extension LocalDate {
    /// "2026年11月16日".
    public var chinese: String { "\(year)年\(month)月\(day)日" }
}

/// How much of a digest to read. The overview page shows the figures, the alerts, the deadlines and the weekly
/// chart; the lists of the largest open cases and open series, and the month-by-month trend, are left out there.
public enum DigestScope: Sendable {
    case full
    case overview
}
