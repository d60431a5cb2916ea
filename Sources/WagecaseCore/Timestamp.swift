import Foundation

/// Wall-clock timestamps as written in records and the audit log: ISO-8601 in Asia/Shanghai (UTC+08:00).
public enum Timestamp {
    public static func shanghai(_ date: Date) -> String {
        let totalSeconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let secondsOfDay = totalSeconds - days * 86_400
        let day = LocalDate(dayNumber: days)
        let h = secondsOfDay / 3600, m = secondsOfDay / 60 % 60, s = secondsOfDay % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(h)):\(two(m)):\(two(s))+08:00"
    }
}
