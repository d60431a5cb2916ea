import Foundation
import Testing
import WagecaseTestSupport
@testable import WagecaseCore

/// No value from outside reaches a trap: each extreme is refused where it enters, and arithmetic on amounts and
/// dates built from accepted values cannot overflow. A trap here would stop the test run itself.
@Suite("Extreme inputs")
struct ExtremeInputTests {
    static let extremeNumbers = ["-9223372036854775808", "9223372036854775807", "0", "-1", "99999999999999999999"]
    static let extremeDates = ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "1800-01-01", "2999-12-31"]

    @Test(arguments: extremeDates)
    func datesOutsideTheWorkingYearsAreRefusedWhereTheyEnter(text: String) {
        #expect(throws: WagecaseError.self) { try LocalDate.parse(text, field: "on") }
        #expect(throws: WagecaseError.self) { try ImportText.date(text, field: "received") }
    }

    @Test func theWorkingYearsThemselvesAreAccepted() throws {
        #expect(try LocalDate.parse("1900-01-01", field: "on").year == 1900)
        #expect(try LocalDate.parse("2100-12-31", field: "on").year == 2100)
        // Excel serials up to 2100-12-31 only; anything larger is not a date serial.
        #expect(ImportText.excelSerial("73415") == LocalDate(year: 2100, month: 12, day: 31))
        #expect(ImportText.excelSerial("73416") == nil && ImportText.excelSerial("9999999") == nil)
    }

    @Test(arguments: extremeNumbers)
    func workingDayCountsAreRangeChecked(text: String) {
        if text == "0" || text == "-1" {
            #expect((try? WorkingDayCalendar.parseCount(text, field: "days")) != nil)
        } else {
            #expect(throws: WagecaseError.self) { try WorkingDayCalendar.parseCount(text, field: "days") }
        }
    }

    @Test func dateArithmeticNeverTraps() {
        let first = LocalDate(year: 1800, month: 1, day: 1)!
        #expect(first.adding(months: -24).iso == "1798-01-01")
        #expect(LocalDate(year: 2999, month: 12, day: 31)!.adding(months: 24).iso == "3001-12-31")
        #expect(LocalDate(year: 2024, month: 1, day: 31)!.adding(months: 1).iso == "2024-02-29")
        #expect(LocalDate(year: 2024, month: 3, day: 31)!.adding(months: -13).iso == "2023-02-28")
        #expect(LocalDate(year: 1900, month: 1, day: 3)!.startOfYear.iso == "1900-01-01")
    }

    @Test func digestPeriodsAtTheEdgesOfTheYears() throws {
        #expect(throws: WagecaseError.self) { try DigestPeriod.month("1800-01") }
        #expect(throws: WagecaseError.self) { try DigestPeriod.month("9999-12") }
        let first = try DigestPeriod.month("1900-01")
        #expect(first.previous.from.iso == "1899-12-01" && first.previous.to.iso == "1899-12-31")
        let week = DigestPeriod.week(before: LocalDate(year: 1900, month: 1, day: 2)!)
        #expect(week.yearToDate.from?.iso == "1899-01-01")
        #expect(try DigestPeriod.month("2024-02").to.iso == "2024-02-29")
    }

    @Test func amountsCannotOverflow() throws {
        #expect(Fen(.max) + Fen(1) == Fen(.max) && Fen(.min) - Fen(1) == Fen(.min))
        #expect(Fen(5) + Fen(-7) == Fen(-2))
        // Rules cannot hold an amount past the input limit, whatever the file says.
        for field in ["cap_fen", "floor_fen", "exempt_below_fen"] {
            let json = #"{"region":"","effective_from":"2021-11-01","name":"x","ratio_bp":200,"\#(field)":9223372036854775807}"#
            expectRefused(.field(field)) { try JSONDecoder().decode(GuaranteeRule.self, from: Data(json.utf8)) }
        }
        // The largest rule a file may hold, on the largest contract, for the worst record: no trap, a figure.
        let rule = try GuaranteeRule(region: "", effectiveFrom: LocalDate(year: 2021, month: 11, day: 1)!, name: "max",
                                     ratioBasisPoints: 10_000, floor: Fen.inputLimit, dishonestIncreasePercent: 1000)
        let project = Project(id: 1, name: "p", employerID: 1, employerName: "e", location: nil, contractPrice: Fen(.max),
                              standing: .dishonest, createdAt: "2024-01-01T00:00:00+08:00")
        let required = DepositRequirement.of(project, rule: rule)?.amount
        #expect((required?.value ?? 0) > Fen.inputLimit.value)
        // A recovery rate over totals no single figure could reach.
        let statistics = Statistics(range: try DateRange(), cluesBySource: [:], cases: Statistics.Cases(), workers: 0,
                                    claimed: Fen(.max / 2), recovered: Fen(.max), recoveredByRoute: [:])
        #expect(statistics.recoveryRateBasisPoints == 20_000)
    }

    @Test func holidayScheduleYearsAreCheckedBeforeAnyArithmetic() {
        let json = #"{"year":-9223372036854775808,"papers":[],"days":[{"name":"x","date":"2025-01-01","isOffDay":true}]}"#
        expectRefused(.field("year")) { try JSONDecoder().decode(HolidaySchedule.self, from: Data(json.utf8)) }
    }

    @Test func unknownKeysInConfigurationFilesAreRefused() {
        let rule = #"{"rules":[{"region":"","effective_from":"2021-11-01","name":"x","ratio_bp":200,"flor_fen":1}]}"#
        #expect {
            try JSONDecoder().decode(GuaranteeRuleFile.self, from: Data(rule.utf8))
        } throws: { error in
            (error as? WagecaseError).map { if case .invalidField(let field, _, _, _) = $0 { field == "flor_fen" } else { false } } ?? false
        }
        let file = #"{"rules":[],"comment":"x"}"#
        expectRefused(.field("comment")) { try JSONDecoder().decode(GuaranteeRuleFile.self, from: Data(file.utf8)) }
        let schedule = #"{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true,"extra":1}]}"#
        expectRefused(.field("extra")) { try JSONDecoder().decode(HolidaySchedule.self, from: Data(schedule.utf8)) }
        // The published files' own "$schema" and "$id" keys are known.
        let published = #"{"$schema":"s","$id":"i","year":2027,"papers":[],"days":[]}"#
        #expect((try? JSONDecoder().decode(HolidaySchedule.self, from: Data(published.utf8))) != nil)
    }

    @Test(arguments: [
        "\u{200B}", "\u{3000}\u{200B}", "\u{FEFF}", "\u{3164}", "张\u{202E}三", "\u{2066}abc", "a\u{1B}[2Jb", "a\u{85}b",
    ])
    func namesMustBeVisibleTextWithoutDirectionOrControlCharacters(name: String) {
        #expect(throws: WagecaseError.self) { try TextField.name(name, field: "name") }
        do {
            _ = try TextField.name(name, field: "name")
        } catch {
            // The refusal quotes the value with its invisible characters spelt out.
            #expect(!error.description.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B })
        }
    }

    @Test func aBlankNoticeNumberIsNoNoticeNumber() {
        expectRefused(.field("notice")) {
            try NewGuaranteeEvent(guaranteeID: 1, kind: .drawn, date: LocalDate(year: 2025, month: 1, day: 2)!,
                                  amount: Fen(100), noticeNumber: "   ")
        }
    }
}
