import Foundation
import GRDB
import Testing
import WagecaseTestSupport
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

@Suite("Use-cases")
struct UseCaseTests {
    @Test func workersAndEmployersAreOneRecordEach() throws {
        let world = try World()
        expectRefused(.duplicate("worker")) {
            try world.database.addWorker(NewWorker.parse(name: "重复", idNumber: World.idNumbers[0]), actor: "t")
        }
        expectRefused(.duplicate("employer")) {
            try world.database.addEmployer(NewEmployer.parse(name: "重复", creditCode: "91350200776049653A"), actor: "t")
        }
        #expect(try world.database.worker(World.idNumbers[0]).id == world.workers[0].id)
        #expect(try world.database.employer(.creditCode("91350200776049653A")).id == world.employer.id)
    }

    @Test func checksumOverrideIsStoredAndAudited() throws {
        let database = try makeDatabase()
        let worker = try database.addWorker(
            NewWorker.parse(name: "笔误", idNumber: "110105194912310020", overrideReason: "身份证复印件如此"), actor: "alice")
        #expect(worker.idNumberOverrideReason == "身份证复印件如此")
        let entry = try #require(try database.auditEntries(table: "worker").last)
        #expect(entry.actor == "alice")
        #expect(entry.reason?.contains("身份证复印件如此") == true)
        // A valid number keeps no reason even if one was given.
        let valid = try database.addWorker(
            NewWorker.parse(name: "正常", idNumber: "11010519491231002X", overrideReason: "不需要"), actor: "alice")
        #expect(valid.idNumberOverrideReason == nil)
    }

    @Test func creditCodeOverrideIsStoredAndAudited() throws {
        let database = try makeDatabase()
        let employer = try database.addEmployer(
            NewEmployer.parse(name: "笔误公司", creditCode: "91350203M0001QAY9B", overrideReason: "营业执照复印件如此"),
            actor: "alice")
        #expect(employer.creditCodeOverrideReason == "营业执照复印件如此")
        #expect(try database.auditEntries(table: "employer").last?.reason?.contains("营业执照复印件如此") == true)
        let valid = try database.addEmployer(
            NewEmployer.parse(name: "正常公司", creditCode: "91440101MA5CJQ4N59", overrideReason: "不需要"), actor: "alice")
        #expect(valid.creditCodeOverrideReason == nil)
    }

    @Test func sameArrearsFromASecondChannelIsRefusedOrMerged() throws {
        let world = try World()
        let first = try world.clue([World.idNumbers[0], World.idNumbers[1]])
        #expect(first.isNew)
        expectRefused(.duplicate("clue")) { try world.clue([World.idNumbers[1]], source: .hotline12345) }
        let merged = try world.clue([World.idNumbers[1], World.idNumbers[2]], source: .hotline12345,
                                    received: "2024-03-09", policy: .merge)
        #expect(merged.mergedInto == first.clue.id)
        #expect(merged.addedWorkers == 1)
        #expect(merged.clue.channels.map(\.source) == [.petition, .hotline12345])
        #expect(merged.clue.workers.count == 3)
        // Merging the same again adds nothing.
        let again = try world.clue([World.idNumbers[1]], source: .hotline12345, received: "2024-03-09", policy: .merge)
        #expect(again.addedWorkers == 0 && again.clue.channels.count == 2)
        let both = try world.clue([World.idNumbers[1]], received: "2024-05-01", policy: .keepBoth)
        #expect(both.isNew && both.clue.id != first.clue.id)
        #expect(try world.database.statistics(DateRange()).clues.total == 2)
    }

    @Test func openingCasesMakesOnePerWorkerInASeries() throws {
        let world = try World()
        let clue = try world.clue(World.idNumbers).clue
        let cases = try world.database.openCases(
            OpenCases(clueID: clue.id, series: "班组系列案", opened: date("2024-03-04"), caseNumbers: ["A-1", "A-2", "A-3"]),
            actor: "t")
        #expect(cases.count == 3)
        #expect(Set(cases.map(\.seriesName)) == ["班组系列案"])
        #expect(cases.allSatisfy { $0.stage == .accepted && $0.opened == date("2024-03-04") })
        #expect(try world.database.clue(clue.id).status == .converted)
        #expect(try world.database.cases(CaseFilter(series: "班组系列案")).count == 3)
        // A converted clue opens nothing more.
        expectRefused(.state(action: "open cases")) {
            try world.database.openCases(OpenCases(clueID: clue.id, opened: date("2024-03-04")), actor: "t")
        }
    }

