import Testing
import WagecaseTestSupport
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// Each class of bad input is refused with a specific error and leaves the database content exactly as it was.
@Suite("Bad input changes nothing")
struct BadInputTests {
    func expectUnchanged(_ world: World, _ refusal: ExpectedRefusal, _ body: () throws -> Void,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try contentDigest(world.database)
        expectRefused(refusal, sourceLocation: sourceLocation) { try body() }
        #expect(try contentDigest(world.database) == before, sourceLocation: sourceLocation)
    }

    @Test func unknownReferences() throws {
        let world = try World()
        _ = try world.openCase()
        try expectUnchanged(world, .notFound("employer")) {
            _ = try world.database.addClue(
                NewClue(source: .petition, received: date("2024-03-01"), employer: .id(99),
                        claims: [ClaimInput(idNumber: try ResidentID.parse(World.idNumbers[1]), claimed: Fen(1))]),
                actor: "t")
        }
        // The second worker is unknown: the clue must not be half-written.
        try expectUnchanged(world, .notFound("worker")) {
            _ = try world.clue([World.idNumbers[1], "11010519491231002X"], policy: .keepBoth)
        }
        try expectUnchanged(world, .notFound("case")) {
            _ = try world.database.advanceCase(CaseReference("nope"), to: .investigating, on: date("2024-03-06"),
                                               note: nil, actor: "t")
        }
        try expectUnchanged(world, .notFound("employer")) {
            _ = try world.database.addProject(NewProject(name: "x", employer: .creditCode("91440101MA5CJQ4N59")), actor: "t")
        }
    }

    @Test func illegalTransitionAndDateOrder() throws {
        let world = try World()
        _ = try world.openCase()
        let reference = CaseReference("平检民支〔2024〕1号")
        try expectUnchanged(world, .transition(to: .closed)) {
            _ = try world.database.advanceCase(reference, to: .closed, on: date("2024-03-06"), note: nil, actor: "t")
        }
        try expectUnchanged(world, .field("on", mentioning: "before")) {
            _ = try world.database.advanceCase(reference, to: .investigating, on: date("2024-03-04"), note: nil, actor: "t")
        }
        try expectUnchanged(world, .field("on", mentioning: "was opened")) {
            _ = try world.database.recordRecovery(
                NewRecovery(caseReference: reference, amount: Fen(100), paid: date("2024-03-01"), route: .employerPaid),
                actor: "t")
        }
        try expectUnchanged(world, .field("received", mentioning: "in the future")) {
            _ = try world.clue([World.idNumbers[1]], received: "2027-01-01")
        }
    }

    @Test func duplicateCaseNumberRollsBackTheWholeOpening() throws {
        let world = try World()
        _ = try world.openCase(number: "N-1")
        let clue = try world.clue([World.idNumbers[1], World.idNumbers[2]]).clue
        try expectUnchanged(world, .duplicate("case number")) {
            _ = try world.database.openCases(OpenCases(clueID: clue.id, opened: date("2024-03-05"),
                                                       caseNumbers: ["N-2", "N-1"]), actor: "t")
        }
        // Nothing of the refused opening stayed behind: N-2 is free, and the clue opens its two cases now.
        let opened = try world.database.openCases(OpenCases(clueID: clue.id, opened: date("2024-03-05"),
                                                            caseNumbers: ["N-2", "N-3"]), actor: "t")
        #expect(opened.map(\.caseNumber) == ["N-2", "N-3"])
    }

    @Test func overRecovery() throws {
        let world = try World()
        let opened = try world.openCase(amount: "100")
        try expectUnchanged(world, .overRecovery) {
            _ = try world.database.recordRecovery(
                NewRecovery(caseReference: CaseReference("\(opened.id)"), amount: Fen(10_001), paid: date("2024-03-06"),
                            route: .employerPaid), actor: "t")
        }
    }

    @Test func quotesAndSQLMetacharactersAreStoredLiterally() throws {
        let world = try World()
        let text = #"O'Brien"; DROP TABLE worker; -- \ % _ "引号""#
        let clue = try world.database.addClue(
            NewClue(source: .walkIn, received: date("2024-03-01"), employer: .id(world.employer.id),
                    claims: [ClaimInput(idNumber: try ResidentID.parse(World.idNumbers[2]), claimed: Fen(1))],
                    summary: text), actor: text)
        #expect(try world.database.clue(clue.clue.id).summary == text)
        #expect(try world.database.auditEntries(table: "clue").last?.actor == text)
        #expect(try world.database.workers().count == 3)
    }
}
