import WagecaseCore

/// A range of days as the kept figures read it: the whole calendar months inside it (figure_month, schema v20) and
/// the days of the part months at either end (figure_day). Summing both gives exactly the range's days.
public struct FigureRangeParts: Sendable {
    /// The whole months, "YYYY-MM" (open ends as "0000-00" and "9999-99"); nil when the range holds none.
    public var months: (first: String, last: String)?
    /// Zero, one or two spans of days outside those months, in order.
    public var days: [(from: LocalDate, to: LocalDate)]

    /// Every figure figure_day keeps, as an SQL list: a read of a span names them so it seeks figure_day's key
    /// (figure, day, key) figure by figure.
    public static let dayFiguresSQL =
        "('clue', 'stage', 'opened', 'recovered', 'drawn', 'suggestion-issued', 'suggestion-replied')"

    /// The whole months as the bounds of a BETWEEN; bounds that hold nothing when there are none.
    public var monthBounds: [String] { months.map { [$0.first, $0.last] } ?? ["1", "0"] }

    public init(_ range: DateRange) {
        func month(_ date: LocalDate) -> String { String(date.iso.prefix(7)) }
        // The first whole month starts on or after `from`; the last ends on or before `to`.
        let firstWhole = range.from.map { $0.day == 1 ? $0 : Self.firstOfMonth($0).adding(months: 1) }
        let lastWhole = range.to.map { to in
            to.adding(days: 1).day == 1 ? Self.firstOfMonth(to) : Self.firstOfMonth(to).adding(months: -1)
        }
        if let firstWhole, let lastWhole, lastWhole < firstWhole, let from = range.from, let to = range.to {
            (months, days) = (nil, [(from, to)])
            return
        }
        months = (firstWhole.map(month) ?? "0000-00", lastWhole.map(month) ?? "9999-99")
        days = []
        if let from = range.from, let firstWhole, from < firstWhole { days.append((from, firstWhole.adding(days: -1))) }
        if let to = range.to, let lastWhole {
            let afterLast = lastWhole.adding(months: 1)
            if afterLast <= to { days.append((afterLast, to)) }
        }
    }

    private static func firstOfMonth(_ date: LocalDate) -> LocalDate { date.adding(days: 1 - date.day) }
}
