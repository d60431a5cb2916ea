import Testing
@testable import WagecaseCore

/// Every built-in model on hand-made rows: the exact leads, and the near misses that must not be leads.
@Suite struct SupervisionModelTests {
    static let runDate = LocalDate(year: 2026, month: 11, day: 27)!

    static func id(_ n: Int) -> String {
        let first17 = "62040319850101" + String(format3(n))
        return first17 + String(ResidentID.checkCharacter(forFirst17: first17) ?? "0")
    }

    static func code(_ n: Int) -> String {
        let first17 = "91620403MA71" + String(format5(n))
        return first17 + String(CreditCode.checkCharacter(forFirst17: first17) ?? "0")
    }

    static func format3(_ n: Int) -> String { String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n) }
    static func format5(_ n: Int) -> String { String(repeating: "0", count: max(0, 5 - String(n).count)) + String(n) }

    static func day(_ offset: Int) -> LocalDate { runDate.adding(days: offset) }

    /// An award or judgment row.
    static func claim(_ rowID: Int64, _ kind: DatasetKind = .arbitrationAwards, person: Int, employer: Int,
                      project: String? = nil, amount: Int64, paid: Int64 = 0, effective: Int, status: String) -> DatasetRecord {
        var record = DatasetRecord(kind: kind)
        record.id = rowID
        record.number = "文书\(rowID)"
        record.personName = "工人\(person)"
        record.idNumber = id(person)
        record.employer = "平川第\(employer)建筑公司"
        record.creditCode = code(employer)
        record.project = project
        record.amount = Fen(amount * 100)
        record.paid = Fen(paid * 100)
        record.date = day(effective)
        record.status = status
        return record
    }

    static func complaint(_ rowID: Int64, employer: String, code: String?, received: Int, content: String = "反映拖欠工资",
                          person: Int? = nil) -> DatasetRecord {
        var record = DatasetRecord(kind: .complaints)
        record.id = rowID
        record.number = "GD\(rowID)"
        record.employer = employer
        record.creditCode = code
        record.date = day(received)
        record.content = content
        record.personName = person.map { "诉求人\($0)" }
        record.idNumber = person.map(id)
        return record
    }

    static func permit(_ rowID: Int64, employer: Int, project: String, issued: LocalDate,
                       planned: LocalDate? = nil) -> DatasetRecord {
        var record = DatasetRecord(kind: .constructionPermits)
        record.id = rowID
        record.number = "许可\(rowID)"
        record.employer = "平川第\(employer)建筑公司"
        record.creditCode = code(employer)
        record.project = project
        record.date = issued
        record.plannedCompletion = planned
        return record
    }

    static func transfer(_ rowID: Int64, employer: Int, project: String, month: LocalDate, amount: Int64 = 100_000) -> DatasetRecord {
        var record = DatasetRecord(kind: .payrollTransfers)
        record.id = rowID
        record.creditCode = code(employer)
        record.project = project
        record.date = month
        record.amount = Fen(amount * 100)
        return record
    }

    static func run(_ id: String, _ rows: [DatasetRecord], registry: [RegistryGuarantee] = []) -> [ModelHit] {
        let model = BuiltInModels.all.first { $0.id == id }!
        let evaluator = ModelEvaluator(models: [model], asOf: runDate, registry: GuaranteeRegistry(registry))
        return evaluator.hits(over: rows).sorted { $0.subject < $1.subject }
    }

    @Test func awardUnpaidFindsTheRemainderPerWorkerGroupedByEmployerAndProject() {
        let hits = Self.run("award-unpaid", [
            Self.claim(1, person: 1, employer: 1, project: "滨河花园二期", amount: 38_000, effective: -30, status: "unperformed"),
            Self.claim(2, person: 2, employer: 1, project: "滨河花园（二期）", amount: 12_000, paid: 2_000, effective: -45, status: "partial"),
            Self.claim(3, person: 3, employer: 1, project: "滨河花园二期", amount: 9_000, effective: -29, status: "unperformed"),
            Self.claim(4, person: 4, employer: 1, project: "滨河花园二期", amount: 9_000, paid: 9_000, effective: -90, status: "performed"),
            Self.claim(5, person: 5, employer: 2, amount: 5_000, effective: -60, status: "unperformed"),
            Self.claim(6, person: 6, employer: 3, amount: 5_000, paid: 5_000, effective: -60, status: "partial"),
        ])
        #expect(hits.count == 2)
        let first = hits[0]
        #expect(first.creditCode == Self.code(1))
        #expect(first.project == "滨河花园二期")
        #expect(first.workers == [HitWorker(idNumber: Self.id(1), name: "工人1", claimed: Fen(3_800_000)),
                                  HitWorker(idNumber: Self.id(2), name: "工人2", claimed: Fen(1_000_000))])
        #expect(first.amount == Fen(4_800_000))
        #expect(first.evidence == [1, 2])
        #expect(hits[1].creditCode == Self.code(2) && hits[1].project == nil && hits[1].evidence == [5])
    }

    @Test func judgmentUnenforcedEndedShortOrStillShortAfterNinetyDays() {
        let hits = Self.run("judgment-unenforced", [
            Self.claim(1, .courtJudgments, person: 1, employer: 1, amount: 50_000, paid: 10_000, effective: -10, status: "terminated"),
            Self.claim(2, .courtJudgments, person: 2, employer: 2, amount: 20_000, effective: -90, status: "ongoing"),
            Self.claim(3, .courtJudgments, person: 3, employer: 3, amount: 20_000, effective: -89, status: "ongoing"),
            Self.claim(4, .courtJudgments, person: 4, employer: 4, amount: 20_000, paid: 20_000, effective: -200, status: "completed"),
        ])
        #expect(hits.map(\.evidence) == [[1], [2]])
        #expect(hits.map(\.amount) == [Fen(4_000_000), Fen(2_000_000)])
    }

    @Test func complaintsRepeatThreeWageComplaintsWithinThirtyDays() {
        let hits = Self.run("complaints-repeat", [
            Self.complaint(1, employer: "甲公司", code: Self.code(1), received: -40, person: 1),
            Self.complaint(2, employer: "甲公司", code: Self.code(1), received: -30),
            Self.complaint(3, employer: "甲公司", code: Self.code(1), received: -10, content: "讨要劳务费"),
            // two only
            Self.complaint(4, employer: "乙公司", code: Self.code(2), received: -20),
            Self.complaint(5, employer: "乙公司", code: Self.code(2), received: -19),
            // three, but 31 days from first to last
            Self.complaint(6, employer: "丙公司", code: Self.code(3), received: -100),
            Self.complaint(7, employer: "丙公司", code: Self.code(3), received: -85),
            Self.complaint(8, employer: "丙公司", code: Self.code(3), received: -69),
            // no credit code: one employer by its cleaned name
            Self.complaint(9, employer: "平川某劳务（集团）有限公司", code: nil, received: -5),
            Self.complaint(10, employer: "平川某劳务(集团)有限公司 ", code: nil, received: -4),
            Self.complaint(11, employer: "平川某劳务（集团） 有限公司", code: nil, received: -3),
            // three, not about wages
            Self.complaint(12, employer: "丁公司", code: Self.code(4), received: -3, content: "施工噪音扰民"),
            Self.complaint(13, employer: "丁公司", code: Self.code(4), received: -2, content: "施工噪音扰民"),
            Self.complaint(14, employer: "丁公司", code: Self.code(4), received: -1, content: "施工噪音扰民"),
            // dated after the run date: not yet known
            Self.complaint(15, employer: "乙公司", code: Self.code(2), received: 1),
        ])
        #expect(hits.map(\.evidence) == [[1, 2, 3], [9, 10, 11]])
        #expect(hits[0].workers.map(\.idNumber) == [Self.id(1)])
    }

    @Test func permitNoGuaranteeThirtyDaysAfterIssueWithNothingInTheRegistry() {
        let registry = [RegistryGuarantee(id: 7, creditCode: Self.code(2), projectName: "东区学校", drawn: false)]
        let hits = Self.run("permit-no-guarantee", [
            Self.permit(1, employer: 1, project: "滨河花园", issued: Self.day(-30)),
            Self.permit(2, employer: 1, project: "北区", issued: Self.day(-29)),
            Self.permit(3, employer: 2, project: "东区 学校", issued: Self.day(-100)),
            Self.permit(4, employer: 2, project: "西区", issued: Self.day(-100)),
        ], registry: registry)
        #expect(hits.map(\.evidence) == [[1], [4]])
        #expect(hits.allSatisfy { $0.audience == .laborBureau })
    }

    @Test func payrollGapNoTransferInTheLastTwoFullMonths() {
        let month = { (m: Int) in LocalDate(year: 2026, month: m, day: 1)! }
        var rows = [
            Self.permit(1, employer: 1, project: "A楼", issued: LocalDate(year: 2026, month: 1, day: 10)!,
                        planned: LocalDate(year: 2027, month: 6, day: 30)!),
            Self.permit(2, employer: 1, project: "B楼", issued: LocalDate(year: 2026, month: 1, day: 10)!,
                        planned: LocalDate(year: 2027, month: 6, day: 30)!),
            Self.permit(3, employer: 1, project: "C楼", issued: LocalDate(year: 2026, month: 9, day: 15)!),
            Self.permit(4, employer: 2, project: "D楼", issued: LocalDate(year: 2025, month: 3, day: 1)!,
                        planned: LocalDate(year: 2026, month: 10, day: 31)!),
            Self.permit(5, employer: 3, project: "E楼", issued: LocalDate(year: 2025, month: 3, day: 1)!),
        ]
        var id: Int64 = 100
        for m in 1...8 { id += 1; rows.append(Self.transfer(id, employer: 1, project: "A楼", month: month(m))) }
        for m in [1, 2, 10] { id += 1; rows.append(Self.transfer(id, employer: 1, project: "B楼", month: month(m))) }
        let hits = Self.run("payroll-gap", rows)
        #expect(hits.map(\.evidence) == [[1], [5]])
        #expect(hits[0].lastActivity == month(8))
        #expect(hits[1].lastActivity == nil)
        #expect(hits[0].subject.hasSuffix("|2026-08") && hits[1].subject.hasSuffix("|none"))
    }

    @Test func arrearsOnAProjectWhoseGuaranteeWasNeverDrawnNamesTheGuarantee() {
        let registry = [RegistryGuarantee(id: 7, creditCode: Self.code(1), projectName: "滨河花园二期", drawn: false),
                        RegistryGuarantee(id: 8, creditCode: Self.code(3), projectName: "X", drawn: true)]
        let hits = Self.run("arrears-deposit-untouched", [
            Self.claim(1, person: 1, employer: 1, project: "滨河花园二期", amount: 30_000, effective: -5, status: "unperformed"),
            Self.claim(2, person: 2, employer: 1, project: "滨河花园二期", amount: 30_000, paid: 30_000, effective: -5, status: "performed"),
            Self.claim(3, person: 3, employer: 3, project: "X", amount: 30_000, effective: -5, status: "unperformed"),
            Self.claim(4, person: 4, employer: 4, project: "Y", amount: 30_000, effective: -5, status: "unperformed"),
            Self.claim(5, .courtJudgments, person: 5, employer: 1, amount: 10_000, effective: -5, status: "ongoing"),
        ], registry: registry)
        #expect(hits.count == 2)
        #expect(hits.map(\.evidence).sorted { $0[0] < $1[0] } == [[1], [5]])
        #expect(hits.allSatisfy { $0.guarantees == [7] })
    }

    @Test func claimantAgainstThreeEmployersWithinSixtyDaysIsACaution() {
        let hits = Self.run("claimant-pattern", [
            Self.claim(1, person: 9, employer: 1, amount: 5_000, effective: -70, status: "unperformed"),
            Self.claim(2, .courtJudgments, person: 9, employer: 2, amount: 5_000, effective: -50, status: "ongoing"),
            Self.complaint(3, employer: "平川第3建筑公司", code: Self.code(3), received: -10, person: 9),
            // one employer three times
            Self.claim(4, person: 8, employer: 1, amount: 5_000, effective: -30, status: "unperformed"),
            Self.claim(5, person: 8, employer: 1, amount: 5_000, effective: -20, status: "unperformed"),
            Self.claim(6, person: 8, employer: 1, amount: 5_000, effective: -10, status: "unperformed"),
            // three employers over 61 days
            Self.claim(7, person: 7, employer: 1, amount: 5_000, effective: -80, status: "unperformed"),
            Self.claim(8, person: 7, employer: 2, amount: 5_000, effective: -70, status: "unperformed"),
            Self.claim(9, person: 7, employer: 3, amount: 5_000, effective: -19, status: "unperformed"),
        ])
        #expect(hits.count == 1)
        #expect(hits[0].evidence == [1, 2, 3] && hits[0].caution && hits[0].creditCode == nil)
        #expect(hits[0].workers.map(\.idNumber) == [Self.id(9)])
    }

    @Test func theSameRowsFindTheSameLeads() {
        let rows = [
            Self.claim(1, person: 1, employer: 1, project: "P", amount: 38_000, effective: -30, status: "unperformed"),
            Self.complaint(2, employer: "甲", code: Self.code(1), received: -3),
        ]
        let first = BuiltInModels.all.map { model in
            let evaluator = ModelEvaluator(models: [model], asOf: Self.runDate, registry: GuaranteeRegistry([]))
            return evaluator.hits(over: rows)
        }
        let again = BuiltInModels.all.map { model in
            let evaluator = ModelEvaluator(models: [model], asOf: Self.runDate, registry: GuaranteeRegistry([]))
            return evaluator.hits(over: rows.reversed()).map(\.subject)
        }
        #expect(first.map { $0.map(\.subject) } == again)
    }

    @Test func scoresStayWithinZeroToAHundred() {
        let score = ModelScore(base: 90, perWorker: 100, perRow: 100, perTenThousandYuan: 100)
        #expect(score.of(workers: Int.max, rows: Int.max, amount: Fen(Int64.max)) == 100)
        #expect(ModelScore(base: 0).of(workers: 0, rows: 0, amount: .zero) == 0)
    }

    @Test func relativeDatesReadAndWriteBack() {
        for text in ["run", "run-30d", "run+7d", "month", "month-2", "2026-03-05"] {
            #expect(RelativeDate.parse(text)?.description == text)
        }
        for bad in ["run-30", "run30d", "month-2d", "yesterday", "run-99999d", ""] { #expect(RelativeDate.parse(bad) == nil) }
        #expect(RelativeDate.monthStart(-2).resolve(Self.runDate) == LocalDate(year: 2026, month: 9, day: 1)!)
    }
}
