import WagecaseCore

/// Rows of text from a spreadsheet file, one at a time so memory stays flat in the file's size.
public protocol TableSource: AnyObject {
    /// The next row's cells, or nil at the end.
    func nextRow() throws(ImportFileError) -> [String]?
    /// How far through the file reading is, 0…1, for progress lines.
    var fractionRead: Double { get }
    /// What the file was read as ("utf-8", "gb18030", "xlsx:Sheet1").
    var description: String { get }
}

/// Why a file cannot be read, said with the file's name.
public enum ImportFileError: Refusal, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: Phrase)
    case notText(path: String, encoding: String, offset: Int)
    case malformedCSV(path: String, line: Int, reason: Phrase)
    case notXLSX(path: String, reason: Phrase)
    case noSheet(path: String, name: String, available: [String])
    case badMapping(path: String, reason: Phrase)
    /// A file past a limit that keeps a hostile file (a zip bomb, an alias bomb) from exhausting the machine.
    case overLimit(path: String, what: Phrase, limit: String, hint: Phrase = "split the file or save it as CSV")

    public var code: String {
        switch self {
        case .cannotOpen: "file.unreadable"
        case .notText: "file.encoding"
        case .malformedCSV: "file.malformed_csv"
        case .notXLSX: "file.not_xlsx"
        case .noSheet: "file.no_sheet"
        case .badMapping: "file.bad_mapping"
        case .overLimit: "file.over_limit"
        }
    }

    public func message(_ language: Language) -> String {
        let phrase: Phrase = switch self {
        case .cannotOpen(let path, let reason): "cannot read \(path): \(reason)"
        case .notText(let path, let encoding, let offset):
            "\(path) is not valid \(encoding) text (byte \(offset)); try --encoding gb18030 or utf-8, or save it as CSV UTF-8"
        case .malformedCSV(let path, let line, let reason): "\(path), line \(line): \(reason)"
        case .notXLSX(let path, let reason): "\(path) is not a readable .xlsx workbook: \(reason)"
        case .noSheet(let path, let name, let available):
            "\(path) has no sheet named \(name); its sheets: \(available.joined(separator: ", "))"
        case .badMapping(let path, let reason): "--mapping \(path): \(reason)"
        case .overLimit(let path, let what, let limit, let hint):
            "\(path) is refused: \(what) is over the limit of \(limit); \(hint)"
        }
        return phrase.text(language)
    }

    public var description: String { message(.en) }
}

/// The text encodings a CSV may be read in.
public enum TextEncoding: String, Sendable, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case gb18030
}
