import Foundation
import Testing
@testable import WagecaseCore

@Suite("The support-for-litigation stage machine")
struct CaseStageMachineTests {
    @Test func followsTheDomainPath() throws {
        var stage = CaseStage.accepted
        for next in [CaseStage.investigating, .supportDecided, .letterIssued, .courtFiled, .judgment, .enforcement,
                     .closed] {
            stage = try CaseStageMachine.transition(caseLabel: "#1", from: stage, to: next)
        }
        #expect(stage == .closed)
        #expect(CaseStageMachine.allowedNext(from: .closed).isEmpty)
    }

    @Test("settlement is allowed from every stage before an outcome", arguments: CaseStage.allCases)
    func settlement(from stage: CaseStage) {
        let allowed = CaseStageMachine.allowedNext(from: stage).contains(.settled)
        let beforeOutcome: Set<CaseStage> = [.accepted, .investigating, .supportDecided, .letterIssued, .courtFiled,
                                             .arbitrationFiled, .paymentOrder, .appealed]
        #expect(allowed == beforeOutcome.contains(stage))
    }

    @Test func courtOutcomesOnlyAfterFilingOrAppeal() {
        for outcome in [CaseStage.judgment, .mediated, .claimDismissed, .suitDismissed] {
            for stage in CaseStage.allCases where CaseStageMachine.allowedNext(from: stage).contains(outcome) {
                #expect(stage == .courtFiled || stage == .appealed, "\(stage) → \(outcome)")
            }
        }
        // A suit or an arbitration application is withdrawn by the worker; an award comes only from arbitration.
        for stage in CaseStage.allCases where CaseStageMachine.allowedNext(from: stage).contains(.withdrawn) {
            #expect([.courtFiled, .appealed, .arbitrationFiled].contains(stage), "\(stage)")
        }
        for stage in CaseStage.allCases where CaseStageMachine.allowedNext(from: stage).contains(.award) {
            #expect(stage == .arbitrationFiled)
        }
    }

    /// The paths beside the happy one, each from support to its end.
    @Test(arguments: [
        [CaseStage.supportDecided, .arbitrationFiled, .award, .enforcement, .closed],
        [.supportDecided, .letterIssued, .arbitrationFiled, .award, .courtFiled, .judgment, .closed],
        [.supportDecided, .paymentOrder, .enforcement, .enforcementEnded, .enforcementResumed, .closed],
        [.supportDecided, .paymentOrder, .courtFiled, .mediated, .closed],
        [.supportDecided, .letterIssued, .courtFiled, .claimDismissed, .appealed, .judgment, .enforcement, .closed],
        [.supportDecided, .letterIssued, .courtFiled, .suitDismissed, .courtFiled, .judgment, .appealed, .judgment],
        [.supportDecided, .letterIssued, .courtFiled, .supportWithdrawn, .closed],
        [.supportDecided, .letterIssued, .courtFiled, .judgment, .enforcement, .enforcementEnded, .closed],
        [.supportDecided, .arbitrationFiled, .settled, .enforcement, .closed],
    ])
    func theWholePathThroughArbitrationCourtAndEnforcement(path: [CaseStage]) throws {
        var stage = CaseStage.investigating
        for next in path { stage = try CaseStageMachine.transition(caseLabel: "#1", from: stage, to: next) }
        #expect(stage == path.last)
    }

    @Test func aLossIsNotEnforcedAndAnEndedEnforcementDoesNotCloseAgainWithoutAMove() {
        #expect(!CaseStageMachine.allowedNext(from: .claimDismissed).contains(.enforcement))
        #expect(!CaseStageMachine.allowedNext(from: .suitDismissed).contains(.enforcement))
        #expect(!CaseStageMachine.allowedNext(from: .supportWithdrawn).contains(.courtFiled))
        #expect(CaseStageMachine.allowedNext(from: .enforcementEnded) == [.enforcementResumed, .closed])
    }

