import Foundation
import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("Working-day calendar")
struct WorkingDayCalendarTests {
    /// The repository's copy of the official schedules; a file that fails to decode fails the test, not the run.
    static func loadCalendar() throws -> WorkingDayCalendar {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data/holidays")
        let schedules = try (2019...2027).map { year in
            try JSONDecoder().decode(HolidaySchedule.self,
                                     from: Data(contentsOf: folder.appendingPathComponent("\(year).json")))
        }
        return WorkingDayCalendar(schedules: schedules)
    }

    @Test("domain.md §5 check vectors", arguments: [
        ("2025-09-26", 5, "2025-10-10"), ("2025-09-26", 10, "2025-10-16"), ("2026-02-12", 5, "2026-02-26"),
        ("2026-02-12", 10, "2026-03-04"), ("2024-04-30", 3, "2024-05-08"), ("2026-09-30", 3, "2026-10-10"),
    ])
    func checkVectors(start: String, days: Int, expected: String) throws {
        let calendar = try Self.loadCalendar()
        let result = calendar.adding(workingDays: days, to: LocalDate.parseISO(start)!)
        #expect(result.date.iso == expected)
        #expect(!result.provisional)
    }

    @Test func makeUpDayInThePreviousYearCounts() throws {
        let calendar = try Self.loadCalendar()
        #expect(calendar.isWorkingDay(LocalDate.parseISO("2018-12-29")!))  // Saturday, for 2019 New Year
    }

    @Test func negativeCountsGoBack() throws {
        let calendar = try Self.loadCalendar()
        let result = calendar.adding(workingDays: -5, to: LocalDate.parseISO("2025-10-10")!)
        #expect(result.date.iso == "2025-09-26")
    }

    @Test func makeUpWeekendsWorkAndHolidaysDoNot() throws {
        let calendar = try Self.loadCalendar()
        #expect(calendar.isWorkingDay(LocalDate.parseISO("2025-09-28")!))   // Sunday, 调休上班
        #expect(!calendar.isWorkingDay(LocalDate.parseISO("2025-10-01")!))  // National Day
        #expect(!calendar.isWorkingDay(LocalDate.parseISO("2025-10-04")!))  // an ordinary Saturday off
    }

    @Test func unpublishedYearIsProvisionalMondayToFriday() throws {
        let calendar = try Self.loadCalendar()
        let result = calendar.adding(workingDays: 5, to: LocalDate.parseISO("2026-12-29")!)
        #expect(result.provisional)
        #expect(result.date.iso == "2027-01-05")
        #expect(!calendar.publishedYears.contains(2027))
    }

    @Test func aScheduleMustStayInItsYear() {
        expectRefused(.field("days.date", mentioning: "not in or next to 2028")) {
            try HolidaySchedule(year: 2028, papers: [], days: [.init(name: "x", date: LocalDate.parseISO("2026-01-01")!,
                                                                       isOffDay: true)])
        }
    }
}

@Suite("Holiday schedule files")
struct HolidayScheduleFileTests {
    @Test func decodingValidatesTheYear() {
        let json = #"{"year": 2026, "papers": [], "days": [{"name": "元旦", "date": "2024-01-01", "isOffDay": true}]}"#
        expectRefused(.field("days.date", mentioning: "not in or next to 2026")) { try JSONDecoder().decode(HolidaySchedule.self, from: Data(json.utf8)) }
    }
}
