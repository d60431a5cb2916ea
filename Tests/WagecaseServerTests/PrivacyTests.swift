import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WagecaseCore

/// Nothing a reader receives, nor anything derived from it, gives away a digit it may not see.
@Suite("Privacy of masked values")
struct PrivacyTests {
    /// A tag over hidden digits can be inverted by trying the ~24,000 possible birth dates; the tag must be the
    /// same whatever the hidden digits are, and still change when anything a reader sees changes.
    @Test func entityTagsDoNotDependOnHiddenDigits() async throws {
        let service = try TestService()
        let paths = ["/api/v1/workers/1", "/api/v1/clues/1", "/api/v1/cases/1"]
        try await service.app.test(.router) { client in
            func tags() async throws -> [String] {
                var tags: [String] = []
                for path in paths {
                    let response = try await client.execute(uri: path, method: .get, headers: service.headers(.viewer))
                    #expect(response.status == .ok)
                    tags.append(try #require(response.headers[.eTag]))
                }
                return tags
            }
            let before = try await tags()
            // Other birth-date digits, other middle digits of the card and the phone: nothing a viewer sees.
            try service.execute("""
                UPDATE worker SET id_number = '620403199001016761', bank_card = '11' || substr(bank_card, 3),
                                  phone = substr(phone, 1, 3) || '0000' || substr(phone, 8) WHERE id = 1
                """)
            let unchanged = try await tags()
            #expect(unchanged == before)
            // A revealing prosecutor gets the same tags as a viewer.
            for (path, tag) in zip(paths, before) {
                let revealed = try await client.execute(uri: path + "?reveal=true&reason=check", method: .get,
                                                        headers: service.headers(.prosecutor))
                #expect(revealed.status == .ok && revealed.headers[.eTag] == tag, "\(path)")
            }
            // What a reader does see still changes the tag.
            try service.execute("UPDATE worker SET name = '张建民' WHERE id = 1")
            try service.execute("UPDATE clue SET summary = '改' WHERE id = 1")
            try service.execute("UPDATE wage_case SET stage_on = '2024-12-31' WHERE id = 1")
            let after = try await tags()
            #expect(zip(before, after).allSatisfy { $0 != $1 })
        }
    }

    /// The case files — clues, cases, workers — are read by prosecutors and viewers only, through the API as on
    /// the pages; the guarantee side and the figures are open to every role.
    @Test func caseFilesAreReadByProsecutorsAndViewersOnly() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            for role in Role.allCases {
                for uri in ["/api/v1/clues", "/api/v1/clues/1", "/api/v1/cases", "/api/v1/cases/1", "/api/v1/workers",
                            "/api/v1/workers/1"] {
                    let response = try await client.execute(uri: uri, method: .get, headers: service.headers(role))
                    #expect(response.status == (role.seesCaseData ? .ok : .forbidden), "\(role) \(uri)")
                }
                for uri in ["/api/v1/projects/1", "/api/v1/guarantees", "/api/v1/alerts", "/api/v1/stats",
                            "/api/v1/employers"] {
                    let response = try await client.execute(uri: uri, method: .get, headers: service.headers(role))
                    #expect(response.status == .ok, "\(role) \(uri)")
                }
            }
        }
    }

    @Test func anIDNumberInThePathIsNoKeyForAnyRole() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            for role in [Role.viewer, .labor, .admin, .prosecutor] {
                // 620403198203136761 is on record, 620403198203136788 is not: the answers must not differ.
                let known = try await client.execute(uri: "/api/v1/workers/620403198203136761", method: .get,
                                                     headers: service.headers(role))
                let unknown = try await client.execute(uri: "/api/v1/workers/620403198203136788", method: .get,
                                                       headers: service.headers(role))
                // Labor-bureau staff and administrators read no workers at all: refused before any lookup.
                let status: HTTPResponse.Status = role.seesCaseData ? .notFound : .forbidden
                #expect(known.status == status && unknown.status == status, "\(role)")
                #expect(String(buffer: known.body).replacingOccurrences(of: "6761", with: "6788")
                    == String(buffer: unknown.body))
                // Asking to reveal without the right is refused before any lookup, found or not.
                if !role.may(.reveal) {
                    let present = try await client.execute(uri: "/api/v1/workers/1?reveal=true&reason=x", method: .get,
                                                           headers: service.headers(role))
                    let absent = try await client.execute(uri: "/api/v1/workers/999999?reveal=true&reason=x",
                                                          method: .get, headers: service.headers(role))
                    #expect(present.status == .forbidden && absent.status == .forbidden)
                }
            }
        }
    }

    @Test func aRevealStatesWhyAndTheReasonIsAudited() async throws {
        let service = try TestService()
        let before = try service.database.auditEntries(limit: 100_000).count
        try await service.app.test(.router) { client in
            let noReason = try await client.execute(uri: "/api/v1/workers/1?reveal=true", method: .get,
                                                    headers: service.headers(.prosecutor))
            #expect(try noReason.status.code == 422 && object(noReason)["field"] as? String == "reason")
            let notABoolean = try await client.execute(uri: "/api/v1/workers/1?reveal=maybe&reason=x", method: .get,
                                                       headers: service.headers(.prosecutor))
            #expect(try notABoolean.status.code == 422 && object(notABoolean)["field"] as? String == "reveal")
            #expect(try service.database.auditEntries(limit: 100_000).count == before)
            let shown = try await client.execute(uri: "/api/v1/workers/1?reveal=true&reason=%E5%87%BA%E5%BA%AD",
                                                 method: .get, headers: service.headers(.prosecutor))
            #expect(try object(shown)["id_number"] as? String == "620403198203136761")
        }
        let reveal = try #require(try service.database.auditEntries(limit: 100_000).last)
        #expect(reveal.action == "reveal" && reveal.reason == "出庭" && reveal.actor == "user-prosecutor")
    }

    @Test func phonesAndCardsAreMaskedLikeIDNumbers() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let worker = try object(try await client.execute(uri: "/api/v1/workers/1", method: .get,
                                                             headers: service.headers(.viewer)))
            let response = try await client.execute(uri: "/api/v1/workers?limit=5", method: .get,
                                                    headers: service.headers(.viewer))
            #expect(response.headers[.cacheControl] == "no-store")
            let phone = try #require(worker["phone"] as? String)
            #expect(phone.contains("****") && phone.count == 11)
            // A refusal quotes a long number masked, not in full.
            let refused = try await client.execute(
                uri: "/api/v1/workers", method: .post, headers: service.headers(.prosecutor),
                body: body(#"{"name":"王志强","id_number":"110105194912310020"}"#))
            #expect(refused.status.code == 422)
            #expect(!String(buffer: refused.body).contains("110105194912310020"))
            #expect(String(buffer: refused.body).contains("110105********0020"))
        }
    }
}

