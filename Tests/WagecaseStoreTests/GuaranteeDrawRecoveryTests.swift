import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// Money paid from a guarantee is recorded once, by the draw that paid it: the cases it names get their recoveries
/// in the same transaction, so "drawn" and "recovered by draw" agree in the statistics.
@Suite("Guarantee draws record the recoveries they paid")
struct GuaranteeDrawRecoveryTests {
    func expectRefusedUnchanged(_ world: World, field: String?, _ body: () throws -> Void,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try contentDigest(world.database)
        do {
            try body()
            Issue.record("accepted", sourceLocation: sourceLocation)
        } catch let error as WagecaseError {
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        }
        #expect(try contentDigest(world.database) == before, sourceLocation: sourceLocation)
    }

    @Test func aDrawNamingCasesRecordsTheirRecoveries() throws {
        let g = try GuaranteeWorld()
        _ = try g.world.openCase(number: "平检民支〔2024〕1号", worker: 0, amount: "12000")
        _ = try g.world.openCase(number: "平检民支〔2024〕2号", worker: 1, amount: "8000")
        let drawn = try g.event(.drawn, "2024-06-03", amount: 1_500_000, notice: "平人社支〔2024〕1号",
                                cases: ["平检民支〔2024〕1号=10000", "平检民支〔2024〕2号=5000"])
        #expect(drawn.events.last?.caseIDs == [1, 2])
        let first = try g.database.caseDetail(CaseReference("平检民支〔2024〕1号"))
        let second = try g.database.caseDetail(CaseReference("平检民支〔2024〕2号"))
        #expect(first.wageCase.recovered == Fen(1_000_000) && second.wageCase.recovered == Fen(500_000))
        #expect(first.recoveries.map(\.route) == [.guaranteeDraw] && second.recoveries.map(\.route) == [.guaranteeDraw])
        #expect(first.recoveries.first?.paid == date("2024-06-03") && first.recoveries.first?.payer == "某银行")
        #expect(first.recoveries.first?.forced == false)

        let stats = try g.database.statistics(DateRange())
        #expect(stats.guarantees.drawn == Fen(1_500_000))
        #expect(stats.recoveredByRoute[RecoveryRoute.guaranteeDraw.rawValue] == stats.guarantees.drawn)
        #expect(try g.database.auditEntries(table: "recovery").count == 2)
    }

    @Test func aRecoveryByGuaranteeDrawIsRefusedOutsideADraw() throws {
        let g = try GuaranteeWorld()
        _ = try g.world.openCase()
        try expectRefusedUnchanged(g.world, field: "route") {
            _ = try g.database.recordRecovery(
                NewRecovery(caseReference: CaseReference("平检民支〔2024〕1号"), amount: Fen(100), paid: date("2024-06-01"),
                            route: .guaranteeDraw, force: true),
                actor: "t")
        }
    }

    @Test func aDrawThatCannotPayEveryCaseItNamesChangesNothing() throws {
        let g = try GuaranteeWorld()
        _ = try g.world.openCase(number: "平检民支〔2024〕1号", worker: 0, amount: "12000")
        _ = try g.world.openCase(number: "平检民支〔2024〕2号", worker: 1, amount: "8000")
        // The second case claims ¥8,000; a draw paying it ¥9,000 would be over its claim, and is never forced.
        try expectRefusedUnchanged(g.world, field: "amount") {
            _ = try g.event(.drawn, "2024-06-03", amount: 1_500_000, notice: "N-1",
                            cases: ["平检民支〔2024〕1号=6000", "平检民支〔2024〕2号=9000"])
        }
        // Before the case was opened (2024-03-05).
        try expectRefusedUnchanged(g.world, field: "on") {
            _ = try g.event(.drawn, "2024-03-04", amount: 100_000, notice: "N-2", cases: ["平检民支〔2024〕1号"])
        }
        // A case of another project.
        let other = try g.database.addProject(
            NewProject.parse(name: "另一个项目", employer: "\(g.world.employer.id)"), actor: "t")
        let otherClue = try g.database.addClue(
            NewClue(source: .petition, received: date("2024-03-01"), employer: .id(g.world.employer.id),
                    project: .id(other.id),
                    claims: [ClaimInput(idNumber: try ResidentID.parse(World.idNumbers[2]), claimed: Fen(100_000))]),
            actor: "t").clue
        _ = try g.database.openCases(OpenCases(clueID: otherClue.id, opened: date("2024-03-05"), caseNumbers: ["外-1"]),
                                     actor: "t")
        try expectRefusedUnchanged(g.world, field: "case") {
            _ = try g.event(.drawn, "2024-06-03", amount: 100_000, notice: "N-3", cases: ["外-1"])
        }
    }

    @Test(arguments: [
        ["平检民支〔2024〕1号=6000", "平检民支〔2024〕2号"],
        ["平检民支〔2024〕1号=6000", "平检民支〔2024〕2号=6000"],
        ["平检民支〔2024〕1号=7500", "平检民支〔2024〕1号=7500"],
    ])
    func aSplitThatDoesNotAccountForTheDrawIsRefused(cases: [String]) throws {
        let g = try GuaranteeWorld()
        _ = try g.world.openCase(number: "平检民支〔2024〕1号", worker: 0, amount: "12000")
        _ = try g.world.openCase(number: "平检民支〔2024〕2号", worker: 1, amount: "8000")
        try expectRefusedUnchanged(g.world, field: "case") {
            _ = try g.event(.drawn, "2024-06-03", amount: 1_500_000, notice: "N-1", cases: cases)
        }
    }
}
