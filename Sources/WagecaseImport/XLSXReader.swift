import Foundation
import XMLCoder
import ZIPFoundation

/// The first (or a named) worksheet of an .xlsx workbook, read with ZIPFoundation and XMLCoder. Cells come as
/// Excel shows their values: shared and inline strings as text, numbers (dates are day serials) as written.
/// A sheet is decoded whole (it arrives deflated in one zip entry); rows are then handed out one by one.
public final class XLSXReader: TableSource {
    public let sheetName: String
    private var rows: [[String]]
    private var next = 0

    public init(path: String, sheet: String? = nil) throws(ImportFileError) {
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            func entry(_ name: String) throws -> Data {
                guard let entry = archive[name] else { throw ImportFileError.notXLSX(path: path, reason: "no \(name)") }
                var data = Data()
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
                return data
            }
            let decoder = XMLDecoder()
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
            let shared = archive["xl/sharedStrings.xml"] == nil ? []
                : try decoder.decode(SharedStrings.self, from: try entry("xl/sharedStrings.xml")).si.map(\.text)
            let worksheet = try decoder.decode(Worksheet.self, from: try entry(part))
            sheetName = chosen.name
            rows = try Self.table(worksheet, shared: shared, path: path)
        } catch let error as ImportFileError {
            throw error
        } catch {
            throw .notXLSX(path: path, reason: String(describing: error).prefix(300).description)
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
    private static func table(_ sheet: Worksheet, shared: [String], path: String) throws -> [[String]] {
        var table: [[String]] = []
        for row in sheet.sheetData.row ?? [] {
            let number = row.r ?? (table.count + 1)
            while table.count < number - 1 { table.append([]) }
            var cells: [String] = []
            for cell in row.c ?? [] {
                let column = cell.r.map(columnIndex) ?? cells.count
                while cells.count < column { cells.append("") }
                let text: String
                switch cell.t {
                case "s":
                    guard let index = Int(cell.v ?? ""), index < shared.count else {
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

    /// "C12" → 2.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(index - 1, 0)
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
