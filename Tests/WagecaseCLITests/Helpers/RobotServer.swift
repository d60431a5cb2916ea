import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A real HTTP server on 127.0.0.1 standing in for a WeCom/DingTalk group robot: it records every POST (query
/// and JSON body) and answers with the scripted replies in order, then with {"errcode":0,"errmsg":"ok"}.
final class RobotServer: Sendable {
    struct Received: Sendable {
        let path: String
        let query: String
        let body: [String: any Sendable]
    }

    private let state: Mutex<(received: [Received], replies: [(status: Int, body: String)])>

    init(replies: [(status: Int, body: String)] = []) {
        state = Mutex(([], replies))
    }

    var received: [Received] { state.withLock { $0.received } }

    /// Runs `body` with the server's port while the server is up.
    func serve(_ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
            let reply: (status: Int, body: String) = self.state.withLock { state in
                state.received.append(Received(path: request.uri.path, query: request.uri.query ?? "",
                                               body: json.mapValues { RobotServer.sendable($0) }))
                return state.replies.isEmpty ? (200, #"{"errcode":0,"errmsg":"ok"}"#) : state.replies.removeFirst()
            }
            return Response(status: .init(code: reply.status), headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: reply.body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(client.port!) }
    }

    private static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case let dictionary as [String: Any]: dictionary.mapValues { sendable($0) }
        case let string as String: string
        case let number as NSNumber: number.intValue
        default: String(describing: value)
        }
    }
}
