import Foundation
import Testing
import WagecaseTestSupport
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// A project with a bank letter, in the small world of the case tests.
struct GuaranteeWorld {
    let world: World
    let letter: GuaranteeDetail
    var database: AppDatabase { world.database }

    init() throws {
        world = try World()
        _ = try world.database.updateProject(
            .id(world.project.id),
            ProjectDetails.parse(region: "620403", contractPrice: "18000万", start: "2024-03-01"), reason: "更正", actor: "t")
        letter = try world.database.addGuarantee(
            NewGuarantee(project: .id(world.project.id), kind: .bankLetter, amount: Fen(360_000_000), issuer: "某银行",
                         documentNumber: "BH-1", effective: date("2024-03-01"), ends: date("2025-03-01")), actor: "t")
    }

    func event(_ kind: GuaranteeEventKind, _ on: String, amount: Int64? = nil, notice: String? = nil,
               ends: String? = nil, cases: [String] = []) throws -> GuaranteeDetail {
        try database.recordGuaranteeEvent(
            NewGuaranteeEvent(guaranteeID: letter.guarantee.id, kind: kind, date: date(on), amount: amount.map(Fen.init),
                              noticeNumber: notice, newEnds: ends.map(date), cases: try cases.map(DrawnCase.parse)),
            actor: "t")
    }
}

@Suite("Guarantee use-cases")
struct GuaranteeUseCaseTests {
    @Test func balanceAndStatusComeFromTheEvents() throws {
        let g = try GuaranteeWorld()
        _ = try g.world.openCase()
        #expect(g.letter.state.balance == Fen(360_000_000) && g.letter.events.map(\.kind) == [.lodged])
        let drawn = try g.event(.drawn, "2024-06-03", amount: 1_200_000, notice: "平人社支〔2024〕1号",
                                cases: ["平检民支〔2024〕1号"])
        #expect(drawn.state.balance == Fen(358_800_000) && drawn.state.unreplenished == Fen(1_200_000))
        #expect(drawn.events.last?.caseIDs == [1])
        let replenished = try g.event(.replenished, "2024-06-10", amount: 1_200_000)
        #expect(replenished.state.balance == Fen(360_000_000) && replenished.state.unreplenished == .zero)
        let renewed = try g.event(.renewed, "2025-02-20", ends: "2027-03-01")
        #expect(renewed.state.ends == date("2027-03-01") && renewed.state.status == .active)
        let audit = try g.database.auditEntries(table: "guarantee_event")
        #expect(audit.count == 3 && audit.allSatisfy { $0.actor == "t" })
    }

    @Test func refusedEventsChangeNothing() throws {
        let g = try GuaranteeWorld()
        let before = try contentDigest(g.database)
        let refusals: [(ExpectedRefusal, () throws -> Void)] = [
            (.field("amount", mentioning: "balance"),
             { _ = try g.event(.drawn, "2024-06-03", amount: 360_000_001, notice: "N1") }),     // more than the balance
            (.field("on", mentioning: "before"),
             { _ = try g.event(.drawn, "2024-02-01", amount: 1, notice: "N1") }),               // before the last event
            (.field("on", mentioning: "in the future"),
             { _ = try g.event(.drawn, "2099-01-01", amount: 1, notice: "N1") }),               // in the future
            (.field("ends"), { _ = try g.event(.renewed, "2024-06-03", ends: "2025-01-01") }),  // not later than now
            (.state(action: "publish the notice"), { _ = try g.event(.noticeStarted, "2024-06-03") }),  // unfinished
            (.state(action: "record return applied for"), { _ = try g.event(.returnRequested, "2024-06-03") }),  // no notice
            (.state(action: "record returned"), { _ = try g.event(.returned, "2024-06-03") }),  // never applied for
            (.notFound("case"),
             { _ = try g.event(.drawn, "2024-06-03", amount: 1, notice: "N1", cases: ["nope"]) }),  // unknown case
        ]
        for (refusal, body) in refusals {
            expectRefused(refusal) { try body() }
        }
        expectRefused(.field("notice")) {  // a draw needs its payment notice
            try NewGuaranteeEvent(guaranteeID: 1, kind: .drawn, date: date("2024-06-03"), amount: Fen(1))
        }
        expectRefused(.field("ends")) {  // cash has no end date
            try NewGuarantee(project: .id(1), kind: .cashDeposit, amount: Fen(1), effective: date("2024-01-01"),
                             ends: date("2025-01-01"))
        }
        #expect(try contentDigest(g.database) == before)
    }

