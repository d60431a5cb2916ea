import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A WeCom (企业微信) or DingTalk (钉钉) group robot: a webhook URL that takes a JSON POST of Markdown.
public struct ChatRobot: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case wecom, dingtalk

        /// The most a message's Markdown may hold, in UTF-8 bytes (WeCom: 4096; DingTalk: 20000).
        public var limit: Int { self == .wecom ? 4096 : 20_000 }
    }

    public let kind: Kind
    public let url: URL
    /// DingTalk's "加签" secret: each request is signed with it (timestamp + HMAC-SHA256).
    public let secret: String?

    public init(kind: Kind, url: String, secret: String? = nil) throws(DeliveryError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              parsed.host != nil else { throw .invalidWebhookURL(url) }
        (self.kind, self.url, self.secret) = (kind, parsed, secret)
    }

    /// The JSON body for one message.
    public func payload(title: String, markdown: String) -> Data {
        let object: [String: Any] = switch kind {
        case .wecom: ["msgtype": "markdown", "markdown": ["content": markdown]]
        case .dingtalk: ["msgtype": "markdown", "markdown": ["title": title, "text": markdown]]
        }
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The URL to post to: for DingTalk with a secret, with `timestamp` (ms) and `sign` =
    /// base64(HMAC-SHA256(secret, "timestamp\nsecret")), URL-encoded, as DingTalk documents.
    public func signedURL(now: Date = Date()) -> URL {
        guard kind == .dingtalk, let secret, !secret.isEmpty else { return url }
        let timestamp = String(Int64(now.timeIntervalSince1970 * 1000))
        let signature = Self.signature(timestamp: timestamp, secret: secret)
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        var query = components.percentEncodedQueryItems ?? []
        query.append(URLQueryItem(name: "timestamp", value: timestamp))
        query.append(URLQueryItem(name: "sign", value: signature.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
        components.percentEncodedQueryItems = query
        return components.url!
    }

    public static func signature(timestamp: String, secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp)\n\(secret)".utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// Splits `blocks` into messages within the robot's limit, keeping blocks whole where they fit and lines whole
    /// where they fit; every later message starts with "title (2/3)" so the group sees one report in parts.
    public func messages(title: String, blocks: [String]) -> [String] {
        let budget = kind.limit - 64 - title.utf8.count  // room for the "(n/m)" heading of later parts
        var pieces: [String] = []
        for block in blocks {
            if block.utf8.count <= budget { pieces.append(block); continue }
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                var rest = Substring(line)
                while rest.utf8.count > budget {
                    var cut = rest.startIndex
                    var bytes = 0
                    for index in rest.indices {
                        let size = rest[index].utf8.count
                        if bytes + size > budget { break }
                        bytes += size
                        cut = rest.index(after: index)
                    }
                    pieces.append(String(rest[..<cut]))
                    rest = rest[cut...]
                }
                pieces.append(String(rest))
            }
        }
        var messages: [String] = []
        var current = ""
        for piece in pieces {
            let joined = current.isEmpty ? piece : current + "\n\n" + piece
            if joined.utf8.count <= budget { current = joined } else { messages.append(current); current = piece }
        }
        if !current.isEmpty || messages.isEmpty { messages.append(current) }
        guard messages.count > 1 else { return messages }
        return messages.enumerated().map { index, text in
            index == 0 ? text : "**\(title)（\(index + 1)/\(messages.count)）**\n\n" + text
        }
    }

    /// Posts every message in order, each with the retry policy; stops at the first message that cannot be sent.
    public func send(title: String, blocks: [String], retry: RetryPolicy) async throws(DeliveryError) {
        for message in messages(title: title, blocks: blocks) {
            try await retry.run({ () async throws(AttemptFailure) in try await post(title: title, markdown: message) },
                                failure: { .webhook(attempts: $0, reason: $1) })
        }
    }

    private func post(title: String, markdown: String) async throws(AttemptFailure) {
        var request = URLRequest(url: signedURL(), timeoutInterval: 15)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = payload(title: title, markdown: markdown)
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw AttemptFailure(reason: "\(url.host ?? "host"): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw AttemptFailure(reason: "HTTP \(status) from \(url.host ?? "host")",
                                 retryable: status >= 500 || status == 429 || status == 408)
        }
        // Both robots answer 200 with {"errcode": 0, "errmsg": "ok"}; anything else is their refusal.
        let answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let code = (answer?["errcode"] as? NSNumber)?.intValue ?? -1
        guard code == 0 else {
            let message = answer?["errmsg"] as? String ?? String(decoding: data.prefix(200), as: UTF8.self)
            // Rate limits pass; a wrong key, signature or keyword will not.
            throw AttemptFailure(reason: "\(kind.rawValue) robot refused the message: errcode \(code), \(message)",
                                 retryable: code == 45009 || code == 130101 || code == -1)
        }
    }
}
