import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WagecaseCore

/// Documents and evidence through the API: who may make, see and download what, and how a file is handed out.
@Suite("Documents and evidence over HTTP")
struct DocumentAPITests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x21, count: 300) + [0xFF, 0xD9]

    @Test func aDocumentIsMadeByAProsecutorAndDownloadedOnlyAsAFile() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let made = try await client.execute(uri: "/api/v1/documents", method: .post, headers: service.headers(.prosecutor),
                                                body: body(#"{"kind":"support-letter","case":"1","format":"docx"}"#))
            #expect(made.status == .created, "\(String(buffer: made.body))")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: made.body)) as? [String: Any])
            let id = try #require(json["id"] as? Int)
            #expect(json["number"] as? String == "平检民支〔2026〕1号")
            #expect(made.headers[.location] == "/api/v1/documents/\(id)")
            let file = try await client.execute(uri: "/api/v1/documents/\(id)/file", method: .get, headers: service.headers(.prosecutor))
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment; filename=") == true)
            #expect(file.headers[.contentDisposition]?.contains("filename*=UTF-8''%E6%94%AF") == true)
            #expect(file.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(file.headers[.contentType] == DocumentFormat.docx.mediaType)
            #expect(Array(file.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            // A viewer sees the register, not the file (it shows ID numbers in full); labor-bureau staff neither.
            let viewerList = try await client.execute(uri: "/api/v1/documents?case=1", method: .get, headers: service.headers(.viewer))
            #expect(viewerList.status == .ok && String(buffer: viewerList.body).contains("平检民支〔2026〕1号"))
            let viewerFile = try await client.execute(uri: "/api/v1/documents/\(id)/file", method: .get, headers: service.headers(.viewer))
            #expect(viewerFile.status == .forbidden)
            let labor = try await client.execute(uri: "/api/v1/documents", method: .get, headers: service.headers(.labor))
            #expect(labor.status == .forbidden)
            let void = try await client.execute(uri: "/api/v1/documents/\(id)/void", method: .post, headers: service.headers(.prosecutor),
                                                body: body(#"{"reason":"法院名称有误"}"#))
            #expect(void.status == .ok && String(buffer: void.body).contains("法院名称有误"))
        }
    }

    @Test func aDocumentTheRecordDoesNotSupportIsA422InChinese() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let refused = try await client.execute(uri: "/api/v1/documents", method: .post, headers: service.headers(.prosecutor),
                                                   body: body(#"{"kind":"decline-notice","case":"1"}"#))
            #expect(refused.status.code == 422 || refused.status.code == 409, "\(refused.status)")
            #expect(String(buffer: refused.body).contains("不支持起诉"))
            let unknown = try await client.execute(uri: "/api/v1/documents", method: .post, headers: service.headers(.prosecutor),
                                                   body: body(#"{"kind":"letter","case":"1","extra":1}"#))
            #expect(unknown.status.code == 400 || unknown.status.code == 422)
            #expect(try service.count("document") == 0)
        }
    }

    @Test func thePreviewIsHTMLThatRunsNothing() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let preview = try await client.execute(uri: "/api/v1/documents/preview", method: .post, headers: service.headers(.prosecutor),
                                                   body: body(#"{"kind":"acceptance-notice","case":"1"}"#))
            #expect(preview.status == .ok)
            #expect(preview.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let html = String(buffer: preview.body)
            #expect(html.contains("（文号待定）") && html.contains("受理通知书") && !html.contains("<script"))
            #expect(try service.count("document") == 0, "a preview is not recorded")
        }
    }

    @Test func evidenceIsListedForWhoSeesTheCaseAndServedOnlyToWhoMayReveal() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let upload = try await client.execute(uri: "/api/v1/cases/1/attachments?kind=id-copy&file_name=%E8%BA%AB%E4%BB%BD%E8%AF%81.jpg",
                                                  method: .post, headers: service.headers(.prosecutor, [.contentType: "image/jpeg"]),
                                                  body: ByteBuffer(bytes: Self.jpeg))
            #expect(upload.status == .created, "\(String(buffer: upload.body))")
            let photo = try await client.execute(uri: "/api/v1/cases/1/attachments?kind=photo&file_name=site.jpg", method: .post,
                                                 headers: service.headers(.prosecutor), body: ByteBuffer(bytes: Self.jpeg + [0]))
            #expect(photo.status == .created)
            let list = try await client.execute(uri: "/api/v1/cases/1/attachments", method: .get, headers: service.headers(.viewer))
            let items = try #require(try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [[String: Any]])
            #expect(items.map { $0["kind"] as? String } == ["id-copy", "photo"])
            let copyID = try #require(items[0]["id"] as? Int), photoID = try #require(items[1]["id"] as? Int)
            // Evidence names people in full whatever its kind: a viewer sees the list, not the files.
            for id in [copyID, photoID] {
                let viewer = try await client.execute(uri: "/api/v1/attachments/\(id)/file", method: .get, headers: service.headers(.viewer))
                #expect(viewer.status == .forbidden)
            }
            let laborPhoto = try await client.execute(uri: "/api/v1/attachments/\(photoID)/file", method: .get, headers: service.headers(.labor))
            #expect(laborPhoto.status == .forbidden)
            let prosecutorCopy = try await client.execute(uri: "/api/v1/attachments/\(copyID)/file", method: .get,
                                                          headers: service.headers(.prosecutor))
            #expect(prosecutorCopy.status == .ok && Array(prosecutorCopy.body.readableBytesView) == Self.jpeg)
            #expect(prosecutorCopy.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(prosecutorCopy.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            // A program named as a photo is refused, and nothing is kept.
            let before = try service.count("stored_file")
            let program = try await client.execute(uri: "/api/v1/cases/1/attachments?kind=photo&file_name=a.jpg", method: .post,
                                                   headers: service.headers(.prosecutor), body: ByteBuffer(bytes: [0x7F, 0x45, 0x4C, 0x46, 1, 2, 3]))
            #expect(program.status.code == 422, "\(program.status)")
            #expect(try service.count("stored_file") == before)
            let removed = try await client.execute(uri: "/api/v1/attachments/\(photoID)/remove", method: .post,
                                                   headers: service.headers(.prosecutor), body: body(#"{"reason":"拍错了"}"#))
            #expect(removed.status == .ok && String(buffer: removed.body).contains("拍错了"))
        }
    }
}
