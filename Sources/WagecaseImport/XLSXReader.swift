import WagecaseCore
import Foundation
import XMLCoder

/// The first (or a named) worksheet of an .xlsx workbook, read through SafeZip and XMLCoder. Cells come as
/// Excel shows their values: shared and inline strings as text, numbers (dates are day serials) as written.
/// A sheet is decoded whole (it arrives deflated in one zip entry); rows are then handed out one by one.
public final class XLSXReader: TableSource {
    /// What a workbook may hold. A sheet is decoded whole, so these bound the memory a file can take: a few
    /// kilobytes that inflate to gigabytes (a zip bomb) or claim row 9,223,372,036,854,775,807 are refused.
    public struct Limits: Sendable {
        /// Bytes any one part (the sheet, the shared strings) may inflate to: under the 10,000,000 bytes the
        /// system's XML parser takes in one piece, so a larger sheet is refused with a reason, not a parser code.
        /// (About 60,000 rows of a few columns; a larger list goes in as CSV, which is streamed.)
        public var partBytes: UInt64 = 9 << 20
        /// Cells in the sheet, empty ones Excel left out included.
        public var cells = 2_000_000
        /// Excel's own maxima.
        public var rows = 1_048_576
        public var columns = 16_384

        public init() {}
    }

    public let sheetName: String
    private var rows: [[String]]
    private var next = 0

    public init(path: String, sheet: String? = nil, limits: Limits = Limits()) throws(ImportFileError) {
        do {
            // The workbook is read whole and its parts through SafeZip: offsets checked before anything is
            // inflated, the bytes actually inflated counted (a declared size can lie), a truncated stream refused.
            guard let file = FileManager.default.contents(atPath: path) else {
                throw ImportFileError.notXLSX(path: path, reason: "the file cannot be read")
            }
            let names = Set(ZipDirectory.entries([UInt8](file))?.map(\.name) ?? [])
            func entry(_ name: String) throws -> Data {
                guard names.contains(name) else { throw ImportFileError.notXLSX(path: path, reason: "no \(name)") }
                let data: Data
                do {
                    data = try SafeZip.entries(file, limit: Int(clamping: limits.partBytes), wanted: { $0 == name })
                        .first?.bytes ?? Data()
                } catch .tooLarge {
                    throw ImportFileError.overLimit(path: path, what: "the inflated size of \(name)",
                                                    limit: "\(limits.partBytes >> 20) MiB")
                } catch {
                    throw ImportFileError.notXLSX(path: path, reason: "\(name) is damaged")
                }
                // Foundation's XML parser stops the process on an element name that is not UTF-8 (found by
                // fuzzing); workbook parts are UTF-8, so anything else is refused before it is parsed.
                guard String(data: data, encoding: .utf8) != nil else {
                    throw ImportFileError.notXLSX(path: path, reason: "\(name) is not UTF-8 text")
                }
                return data
            }
            // Text is kept as written: trimming each run of characters would drop the spaces around an entity
            // ("甲 &amp; 乙" read as "甲&乙"); cells are trimmed where a field's check wants it.
            let decoder = XMLDecoder(trimValueWhitespaces: false)
            decoder.shouldProcessNamespaces = false
            let workbook = try decoder.decode(Workbook.self, from: try entry("xl/workbook.xml"))
            let relations = try decoder.decode(Relationships.self, from: try entry("xl/_rels/workbook.xml.rels"))
            let sheets = workbook.sheets.sheet
            guard let chosen = sheet.map({ name in sheets.first { $0.name == name } }) ?? sheets.first else {
                throw ImportFileError.noSheet(path: path, name: sheet ?? "", available: sheets.map(\.name))
            }
            guard let target = relations.relationship.first(where: { $0.id == chosen.relationID })?.target else {
                throw ImportFileError.notXLSX(path: path, reason: "sheet \(chosen.name) has no part")
            }
            let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            let shared = !names.contains("xl/sharedStrings.xml") ? []
                : try decoder.decode(SharedStrings.self, from: try entry("xl/sharedStrings.xml")).si.map(\.text)
            let worksheet = try decoder.decode(Worksheet.self, from: try entry(part))
            sheetName = chosen.name
            rows = try Self.table(worksheet, shared: shared, path: path, limits: limits)
        } catch let error as ImportFileError {
            throw error
        } catch {
            throw .notXLSX(path: path, reason: .verbatim(String(describing: error).prefix(300).description))
        }
    }

