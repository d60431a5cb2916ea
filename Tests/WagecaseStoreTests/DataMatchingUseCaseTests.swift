import Foundation
import GRDB
import Testing
import WagecaseCore
import WagecaseImport
@testable import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport

/// Partner files loaded, models run, leads reviewed: the whole flow on a real database, as the CLI, the API and
/// the pages drive it.
@Suite struct DataMatchingUseCaseTests {
    static func id(_ n: Int) -> String {
        let first17 = "62040319850101" + String(format: "%03d", n)
        return first17 + String(ResidentID.checkCharacter(forFirst17: first17) ?? "0")
    }

    static func code(_ n: Int) -> String {
        let first17 = "91620403MA71" + String(format: "%05d", n)
        return first17 + String(CreditCode.checkCharacter(forFirst17: first17) ?? "0")
    }

    /// Awards as of the test clock (2026-11-25): two on 滨河花园二期 unpaid 30+ days, one 29 days, one performed.
    static var awardsCSV: String {
        """
        某区劳动人事争议仲裁院 裁决履行情况表
        仲裁文书号,申请人姓名,申请人身份证号,被申请人,被申请人统一社会信用代码,项目名称,裁决金额,生效日期,履行状态,已履行金额
        平劳人仲〔2026〕101号,张三,\(id(1)),平川建设有限公司,\(code(1)),滨河花园二期,3.8万,2026年10月26日,未履行,
        平劳人仲〔2026〕102号,李四,\(id(2)),平川建设有限公司,\(code(1)),滨河花园（二期）,"12,000.00",2026/10/1,部分履行,2000
        平劳人仲〔2026〕103号,王五,\(id(3)),平川建设有限公司,\(code(1)),滨河花园二期,9000,2026-10-27,未履行,0
        平劳人仲〔2026〕104号,赵六,\(id(4)),平川建设有限公司,\(code(1)),滨河花园二期,9000,2026-06-01,已履行,9000

        """
    }

    static func write(_ text: String, _ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func load(_ database: AppDatabase, _ kind: DatasetKind, _ path: String, dryRun: Bool = false,
                     skipInvalid: Bool = false) throws -> (DatasetLoad, [ImportIssue]) {
        let session = try DatasetSession(kind: kind, path: path, unit: "区仲裁院", sheet: nil, encoding: .auto,
                                         mappingFile: nil, dryRun: dryRun, skipInvalid: skipInvalid, actor: "analyst")
        var issues: [ImportIssue] = []
        let load = try database.loadDataset(session.request, rows: session.nextRow, onIssue: { issues.append($0) })
        return (load, issues)
    }

    @Test func aFileIsLoadedOnceWithItsOriginalCellsAndTheSameFileAgainAddsNothing() throws {
        let database = try makeDatabase()
        let path = try Self.write(Self.awardsCSV, "awards.csv")
        let (load, issues) = try Self.load(database, .arbitrationAwards, path)
        #expect(issues.isEmpty && load.imported == 4 && !load.alreadyLoaded)
        let (again, _) = try Self.load(database, .arbitrationAwards, path)
        #expect(again.alreadyLoaded && again.id == load.id)
        let datasets = try database.datasets()
        #expect(datasets.count == 1 && datasets[0].rows == 4 && datasets[0].unit == "区仲裁院")
        try database.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT amount_fen, date, status, original FROM dataset_row WHERE row_number = 3"))
            #expect(row[0] as Int64 == 3_800_000 && row[1] as String == "2026-10-26" && row[2] as String == "unperformed")
            let original = try JSONDecoder().decode([String: String].self, from: Data((row[3] as String).utf8))
            #expect(original["裁决金额"] == "3.8万" && original["生效日期"] == "2026年10月26日")
        }
    }

    @Test func anInvalidRowRefusesTheFileUnlessSkipped() throws {
        let database = try makeDatabase()
        let bad = Self.awardsCSV.replacingOccurrences(of: "3.8万", with: "三万八")
        let path = try Self.write(bad, "awards.csv")
        #expect(throws: WagecaseError.self) { try Self.load(database, .arbitrationAwards, path) }
        #expect(try database.datasets().isEmpty)
        let (dry, _) = try Self.load(database, .arbitrationAwards, try Self.write(Self.awardsCSV, "a.csv"), dryRun: true)
        #expect(dry.imported == 4 && dry.dryRun)
        #expect(try database.datasets().isEmpty)
        let (skipped, issues) = try Self.load(database, .arbitrationAwards, path, skipInvalid: true)
        #expect(skipped.imported == 3 && skipped.rejected == 1 && issues.map(\.column) == ["裁决金额"])
    }

