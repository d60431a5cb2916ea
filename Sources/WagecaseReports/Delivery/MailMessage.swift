import Foundation

/// A MIME mail (RFC 5322/2045/2047): multipart/alternative with a UTF-8 text part and an HTML part, both base64,
/// and a UTF-8 subject encoded as RFC 2047 words, for `sendmail -t`.
public struct MailMessage: Sendable {
    public var to: [String]
    public var from: String?
    public var subject: String
    public var text: String
    public var html: String
    public var date: Date
    public var boundary: String

    public init(to: [String], from: String?, subject: String, text: String, html: String, date: Date = Date(),
                boundary: String = "wagecase-" + UUID().uuidString) {
        (self.to, self.from, self.subject, self.text, self.html, self.date, self.boundary) =
            (to, from, subject, text, html, date, boundary)
    }

    public func render() -> String {
        var lines: [String] = []
        if let from { lines.append("From: \(from)") }
        lines.append("To: " + to.joined(separator: ", "))
        lines.append("Subject: " + Self.encodedWords(subject))
        lines.append("Date: " + Self.rfc5322Date(date))
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        lines.append("")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=UTF-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines += Self.wrapped(Data(body.utf8).base64EncodedString())
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// "=?UTF-8?B?…?=" words of at most 75 characters, split between characters, folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0 == "=" || $0 == "?" }) else { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {  // 45 bytes → 60 base64 characters + 12 of framing
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    static func wrapped(_ base64: String) -> [String] {
        var lines: [String] = []
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 76, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        return lines
    }
}
