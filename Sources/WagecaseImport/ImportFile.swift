import Crypto
import Foundation
import WagecaseCore
import Yams

/// A spreadsheet file opened for import: its reader, its SHA-256 (an import's identity) and the rows above
/// and including its headings.
public enum ImportFile {
    /// Opens `path`: .xlsx through the workbook reader (first sheet, or `sheet`), anything else as CSV.
    public static func open(path: String, sheet: String?, encoding: TextEncoding) throws(ImportFileError) -> any TableSource {
        if path.lowercased().hasSuffix(".xlsx") { return try XLSXReader(path: path, sheet: sheet) }
        if path.lowercased().hasSuffix(".xls") {
            throw .notXLSX(path: path, reason: "the old .xls format is not read; save it as .xlsx or CSV UTF-8")
        }
        return try CSVReader(path: path, encoding: encoding)
    }

    /// SHA-256 of the file's bytes, hex, read in chunks.
    public static func sha256(path: String) throws(ImportFileError) -> String {
        let file = try ByteFile(path: path)
        var hasher = SHA256()
        while true {
            let chunk = try file.read()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// A mapping file: JSON or YAML, heading → field, e.g. {"欠付工资总额": "claimed", "务工人员": "name"}.
    public static func mapping(path: String) throws(ImportFileError) -> [String: ImportField] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .cannotOpen(path: path, reason: error.localizedDescription)
        }
        let object: Any?
        do { object = try Yams.load(yaml: text) } catch {
            throw .badMapping(path: path, reason: "not JSON or YAML: \(error)")
        }
        guard let pairs = object as? [String: Any] else {
            throw .badMapping(path: path, reason: "expected an object of heading: field pairs")
        }
        var mapping: [String: ImportField] = [:]
        for (heading, value) in pairs {
            guard let name = value as? String, let field = ImportField(rawValue: name) else {
                throw .badMapping(path: path, reason: "\(heading): \(value) is not a field; fields: "
                                    + ImportField.allCases.map(\.rawValue).joined(separator: ", "))
            }
            mapping[heading] = field
        }
        return mapping
    }
}