    @Test func supportIsDecidedOnlyOnTheWorkersApplicationOrConsent() throws {
        let wageCase = WageCase(id: 1, caseNumber: "平检民支〔2026〕1号", clueID: 1, workerID: 1, workerName: "张三",
                                workerIDNumber: "11010519491231002X", employerID: 1, employerName: "某公司", seriesID: nil,
                                seriesName: nil, claimed: Fen(100), recovered: .zero, stage: .investigating,
                                stageDate: LocalDate.parseISO("2026-03-20")!, opened: LocalDate.parseISO("2026-03-12")!,
                                createdAt: "t")
        let today = LocalDate.parseISO("2026-11-26")!, on = LocalDate.parseISO("2026-04-01")!
        #expect(throws: WagecaseError.self) {
            try CaseStageMachine.checkMove(wageCase, to: .supportDecided, on: on, today: today, applicationOn: nil)
        }
        // Applied after the day of the decision: not yet.
        #expect(throws: WagecaseError.self) {
            try CaseStageMachine.checkMove(wageCase, to: .supportDecided, on: on, today: today,
                                           applicationOn: LocalDate.parseISO("2026-04-02"))
        }
        try CaseStageMachine.checkMove(wageCase, to: .supportDecided, on: on, today: today,
                                       applicationOn: LocalDate.parseISO("2026-03-10"))
        // Declining needs no application.
        try CaseStageMachine.checkMove(wageCase, to: .declined, on: on, today: today, applicationOn: nil)
    }

    @Test func illegalMoveNamesCaseStageAndAllowedNext() {
        do {
            _ = try CaseStageMachine.transition(caseLabel: "平检民支〔2024〕3号 (#3)", from: .investigating, to: .judgment)
            Issue.record("accepted an illegal move")
        } catch {
            #expect(error == .illegalTransition(caseLabel: "平检民支〔2024〕3号 (#3)", current: .investigating,
                                                requested: .judgment, allowed: [.supportDecided, .declined, .settled]))
            let message = error.description
            #expect(message.contains("平检民支〔2024〕3号"))
            #expect(message.contains("investigating"))
            #expect(message.contains("support-decided, declined, settled"))
        }
    }

    @Test func everyStageIsReachableFromAccepted() {
        var seen: Set<CaseStage> = [.accepted]
        var frontier: [CaseStage] = [.accepted]
        while let stage = frontier.popLast() {
            for next in CaseStageMachine.allowedNext(from: stage) where seen.insert(next).inserted { frontier.append(next) }
        }
        #expect(seen == Set(CaseStage.allCases))
    }

    @Test func vocabularyAcceptsIdentifiersAliasesAndChineseLabels() throws {
        #expect(try CaseStage.parse("support-decided", field: "to") == .supportDecided)
        #expect(try CaseStage.parse("support_decided", field: "to") == .supportDecided)
        #expect(try CaseStage.parse("检察和解", field: "to") == .settled)
        #expect(try ClueSource.parse("12345", field: "source") == .hotline12345)
        #expect(throws: WagecaseError.self) { try ClueSource.parse("email", field: "source") }
    }

    /// The README's picture is the machine's own output, so it cannot drift from the rules.
    @Test func theReadmePictureIsTheMachine() throws {
        let readme = try String(contentsOf: CatalogueTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.firstRange(of: "```mermaid\n").map { start in
            readme[start.upperBound...].prefix { _ in true }
        })
        let end = try #require(block.range(of: "```"))
        #expect(String(block[..<end.lowerBound]) == CaseStageMachine.mermaid(.zh))
        // Every stage and every allowed move is drawn.
        let picture = CaseStageMachine.mermaid(.zh)
        for stage in CaseStage.allCases {
            #expect(picture.contains("[\"\(stage.zh)\"]"))
            #expect(CaseStageMachine.allowedNext(from: stage).count
                    == picture.split(separator: "\n").filter { $0.hasPrefix("    \(stage.rawValue.replacingOccurrences(of: "-", with: "_")) -") }.count)
        }
    }
}
