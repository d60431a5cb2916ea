import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// The data-matching routes: who runs models, who sees which leads, who accepts and dismisses them.
@Suite struct DataMatchingAPITests {
    static func code(_ n: Int) -> String {
        let first17 = "91620403MA72" + String(format: "%05d", n)
        return first17 + String(CreditCode.checkCharacter(forFirst17: first17) ?? "0")
    }

    /// An unpaid award (a prosecutor's lead) and a permit with no guarantee and no payroll on file (the labor
    /// bureau's two).
    static func service() throws -> TestService {
        let service = try TestService()
        var award = DatasetRecord(kind: .arbitrationAwards)
        (award.number, award.personName, award.idNumber) = ("平劳人仲〔2026〕9号", "马某", "620403198203136761")
        (award.employer, award.creditCode, award.project) = ("平川某建设公司", code(1), "滨河花园")
        (award.amount, award.paid, award.date, award.status) = (Fen(3_800_000), .zero, LocalDate(year: 2026, month: 9, day: 1)!, "unperformed")
        var permit = DatasetRecord(kind: .constructionPermits)
        (permit.number, permit.project, permit.employer, permit.creditCode) = ("6204032026001", "东区学校", "平川某建设公司", code(1))
        permit.date = LocalDate(year: 2026, month: 6, day: 1)!
        for (index, record) in [award, permit].enumerated() {
            var rows = [record]
            _ = try service.database.loadDataset(
                try NewDataset(kind: record.kind, unit: "协作单位", fileName: "f\(index).csv", fileSHA256: String(repeating: "\(index)", count: 64),
                               sheet: nil, encoding: "utf-8", dryRun: false, skipInvalid: false, actor: "setup"),
                rows: { rows.isEmpty ? nil : .success(DatasetRowInput(record: rows.removeFirst(), rowNumber: 2, original: #"{"a":"b"}"#)) },
                onIssue: { _ in })
        }
        return service
    }

    @Test func runsAreForProsecutorsAndLaborStaffAndEachSeesItsLeads() async throws {
        let service = try Self.service()
        try await service.app.test(.router) { client in
            for role in [Role.viewer, .admin] {
                let refused = try await client.execute(uri: "/api/v1/model-runs", method: .post, headers: service.headers(role), body: body("{}"))
                #expect(refused.status == .forbidden)
            }
            let run = try await client.execute(uri: "/api/v1/model-runs", method: .post, headers: service.headers(.prosecutor),
                                               body: body(#"{"on":"2026-11-25"}"#))
            #expect(run.status == .created)
            let result = try object(run)
            let hits = result["hits"] as? [[String: Any]] ?? []
            #expect(Set(hits.compactMap { $0["model"] as? String }) == ["award-unpaid", "permit-no-guarantee", "payroll-gap"])
            let award = try #require(hits.first { $0["model"] as? String == "award-unpaid" })
            let worker = try #require((award["workers"] as? [[String: Any]])?.first)
            #expect(worker["id_number"] as? String == ResidentID.mask("620403198203136761"))
            #expect(worker["claimed_fen"] as? Int == 3_800_000 && award["employer_credit_code"] as? String == Self.code(1))

            let laborList = try object(try await client.execute(uri: "/api/v1/hits", method: .get, headers: service.headers(.labor)))
            // the permit with no payroll on file is also a payroll-gap lead; both are the labor bureau's
            #expect(Set((laborList["items"] as? [[String: Any]])?.compactMap { $0["model"] as? String } ?? []) == ["permit-no-guarantee", "payroll-gap"])
            let viewerList = try object(try await client.execute(uri: "/api/v1/hits?status=open", method: .get, headers: service.headers(.viewer)))
            #expect((viewerList["items"] as? [Any])?.count == 3)
            #expect(try await client.execute(uri: "/api/v1/hits", method: .get, headers: service.headers(.admin)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/hits?model=No%20Such", method: .get, headers: service.headers(.viewer)).status.code == 422)
        }
    }

    @Test func prosecutorsAcceptAndWhoeverALeadIsForDismissesIt() async throws {
        let service = try Self.service()
        _ = try service.database.runModels(ModelRunRequest(models: [], asOf: nil, dryRun: false, actor: "setup"))
        let hits = try service.database.hits(HitFilter())
        let award = try #require(hits.first { $0.model == "award-unpaid" }?.id)
        let permit = try #require(hits.first { $0.model == "permit-no-guarantee" }?.id)
        try await service.app.test(.router) { client in
            let labor = try await client.execute(uri: "/api/v1/hits/\(award)/accept", method: .post, headers: service.headers(.labor), body: body("{}"))
            #expect(labor.status == .forbidden)
            let laborDismissAward = try await client.execute(uri: "/api/v1/hits/\(award)/dismiss", method: .post,
                                                             headers: service.headers(.labor), body: body(#"{"reason":"不属实"}"#))
            #expect(laborDismissAward.status == .forbidden)
            let accepted = try await client.execute(uri: "/api/v1/hits/\(award)/accept", method: .post,
                                                    headers: service.headers(.prosecutor), body: body(#"{"received":"2026-11-25"}"#))
            #expect(accepted.status == .ok)
            let clueID = try #require(try object(accepted)["clue_id"] as? Int)
            #expect(try service.database.clue(Int64(clueID)).source == .dataMatching)
            let again = try await client.execute(uri: "/api/v1/hits/\(award)/accept", method: .post,
                                                 headers: service.headers(.prosecutor), body: body("{}"))
            #expect(again.status == .conflict)
            let dismissed = try await client.execute(uri: "/api/v1/hits/\(permit)/dismiss", method: .post,
                                                     headers: service.headers(.labor), body: body(#"{"reason":"已另行缴存，待登记"}"#))
            #expect(dismissed.status == .ok)
            let missing = try await client.execute(uri: "/api/v1/hits/99999", method: .get, headers: service.headers(.viewer))
            #expect(missing.status == .notFound)
        }
    }
}

/// The review queue in the browser: leads best first, one lead beside its evidence, accept and dismiss.
@Suite struct LeadPagesTests {
    @Test func aProsecutorReviewsALeadBesideItsEvidenceAndMakesItAClue() async throws {
        let service = try DataMatchingAPITests.service().withPasswords()
        _ = try service.database.runModels(ModelRunRequest(models: [], asOf: nil, dryRun: false, actor: "setup"))
        let award = try #require(try service.database.hits(HitFilter()).first { $0.model == "award-unpaid" }?.id)
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            let queue = try await browser.get("/leads")
            #expect(queue.status == .ok)
            let list = String(buffer: queue.body)
            #expect(list.contains("劳动仲裁裁决逾期未履行") && list.contains("大数据研判线索"))
            #expect(!list.contains("620403198203136761"))
            let page = try await browser.get("/leads/\(award)")
            let html = String(buffer: page.body)
            #expect(html.contains("class=\"side-by-side\"") && html.contains("依据数据（条）") && html.contains("协作单位"))
            #expect(html.contains(ResidentID.mask("620403198203136761")))
            let refused = try await browser.post("/leads/\(award)/dismiss", [("reason", "")])
            #expect(refused.status.code == 422 && String(buffer: refused.body).contains("未能排除该研判线索"))
            _ = try await browser.get("/leads/\(award)")
            let accepted = try await browser.post("/leads/\(award)/accept", [("received", "2026-11-25")])
            #expect(accepted.status == .seeOther)
            let location = try #require(accepted.headers[.location])
            #expect(location.hasPrefix("/clues/") && location.contains("notice=lead-accepted"))
        }
    }

    @Test func laborStaffSeeTheirLeadsOnlyAndAdministratorsNone() async throws {
        let service = try DataMatchingAPITests.service().withPasswords()
        _ = try service.database.runModels(ModelRunRequest(models: [], asOf: nil, dryRun: false, actor: "setup"))
        let award = try #require(try service.database.hits(HitFilter()).first { $0.model == "award-unpaid" }?.id)
        try await service.app.test(.router) { client in
            let labor = WebBrowser(client)
            _ = try await labor.signIn("user-labor")
            let list = String(buffer: try await labor.get("/leads").body)
            #expect(list.contains("施工许可后未缴存工资保证金") && !list.contains("href=\"/leads/\(award)\""))
            #expect(try await labor.get("/leads/\(award)").status == .forbidden)
            let admin = WebBrowser(client)
            _ = try await admin.signIn("user-admin")
            #expect(try await admin.get("/leads").status == .forbidden)
        }
    }
}
