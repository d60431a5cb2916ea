import Foundation
import WagecaseCore
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// A request too malformed to reach the router (a 100 kB path, raw bytes in the request line, a broken header)
/// is answered like every other refusal, with a problem+json body that says what was wrong, and the connection
/// is closed. Without this the HTTP server answers a bare 400 with no body.
final class ParseErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var answered = false
    /// A response is being written (pipelined requests): a second head cannot be put in the middle of it.
    private var responding = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: responding = true
        case .end: responding = false
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        guard !answered else { return }
        answered = true
        if responding {
            // Garbage after a good request: the answer in flight is finished by the server; then the line closes.
            context.close(mode: .input, promise: nil)
            return
        }
        let (status, detail) = Self.problem(for: parserError)
        // The headers could not be read, so neither could Accept-Language: the service's own language, Chinese.
        let problem = Problem(type: "/problems/malformed-request", title: status.reasonPhrase, status: Int(status.code),
                              detail: detail.text(.zh), code: "request.malformed")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(problem)) ?? Data()
        let head = HTTPResponse(status: status, headerFields: [
            .contentType: "application/problem+json", .contentLength: String(body.count), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in boundContext.value.close(promise: nil) }
    }

    static func problem(for error: HTTPParserError) -> (HTTPResponse.Status, Phrase) {
        switch error {
        case .headerOverflow:
            (.init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
             "the request line and headers are longer than the service accepts (80 KiB)")
        case .invalidURL:
            (.badRequest, "the request line holds a path or query the service cannot read; percent-encode non-ASCII characters (UTF-8)")
        default:
            (.badRequest, "the request is not well-formed HTTP/1.1 (\(error))")
        }
    }
}
