import WagecaseCore

/// The forms a digest is written in.
public enum DigestFormat: String, Sendable, CaseIterable {
    case text, markdown, html, csv, json

    /// The file name extension for `--out` suggestions and mail attachments.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .markdown: "md"
        case .html: "html"
        case .csv: "csv"
        case .json: "json"
        }
    }

    public func render(_ digest: Digest, language: Language) -> String {
        switch self {
        case .text: TextDigest(digest, language).render()
        case .markdown: MarkdownDigest(digest, language, style: .document).render()
        case .html: HTMLDigest(digest, language).render()
        case .csv: CSVDigest(digest, language).render()
        case .json: JSONDigest.render(digest)
        }
    }
}

extension DigestFormat {
    /// The digest as Markdown blocks for a chat robot (no tables), to be split between blocks when too long.
    public static func chatBlocks(_ digest: Digest, language: Language) -> [String] {
        MarkdownDigest(digest, language, style: .chat).blocks()
    }
}