    public var description: String { "xlsx:\(sheetName)" }
    public var fractionRead: Double { rows.isEmpty ? 1 : Double(next) / Double(rows.count) }

    public func nextRow() throws(ImportFileError) -> [String]? {
        guard next < rows.count else { return nil }
        defer { next += 1 }
        return rows[next]
    }

    /// Rows in sheet order, gaps (rows or cells Excel did not write) filled with empty text, so row numbers
    /// and columns are the spreadsheet's own.
    private static func table(_ sheet: Worksheet, shared: [String], path: String, limits: Limits) throws -> [[String]] {
        var table: [[String]] = []
        var cellCount = 0
        func malformed(_ reason: Phrase) -> ImportFileError { .notXLSX(path: path, reason: reason) }
        for row in sheet.sheetData.row ?? [] {
            let number = row.r ?? (table.count + 1)
            // Rows come in order, each within Excel's sheet; a gap is filled with empty rows up to it.
            guard number > table.count, number <= limits.rows else {
                throw malformed("row number \(number) is out of order or beyond row \(limits.rows)")
            }
            while table.count < number - 1 { table.append([]) }
            var cells: [String] = []
            for cell in row.c ?? [] {
                let column = try cell.r.map { reference throws(ImportFileError) -> Int in
                    guard let column = columnIndex(reference, limit: limits.columns), column >= cells.count else {
                        throw malformed("cell \(reference.prefix(20)) is out of order or beyond column \(limits.columns)")
                    }
                    return column
                } ?? cells.count
                cellCount += column - cells.count + 1
                guard cellCount <= limits.cells else {
                    throw ImportFileError.overLimit(path: path, what: "the number of cells", limit: "\(limits.cells)")
                }
                while cells.count < column { cells.append("") }
                let text: String
                switch cell.t {
                case "s":
                    guard let index = Int(cell.v ?? ""), shared.indices.contains(index) else {
                        throw ImportFileError.notXLSX(path: path, reason: "cell \(cell.r ?? "?") names a missing shared string")
                    }
                    text = shared[index]
                case "inlineStr": text = cell.inline?.text ?? ""
                case "b": text = cell.v == "1" ? "TRUE" : "FALSE"
                default: text = cell.v ?? ""
                }
                cells.append(text)
            }
            table.append(cells)
        }
        return table
    }

    /// "C12" → 2; nil for a reference with no column letters or a column past `limit`.
    static func columnIndex(_ reference: String, limit: Int = 16_384) -> Int? {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            index = index * 26 + Int(scalar.value - 64)
            guard index <= limit else { return nil }
        }
        return index > 0 ? index - 1 : nil
    }
}

// The few parts of SpreadsheetML this reader needs.
private struct Workbook: Decodable {
    struct Sheets: Decodable { let sheet: [Sheet] }
    struct Sheet: Decodable {
        let name: String
        let relationID: String
        enum CodingKeys: String, CodingKey { case name, relationID = "r:id" }
    }
    let sheets: Sheets
}

private struct Relationships: Decodable {
    struct Relationship: Decodable {
        let id: String
        let target: String
        enum CodingKeys: String, CodingKey { case id = "Id", target = "Target" }
    }
    let relationship: [Relationship]
    enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
}

/// `<t>` may carry xml:space="preserve"; its text is under the empty key.
private struct Text: Decodable {
    let value: String
    enum CodingKeys: String, CodingKey { case value = "" }
    init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            value = text
        } else {
            value = (try? decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .value)) ?? ""
        }
    }
}

private struct RichText: Decodable {
    struct Run: Decodable { let t: Text? }
    let t: Text?
    let r: [Run]?
    var text: String { t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined() }
}

private struct SharedStrings: Decodable { let si: [RichText] }

private struct Worksheet: Decodable {
    struct SheetData: Decodable { let row: [Row]? }
    struct Row: Decodable {
        let r: Int?
        let c: [Cell]?
    }
    struct Cell: Decodable {
        let r: String?
        let t: String?
        let v: String?
        let inline: RichText?
        enum CodingKeys: String, CodingKey { case r, t, v, inline = "is" }
    }
    let sheetData: SheetData
}