    @Test func returnFollowsCompletionNoticeAndReturn() throws {
        let g = try GuaranteeWorld()
        _ = try g.database.updateProject(.id(g.world.project.id),
                                         ProjectDetails.parse(actualCompletion: "2024-12-20", status: "completed"),
                                         reason: "竣工验收", actor: "t")
        // Art. 22: the 30-day notice first; the written application only once it is over.
        #expect(try g.event(.noticeStarted, "2024-12-25").state.status == .inNotice)
        // Its 30 days count from the day after: it runs through 2025-01-24.
        expectRefused(.field("on", mentioning: "2025-01-24")) { try g.event(.returnRequested, "2025-01-24") }
        #expect(try g.event(.returnRequested, "2025-01-25").state.status == .returnRequested)
        let returned = try g.event(.returned, "2025-02-10")
        #expect(returned.state.status == .returned && returned.state.balance == .zero)
        expectRefused(.state(action: "record replenished")) { try g.event(.replenished, "2025-02-11", amount: 1) }
    }

    @Test func projectFactsAreValidatedAndAudited() throws {
        let g = try GuaranteeWorld()
        let before = try contentDigest(g.database)
        expectRefused(.field("status", mentioning: "actual completion")) {
            try g.database.updateProject(.id(1), ProjectDetails.parse(status: "completed"), reason: "更正", actor: "t")
        }
        expectRefused(.field("actual_completion")) {
            try g.database.updateProject(.id(1), ProjectDetails.parse(actualCompletion: "2024-01-01"), reason: "更正", actor: "t")
        }
        expectRefused(.field("region")) { try ProjectDetails.parse(region: "62040") }
        expectRefused(.field("exemption_document")) { try ProjectDetails.parse(exemptionReason: "小额工程") }
        #expect(try contentDigest(g.database) == before)
        let exempt = try g.database.updateProject(
            .id(1), ProjectDetails.parse(exemptionReason: "小额工程", exemptionDocument: "平人社〔2024〕3号"), reason: "更正", actor: "u")
        #expect(exempt.isExempt)
        let audit = try #require(try g.database.auditEntries(table: "project").last)
        #expect(audit.actor == "u" && audit.before?.contains(#""exemption_reason":null"#) == true)
        #expect(audit.after?.contains("小额工程") == true)
    }

    @Test func rulesLoadAllOrNothingAndDecideTheRequiredAmount() throws {
        let g = try GuaranteeWorld()
        #expect(try g.database.requiredGuarantee(for: .id(1)).required == Fen(360_000_000))
        let before = try contentDigest(g.database)
        let bad = #"{"rules": [{"region": "62", "effective_from": "2022-01-01", "name": "ok", "ratio_bp": 100},"#
            + #" {"region": "41", "effective_from": "2022-01-01", "name": "bad", "ratio_bp": 20000}]}"#
        expectRefused(.field("ratio_bp")) { try g.database.loadGuaranteeRules(Data(bad.utf8), actor: "t") }
        expectRefused(.field("rules file", mentioning: "not a valid rule file")) { try g.database.loadGuaranteeRules(Data("not json".utf8), actor: "t") }
        #expect(try contentDigest(g.database) == before)
        let file = CLIPaths.packageRoot.appendingPathComponent("contrib/rules/example-province.json")
        let rules = try g.database.loadGuaranteeRules(Data(contentsOf: file), actor: "t")
        #expect(rules.count == 3)
        // The project (620403, ¥1.8亿, started 2024-03-01) now falls under the province's 2% capped at ¥500万.
        let duty = try g.database.requiredGuarantee(for: .id(1))
        #expect(duty.rule.region == "62" && duty.required == Fen(360_000_000))
        _ = try g.database.updateProject(.id(1), ProjectDetails.parse(contractPrice: "50000万"), reason: "更正", actor: "t")
        #expect(try g.database.requiredGuarantee(for: .id(1)).required == Fen(500_000_000))
    }

    @Test func aLoadedHolidayScheduleTakesEffect() throws {
        let database = try makeDatabase()
        let before = try database.workingDayCalendar().adding(workingDays: 5, to: date("2026-12-29"))
        #expect(before.provisional)
        let schedule = #"{"year": 2027, "papers": ["test"], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#
        _ = try database.loadHolidaySchedule(Data(schedule.utf8), actor: "t")
        let after = try database.workingDayCalendar().adding(workingDays: 5, to: date("2026-12-29"))
        #expect(!after.provisional && after.date == date("2027-01-06"))
        expectRefused(.field("schedule file", mentioning: "it lacks year at the top level")) { try database.loadHolidaySchedule(Data("{}".utf8), actor: "t") }
    }

    @Test func theReplyPeriodIsASetting() throws {
        let database = try makeDatabase()
        #expect(try database.settings()[.suggestionReplyMonths] == "2")
        expectRefused(.field("suggestion_reply_months")) { try database.setSetting(.suggestionReplyMonths, to: "0", actor: "t") }
        _ = try database.setSetting(.suggestionReplyMonths, to: "3", actor: "admin")
        let suggestion = try database.addSuggestion(
            NewSuggestion(number: "S-1", issued: date("2024-09-10"), agency: "某局"), actor: "t")
        #expect(suggestion.replyDue == date("2024-12-10"))
        #expect(try database.auditEntries(table: "setting").last?.actor == "admin")
    }