    @Test func advancingFollowsTheMachineAndDates() throws {
        let world = try World()
        let opened = try world.openCase()
        let reference = CaseReference("平检民支〔2024〕1号")
        _ = try world.database.advanceCase(reference, to: .investigating, on: date("2024-03-10"), note: nil, actor: "t")
        // Support is decided only on the worker's written application or consent.
        expectRefused(.state(action: "decide to support")) {
            try world.database.advanceCase(reference, to: .supportDecided, on: date("2024-03-12"), note: nil, actor: "t")
        }
        _ = try world.database.recordActivity(reference, kind: .application, on: date("2024-03-11"), note: nil, actor: "t")
        expectRefused(.field("on", mentioning: "application")) {
            try world.database.advanceCase(reference, to: .supportDecided, on: date("2024-03-10"), note: nil, actor: "t")
        }
        expectRefused(.transition(to: .judgment)) {
            try world.database.advanceCase(reference, to: .judgment, on: date("2024-03-11"), note: nil, actor: "t")
        }
        expectRefused(.field("on", mentioning: "before case")) {  // before the previous event
            try world.database.advanceCase(reference, to: .declined, on: date("2024-03-09"), note: nil, actor: "t")
        }
        expectRefused(.field("on", mentioning: "in the future")) {  // in the future (today is 2026-11-25)
            try world.database.advanceCase(reference, to: .supportDecided, on: date("2026-11-26"), note: nil, actor: "t")
        }
        let settled = try world.database.advanceCase(CaseReference("#\(opened.id)"), to: .settled,
                                                     on: date("2024-03-10"), note: "当场和解", actor: "t")
        #expect(settled.stage == .settled)
        let detail = try world.database.caseDetail(reference)
        #expect(detail.events.map(\.stage) == [.accepted, .investigating, .settled])
        #expect(detail.allowedNext == [.enforcement, .closed])
    }

    @Test func recoveriesCannotExceedTheClaimUnlessForced() throws {
        let world = try World()
        let opened = try world.openCase(amount: "1000")
        let reference = CaseReference("\(opened.id)")
        _ = try world.database.recordRecovery(
            NewRecovery(caseReference: reference, amount: Fen(60_000), paid: date("2024-04-01"), route: .employerPaid),
            actor: "t")
        expectRefused(.overRecovery) {
            try world.database.recordRecovery(
                NewRecovery(caseReference: reference, amount: Fen(40_001), paid: date("2024-04-02"), route: .employerPaid),
                actor: "t")
        }
        let forced = try world.database.recordRecovery(
            NewRecovery(caseReference: reference, amount: Fen(50_000), paid: date("2024-04-02"), route: .courtEnforcement,
                        force: true), actor: "bob")
        #expect(forced.forced)
        #expect(try world.database.caseDetail(reference).wageCase.recovered == Fen(110_000))
        let audit = try #require(try world.database.auditEntries(table: "recovery").last)
        #expect(audit.actor == "bob" && audit.reason?.contains("forced") == true)
    }

    @Test func everyWriteIsAuditedWithBeforeAndAfter() throws {
        let world = try World()
        let opened = try world.openCase()
        _ = try world.database.advanceCase(CaseReference("\(opened.id)"), to: .investigating, on: date("2024-03-06"),
                                           note: nil, actor: "carol")
        let entries = try world.database.auditEntries()
        // employer, project, 3 workers, clue, case, clue status, event, case stage.
        #expect(entries.count == 10)
        let stageChange = try #require(entries.last)
        #expect(stageChange.table == "wage_case" && stageChange.action == "update" && stageChange.actor == "carol")
        #expect(stageChange.before == #"{"stage":"accepted","stage_on":"2024-03-05"}"#)
        #expect(stageChange.after == #"{"stage":"investigating","stage_on":"2024-03-06"}"#)
        #expect(stageChange.at == "2026-11-25T10:00:00+08:00")
        // Audit JSON never carries a full ID number or bank card.
        for entry in entries {
            #expect(entry.after?.contains(World.idNumbers[0]) != true)
            #expect(entry.after?.contains("6228480439110012341") != true)
        }
    }

