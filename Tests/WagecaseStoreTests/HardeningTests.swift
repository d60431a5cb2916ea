import Foundation
import GRDB
import Synchronization
import Testing
import WagecaseTestSupport
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// What an unlucky operator or a hostile caller could do to the store, refused with the database unchanged.
@Suite("Store hardening")
struct HardeningTests {
    private static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-hardening-\(UUID().uuidString).sqlite").path
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func aReplenishmentRestoresOnlyWhatWasDrawn() throws {
        let g = try GuaranteeWorld()
        let before = try contentDigest(g.database)
        expectRefused(.field("amount", mentioning: "drawn")) { try g.event(.replenished, "2024-05-01", amount: 1) }
        #expect(try contentDigest(g.database) == before)
        _ = try g.event(.drawn, "2024-06-03", amount: 1_200_000, notice: "平人社支〔2024〕1号")
        expectRefused(.field("amount", mentioning: "drawn")) { try g.event(.replenished, "2024-06-10", amount: 1_200_001) }
        let topped = try g.event(.replenished, "2024-06-10", amount: 1_200_000)
        #expect(topped.state.balance == Fen(360_000_000) && topped.state.unreplenished == .zero)
    }

    /// Another process holds the write lock past the wait: the write is refused as busy (every surface says
    /// "try again"), not as a failure, and nothing is written.
    @Test func aWriteThatWaitsTooLongIsReportedAsBusy() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let database = try AppDatabase.open(path: path, mode: .createIfMissing, busyTimeout: 0.2)
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect(throws: DatabaseBusy.self) {
                try database.addWorker(NewWorker.parse(name: "张三", idNumber: "11010519491231002X"), actor: "t")
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try database.workers().isEmpty)
        _ = try database.addWorker(NewWorker.parse(name: "张三", idNumber: "11010519491231002X"), actor: "t")
        #expect(try database.workers().count == 1)
    }

    @Test func aDatabaseFromANewerVersionIsNotWrittenButCanBeRead() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        _ = try AppDatabase.open(path: path, mode: .createIfMissing)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        #expect {
            _ = try AppDatabase.open(path: path, mode: .createIfMissing)
        } throws: { error in
            (error as? AppDatabase.NewerDatabase)?.unknown == ["v99"]
        }
        #expect(throws: AppDatabase.NewerDatabase.self) { _ = try AppDatabase.open(path: path) }
        #expect(try AppDatabase.open(path: path, mode: .readOnly).statistics(DateRange()).clues.total == 0)
    }

    @Test(arguments: ["not a database at all\n", String(repeating: "\u{0}", count: 4096)])
    func aFileThatIsNotADatabaseIsNamedPlainly(content: String) throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        for mode in [AppDatabase.OpenMode.mustExist, .readOnly] {
            #expect(throws: AppDatabase.NotADatabase.self) {
                let database = try AppDatabase.open(path: path, mode: mode)
                _ = try database.statistics(DateRange())
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(content.utf8))
    }

    @Test func aPublishedHolidayScheduleIsReplacedOnlyWithAReason() throws {
        let database = try makeDatabase()
        let empty = Data(#"{"year":2026,"papers":[],"days":[]}"#.utf8)
        let before = try contentDigest(database)
        #expect {
            try database.loadHolidaySchedule(empty, actor: "admin")
        } throws: { error in
            if case .invalidState(let entity, _, _, _, _) = error as? WagecaseError { entity == "holiday schedule" } else { false }
        }
        #expect(try contentDigest(database) == before)
        #expect(try database.workingDayCalendar().publishedYears.contains(2026))
        _ = try database.loadHolidaySchedule(empty, replaceReason: "国务院通知撤回（演练）", actor: "admin")
        #expect(try !database.workingDayCalendar().publishedYears.contains(2026))
        let entry = try #require(try database.auditEntries(table: "holiday_schedule").last)
        #expect(entry.reason == "国务院通知撤回（演练）" && entry.before?.contains("\"days\":") == true)
        // An unpublished year takes a schedule without ceremony; the same schedule again changes nothing.
        let year2027 = Data(#"{"year":2027,"papers":["p"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#.utf8)
        _ = try database.loadHolidaySchedule(year2027, actor: "admin")
        let loaded = try contentDigest(database)
        _ = try database.loadHolidaySchedule(year2027, actor: "admin")
        #expect(try contentDigest(database) == loaded)
    }

    @Test func aRuleInForceIsReplacedOnlyWithAReason() throws {
        let database = try makeDatabase()
        let file = #"{"rules":[{"region":"62","effective_from":"2022-01-01","name":"甘肃","ratio_bp":200}]}"#
        _ = try database.loadGuaranteeRules(Data(file.utf8), actor: "admin")
        let loaded = try contentDigest(database)
        _ = try database.loadGuaranteeRules(Data(file.utf8), actor: "admin")
        #expect(try contentDigest(database) == loaded)
        let changed = file.replacingOccurrences(of: "200", with: "300")
        expectRefused(.state(action: "replace it")) { try database.loadGuaranteeRules(Data(changed.utf8), actor: "admin") }
        #expect(try contentDigest(database) == loaded)
        let rules = try database.loadGuaranteeRules(Data(changed.utf8), replaceReason: "省厅2022年调整为3%", actor: "admin")
        #expect(rules.first { $0.region == "62" }?.ratioBasisPoints == 300)
        let entry = try #require(try database.auditEntries(table: "guarantee_rule").last)
        #expect(entry.action == "update" && entry.reason == "省厅2022年调整为3%")
        #expect(entry.before?.contains(#""ratio_bp":200"#) == true && entry.after?.contains(#""ratio_bp":300"#) == true)
    }

    @Test func aSettingEditedOutOfRangeIsNotUsed() throws {
        let database = try makeDatabase()
        try database.writer.write { db in
            try db.execute(sql: "UPDATE setting SET value = '9223372036854775807' WHERE key = 'suggestion_reply_months'")
        }
        let suggestion = try database.addSuggestion(
            NewSuggestion(number: "S-1", issued: date("2024-09-10"), agency: "某局"), actor: "t")
        #expect(suggestion.replyDue == date("2024-11-10"))
    }
}

