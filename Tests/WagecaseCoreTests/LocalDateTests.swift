import Foundation
import Testing
@testable import WagecaseCore

@Suite("Calendar dates")
struct LocalDateTests {
    @Test("accepts ISO and Chinese spellings", arguments: ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日"])
    func parses(text: String) throws {
        #expect(try LocalDate.parse(text, field: "on") == LocalDate(year: 2026, month: 3, day: 5))
    }

    @Test("refuses dates that do not exist", arguments: ["2025-02-29", "2024-13-01", "2024-00-10", "20240101",
                                                          "yesterday", "", "2024-1-1x"])
    func refuses(text: String) {
        #expect(throws: WagecaseError.self) { try LocalDate.parse(text, field: "on") }
    }

    @Test func dayArithmeticRoundTrips() {
        let date = LocalDate(year: 2024, month: 2, day: 28)!
        #expect(date.adding(days: 1) == LocalDate(year: 2024, month: 2, day: 29))
        #expect(date.adding(days: 2) == LocalDate(year: 2024, month: 3, day: 1))
        #expect(LocalDate(dayNumber: 0) == LocalDate(year: 1970, month: 1, day: 1))
        #expect(LocalDate(year: 2026, month: 11, day: 23)!.isoWeekday == 1)
        for n in stride(from: -30_000, through: 40_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test func todayIsInShanghai() {
        // 2026-11-25 17:00 UTC is already 2026-11-26 in Asia/Shanghai.
        let instant = Date(timeIntervalSince1970: 1_795_626_000)
        #expect(LocalDate.today(now: instant) == LocalDate(year: 2026, month: 11, day: 26))
        #expect(Timestamp.shanghai(instant) == "2026-11-26T01:00:00+08:00")
    }
}
