import Foundation
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// The joint work the digest reads is the same from PostgreSQL as from the SQLite file it was copied from: units,
/// referrals (answered, overdue, answered after the week), tasks (open, closed in the period, extended, from a
/// meeting, with progress entered out of date order) and monthly reports (timely, late, replaced, missing).
@Suite("Joint work on PostgreSQL", .serialized)
struct PostgresJointWorkTests {
    static let fixedNow = DatabaseCopyTests.fixedNow  // 2026-11-18

    static func day(_ text: String) throws -> LocalDate { try #require(LocalDate.parseISO(text)) }

    @Test("the snapshot and the digest's section are the SQLite store's, day by day")
    func sameJointWork() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let district = try AppDatabase.open(path: path, mode: .mustExist, clock: { Self.fixedNow })
        try Self.record(district)

        let days = try [
            "2026-10-12", "2026-10-26", "2026-10-30", "2026-11-02", "2026-11-11", "2026-11-16", "2026-11-17", "2026-11-18",
        ].map(Self.day)
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            var sections = 0
            for asOf in days {
                let periods = [DigestPeriod.week(before: asOf), try DigestPeriod.month(year: asOf.year, month: asOf.month),
                               try DigestPeriod.month(year: 2026, month: 10)]
                let expected = try district.read { db in
                    let calendar = try AppDatabase.fetchCalendar(db)
                    let snapshot = try AppDatabase.fetchJointWork(db, asOf: asOf, calendar: calendar)
                    return (snapshot, try periods.map {
                        try AppDatabase.digestJointWork(db, period: $0, asOf: asOf, limit: 2, snapshot: snapshot,
                                                        calendar: calendar)
                    })
                }
                let (snapshot, parts) = try await city.readOnly { connection in
                    let calendar = try await PostgresStatistics.calendar(connection)
                    let snapshot = try await PostgresJointWork.snapshot(connection, asOf: asOf, calendar: calendar)
                    var parts: [Digest.JointWork] = []
                    for period in periods {
                        parts.append(try await PostgresJointWork.digestPart(
                            connection, period: period, asOf: asOf, limit: 2, snapshot: snapshot, calendar: calendar))
                    }
                    return (snapshot, parts)
                }
                #expect(snapshot.units == expected.0.units, "\(asOf)")
                #expect(snapshot.referrals == expected.0.referrals, "\(asOf)")
                #expect(snapshot.tasks == expected.0.tasks, "\(asOf)")
                #expect(snapshot.rule == expected.0.rule, "\(asOf)")
                #expect(snapshot.submissions == expected.0.submissions, "\(asOf)")
                for (period, (part, sqlite)) in zip(periods, zip(parts, expected.1)) {
                    #expect(part == sqlite, "\(period) on \(asOf)")
                    // The public digest carries the same section.
                    #expect(part == (try district.digest(period, asOf: asOf, limit: 2)).jointWork, "\(period) on \(asOf)")
                    if !part.isEmpty { sections += 1 }
                }
            }
            #expect(sections == days.count * 3)
            // Not trivially equal: what the records set up shows on PostgreSQL.
            let november = try Self.day("2026-11-16")
            let (snapshot, october) = try await city.readOnly { connection in
                let calendar = try await PostgresStatistics.calendar(connection)
                let snapshot = try await PostgresJointWork.snapshot(connection, asOf: november, calendar: calendar)
                return (snapshot, try await PostgresJointWork.digestPart(
                    connection, period: try DigestPeriod.month(year: 2026, month: 10), asOf: november, limit: 2,
                    snapshot: snapshot, calendar: calendar))
            }
            #expect(snapshot.units.map(\.code) == ["jcy", "labor", "housing"])
            #expect(snapshot.referrals.map(\.subject) == ["建议核查保证金", "住建局移送欠薪线索"])
            #expect(snapshot.tasks.first { $0.unit.code == "labor" && $0.meetingID == nil }?.progress.map(\.text)
                    == ["约谈总包单位", "督促发放"])
            #expect(snapshot.rule.since == (try ReportMonth(year: 2026, month: 10)))
            #expect(october.reports.map(\.standing) == [.submitted, .late, .missing])
            #expect(october.reports.first?.text == "十月进展（更正）")
            #expect(october.referrals.total == 3 && october.referrals.items.count == 2)
        }
    }

    /// Three units; referrals, tasks, a meeting and reports through the store, as the clerks enter them.
    static func record(_ district: AppDatabase) throws {
        for (code, name, kind) in [("jcy", "某区人民检察院", UnitKind.procuratorate), ("labor", "某区人社局", .laborBureau),
                                   ("housing", "某区住建局", .housingBureau)] {
            _ = try district.addUnit(try NewMemberUnit(code: code, name: name, kind: kind), actor: "test")
        }
        // In the setting's order, not the units' ids.
        _ = try district.setSetting(.monthlyReportUnits, to: "labor,housing,jcy", actor: "test")

        let answered = try district.addReferral(try NewReferral(
            fromUnit: "labor", toUnit: "jcy", received: try day("2026-09-30"), subject: "某项目拖欠工资线索",
            replyWithin: 3), actor: "test")
        _ = try district.replyReferral(id: answered.id, on: try day("2026-10-09"), result: "已受理", actor: "test")
        _ = try district.addReferral(try NewReferral(
            fromUnit: "jcy", toUnit: "labor", received: try day("2026-10-27"), subject: "建议核查保证金",
            replyWithin: 3), actor: "test")
        let numbered = try district.addReferral(try NewReferral(
            fromUnit: "labor", toUnit: "housing", received: try day("2026-10-08"), subject: "核查项目专户",
            number: "平人社移〔2026〕3号", replyWithin: 5), actor: "test")
        let lateReply = try district.addReferral(try NewReferral(
            fromUnit: "housing", toUnit: "jcy", received: try day("2026-11-10"), subject: "住建局移送欠薪线索",
            replyWithin: 5), actor: "test")
        _ = try district.replyReferral(id: lateReply.id, on: try day("2026-11-17"), result: "已立案", actor: "test")
        // Answered the day it came in, within October.
        let quick = try district.addReferral(try NewReferral(
            fromUnit: "housing", toUnit: "labor", received: try day("2026-10-08"), subject: "转交工人投诉",
            replyWithin: 5), actor: "test")
        _ = try district.replyReferral(id: quick.id, on: try day("2026-10-08"), result: "已处理", actor: "test")
        _ = try district.replyReferral(id: numbered.id, on: try day("2026-10-16"), result: "已核查", actor: "test")

        let open = try district.addTask(try NewTask(title: "清理在建项目保证金", unit: "labor", owner: "王科长",
                                                    due: try day("2026-11-30")), actor: "test")
        // Entered out of date order: read back by date.
        _ = try district.recordTaskProgress(id: open.id, on: try day("2026-11-05"), text: "督促发放", actor: "test")
        _ = try district.recordTaskProgress(id: open.id, on: try day("2026-11-03"), text: "约谈总包单位", actor: "test")
        let closed = try district.addTask(try NewTask(title: "排查欠薪线索", unit: "jcy", owner: "李检察官",
                                                      due: try day("2026-10-31")), actor: "test")
        _ = try district.closeTask(id: closed.id, on: try day("2026-11-11"), result: "已排查", actor: "test")
        let extended = try district.addTask(try NewTask(title: "核查专户", unit: "housing", owner: "赵科长",
                                                        due: try day("2026-10-20"), source: .annualPlan), actor: "test")
        _ = try district.extendTask(id: extended.id, to: try day("2026-11-13"), reason: "项目停工", actor: "test")
        // Closed on the first day of a week (Nov 2–8).
        let weekStart = try district.addTask(try NewTask(title: "走访在建项目", unit: "housing", owner: "赵科长",
                                                         due: try day("2026-11-05")), actor: "test")
        _ = try district.closeTask(id: weekStart.id, on: try day("2026-11-02"), result: "已走访", actor: "test")
        let meeting = try district.addMeeting(try NewMeeting(
            held: try day("2026-10-15"), kind: .plenary, units: ["jcy", "labor", "housing"],
            decisions: [MeetingDecision(title: "联合约谈", unit: "labor", owner: "王科长", due: try day("2026-12-31"))]),
            actor: "test")
        for task in meeting.tasks {
            _ = try district.closeTask(id: task.id, on: try day("2026-10-30"), result: "已约谈", actor: "test")
        }

        let october = try ReportMonth(year: 2026, month: 10), november = try ReportMonth(year: 2026, month: 11)
        _ = try district.submitReport(try NewMonthlyReport(unit: "labor", month: october, text: "十月进展",
                                                           submitted: try day("2026-10-23")), actor: "test")
        _ = try district.submitReport(try NewMonthlyReport(unit: "labor", month: october, text: "十月进展（更正）",
                                                           submitted: try day("2026-11-02"), reason: "补充数字"),
                                      actor: "test")
        _ = try district.submitReport(try NewMonthlyReport(unit: "housing", month: october, text: "住建十月进展",
                                                           submitted: try day("2026-10-28")), actor: "test")
        _ = try district.submitReport(try NewMonthlyReport(unit: "labor", month: november, text: "十一月进展",
                                                           submitted: try day("2026-11-16")), actor: "test")
    }
}
