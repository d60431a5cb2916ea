import Crypto
import Foundation
import Hummingbird
import NIOCore
import WagecaseCore

/// The pages' stylesheet and script, embedded at build time (Web/assets). Each is served under a name that carries
/// a hash of its content (`app.3f9c2a1b.css`), so a browser may keep it for a year: a changed file is a new URL.
struct WebAsset: Sendable {
    let fileName: String
    let versionedName: String
    let contentType: String
    let body: ByteBuffer
    let etag: String

    var url: String { "/assets/\(versionedName)" }
}

enum WebAssets {
    static let byVersionedName: [String: WebAsset] = {
        var assets: [String: WebAsset] = [:]
        for (name, text) in embeddedWebAssets {
            let digest = Hex.string(SHA256.hash(data: Data(text.utf8)))
            let hash = String(digest.prefix(12))
            let dot = name.lastIndex(of: ".") ?? name.endIndex
            let versioned = "\(name[..<dot]).\(hash)\(name[dot...])"
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
            assets[versioned] = WebAsset(fileName: name, versionedName: versioned, contentType: type,
                                         body: ByteBuffer(string: text), etag: "\"\(hash)\"")
        }
        return assets
    }()

    /// The versioned URL of an asset by its file name.
    static func url(_ fileName: String) -> String {
        byVersionedName.values.first { $0.fileName == fileName }?.url ?? "/assets/\(fileName)"
    }

    static let stylesheet = url("app.css")
    static let script = url("app.js")

    static func response(_ request: Request, name: String) -> Response {
        guard let asset = byVersionedName[name] else { return Response(status: .notFound) }
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag,
                                   .cacheControl: "public, max-age=31536000, immutable"]
        if request.headers[.ifNoneMatch] == asset.etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(asset.body.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}
