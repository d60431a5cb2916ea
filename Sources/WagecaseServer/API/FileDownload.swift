import Foundation
import Hummingbird
import NIOCore

/// A stored file handed out: always as a download under its own name, never sniffed, rendered or run by the
/// browser, never cached (documents and evidence name people in full).
enum FileDownload {
    static func response(_ bytes: Data, mediaType: String, fileName: String) -> Response {
        var headers: HTTPFields = [
            .contentType: mediaType,
            .contentDisposition: disposition(fileName),
            .cacheControl: "no-store",
            .contentSecurityPolicy: "sandbox; default-src 'none'",
        ]
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `attachment` with an ASCII fallback name and the real one in RFC 5987 form (Chinese names survive).
    static func disposition(_ fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar != ";" ? Character(scalar) : "_"
        })
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// A document's HTML shown in the browser (the preview): our own page, which loads and runs nothing.
    static func preview(_ html: Data) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                   .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'"]
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: html)))
    }
}