    @Test func statisticsCountWhatHappenedInTheRange() throws {
        let world = try World()
        let a = try world.openCase(number: "A", worker: 0)
        let b = try world.openCase(number: "B", worker: 1)
        _ = try world.database.advanceCase(CaseReference("A"), to: .investigating, on: date("2024-03-20"), note: nil, actor: "t")
        _ = try world.database.recordActivity(CaseReference("A"), kind: .consent, on: date("2024-03-25"), note: nil, actor: "t")
        _ = try world.database.advanceCase(CaseReference("A"), to: .supportDecided, on: date("2024-04-02"), note: nil, actor: "t")
        _ = try world.database.advanceCase(CaseReference("B"), to: .settled, on: date("2024-03-31"), note: nil, actor: "t")
        _ = try world.database.recordRecovery(
            NewRecovery(caseReference: CaseReference("\(b.id)"), amount: Fen(500_000), paid: date("2024-04-01"),
                        route: .employerPaid), actor: "t")
        let march = try world.database.statistics(DateRange(from: date("2024-03-01"), to: date("2024-03-31")))
        #expect(march.clues.total == 2 && march.clues.bySource["petition"] == 2)
        #expect(march.cases.opened == 2 && march.cases.settled == 1 && march.cases.supportDecided == 0)
        #expect(march.workers == 1 && march.recovered == .zero && march.claimed == Fen(2_400_000))
        let april = try world.database.statistics(DateRange(from: date("2024-04-01"), to: date("2024-04-30")))
        #expect(april.clues.total == 0 && april.cases.opened == 0 && april.cases.supportDecided == 1)
        #expect(april.recovered == Fen(500_000) && april.workers == 1 && april.claimed == .zero)
        #expect(a.id != b.id)
    }

    @Test func sampleReproducesSeed000AndLoadsOnce() throws {
        let database = try makeDatabase()
        #expect(try database.loadSample(actor: "demo") == .loaded)
        let statistics = try database.statistics(DateRange())
        #expect(statistics.clues.total == 22)
        #expect(statistics.clues.bySource["petition"] == 8)
        #expect(statistics.clues.bySource["legal-aid"] == 7)
        #expect(statistics.clues.bySource["labor-dispute"] == 7)
        #expect(statistics.cases.supportDecided == 18)
        #expect(statistics.cases.settled == 4)
        #expect(statistics.recovered == Fen(3_800_000))
        // Every stage of the machine is walked by some case of the sample.
        let walked = try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT stage FROM case_event") }
        #expect(Set(walked) == Set(CaseStage.allCases.map(\.rawValue)))
        #expect(try database.cases(CaseFilter(series: "长征街商住楼班组欠薪系列案")).count == 6)
        #expect(statistics.suggestions.issued == 2 && statistics.suggestions.secured == Fen(2_803_900_000))
        let codes = Set(try database.alerts(asOf: date("2025-01-15")).map(\.code))
        // The expired letter is the one alert about the balance it took: no BELOW_REQUIRED besides.
        // The cases still under review since 2024 are past the office's decision days.
        #expect(codes == [.guaranteeExpired, .arrearsDepositUnused, .returnOverdue, .officeDeadlinePassed])
        let digest = try contentDigest(database)
        #expect(try database.loadSample(actor: "demo") == .alreadyLoaded)
        #expect(try contentDigest(database) == digest)
    }

    @Test func disclosureMasksByDefaultAndAuditsEachReveal() throws {
        let world = try World()
        let auditCount = try world.database.auditEntries().count
        let masked = try world.database.disclose(world.workers, .masked, workerIDs: world.workers.map(\.id),
                                                 fields: ["id_number"])
        #expect(masked.allSatisfy { $0.idNumber.contains("********") && $0.bankCard == "***************2341" })
        #expect(try world.database.auditEntries().count == auditCount)
        let revealed = try world.database.disclose(world.workers, .revealed(to: "检察官乙", reason: "制作支持起诉书"),
                                                   workerIDs: world.workers.map(\.id), fields: ["id_number"])
        #expect(revealed.map(\.idNumber) == World.idNumbers)
        let reveals = try world.database.auditEntries().dropFirst(auditCount)
        #expect(reveals.count == 3 && reveals.allSatisfy {
            $0.action == "reveal" && $0.actor == "检察官乙" && $0.reason == "制作支持起诉书"
        })
    }

    @Test func listsDecodeExactlyWhatSingleReadsDecode() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "demo")
        let listed = try database.cases(CaseFilter(limit: 1000))
        #expect(listed.count == 24)
        for wageCase in listed {
            #expect(try database.caseDetail(CaseReference("\(wageCase.id)")).wageCase == wageCase)
        }
    }

    @Test func sampleRefusesADatabaseWithOtherData() throws {
        let world = try World()
        expectRefused(.state(action: "load the sample")) { try world.database.loadSample(actor: "demo") }
    }
}
