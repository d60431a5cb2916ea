import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WagecaseCore
@testable import WagecaseServer
import WagecaseStore

/// The web pages over a real store: sign-in, the form token, escaping, the headers, roles, and the daily work.
@Suite("Web pages")
struct WebPagesTests {
    @Test func signingInSetsAGuardedCookieAndAWrongPasswordSaysNothingMore() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            let anonymous = try await browser.get("/cases")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login?next=/cases")
            let form = try await browser.get("/login")
            #expect(form.status == .ok && browser.lastPage.contains("登录") && browser.formToken?.count == 43)
            let wrong = try await browser.post("/login", [("name", "user-prosecutor"), ("password", "not the password")])
            let unknown = try await browser.post("/login", [("name", "nobody-here"), ("password", "not the password")])
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("用户名或密码不正确"))
            #expect(String(buffer: wrong.body).replacingOccurrences(of: "user-prosecutor", with: "nobody-here")
                .replacingOccurrences(of: browser.formToken ?? "-", with: "")
                == String(buffer: unknown.body).replacingOccurrences(of: browser.formToken ?? "-", with: ""))
            #expect(browser.cookies["wagecase_session"] == nil)
            let signedIn = try await browser.post("/login", [("name", "user-prosecutor"), ("password", WebBrowser.password),
                                                             ("next", "/cases")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/cases")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("wagecase_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
            let cases = try await browser.get("/cases")
            #expect(cases.status == .ok && cases.headers[.contentLanguage] == "zh-CN")
            #expect(browser.lastPage.contains("user-prosecutor") && browser.lastPage.contains("案件"))
            // Only a path of this service is a place to go back to.
            _ = try await browser.post("/logout", [])
            let away = try await browser.signIn("user-prosecutor")
            #expect(away.headers[.location] == "/")
            try await browser.get("/")
            _ = try await browser.post("/logout", [])
            try await browser.get("/login")
            let evil = try await browser.post("/login", [("name", "user-prosecutor"), ("password", WebBrowser.password),
                                                         ("next", "//evil.example/")])
            #expect(evil.headers[.location] == "/")
            for next in ["/\t/evil.example", "/\\evil.example", "https://evil.example/", "/\n/x", "/a b"] {
                #expect(SignInPages.safeNext(next) == "/", "\(next)")
            }
            #expect(SignInPages.safeNext("/cases?stage=settled") == "/cases?stage=settled")
        }
    }

    /// A session cookie signs in pages only: the API answers it as anonymous, so another site's form cannot act
    /// through a signed-in browser.
    @Test func theAPITakesNoSessionCookie() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            let cookie = try #require(browser.cookies["wagecase_session"])
            let api = try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.cookie: "wagecase_session=\(cookie)"])
            #expect(api.status == .unauthorized)
            let post = try await client.execute(uri: "/api/v1/clues/23/screen", method: .post,
                                                headers: [.cookie: "wagecase_session=\(cookie)", .contentType: "application/json"],
                                                body: ByteBuffer(string: "{}"))
            #expect(post.status == .unauthorized)
        }
    }

    @Test func pagesCarryTheSecurityHeadersAndNoOutsideResource() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            for path in ["/", "/clues", "/clues/new", "/clues/1", "/cases", "/cases/1", "/guarantees", "/guarantees/1",
                         "/login?lang=zh"] {
                if path.hasPrefix("/login") { browser.forget("wagecase_session") }
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(path)")
                #expect(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'")
                        && !policy.contains("unsafe-inline"), "\(path)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff" && response.headers[.referrerPolicy] == "same-origin")
                let page = browser.lastPage.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
                #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("//cdn"), "\(path)")
                #expect(!page.contains("style=\"") && !page.contains("<script>") && !page.contains(" on"+"click="), "\(path)")
                // Every input but hidden ones has a label (or, for the header's search box, a name of its own).
                for id in Self.inputIDs(page) {
                    let named = Self.matches(#"<input[^>]*id="\#(id)"[^>]*aria-label="([^"]+)""#, page).first != nil
                    #expect(page.contains("for=\"\(id)\"") || named, "\(path): #\(id) has no label")
                }
            }
        }
    }

    @Test func aPostWithoutTheFormTokenIsRefusedAndChangesNothing() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/clues/23")
            let before = try service.digest()
            for token in ["", "x", String(repeating: "A", count: 43)] {
                let refused = try await browser.post("/clues/23/screen", [("_csrf", token)])
                #expect(refused.status == .forbidden && String(buffer: refused.body).contains("表单已失效"))
            }
            let sansToken = try await client.execute(
                uri: "/clues/23/screen", method: .post,
                headers: [.cookie: "wagecase_session=\(browser.cookies["wagecase_session"] ?? "")",
                          .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "version=x"))
            #expect(sansToken.status == .forbidden)
            #expect(try service.digest() == before)
            // The same form with its token goes through.
            let accepted = try await browser.post("/clues/23/screen", [])
            #expect(accepted.status == .seeOther && accepted.headers[.location] == "/clues/23?notice=clue-screened")
            #expect(try service.digest() != before)
        }
    }

    @Test func userValuesAreShownAsText() async throws {
        let service = try TestService().withPasswords()
        try service.execute("UPDATE worker SET name = '<script>alert(1)</script>' WHERE id = 1")
        try service.execute("UPDATE employer SET name = '\"><img src=x>' WHERE id = 1")
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            for path in ["/clues", "/clues/1", "/cases", "/cases/1"] {
                try await browser.get(path)
                #expect(!browser.lastPage.contains("<script>alert(1)") && !browser.lastPage.contains("<img src=x>"), "\(path)")
            }
            try await browser.get("/clues/1")
            #expect(browser.lastPage.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    /// Each role sees what the API's matrix lets it do, and no form for what it may not.
    @Test func everyPageForEveryRole() async throws {
        let service = try TestService().withPasswords()
        let casePages = ["/clues", "/clues/1", "/clues/new", "/cases", "/cases/1", "/workers", "/workers/1"]
        try await service.app.test(.router) { client in
            for role in Role.allCases {
                let browser = WebBrowser(client)
                _ = try await browser.signIn("user-\(role.rawValue)")
                let overview = try await browser.get("/")
                #expect(overview.status == .ok, "\(role)")
                #expect(browser.lastPage.contains("保证金与办案期限预警"), "\(role)")
                #expect(browser.lastPage.contains("挽回损失") == role.seesCaseData, "\(role)")
                for path in casePages {
                    let response = try await browser.get(path)
                    let allowed = role.seesCaseData && (path != "/clues/new" || role.may(.writeCases))
                    #expect(response.status == (allowed ? .ok : .forbidden), "\(role) \(path)")
                    // No refusal box without a refusal in it.
                    #expect(!browser.lastPage.contains("<ul></ul>"), "\(role) \(path)")
                    let forms = Self.postForms(browser.lastPage)
                    if !role.may(.writeCases) {
                        #expect(forms == ["/logout"], "\(role) \(path): \(forms)")
                    }
                }
                for path in ["/employers", "/employers/1", "/projects/1"] {
                    #expect(try await browser.get(path).status == .ok, "\(role) \(path)")
                    // Only those who keep employers on record correct one.
                    let correction = role.may(.writeEmployers) && path == "/employers/1" ? ["/employers/1/correct"]
                        : role.may(.writeGuarantees) && path == "/projects/1" ? ["/projects/1/correct"] : []
                    #expect(Self.postForms(browser.lastPage) == ["/logout"] + correction, "\(role) \(path)")
                    // The employer's clues and cases are case files.
                    #expect(browser.lastPage.contains("/cases/") == (role.seesCaseData && path == "/employers/1"), "\(role) \(path)")
                }
                let more: [(String, Bool)] = [
                    ("/suggestions", true), ("/suggestions/1", true),
                    ("/digest", role.seesCaseData), ("/digest?month=2024-09", role.seesCaseData),
                    ("/import", role == .prosecutor || role == .labor),
                    ("/audit", role == .admin), ("/users", role == .admin),
                ]
                for (path, allowed) in more {
                    let response = try await browser.get(path)
                    #expect(response.status == (allowed ? .ok : .forbidden), "\(role) \(path)")
                    #expect(!browser.lastPage.contains("<ul></ul>"), "\(role) \(path)")
                    let forms = Self.postForms(browser.lastPage)
                    if !role.may(.writeCases) && path != "/import" { #expect(forms == ["/logout"], "\(role) \(path): \(forms)") }
                }
                for path in ["/guarantees", "/guarantees/1"] {
                    #expect(try await browser.get(path).status == .ok, "\(role) \(path)")
                    let forms = Self.postForms(browser.lastPage)
                    #expect(forms == (role.may(.writeGuarantees) && path != "/guarantees"
                        ? ["/logout", "/guarantees/1/events"] : ["/logout"]), "\(role) \(path): \(forms)")
                }
                if role == .prosecutor {
                    try await browser.get("/cases/1")
                    #expect(Self.postForms(browser.lastPage).contains("/cases/1/recoveries"))
                }
            }
        }
    }

    @Test func aProsecutorCorrectsACaseAndTakesItOnAndSeesItsTimeLimits() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/cases/7")
            #expect(browser.lastPage.contains("更正案件信息") && browser.lastPage.contains("未指定"))
            // Without a reason nothing is written and the form says why.
            let before = try service.digest()
            let refused = try await browser.post("/cases/7/correct", [
                ("employmentEnded", "2025-10-01"), ("reason", ""), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("案件信息未更正"))
            #expect(try service.digest() == before)
            try await browser.get("/cases/7")
            let corrected = try await browser.post("/cases/7/correct", [
                ("caseNumber", Self.hidden("caseNumber", browser.lastPage) ?? ""), ("employmentEnded", "2025-10-01"),
                ("paymentDue", ""), ("reason", "劳动合同载明"), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(corrected.status == .seeOther)
            try await browser.get("/cases/7")
            #expect(browser.lastPage.contains("劳动仲裁时效") && browser.lastPage.contains("2026-10-08"))
            let assigned = try await browser.post("/cases/7/assign", [
                ("to", "user-prosecutor"), ("assistant", ""), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(assigned.status == .seeOther)
            try await browser.get("/cases?mine=1")
            #expect(browser.lastPage.contains("/cases/7\"") && !browser.lastPage.contains("/cases/8\""))
            // A move made by mistake is withdrawn from the page, with a reason.
            try await browser.get("/cases/7")
            let moved = try await browser.post("/cases/7/advance", [
                ("to", "investigating"), ("on", "2025-01-02"), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(moved.status == .seeOther)
            try await browser.get("/cases/7")
            #expect(browser.lastPage.contains("撤回上一步"))
            let withdrawn = try await browser.post("/cases/7/undo", [
                ("reason", "误点推进"), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(withdrawn.status == .seeOther)
            #expect(try service.database.caseDetail(.init("#7")).wageCase.stage == .accepted)
            // The overview lists the signed-in prosecutor's own deadlines.
            try await browser.get("/")
            #expect(browser.lastPage.contains("我的期限") && browser.lastPage.contains("href=\"/cases/7\""))
            #expect(browser.lastPage.contains("劳动仲裁时效"))
        }
        let entries = try service.database.auditEntries(table: "wage_case", limit: 100_000)
        let assigned = try #require(entries.last { $0.after?.contains("handler") == true })
        #expect(assigned.actor == "user-prosecutor" && assigned.after == #"{"handler":"user-prosecutor","assistant":null}"#)
        #expect(entries.last?.reason == "误点推进" && entries.last?.after?.contains(#""stage":"accepted""#) == true)
    }

    @Test func aProsecutorTakesAClueThroughToARecovery() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/clues/new")
            // A wrong check digit and a bad amount: both named, nothing written.
            let before = try service.digest()
            let refused = try await browser.post("/clues/new", [
                ("source", "hotline-12345"), ("received", "2025-01-10"), ("employer", "1"),
                ("id_number", "620403198203136762"), ("claimed", "-5"),
            ])
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            #expect(page.contains("校验码") && page.contains("620403198203136762") && page.contains("线索未登记"))
            #expect(try service.digest() == before)
            // The same worker on the open clue 23: the page offers merge or keep-both.
            browser.lastPageFrom(refused)
            let duplicate = try await browser.post("/clues/new", [
                ("source", "legal-aid"), ("received", "2025-01-10"), ("employer", "1"),
                ("id_number", "620403198203136761"), ("claimed", "1000"),
            ])
            #expect(duplicate.status == .unprocessableContent && String(buffer: duplicate.body).contains("name=\"on_duplicate\""))
            browser.lastPageFrom(duplicate)
            let merged = try await browser.post("/clues/new", [
                ("source", "legal-aid"), ("received", "2025-01-10"), ("employer", "1"),
                ("id_number", "620403198203136761"), ("claimed", "1000"), ("on_duplicate", "merge"),
            ])
            #expect(merged.status == .seeOther && merged.headers[.location] == "/clues/23?notice=clue-merged")
            try await browser.get(try #require(merged.headers[.location]))
            #expect(browser.lastPage.contains("法律援助") && browser.lastPage.contains("已并入"))
            // Open a case from it, move it on and record money.
            _ = try await browser.post("/clues/23/screen", [])
            try await browser.get("/clues/23")
            let opened = try await browser.post("/clues/23/open", [("opened", "2025-01-12"), ("case_numbers", "平检民支〔2025〕99号")])
            let casePath = try #require(opened.headers[.location]?.split(separator: "?").first.map(String.init))
            try await browser.get(casePath)
            #expect(browser.lastPage.contains("平检民支〔2025〕99号"))
            #expect(browser.lastPage.contains("name=\"to\" value=\"support-decided\"") || browser.lastPage.contains("name=\"to\""))
            let next = try #require(Self.firstStageButton(browser.lastPage))
            let advanced = try await browser.post(casePath + "/advance", [("to", next), ("on", "2025-01-13"),
                                                                          ("version", Self.hidden("version", browser.lastPage) ?? "")])
            #expect(advanced.status == .seeOther)
            try await browser.get(casePath)
            let recovered = try await browser.post(casePath + "/recoveries", [
                ("amount", "600"), ("on", "2025-01-14"), ("route", "employer-paid"), ("payer", "某建筑公司"),
                ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(recovered.status == .seeOther)
            try await browser.get(casePath)
            #expect(browser.lastPage.contains("600.00元") && browser.lastPage.contains("400.00元"))
            // More than is owed: the case's page again with the refusal beside the form, the amount as typed, nothing
            // written.
            let beforeOver = try service.digest()
            let over = try await browser.post(casePath + "/recoveries", [
                ("amount", "999999"), ("on", "2025-01-14"), ("route", "employer-paid"),
                ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            let overPage = String(buffer: over.body)
            #expect((400..<500).contains(over.status.code) && overPage.contains("追回款项未登记"))
            #expect(overPage.contains("value=\"999999\"") && overPage.contains("<h1>案件 平检民支〔2025〕99号</h1>"))
            #expect(try service.digest() == beforeOver)
            // A stale version (the case changed since the page was read) is refused.
            let stale = try await browser.post(casePath + "/recoveries", [
                ("amount", "1"), ("on", "2025-01-14"), ("route", "employer-paid"), ("version", "\"0000\""),
            ])
            #expect(stale.status == .preconditionFailed)
            // The payment was entered wrongly: reversed from its row, with a reason; both lines stay on the page.
            try await browser.get(casePath)
            let caseID = try #require(Int64(casePath.split(separator: "/").last ?? ""))
            let payment = try #require(try service.database.caseDetail(.init("#\(caseID)")).recoveries.first)
            let form = "\(casePath)/recoveries/\(payment.id)/reverse"
            #expect(Self.postForms(browser.lastPage).contains(form) && browser.lastPage.contains("冲正"))
            let noReason = try await browser.post(form, [("reason", " "), ("version", Self.hidden("version", browser.lastPage) ?? "")])
            #expect(noReason.status == .unprocessableContent && String(buffer: noReason.body).contains("未能冲正"))
            try await browser.get(casePath)
            let reversed = try await browser.post(form, [("reason", "重复录入"), ("version", Self.hidden("version", browser.lastPage) ?? "")])
            #expect(reversed.status == .seeOther)
            try await browser.get(casePath)
            #expect(browser.lastPage.contains("冲正第 \(payment.id) 号支付记录；重复录入") && browser.lastPage.contains("-600.00元"))
            #expect(!Self.postForms(browser.lastPage).contains(form))
            #expect(try service.database.caseDetail(.init("#\(caseID)")).wageCase.recovered == .zero)
            // A payment of another case is not reversed through this one's page.
            #expect(try await browser.post("\(casePath)/recoveries/1/reverse", [("reason", "x")]).status == .notFound)
        }
    }

    @Test func theCasePageRecordsTheApplicationAndShowsTheCourtAndTheRate() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/cases/7")
            #expect(Self.postForms(browser.lastPage).contains("/cases/7/activities") && browser.lastPage.contains("登记办理事项"))
            let before = try service.digest()
            let refused = try await browser.post("/cases/7/activities", [("kind", "application"), ("on", "2099-01-01"),
                                                                         ("version", Self.hidden("version", browser.lastPage) ?? "")])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("办理事项未登记"))
            #expect(try service.digest() == before)
            try await browser.get("/cases/7")
            let recorded = try await browser.post("/cases/7/activities", [
                ("kind", "application"), ("on", "2025-01-02"), ("note", "书面申请支持起诉"),
                ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(recorded.status == .seeOther)
            try await browser.get("/cases/7")
            #expect(browser.lastPage.contains("申请支持起诉") && browser.lastPage.contains("书面申请支持起诉"))
            let corrected = try await browser.post("/cases/7/correct", [
                ("caseNumber", Self.hidden("caseNumber", browser.lastPage) ?? ""), ("court", "平川区人民法院"),
                ("courtCaseNumber", "（2025）甘0403民初12号"), ("awarded", "5000"), ("reason", "判决书"),
                ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(corrected.status == .seeOther)
            try await browser.get("/cases/7")
            #expect(browser.lastPage.contains("（2025）甘0403民初12号") && browser.lastPage.contains("以判决、裁决或调解金额计"))
        }
    }

    @Test func theSearchBoxFindsRecordsAsEachRoleMaySeeThem() async throws {
        let service = try TestService().withPasswords()
        let worker = try service.database.worker(id: 1)
        try await service.app.test(.router) { client in
            let prosecutor = WebBrowser(client)
            _ = try await prosecutor.signIn("user-prosecutor")
            try await prosecutor.get("/")
            #expect(prosecutor.lastPage.contains("action=\"/search\""))
            let suffix = String(worker.idNumber.suffix(4))
            try await prosecutor.get("/search?q=" + suffix)
            #expect(prosecutor.lastPage.contains("href=\"/workers/1\"") && !prosecutor.lastPage.contains(worker.idNumber))
            // A whole number: found for a role that may see whole numbers, refused (and not echoed) for one that may not.
            try await prosecutor.get("/search?q=" + worker.idNumber)
            #expect(prosecutor.lastPage.contains("href=\"/workers/1\"") && !prosecutor.lastPage.contains(worker.idNumber))
            let viewer = WebBrowser(client)
            _ = try await viewer.signIn("user-viewer")
            let refused = try await viewer.get("/search?q=" + worker.idNumber)
            #expect(refused.status == .unprocessableContent && !viewer.lastPage.contains(worker.idNumber))
            // The labor bureau finds employers and projects, not people or case files.
            let labor = WebBrowser(client)
            _ = try await labor.signIn("user-labor")
            try await labor.get("/search?q=" + (worker.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(!labor.lastPage.contains("href=\"/workers/") && labor.lastPage.contains("未找到相关记录"))
            let employer = try service.database.employer(.id(1))
            try await labor.get("/search?q=" + employer.creditCode)
            #expect(labor.lastPage.contains("href=\"/employers/1\""))
        }
    }

    @Test func recordsAreCorrectedFromTheirPagesWithAReason() async throws {
        let service = try TestService().withPasswords()
        let full = try service.database.worker(id: 1).idNumber
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/workers/1")
            #expect(Self.postForms(browser.lastPage).contains("/workers/1/correct") && browser.lastPage.contains("更正信息"))
            // No reason: refused beside the form, the number typed not shown back, nothing written.
            let before = try service.digest()
            let refused = try await browser.post("/workers/1/correct", [
                ("id_number", full), ("phone", "13987654321"), ("reason", ""),
                ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            let refusedPage = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent && refusedPage.contains("信息未更正"))
            #expect(!refusedPage.contains(full) && !refusedPage.contains("13987654321"))
            #expect(try service.digest() == before)
            try await browser.get("/workers/1")
            let corrected = try await browser.post("/workers/1/correct", [
                ("name", Self.hidden("name", browser.lastPage) ?? ""), ("phone", "13987654321"),
                ("hometown", "甘肃省平凉市"), ("reason", "本人来电更正"), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(corrected.status == .seeOther)
            let worker = try service.database.worker(id: 1)
            #expect(worker.phone == "13987654321" && worker.hometown == "甘肃省平凉市" && worker.idNumber == full)
            // A clue: its source and summary, the reason kept.
            try await browser.get("/clues/4")
            let clue = try await browser.post("/clues/4/correct", [
                ("source", "legal-aid"), ("received", Self.hidden("received", browser.lastPage) ?? ""),
                ("summary", "更正后的摘要"), ("correct_reason", "登记有误"), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(clue.status == .seeOther)
            #expect(try service.database.clue(4).source == .legalAid && service.database.clue(4).summary == "更正后的摘要")
            // An employer, by a role that keeps employers.
            try await browser.get("/employers/1")
            let employer = try await browser.post("/employers/1/correct", [
                ("name", "更名后的公司"), ("credit_code", Self.hidden("credit_code", browser.lastPage) ?? ""),
                ("reason", "工商变更登记"), ("version", Self.hidden("version", browser.lastPage) ?? ""),
            ])
            #expect(employer.status == .seeOther)
            #expect(try service.database.employer(.id(1)).name == "更名后的公司")
            // A project's facts, by the labor bureau, with the reason; a field left as it was is not a change.
            let labor = WebBrowser(client)
            _ = try await labor.signIn("user-labor")
            try await labor.get("/projects/1")
            let page = labor.lastPage
            let project = try await labor.post("/projects/1/correct", [
                ("region_code", Self.hidden("region_code", page) ?? ""), ("contract_price", Self.hidden("contract_price", page) ?? ""),
                ("standing", "no-arrears-2y"), ("reason", "两年无拖欠，经核实"), ("version", Self.hidden("version", page) ?? ""),
            ])
            #expect(project.status == .seeOther)
            #expect(try service.database.project(.id(1)).standing == .noArrears2y)
        }
        let reasons = try service.database.auditEntries(limit: 100_000).suffix(4).map(\.reason)
        #expect(reasons == ["本人来电更正", "登记有误", "工商变更登记", "两年无拖欠，经核实"])
    }

    @Test func aProsecutorRevealsANumberWithAReasonAndTheRevealIsAudited() async throws {
        let service = try TestService().withPasswords()
        let full = try service.database.worker(id: 1).idNumber
        try await service.app.test(.router) { client in
            let viewer = WebBrowser(client)
            _ = try await viewer.signIn("user-viewer")
            try await viewer.get("/workers/1")
            #expect(!viewer.lastPage.contains(full) && !Self.postForms(viewer.lastPage).contains("/workers/1/reveal"))
            #expect(try await viewer.post("/workers/1/reveal", [("reason", "看看")]).status == .forbidden)

            let prosecutor = WebBrowser(client)
            _ = try await prosecutor.signIn("user-prosecutor")
            try await prosecutor.get("/workers/1")
            #expect(!prosecutor.lastPage.contains(full) && Self.postForms(prosecutor.lastPage).contains("/workers/1/reveal"))
            let before = try service.count("audit_log")
            let noReason = try await prosecutor.post("/workers/1/reveal", [("reason", " ")])
            #expect(try noReason.status == .unprocessableContent && service.count("audit_log") == before)
            let revealed = try await prosecutor.post("/workers/1/reveal", [("reason", "制作支持起诉书")])
            #expect(revealed.status == .ok && String(buffer: revealed.body).contains(full))
            #expect(revealed.headers[.cacheControl] == "no-store")
            let audit = try service.database.auditEntries(since: nil, table: nil, limit: 500, afterID: 0)
            #expect(audit.contains { $0.action == "reveal" && $0.actor == "user-prosecutor" && $0.reason == "制作支持起诉书" })
        }
    }

    @Test func anImportIsCheckedRowByRowThenConfirmedByWhoeverUploadedIt() async throws {
        let service = try TestService().withPasswords()
        let csv = "姓名,身份证号,联系电话\n赵大勇,11010519491231002X,13800000000\n钱小明,440524188001010015,\n孙一,440524188001010014,\n"
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/import")
            let token = try #require(browser.formToken)
            func upload(_ text: String, skip: Bool) async throws -> TestResponse {
                let boundary = "----wagecase-test-boundary"
                var body = ""
                for (name, value) in [("_csrf", token), ("kind", "workers")] + (skip ? [("skip_invalid", "true")] : []) {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
                }
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"工人名单.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n\(text)\r\n--\(boundary)--\r\n"
                return try await client.execute(uri: "/import", method: .post, headers: [
                    .cookie: "wagecase_session=\(browser.cookies["wagecase_session"] ?? "")",
                    .contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(string: body))
            }
            let workers = try service.count("worker")
            // A file that is no table of workers: 422 in the file's own name, never the server's folder.
            let unreadable = try await upload("你好,世界\n1,2\n", skip: false)
            #expect(unreadable.status == .unprocessableContent)
            #expect(!String(buffer: unreadable.body).contains(ImportPages.uploads.path) && !String(buffer: unreadable.body).contains("/tmp"))
            // Without a session nothing is read at all.
            let anonymous = try await client.execute(uri: "/import", method: .post, headers: [
                .contentType: "multipart/form-data; boundary=x"], body: ByteBuffer(string: "--x--\r\n"))
            #expect(anonymous.status == .forbidden)
            let refused = try await upload(csv, skip: false)
            let page = String(buffer: refused.body)
            #expect(refused.status == .ok && page.contains("逐行问题") && page.contains("440524********0015") && !page.contains("440524188001010015"))
            #expect(try !page.contains("/import/confirm") && service.count("worker") == workers)
            let checked = try await upload(csv, skip: true)
            browser.lastPageFrom(checked)
            let kept = try #require(Self.hidden("upload", browser.lastPage))
            #expect(try Self.postForms(browser.lastPage).contains("/import/confirm") && service.count("worker") == workers)
            // Another user cannot run someone else's upload.
            let other = WebBrowser(client)
            _ = try await other.signIn("user-labor")
            try await other.get("/")
            let stolen = try await other.post("/import/confirm", [("upload", kept), ("kind", "workers"), ("skip_invalid", "true")])
            #expect(try stolen.status == .forbidden && service.count("worker") == workers)
            let confirmed = try await browser.post("/import/confirm", [("upload", kept), ("kind", "workers"), ("skip_invalid", "true")])
            #expect(confirmed.status == .ok && String(buffer: confirmed.body).contains("导入已完成并记录"))
            #expect(try service.count("worker") == workers + 2)
            // The kept file is gone once imported.
            let again = try await browser.post("/import/confirm", [("upload", kept), ("kind", "workers"), ("skip_invalid", "true")])
            #expect(again.status == .unprocessableContent)
        }
    }

    @Test func aDigestIsPreviewedAndDownloadedInEveryFormat() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-viewer")
            try await browser.get("/digest?month=2024-09")
            #expect(browser.lastPage.contains("2024年9月") && browser.lastPage.contains("<svg"))
            for format in ["text", "markdown", "html", "csv", "json"] {
                let file = try await browser.get("/digest/download?month=2024-09&format=\(format)")
                #expect(file.status == .ok && file.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"wagecase-2024-09-01-2024-09-30.") == true, "\(format)")
                #expect(file.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            }
            #expect(try await browser.get("/digest/download?month=2024-09&format=pdf").status == .unprocessableContent)
        }
    }

    /// The intake script's question before submitting: the same arrears the store would find, nothing written.
    @Test func theIntakeFormAsksAboutArrearsOnRecordBeforeSubmitting() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/clues/new")
            let before = try service.digest()
            let known = try await browser.post("/clues/check", [("employer", "1"), ("id_number", "620403198203136761")])
            let answer = try JSONSerialization.jsonObject(with: Data(buffer: known.body)) as? [String: Any]
            #expect(known.status == .ok && answer?["known"] as? Bool == true)
            #expect((answer?["message"] as? String)?.contains("线索23") == true)
            let unknown = try await browser.post("/clues/check", [("employer", "1"), ("id_number", "11010519491231002X")])
            let none = try JSONSerialization.jsonObject(with: Data(buffer: unknown.body)) as? [String: Any]
            #expect(none?["known"] as? Bool == false && none?["message"] as? String == "")
            #expect(try await browser.post("/clues/check", [("_csrf", "forged"), ("employer", "1")]).status == .forbidden)
            #expect(try service.digest() == before)
            let viewer = WebBrowser(client)
            _ = try await viewer.signIn("user-viewer")
            try await viewer.get("/")
            #expect(try await viewer.post("/clues/check", [("employer", "1")]).status == .forbidden)
        }
    }

    /// A refused clue action shows the clue again with the refusal beside its form and what was typed kept.
    @Test func aRefusedClueActionKeepsWhatWasTyped() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/clues/23")
            let before = try service.digest()
            let opened = try await browser.post("/clues/23/open", [("opened", "2025-01-12"), ("series", "木工班组"),
                                                                  ("case_numbers", "甲\n乙\n丙")])
            let page = String(buffer: opened.body)
            #expect((400..<500).contains(opened.status.code) && page.contains("<h1>线索 23</h1>"))
            #expect(page.contains("value=\"木工班组\"") && page.contains("class=\"alert\""))
            let rejected = try await browser.post("/clues/23/reject", [("reason", " ")])
            #expect((400..<500).contains(rejected.status.code) && String(buffer: rejected.body).contains("<h1>线索 23</h1>"))
            #expect(try service.digest() == before)
        }
    }

    @Test func aRefusedSuggestionReplyKeepsWhatWasTyped() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            try await browser.get("/suggestions/1")
            let before = try service.digest()
            let refused = try await browser.post("/suggestions/1/reply", [
                ("on", "2024-12-20"), ("summary", "已责令补存<保证金>"), ("secured", "三万"), ("letters_renewed", "2"),
                ("amend", "true"), ("reason", "更正金额"),
            ])
            let page = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent && page.contains("回复未登记") && page.contains("secured"))
            #expect(page.contains("已责令补存&lt;保证金&gt;</textarea>") && page.contains("value=\"三万\"")
                && page.contains("value=\"2024-12-20\"") && page.contains("value=\"更正金额\""))
            #expect(try service.digest() == before)
        }
    }

    /// An event without an amount or notice shows neither — not the guarantee's own amount, not the page's notice.
    @Test func aGuaranteeEventShowsOnlyWhatItHas() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-labor")
            try await browser.get("/guarantees/3?notice=guarantee-event-recorded")
            let page = browser.lastPage
            #expect(page.contains("保证金事项已登记"))
            #expect(!page.contains("支付通知书 保证金事项已登记"))
            // Guarantee 3 is ¥1,300,000; its return request and public notice carry no amount.
            let lines = page.components(separatedBy: "<li>").compactMap { $0.components(separatedBy: "</li>").first }
                .filter { $0.contains("申请返还") || $0.contains("开始公示") }
            #expect(lines.count == 2 && lines.allSatisfy { !$0.contains("元") }, "\(lines)")
        }
    }

    /// Labor staff naming cases on a draw learn nothing about those cases from a refusal.
    @Test func aRefusedDrawSaysNothingAboutTheCasesItNamed() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-labor")
            func draw(_ cases: String) async throws -> String {
                try await browser.get("/guarantees/3")
                let response = try await browser.post("/guarantees/3/events", [
                    ("kind", "drawn"), ("on", "2024-12-10"), ("amount", "1000"), ("notice_number", "平人社保支〔2024〕9号"),
                    ("cases", cases), ("version", Self.hidden("version", browser.lastPage) ?? ""),
                ])
                #expect(response.status == .unprocessableContent, "\(cases)")
                let page = String(buffer: response.body)
                let start = page.range(of: "<div class=\"alert\"")?.lowerBound ?? page.startIndex
                let rest = page[start...]
                return String(rest[..<(rest.range(of: "</ul>")?.upperBound ?? rest.endIndex)])
            }
            let unknown = try await draw("不存在的案号")
            let overpaid = try await draw("1=999999")
            #expect(unknown == overpaid && unknown.contains("无法记入本次动用"), "\(unknown) | \(overpaid)")
        }
    }

    @Test func fiveWrongPasswordsMakeTheNameWaitAndTheWaitIsAudited() async throws {
        let service = try TestService().withPasswords()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            for _ in 0..<5 {
                let wrong = try await browser.signIn("user-viewer", password: "not the password")
                #expect(wrong.status == .unauthorized)
            }
            // Now even the right password is refused, in the same words as a wrong one (which names exist stays
            // unsaid), and no session is made.
            let waiting = try await browser.signIn("user-viewer")
            #expect(waiting.status == .unauthorized && String(buffer: waiting.body).contains("用户名或密码不正确"))
            #expect(browser.cookies["wagecase_session"] == nil)
            let audit = try service.database.auditEntries(since: nil, table: "api_user", limit: 100, afterID: 0)
            #expect(audit.contains { $0.reason?.contains("5") == true && $0.actor == "user-viewer" })
            // Another name is not held up.
            let other = try await WebBrowser(client).signIn("user-labor")
            #expect(other.status == .seeOther)
        }
    }

    @Test func sessionsOutliveARestartAndEndWhenIdleOrSignedOut() async throws {
        let service = try TestService().withPasswords()
        let cookie = try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-viewer")
            return try #require(browser.cookies["wagecase_session"])
        }
        // A new service over the same database: still signed in.
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            browser.set("wagecase_session", cookie)
            let status = try await browser.get("/").status
            #expect(status == .ok)
        }
        // Idle past its expiry (a new service: nothing remembered from the requests before): signed out.
        try service.execute("UPDATE web_session SET expires_at = '2000-01-01T00:00:00+08:00'")
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            browser.set("wagecase_session", cookie)
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try service.count("web_session") == 0)
            // Sign-out ends the session for good.
            _ = try await browser.signIn("user-viewer")
            let again = try #require(browser.cookies["wagecase_session"])
            try await browser.get("/")
            _ = try await browser.post("/logout", [])
            browser.set("wagecase_session", again)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func englishOnRequestAndRemembered() async throws {
        let service = try TestService().withPasswords()
        try await service.insecureApp.test(.router) { client in
            let browser = WebBrowser(client)
            let signedIn = try await browser.signIn("user-prosecutor")
            #expect(try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("wagecase_session=") })
                .contains("Secure") == false)
            let english = try await browser.get("/cases?lang=en")
            #expect(english.headers[.contentLanguage] == "en" && browser.lastPage.contains("Case number"))
            #expect(browser.cookies["wagecase_lang"] == "en")
            try await browser.get("/clues")
            #expect(browser.lastPage.contains("Amount owed") && !browser.lastPage.contains("欠薪金额"))
            try await browser.get("/clues?lang=zh")
            #expect(browser.lastPage.contains("欠薪金额"))
        }
    }

    @Test func assetsHaveVersionedNamesAndLongLives() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let css = WebAssets.stylesheet
            #expect(css.range(of: #"^/assets/app\.[0-9a-f]{12}\.css$"#, options: .regularExpression) != nil)
            let response = try await client.execute(uri: css, method: .get)
            #expect(response.status == .ok && response.headers[.cacheControl]?.contains("immutable") == true)
            let tag = try #require(response.headers[.eTag])
            let again = try await client.execute(uri: css, method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(try await client.execute(uri: "/assets/app.css", method: .get).status == .notFound)
        }
    }

    @Test func everyTemplateParsesAndEveryWordHasItsChinese() {
        #expect(WebTemplates.unparsed.isEmpty)
        let missing = WebTemplates.phrases.filter { !Phrase(stringLiteral: $0).isTranslated }
        #expect(missing.isEmpty, "\(missing.sorted())")
        let menu = WebPage.menuItems.filter { !$0.label.isTranslated }.map(\.path)
        #expect(menu.isEmpty, "\(menu)")
        let notices = WebPage.notices.filter { !$0.value.isTranslated }
        #expect(notices.isEmpty, "\(notices.keys.sorted())")
        #expect(Phrase("The form has expired or did not come from this service; nothing was changed. Open the page again and resubmit.").isTranslated)
    }

    // MARK: Reading pages

    static func inputIDs(_ page: String) -> [String] {
        matches(#"<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)""#, page)
    }

    static func postForms(_ page: String) -> [String] {
        matches(#"<form[^>]*method="post"[^>]*action="([^"]+)""#, page)
    }

    static func firstStageButton(_ page: String) -> String? {
        matches(#"<button type="submit" name="to" value="([^"]+)""#, page).first
    }

    static func hidden(_ name: String, _ page: String) -> String? {
        matches(#"name="\#(name)" value="([^"]*)""#, page).first.map {
            $0.replacingOccurrences(of: "&quot;", with: "\"")
        }
    }

    static func matches(_ pattern: String, _ text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

extension WebBrowser {
    /// Takes a response's page as the last one read (a refused form, shown again).
    func lastPageFrom(_ response: TestResponse) { setLastPage(String(buffer: response.body)) }
}
