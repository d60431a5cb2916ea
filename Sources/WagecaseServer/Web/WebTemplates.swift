import Foundation
import Mustache
import WagecaseCore

/// The pages' templates (Web/templates, embedded at build time), one library per language. A template writes
/// its fixed words in English between double brackets, `[[Cases]]`; they are put into the reader's language from
/// the shared catalogue once, when the library is built, so rendering a page does no lookups.
enum WebTemplates {
    static let libraries: [Language: MustacheLibrary] = {
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            var library = MustacheLibrary()
            for (file, text) in embeddedWebTemplates where file.hasSuffix(".mustache") {
                let name = String(file.dropLast(".mustache".count))
                // The templates are reviewed files of this build: one that does not parse fails every test.
                if let template = try? MustacheTemplate(string: withConstants(translated(text, into: language), language)) {
                    library.register(template, named: name)
                }
            }
            libraries[language] = library
        }
        return libraries
    }()

    static func render(_ name: String, _ data: [String: Any], language: Language) -> String {
        libraries[language]?.render(data, withTemplate: name) ?? ""
    }

    /// What is fixed for the build and the language — the assets' versioned addresses, the page's language tag —
    /// written into the text once, so no page looks them up.
    static func withConstants(_ text: String, _ language: Language) -> String {
        text.replacingOccurrences(of: "{{htmlLang}}", with: language.tag)
            .replacingOccurrences(of: "{{css}}", with: HTML.escape(WebAssets.stylesheet))
            .replacingOccurrences(of: "{{js}}", with: HTML.escape(WebAssets.script))
    }

    /// Every `[[words]]` of a template's text in the language, HTML-escaped.
    static func translated(_ text: String, into language: Language) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            result += rest[..<open.lowerBound]
            let words = String(rest[open.upperBound..<close.lowerBound])
            result += HTML.escape(Phrase(stringLiteral: words).text(language))
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The bracketed words of every template (a test checks each has its Chinese).
    static var phrases: Set<String> {
        var found: Set<String> = []
        for (_, text) in embeddedWebTemplates {
            var rest = Substring(text)
            while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
                found.insert(String(rest[open.upperBound..<close.lowerBound]))
                rest = rest[close.upperBound...]
            }
        }
        return found
    }

    /// Names of the templates that failed to parse (a test expects none).
    static var unparsed: [String] {
        embeddedWebTemplates.keys.filter { file in
            (try? MustacheTemplate(string: translated(embeddedWebTemplates[file] ?? "", into: .zh))) == nil
        }.sorted()
    }
}

enum HTML {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
