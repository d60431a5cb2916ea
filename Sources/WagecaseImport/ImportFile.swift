import Crypto
import Foundation
import Synchronization
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
        return Hex.string(hasher.finalize())
    }

    /// Starts hashing `path` on another core, to be taken when needed: the file is read for its encoding and
    /// headings meanwhile.
    public static func sha256InBackground(path: String) -> BackgroundHash {
        let hash = BackgroundHash(path: path)
        DispatchQueue.global(qos: .userInitiated).async {
            hash.fulfil(Result { () throws(ImportFileError) in try sha256(path: path) })
        }
        return hash
    }

    /// A mapping file: JSON or YAML, heading → field, e.g. {"欠付工资总额": "claimed", "务工人员": "name"}.
    /// Read as a flat table of text and nothing more: the file is size- and depth-checked before it is parsed,
    /// composed without constructing any value (no number, date or alias expansion), and any value that is not
    /// a plain text is refused — so an alias bomb or a file nested 100,000 levels deep is an error, not a crash.
    public static func mapping(path: String) throws(ImportFileError) -> [String: ImportField] {
        try mapping(path: path, as: ImportField.self)
    }

    /// A mapping file naming fields of `Field` (an import's or a dataset's).
    public static func mapping<Field: HeadedField>(path: String, as: Field.Type) throws(ImportFileError) -> [String: Field] {
        let text = try mappingText(path: path)
        if let depth = MappingDepth.exceeded(in: text, limit: MappingDepth.limit) {
            throw .overLimit(path: path, what: "the nesting (at least \(depth) levels at some line)",
                             limit: "\(MappingDepth.limit) levels", hint: Self.mappingHint)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw .badMapping(path: path, reason: "not JSON or YAML: \(String(describing: error).prefix(300))")
        }
        guard let pairs = root?.mapping else {
            throw .badMapping(path: path, reason: "expected an object of heading: field pairs")
        }
        var mapping: [String: Field] = [:]
        for (key, value) in pairs {
            guard let heading = key.scalar?.string else {
                throw .badMapping(path: path, reason: "a heading is not a text (line \(key.mark?.line ?? 0))")
            }
            guard let name = value.scalar?.string, let field = Field(rawValue: name) else {
                let shown = value.scalar?.string ?? "a list or object"
                throw .badMapping(path: path, reason: "\(heading): \(shown.prefix(100)) is not a field; fields: \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if mapping[heading] != nil {
                throw .badMapping(path: path, reason: "\(heading) is mapped twice")
            }
            mapping[heading] = field
        }
        return mapping
    }

    static let mappingHint: Phrase = #"a mapping file is a flat list of heading: field pairs, e.g. {"欠付工资总额": "claimed"}"#

    /// A mapping file names a few dozen headings; 64 KiB is far more than any needs.
    static let mappingSizeLimit = 64 << 10

    static func mappingText(path: String, limit: Int = mappingSizeLimit) throws(ImportFileError) -> String {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw .cannotOpen(path: path, reason: .verbatim(error.localizedDescription))
        }
        guard data.count <= limit else {
            throw .overLimit(path: path, what: "the file's size", limit: "\(limit >> 10) KiB",
                             hint: Self.mappingHint)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .badMapping(path: path, reason: "is not UTF-8 text")
        }
        return text
    }
}

/// A file's SHA-256 being computed by `ImportFile.sha256InBackground`.
public final class BackgroundHash: Sendable {
    private let result = Mutex<Result<String, ImportFileError>?>(nil)
    private let done = DispatchSemaphore(value: 0)
    private let path: String

    fileprivate init(path: String) { self.path = path }

    fileprivate func fulfil(_ value: Result<String, ImportFileError>) {
        result.withLock { $0 = value }
        done.signal()
    }

    /// Waits for the hash (once; later calls return at once).
    public func value() throws(ImportFileError) -> String {
        if let value = result.withLock({ $0 }) { return try value.get() }
        done.wait()
        // Set before the signal; hashed here should that ever not hold.
        guard let value = result.withLock({ $0 }) else { return try ImportFile.sha256(path: path) }
        return try value.get()
    }
}
