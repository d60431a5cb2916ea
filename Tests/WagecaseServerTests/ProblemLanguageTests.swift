import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WagecaseCore
@testable import WagecaseServer

@Suite("API refusals: codes, every problem at once, Chinese unless English is asked for")
struct ProblemLanguageTests {
    static let badClue = #"{"source":"email","received":"2024-02-30","employer":1,"#
        + #""workers":[{"id_number":"110105194912310020","claimed_fen":100}]}"#

    @Test func aBodyWithSeveralProblemsListsThemAllInChinese() async throws {
        let service = try TestService()
        let before = try service.digest()
        try await service.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/clues", method: .post,
                                                    headers: service.headers(.prosecutor), body: body(Self.badClue))
            #expect(response.status.code == 422)
            #expect(response.headers[.contentLanguage] == "zh-CN")
            let problem = try object(response)
            #expect(problem["code"] as? String == "field.invalid")
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(Set(errors.compactMap { $0["field"] as? String })
                == ["source", "received", "workers[0].id_number"])
            #expect(errors.allSatisfy { $0["code"] as? String == "field.invalid" })
            let detail = try #require(problem["detail"] as? String)
            for label in ["线索来源", "收到日期", "身份证号"] { #expect(detail.contains(label), "\(detail)") }
            // No English words besides what the client sent (quoted 「…」): every phrase has its Chinese.
            let words = detail.replacing(/「[^」]*」/, with: "").replacing(/GB 11643/, with: "")
            #expect(words.range(of: "[A-Za-z]{3,}", options: .regularExpression) == nil, "\(detail)")
            // The full ID number given is not echoed.
            #expect(!String(buffer: response.body).contains("110105194912310020"))
        }
        #expect(try service.digest() == before)
    }

    @Test func englishWhenTheClientPrefersIt() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/clues", method: .post,
                headers: service.headers(.prosecutor, [.acceptLanguage: "en-GB,en;q=0.9,zh;q=0.5"]),
                body: body(Self.badClue))
            #expect(response.headers[.contentLanguage] == "en")
            let problem = try object(response)
            let detail = try #require(problem["detail"] as? String)
            #expect(detail.contains("source: \"email\" is not a known value") && detail.contains("received"))
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.count == 3)
        }
    }

    @Test func aRefusalOfTheDomainHasItsStableCode() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let stage = try await client.execute(uri: "/api/v1/cases/7/advance", method: .post,
                                                 headers: service.headers(.prosecutor),
                                                 body: body(#"{"to":"closed","on":"2025-01-02"}"#))
            #expect(try object(stage)["code"] as? String == "case.stage_not_allowed")
            #expect((try object(stage)["detail"] as? String)?.contains("不能转入") == true)
            let forbidden = try await client.execute(uri: "/api/v1/cases/7/advance", method: .post,
                                                     headers: service.headers(.viewer),
                                                     body: body(#"{"to":"investigating","on":"2025-01-02"}"#))
            #expect(forbidden.status == .forbidden)
            #expect(try object(forbidden)["code"] as? String == "auth.role_not_allowed")
            let missing = try await client.execute(uri: "/api/v1/cases/99999", method: .get,
                                                   headers: service.headers(.viewer))
            #expect(try object(missing)["code"] as? String == "record.not_found")
        }
    }

    @Test(arguments: [
        (nil, Language.zh), ("en", .en), ("en-US,en;q=0.9", .en), ("zh-CN,zh;q=0.9,en;q=0.8", .zh), ("fr-FR", .zh),
        ("en;q=0.1, zh;q=0.5", .zh), ("zh;q=0, en", .en), ("*", .zh), ("en;q=abc", .zh),
    ] as [(String?, Language)])
    func theLanguageComesFromAcceptLanguage(header: String?, expected: Language) {
        #expect(Language.preferred(by: header) == expected)
    }
}

@Suite("Revocation through the service")
struct RevocationTests {
    @Test func aTokenRevokedHereStopsAtOnceEvenWhenCached() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            // Used once: now in the token cache.
            #expect(try await client.execute(uri: "/api/v1/cases/7", method: .get,
                                             headers: service.headers(.viewer)).status == .ok)
            let revoked = try await client.execute(uri: "/api/v1/users/user-viewer/revoke", method: .post,
                                                   headers: service.headers(.admin))
            #expect(revoked.status == .ok, "\(String(buffer: revoked.body))")
            let after = try await client.execute(uri: "/api/v1/cases/7", method: .get, headers: service.headers(.viewer))
            #expect(after.status == .unauthorized)
            #expect(try object(after)["code"] as? String == "auth.token_required")
        }
    }
}
