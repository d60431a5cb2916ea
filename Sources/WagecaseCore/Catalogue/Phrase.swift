import Foundation

/// Words for people, in both languages the product speaks. A phrase is written in English where it is used, with
/// its values interpolated (`"is before the effective date (\(effective))"`); the English text with `%@` for each
/// value is its key, and the Chinese for that key comes from the catalogue (`Catalogue.zh`), so every message
/// lives in one place per language and a test checks that none is missing. A vocabulary value interpolated into
/// a phrase is shown by its label in the reader's language, never by its identifier.
public struct Phrase: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible, Encodable {
    /// A value set into a phrase.
    public enum Argument: Sendable, Hashable {
        /// Shown as it is in both languages (numbers, dates, amounts, what the user typed).
        case text(String)
        /// Shown in the reader's language.
        case phrase(Phrase)
    }

    /// The English text with `%@` for each argument.
    public let key: String
    public let arguments: [Argument]

    public init(key: String, arguments: [Argument] = []) {
        (self.key, self.arguments) = (key, arguments)
    }

    public init(stringLiteral value: String) {
        self.init(key: value.replacingAll("%", with: "%%"))
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(key: stringInterpolation.key, arguments: stringInterpolation.arguments)
    }

    /// Text in both languages given here rather than in the catalogue: a vocabulary label, a name.
    public static func both(zh: String, en: String) -> Phrase {
        Phrase(key: "%@", arguments: [.phrase(Phrase(key: Self.pairMarker + en, arguments: [.text(zh)]))])
    }

    /// A value the same in both languages.
    public static func verbatim(_ text: String) -> Phrase { Phrase(key: "%@", arguments: [.text(text)]) }

    private static let pairMarker = "\u{1}pair:"

    public func text(_ language: Language) -> String {
        if key.hasPrefix(Self.pairMarker) {
            guard language == .zh, case .text(let zh)? = arguments.first else { return String(key.dropFirst(Self.pairMarker.count)) }
            return zh
        }
        let template = language == .zh ? (Catalogue.zh[key] ?? key) : key
        return Self.fill(template, with: arguments.map { argument in
            switch argument {
            case .text(let text): text
            case .phrase(let phrase): phrase.text(language)
            }
        })
    }

    /// In JSON, the text in the language the encoder's `userInfo[Language.userInfoKey]` names (Chinese if none).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text(encoder.userInfo[Language.userInfoKey] as? Language ?? .zh))
    }

    /// English, for logs and `String(describing:)`.
    public var description: String { text(.en) }

    /// Whether the catalogue has Chinese for this phrase and every phrase set into it.
    public var isTranslated: Bool {
        let own = key.hasPrefix(Self.pairMarker) || key == "%@" || !key.contains(where: \.isLetter)
            || Catalogue.zh[key] != nil
        return own && arguments.allSatisfy { if case .phrase(let inner) = $0 { inner.isTranslated } else { true } }
    }

    /// Sets the values into a template: `%@` takes the next value, `%2$@` the second (Chinese often needs the
    /// values in another order), `%%` is a percent sign.
    static func fill(_ template: String, with values: [String]) -> String {
        var result = ""
        var next = 0
        var rest = Substring(template)
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            let after = rest[rest.index(after: percent)...]
            if after.hasPrefix("@") {
                result += next < values.count ? values[next] : ""
                next += 1
                rest = after.dropFirst()
            } else if after.hasPrefix("%") {
                result += "%"
                rest = after.dropFirst()
            } else if let dollar = after.firstIndex(of: "$"), after[dollar...].dropFirst().hasPrefix("@"),
                      let position = Int(after[..<dollar]), position >= 1 {
                result += position <= values.count ? values[position - 1] : ""
                rest = after[dollar...].dropFirst(2)
            } else {
                result += "%"
                rest = after
            }
        }
        return result + rest
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            key += literal.replacingAll("%", with: "%%")
        }

        public mutating func appendInterpolation(_ phrase: Phrase) {
            key += "%@"
            arguments.append(.phrase(phrase))
        }

        public mutating func appendInterpolation<Value: Vocabulary>(_ value: Value) {
            appendInterpolation(Phrase.both(zh: value.zh, en: value.en))
        }

        public mutating func appendInterpolation<Value>(_ value: Value) {
            key += "%@"
            arguments.append(.text(String(describing: value)))
        }
    }
}

extension Language {
    /// Where an encoder is told the language of the phrases it writes.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "wagecase.language")!
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        // Decided on bytes first: a phrase literal is built on hot paths (every imported cell's checks).
        guard let first = target.utf8.first, utf8.contains(first), contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
