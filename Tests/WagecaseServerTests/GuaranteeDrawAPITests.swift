import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WagecaseCore

@Suite("API: a guarantee draw records what it paid")
struct GuaranteeDrawAPITests {
    @Test func aDrawNamesItsCasesWithTheirAmountsAndTheyAreRecovered() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let drawn = try await client.execute(
                uri: "/api/v1/guarantees/3/events", method: .post, headers: service.headers(.labor),
                body: body(#"{"kind":"drawn","on":"2024-12-10","amount_fen":300000,"notice_number":"N-9","#
                    + #""cases":[{"case":"平检民支〔2024〕4号","amount_fen":100000},{"case":5,"amount_fen":200000}]}"#))
            #expect(drawn.status == .created, "\(String(buffer: drawn.body))")
            for (id, fen) in [(4, 100_000), (5, 200_000)] {
                let detail = try object(try await client.execute(uri: "/api/v1/cases/\(id)", method: .get,
                                                                 headers: service.headers(.viewer)))
                let wageCase = try #require(detail["case"] as? [String: Any])
                #expect(wageCase["recovered_fen"] as? Int == fen)
                let recoveries = try #require(detail["recoveries"] as? [[String: Any]])
                #expect(recoveries.map { $0["route"] as? String } == ["guarantee-draw"])
            }
        }
    }

    @Test func aSplitThatDoesNotAddUpOrAnUnknownKeyIsRefusedAndChangesNothing() async throws {
        let service = try TestService()
        let before = try service.digest()
        try await service.app.test(.router) { client in
            // Each refused for its own fault, named on the cases (the problem says "case", as the CLI's --case),
            // with the refusal's code and, in Chinese (the default), what was wrong.
            for (cases, reason) in [(#"[{"case":4,"amount_fen":100000},{"case":5,"amount_fen":100000}]"#, "合计与动用金额（3,000.00元）不符"),
                                    (#"[{"case":4,"amount":300000}]"#, "「amount」不是案件条目的字段"),
                                    (#"[4, 5]"#, "「4」未写明金额")] {
                let refused = try await client.execute(
                    uri: "/api/v1/guarantees/3/events", method: .post, headers: service.headers(.labor),
                    body: body(#"{"kind":"drawn","on":"2024-12-10","amount_fen":300000,"notice_number":"N-9","cases":"#
                        + cases + "}"))
                let problem = try object(refused)
                #expect(refused.status.code == 422 && ["case", "cases"].contains(problem["field"] as? String ?? "")
                        && problem["code"] as? String == "field.invalid"
                        && (problem["detail"] as? String)?.contains(reason) == true, "\(cases): \(String(buffer: refused.body))")
                #expect(refused.headers[.contentType] == "application/problem+json")
            }
            let recovery = try await client.execute(
                uri: "/api/v1/cases/4/recoveries", method: .post, headers: service.headers(.prosecutor),
                body: body(#"{"amount_fen":100,"on":"2025-01-02","route":"guarantee-draw"}"#))
            #expect(try recovery.status.code == 422 && object(recovery)["field"] as? String == "route",
                    "\(String(buffer: recovery.body))")
            #expect(try object(recovery)["detail"] as? String != nil)
        }
        #expect(try service.digest() == before)
    }
}
