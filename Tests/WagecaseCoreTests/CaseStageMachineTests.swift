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
        let beforeOutcome: Set<CaseStage> = [.accepted, .investigating, .supportDecided, .letterIssued, .courtFiled]
        #expect(allowed == beforeOutcome.contains(stage))
    }

    @Test func courtOutcomesOnlyAfterFiling() {
        for outcome in [CaseStage.judgment, .mediated, .withdrawn] {
            for stage in CaseStage.allCases where CaseStageMachine.allowedNext(from: stage).contains(outcome) {
                #expect(stage == .courtFiled)
            }
        }
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
}
