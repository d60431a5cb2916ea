import Testing
@testable import WagecaseCore

@Suite("Digest periods")
struct DigestPeriodTests {
    private func day(_ text: String) -> LocalDate { LocalDate.parseISO(text)! }

    /// Any day of a week reports the Monday–Sunday week before it; run on Monday 2026-11-23 → 11-16…11-22.
    @Test(arguments: ["2026-11-23", "2026-11-25", "2026-11-29"])
    func weekIsTheWeekBeforeTheOneContainingTheAsOfDate(_ asOf: String) {
        let period = DigestPeriod.week(before: day(asOf))
        #expect(period.from == day("2026-11-16") && period.to == day("2026-11-22"))
        #expect(period.from.isoWeekday == 1 && period.to.isoWeekday == 7)
        #expect(period.previous.from == day("2026-11-09") && period.previous.to == day("2026-11-15"))
        #expect(period.yearToDate.from == day("2026-01-01") && period.yearToDate.to == day("2026-11-22"))
    }

    /// A week across the new year belongs to the year of its last day for the year to date.
    @Test func weekAcrossNewYear() {
        let period = DigestPeriod.week(before: day("2027-01-05"))
        #expect(period.from == day("2026-12-28") && period.to == day("2027-01-03"))
        #expect(period.yearToDate.from == day("2027-01-01"))
    }

    @Test func monthsAndTheirPrevious() throws {
        let february = try DigestPeriod.month("2024-02")
        #expect(february.from == day("2024-02-01") && february.to == day("2024-02-29"))
        let january = try DigestPeriod.month("2026年1月")
        #expect(january.previous.from == day("2025-12-01") && january.previous.to == day("2025-12-31"))
        #expect(january.title(.zh) == "月小结（2026年1月）" && january.title(.en) == "Monthly summary, 2026-01")
    }

    @Test(arguments: ["2026-13", "2026-00", "26-11", "2026/11", "November", ""])
    func badMonthsNameTheField(_ text: String) {
        #expect {
            _ = try DigestPeriod.month(text)
        } throws: { error in
            (error as? WagecaseError)?.description.contains("month") == true
        }
    }
}