    @Test func aNewerFilesRowSupersedesTheOlderOneForTheModels() throws {
        let database = try makeDatabase()
        _ = try Self.load(database, .arbitrationAwards, try Self.write(Self.awardsCSV, "awards.csv"))
        #expect(try database.runModels(ModelRunRequest(models: ["award-unpaid"], asOf: nil, dryRun: false, actor: "analyst")).hits.count == 1)
        let performed = """
            仲裁文书号,申请人姓名,申请人身份证号,被申请人,被申请人统一社会信用代码,项目名称,裁决金额,生效日期,履行状态,已履行金额
            平劳人仲〔2026〕101号,张三,\(Self.id(1)),平川建设有限公司,\(Self.code(1)),滨河花园二期,3.8万,2026年10月26日,已履行,3.8万
            """
        let (load, _) = try Self.load(database, .arbitrationAwards, try Self.write(performed, "awards-december.csv"))
        #expect(load.superseded == 1)
        let run = try database.runModels(ModelRunRequest(models: ["award-unpaid"], asOf: nil, dryRun: true, actor: "analyst"))
        #expect(run.hits.map { $0.workers.map(\.name) } == [["李四"]])
    }

    @Test func aRunKeepsEachLeadOnceAndReRunsFindTheSameLeads() throws {
        let database = try makeDatabase()
        _ = try Self.load(database, .arbitrationAwards, try Self.write(Self.awardsCSV, "awards.csv"))
        let request = ModelRunRequest(models: [], asOf: nil, dryRun: false, withEvidence: true, actor: "analyst")
        let first = try database.runModels(request)
        let award = try #require(first.hits.first { $0.model == "award-unpaid" })
        #expect(award.workers == [HitWorker(idNumber: Self.id(1), name: "张三", claimed: Fen(3_800_000)),
                                  HitWorker(idNumber: Self.id(2), name: "李四", claimed: Fen(1_000_000))])
        #expect(award.evidence.map(\.rowNumber) == [3, 4])
        #expect(award.existingClue == nil && first.new == first.hits.count && first.recordsExamined == 4)
        let second = try database.runModels(request)
        #expect(second.new == 0 && second.refreshed == first.hits.count)
        #expect(try database.runModels(ModelRunRequest(models: [], asOf: nil, dryRun: false, actor: "analyst"))
            .hits.allSatisfy { $0.evidence.isEmpty && $0.evidenceRows > 0 })
        #expect(try database.hits(HitFilter()).count == first.hits.count)
        #expect(second.hits.map(\.id) == first.hits.map(\.id))
        let dry = try database.runModels(ModelRunRequest(models: [], asOf: nil, dryRun: true, actor: "analyst"))
        #expect(dry.runID == nil && dry.new == 0)
    }

    @Test func acceptingMakesADataMatchingClueThroughIntakeAndARepeatIsRefused() throws {
        let database = try makeDatabase()
        _ = try Self.load(database, .arbitrationAwards, try Self.write(Self.awardsCSV, "awards.csv"))
        let run = try database.runModels(ModelRunRequest(models: ["award-unpaid"], asOf: nil, dryRun: false, actor: "analyst"))
        let hitID = try #require(run.hits.first?.id)
        let (hit, result) = try database.acceptHit(AcceptHit(hitID: hitID), actor: "prosecutor")
        #expect(hit.status == .accepted && hit.clueID == result.clue.id)
        #expect(result.clue.source == .dataMatching && result.clue.workers.count == 2)
        #expect(result.clue.received == date("2026-11-25"))
        #expect(try database.employer(.creditCode(Self.code(1))).name == "平川建设有限公司")
        expectRefused(.state(action: "accept the lead")) { _ = try database.acceptHit(AcceptHit(hitID: hitID), actor: "prosecutor") }
        // the same arrears found again: the lead is reviewed, and a dry run names the clue
        let again = try database.runModels(ModelRunRequest(models: ["award-unpaid"], asOf: nil, dryRun: true, actor: "analyst"))
        #expect(again.reviewed == 1 && again.hits.first?.existingClue == result.clue.id)
        let figures = try database.statistics(DateRange(from: date("2026-11-01"), to: date("2026-11-30")))
        #expect(figures.dataMatching.modelsApplied == 1 && figures.dataMatching.hits == 1)
        #expect(figures.dataMatching.clues == 1 && figures.dataMatching.recordsExamined == 4)
    }

    @Test func dismissingNeedsAReasonAndACautionNeedsOneToBeAccepted() throws {
        let database = try makeDatabase()
        let claims = """
            仲裁文书号,申请人姓名,申请人身份证号,被申请人,被申请人统一社会信用代码,裁决金额,生效日期,履行状态
            A1,张三,\(Self.id(9)),甲公司,\(Self.code(1)),5000,2026-10-01,未履行
            A2,张三,\(Self.id(9)),乙公司,\(Self.code(2)),5000,2026-10-20,未履行
            A3,张三,\(Self.id(9)),丙公司,\(Self.code(3)),5000,2026-11-20,未履行
            """
        _ = try Self.load(database, .arbitrationAwards, try Self.write(claims, "claims.csv"))
        let run = try database.runModels(ModelRunRequest(models: ["claimant-pattern"], asOf: nil, dryRun: false, actor: "analyst"))
        let caution = try #require(run.hits.first)
        #expect(caution.caution)
        let id = try #require(caution.id)
        expectRefused(.field("reason", mentioning: "caution")) { _ = try database.acceptHit(AcceptHit(hitID: id), actor: "p") }
        expectRefused(.field("reason")) { _ = try database.dismissHit(id: id, reason: " ", actor: "p") }
        let dismissed = try database.dismissHit(id: id, reason: "同一人在三个工地先后务工，经核实属实", actor: "p")
        #expect(dismissed.status == .dismissed && dismissed.statusReason?.hasPrefix("同一人") == true)
        #expect(try database.hits(HitFilter(status: .open)).isEmpty)
        let audited = try database.auditEntries(since: nil, table: "model_hit", limit: 10, afterID: 0)
        #expect(audited.contains { $0.reason?.hasPrefix("同一人") == true })
    }

    @Test func idNumbersAreMaskedUnlessRevealedAndARevealIsAudited() throws {
        let database = try makeDatabase()
        _ = try Self.load(database, .arbitrationAwards, try Self.write(Self.awardsCSV, "awards.csv"))
        _ = try database.runModels(ModelRunRequest(models: ["award-unpaid"], asOf: nil, dryRun: false, actor: "analyst"))
        let masked = try database.hits(HitFilter())
        #expect(masked[0].workers[0].idNumber == ResidentID.mask(Self.id(1)))
        #expect(!masked[0].evidence.contains { $0.original.values.contains(Self.id(1)) })
        let revealed = try database.hits(HitFilter(), disclosure: .revealed(to: "p", reason: "制作支持起诉书"))
        #expect(revealed[0].workers[0].idNumber == Self.id(1))
        #expect(try database.auditEntries(since: nil, table: "model_hit", limit: 10, afterID: 0).contains { $0.action == "reveal" })
    }

    @Test func anOfficesModelVersionReplacesTheBuiltInAndVersionsNeverChange() throws {
        let database = try makeDatabase()
        var model = try #require(BuiltInModels.all.first)
        model.version = 2
        model.conditions[0] = .compare(.effective, .onOrBefore(.runDays(-50)))
        _ = try database.loadModel(model, source: ModelFile.yaml(model), actor: "analyst")
        #expect(try database.model(id: model.id).model.version == 2)
        _ = try database.loadModel(model, source: ModelFile.yaml(model), actor: "analyst")  // the same again: nothing
        var changed = model
        changed.score.base = 1
        expectRefused(.field("version")) { _ = try database.loadModel(changed, source: "", actor: "analyst") }
        var older = model
        older.version = 1
        expectRefused(.field("version")) { _ = try database.loadModel(older, source: "", actor: "analyst") }
        _ = try Self.load(database, .arbitrationAwards, try Self.write(Self.awardsCSV, "awards.csv"))
        let run = try database.runModels(ModelRunRequest(models: [model.id], asOf: nil, dryRun: false, actor: "analyst"))
        #expect(run.models == ["award-unpaid@2"])
        #expect(run.hits.first?.workers.map(\.name) == ["李四"])
    }
}
