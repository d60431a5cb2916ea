import Foundation

/// A calendar date with no time and no zone: dates in this domain are dates in Asia/Shanghai.
/// Stored and exchanged as ISO-8601 "YYYY-MM-DD"; ordering is the natural calendar order.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Years a date typed, imported or sent to the API may have: the calendar and the rules know nothing
    /// outside them, and date arithmetic on them stays far from any limit.
    public static let inputYears = 1900...2100

    /// Returns nil unless the date exists in the proleptic Gregorian calendar (years 1800–2999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1800...2999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String { iso }

    public var iso: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), for calendar arithmetic without Foundation calendars.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        (year, month, day) = (y, m, d)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate.parseISO(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The same day `months` months later (earlier when negative), clamped to the month's last day:
    /// 2024-01-31 + 1 month = 2024-02-29. Calendar-month limits ("within 2 months") use this.
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        // Not checked against the parsed years: a result outside them is still a date, never a trap.
        return LocalDate(unchecked: newYear, newMonth, min(day, LocalDate.daysIn(month: newMonth, year: newYear)))
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// 1 January of the date's year.
    public var startOfYear: LocalDate { LocalDate(unchecked: year, 1, 1) }

    /// Calendar days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// Monday = 1 … Sunday = 7 (ISO-8601).
    public var isoWeekday: Int {
        let r = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
        return (r < 0 ? r + 7 : r) + 1
    }

    /// Today's date in Asia/Shanghai.
    public static func today(now: Date = Date()) -> LocalDate {
        // China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for current dates.
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return LocalDate(dayNumber: days)
    }

    /// Parses "YYYY-MM-DD" strictly (the stored form).
    public static func parseISO(_ text: String) -> LocalDate? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in utf8[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    /// "2026-3-5", "2026/3/5", "2026.3.5" or "2026年3月5日" read on bytes: a four-digit year, then one or two
    /// digits of month and of day, each after one separator (年 and 月 count as separators, 日 may close it).
    private static let year年 = Array("年".utf8), month月 = Array("月".utf8), day日 = Array("日".utf8)

    static func parseSeparated(_ text: String) -> LocalDate? {
        var bytes = Array(text.utf8)
        if bytes.count >= 3, bytes.suffix(3).elementsEqual(day日) { bytes.removeLast(3) }
        var fields: [Int] = []
        var value = 0, digits = 0, index = 0
        func isSeparator(at index: Int) -> Int? {
            switch bytes[index] {
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."): return 1
            default:
                guard index + 3 <= bytes.count else { return nil }
                let next = bytes[index..<index + 3]
                return next.elementsEqual(year年) || next.elementsEqual(month月) ? 3 : nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                value = value * 10 + Int(byte - 48)
                digits += 1
                guard digits <= 4 else { return nil }
                index += 1
            } else if let width = isSeparator(at: index), digits > 0, fields.count < 2 {
                fields.append(value)
                guard fields.count == 1 ? digits == 4 : digits <= 2 else { return nil }
                (value, digits) = (0, 0)
                index += width
            } else {
                return nil
            }
        }
        guard fields.count == 2, (1...2).contains(digits) else { return nil }
        return LocalDate(year: fields[0], month: fields[1], day: value)
    }

    /// Parses user input: "2026-03-05", "2026/3/5", "2026.3.5" or "2026年3月5日"; names the field on failure.
    public static func parse(_ text: String, field: String) throws(WagecaseError) -> LocalDate {
        let date = try parseAnyYear(text, field: field)
        guard inputYears.contains(date.year) else {
            throw .invalidField(field: field, value: text, reason: "is outside the years this program works with",
                                allowed: "a date from \(inputYears.lowerBound)-01-01 to \(inputYears.upperBound)-12-31")
        }
        return date
    }

    private static func parseAnyYear(_ text: String, field: String) throws(WagecaseError) -> LocalDate {
        let trimmed = text.trimmingWhitespace()
        if let iso = parseISO(trimmed) { return iso }
        if let date = parseSeparated(trimmed) { return date }
        throw .invalidField(
            field: field, value: text, reason: "is not a real calendar date",
            allowed: "a date such as 2026-03-05 (also 2026/3/5 or 2026年3月5日)")
    }
}