    /// A suggestion is answered once: a second reply would silently replace the first's date, summary and the
    /// deposits it secured; only an amendment with a reason may, and the first stays in the audit log.
    @Test func aSecondReplyIsRefusedAndAnAmendmentIsAudited() throws {
        let g = try GuaranteeWorld()
        _ = try g.database.addSuggestion(
            NewSuggestion(number: "S-1", issued: date("2024-09-10"), agency: "平川区人社局"), actor: "t")
        _ = try g.database.replySuggestion("S-1", SuggestionReply(replied: date("2024-11-05"), summary: "已督促续保",
                                                                  secured: Fen(1_803_900_000)), actor: "t")
        let before = try contentDigest(g.database)
        #expect {
            try g.database.replySuggestion("S-1", SuggestionReply(replied: date("2024-11-20")), actor: "t")
        } throws: { error in
            guard case let .invalidState(entity, _, _, action, _) = error as? WagecaseError else { return false }
            return entity == "suggestion" && action == "record a second reply"
        }
        #expect(try contentDigest(g.database) == before)
        expectRefused(.field("reason")) { try SuggestionRules.amendment(amend: true, reason: " ") }
        expectRefused(.field("reason", mentioning: "without amend")) { try SuggestionRules.amendment(amend: false, reason: "笔误") }
        let amended = try g.database.replySuggestion(
            "S-1", SuggestionReply(replied: date("2024-11-05"), summary: "已督促续保", secured: Fen(1_803_900_100)),
            amendReason: try SuggestionRules.amendment(amend: true, reason: "金额录入笔误"), actor: "检察官乙")
        #expect(amended.secured == Fen(1_803_900_100))
        let entry = try #require(try g.database.auditEntries(table: "suggestion").last)
        #expect(entry.actor == "检察官乙" && entry.reason == "reply amended: 金额录入笔误")
        #expect(entry.before?.contains("1803900000") == true && entry.after?.contains("1803900100") == true)
        // Amending a suggestion that has no reply is refused.
        _ = try g.database.addSuggestion(
            NewSuggestion(number: "S-2", issued: date("2024-09-10"), agency: "平川区住建局"), actor: "t")
        expectRefused(.state(action: "amend its reply")) {
            try g.database.replySuggestion("S-2", SuggestionReply(replied: date("2024-11-05")), amendReason: "x", actor: "t")
        }
    }

    @Test func suggestionsTheirDeadlineRepliesAndFigures() throws {
        let g = try GuaranteeWorld()
        let first = try g.database.addSuggestion(
            NewSuggestion(number: "平检行建〔2024〕1号", issued: date("2024-09-10"), agency: "平川区人社局",
                          projects: [.id(1)], guaranteeIDs: [g.letter.guarantee.id]), actor: "t")
        #expect(first.replyDue == date("2024-11-10") && first.projectIDs == [1] && first.guaranteeIDs == [1])
        expectRefused(.duplicate("suggestion")) {
            try g.database.addSuggestion(NewSuggestion(number: "平检行建〔2024〕1号", issued: date("2024-09-10"),
                                                       agency: "x"), actor: "t")
        }
        #expect(try g.database.alerts(asOf: date("2024-11-11"), code: .suggestionReplyOverdue).count == 1)
        _ = try g.database.replySuggestion("平检行建〔2024〕1号",
                                           SuggestionReply(replied: date("2024-11-05"), secured: Fen(1_803_900_000),
                                                           lettersRenewed: 2), actor: "t")
        _ = try g.database.addSuggestion(NewSuggestion(number: "平检行建〔2024〕2号", issued: date("2024-10-08"),
                                                       agency: "平川区住建局", replyMonths: 1), actor: "t")
        _ = try g.database.replySuggestion("2", SuggestionReply(replied: date("2024-11-06"), secured: Fen(1_000_000_000)),
                                           actor: "t")
        #expect(try g.database.alerts(asOf: date("2024-12-01"), code: .suggestionReplyOverdue).isEmpty)
        let statistics = try g.database.statistics(DateRange(from: date("2024-01-01"), to: date("2024-12-31")))
        #expect(statistics.suggestions.issued == 2 && statistics.suggestions.replied == 2)
        #expect(statistics.suggestions.secured == Fen(2_803_900_000) && statistics.suggestions.lettersRenewed == 2)
        #expect(statistics.guaranteeHeadline(.zh) == "发出检察建议2份，抵存农民工工资保证金2803.9万元。")
        #expect(statistics.guarantees.total == 1 && statistics.guarantees.byKind["bank-letter"] == 1)
        #expect(statistics.guarantees.held == Fen(360_000_000) && statistics.guarantees.byStatus["active"] == 1)
    }
}

enum CLIPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
