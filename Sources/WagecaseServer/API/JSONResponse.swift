import Foundation
import Hummingbird
import NIOCore
import WagecaseCore

/// JSON responses with the same keys as the CLI's --json. Never stored by a browser or proxy cache: they carry
/// personal data (in full after a reveal).
enum JSONResponse {
    static let headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: String? = nil,
                                   location: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        var headers = Self.headers
        if let etag { headers[.eTag] = etag }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension JSONResponse {
    /// One record that writes its own JSON, byte-for-byte what `make` would send.
    static func make<T: JSONWritable>(written value: T, status: HTTPResponse.Status = .ok,
                                      location: String? = nil) -> Response {
        var json = JSONBuffer(capacity: 1024)
        value.write(to: &json)
        var headers = Self.headers
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }

    /// A whole list of records that write their own JSON (every alert of a day), byte-for-byte what `make` would
    /// send.
    static func list<Item: JSONWritable>(_ items: [Item]) -> Response {
        var json = JSONBuffer(capacity: 512 * max(items.count, 1))
        json.beginArray()
        for item in items { item.write(to: &json) }
        json.endArray()
        return Response(status: .ok, headers: Self.headers, body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }

    /// A page of records that write their own JSON (the hot lists), byte-for-byte what `make` would send.
    static func page<Item: JSONWritable & Encodable>(_ page: Page<Item>) -> Response {
        var json = JSONBuffer(capacity: 512 * max(page.items.count, 1))
        json.beginObject()
        json.key("items")
        json.beginArray()
        for item in page.items { item.write(to: &json) }
        json.endArray()
        json.field("next_cursor", page.nextCursor)
        json.endObject()
        return Response(status: .ok, headers: Self.headers, body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }
}

/// A page of a list: the items and an opaque cursor for the next page (null on the last one).
struct Page<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }
}

/// Paging parameters: ?limit=1…200 (default 50) and ?cursor= from the previous page.
struct Paging {
    static let maxLimit = 200
    var limit: Int
    var afterID: Int64

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        if let text = query["limit"].map(String.init) {
            guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
                throw APIError.badRequest(field: "limit", reason: "limit must be a whole number from 1 to \(Self.maxLimit)")
            }
            self.limit = limit
        } else {
            limit = 50
        }
        if let cursor = query["cursor"].map(String.init) {
            guard let id = Self.decodeCursor(cursor) else {
                throw APIError.badRequest(field: "cursor", reason: "cursor is not one this server issued")
            }
            afterID = id
        } else {
            afterID = 0
        }
    }

    /// The page, with a cursor when it is full (there may be more).
    func page<Item: Encodable>(_ items: [Item], id: (Item) -> Int64) -> Page<Item> {
        Page(items: items, nextCursor: items.count == limit ? items.last.map { Self.encodeCursor(id($0)) } : nil)
    }

    static func encodeCursor(_ id: Int64) -> String {
        Data("after:\(id)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func decodeCursor(_ cursor: String) -> Int64? {
        var text = cursor
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8),
              plain.hasPrefix("after:"), let id = Int64(plain.dropFirst(6)), id >= 0 else { return nil }
        return id
    }
}

extension Request {
    /// A query parameter run through a domain parser, so a bad value is a 422 naming the parameter.
    func query(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init)
    }

    /// `?replace=true&reason=…`: a load over something already in force, with why.
    func replaceReason() throws(WagecaseError) -> String? {
        try Correction.reason(asked: try flag("replace") == true, flag: "replace", reason: query("reason"))
    }

    /// A yes/no query parameter: absent is nil; "true" or "false" (also 1/0); anything else is refused, never
    /// read as false.
    func flag(_ name: String) throws(WagecaseError) -> Bool? {
        guard let text = query(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw .invalidField(field: name, value: text, reason: "is not a yes/no value", allowed: "true or false")
        }
    }
}