@Suite("Audit chain and backup")
struct AuditChainAndBackupTests {
    @Test func verifyNamesTheFirstEntryChangedOrRemoved() throws {
        let world = try World()
        _ = try world.clue()
        let intact = try world.database.verifyAuditLog()
        #expect(intact.isIntact && intact.entries >= 6 && intact.headHash?.count == 64)
        // Someone with the file rewrites who did something.
        try world.database.writer.write { db in try db.execute(sql: "UPDATE audit_log SET actor = '某人' WHERE id = 3") }
        let changed = try world.database.verifyAuditLog()
        #expect(changed.firstBroken == 3 && changed.problem?.contains("#3") == true)
        try world.database.writer.write { db in try db.execute(sql: "UPDATE audit_log SET actor = 'tester' WHERE id = 3") }
        #expect(try world.database.verifyAuditLog().isIntact)
        // Or removes an entry.
        try world.database.writer.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE id = 4") }
        let removed = try world.database.verifyAuditLog()
        #expect(removed.firstBroken == 5 && removed.problem?.contains("#4") == true)
    }

    /// A backup taken while another thread keeps writing is a sound database holding at least everything
    /// committed before it started, and its audit chain is intact.
    @Test func aBackupUnderWriteLoadIsCompleteAndSound() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("live.sqlite").path,
                                            mode: .createIfMissing)
        _ = try database.loadSample(actor: "sample")
        let committedBefore = try database.auditEntries(limit: 100_000).count
        let started = Mutex(0)
        let writer = Task.detached {
            for index in 0..<400 {
                let id = try ResidentID.parse(Self.idNumber(index))
                _ = try database.addWorker(NewWorker(name: "负载\(index)", idNumber: id), actor: "load")
                started.withLock { $0 += 1 }
            }
            return 400
        }
        // The backup starts while the writer is mid-way.
        while started.withLock({ $0 }) < 50 { try await Task.sleep(for: .milliseconds(2)) }
        let path = directory.appendingPathComponent("backup.sqlite").path
        let result = try database.backup(to: path)
        #expect(try await writer.value == 400)
        #expect(result.integrity == "ok" && result.auditEntries >= committedBefore)
        let copy = try AppDatabase.open(path: path, mode: .readOnly)
        #expect(try copy.verifyAuditLog().isIntact)
        #expect(try copy.statistics(DateRange()).clues.total == 22)
        #expect(throws: BackupError.self) { try database.backup(to: path) }  // never overwritten
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    /// Valid 18-character ID numbers, distinct for each index (birth dates from 1990-01-01 on).
    static func idNumber(_ index: Int) -> String {
        let birth = LocalDate(year: 1990, month: 1, day: 1)!.adding(days: index)
        let body = "620403" + birth.iso.replacingOccurrences(of: "-", with: "") + "123"
        return body + String(ResidentID.checkCharacter(forFirst17: body) ?? "?")
    }
}
