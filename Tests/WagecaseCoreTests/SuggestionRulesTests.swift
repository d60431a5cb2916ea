import Testing
@testable import WagecaseCore

@Suite("Suggestion rules")
struct SuggestionRulesTests {
    private func day(_ text: String) -> LocalDate { LocalDate.parseISO(text)! }
    private func suggestion(replied: String?) -> Suggestion {
        Suggestion(id: 1, number: "平检行建〔2024〕1号", issued: day("2024-09-10"), agency: "某局", text: nil,
                   replyDue: day("2024-11-10"), replied: replied.map(day), replySummary: nil, secured: .zero,
                   lettersRenewed: 0, projectIDs: [], guaranteeIDs: [], createdAt: "")
    }

    @Test func theReplyIsDueMonthsAfterIssue() throws {
        #expect(try SuggestionRules.replyDue(issued: day("2024-08-31"), months: 2, today: day("2026-11-26")) == day("2024-10-31"))
        #expect(throws: WagecaseError.self) {
            try SuggestionRules.replyDue(issued: day("2026-11-27"), months: 2, today: day("2026-11-26"))
        }
        #expect(throws: WagecaseError.self) {
            try SuggestionRules.replyDue(issued: day("2024-08-31"), months: 25, today: day("2026-11-26"))
        }
    }

    @Test func aSuggestionIsAnsweredOnceAndAmendedWithAReason() throws {
        let today = day("2026-11-26")
        try SuggestionRules.checkReply(suggestion(replied: nil), replied: day("2024-11-05"), amendReason: nil, today: today)
        try SuggestionRules.checkReply(suggestion(replied: "2024-11-05"), replied: day("2024-11-06"), amendReason: "笔误",
                                       today: today)
        for (replied, date, reason, code) in [
            ("2024-11-05", "2024-11-06", nil, "suggestion.state_not_allowed"),
            (nil, "2024-11-06", "笔误", "suggestion.state_not_allowed"),
            (nil, "2024-09-09", nil, "field.date_out_of_order"),
            (nil, "2026-11-27", nil, "field.date_out_of_order"),
        ] as [(String?, String, String?, String)] {
            do {
                try SuggestionRules.checkReply(suggestion(replied: replied), replied: day(date), amendReason: reason,
                                               today: today)
                Issue.record("\(date) accepted")
            } catch let error {
                #expect(error.code == code, "\(error)")
            }
        }
    }
}
