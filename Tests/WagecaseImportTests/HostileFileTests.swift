import Foundation
import Testing
import WagecaseCore
import ZIPFoundation
@testable import WagecaseImport

/// Files made to break a reader are refused with a reason, within bounded memory; none reaches a trap or
/// exhausts the machine.
@Suite("Hostile files")
struct HostileFileTests {
    private static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-hostile-\(UUID().uuidString)-\(name)")
    }

    /// A workbook with the given sheet XML (streamed, so a huge sheet is never held here) and shared strings.
    private static func workbook(sheetSize: Int64? = nil, sheet: String = "", sheetBytes: Data? = nil,
                                 sharedStrings: String? = nil) throws -> URL {
        let url = temporary("book.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String, bytes: Data? = nil) throws {
            let data = bytes ?? Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("xl/workbook.xml", #"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#)
        try add("xl/_rels/workbook.xml.rels",
                #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#)
        if let sharedStrings { try add("xl/sharedStrings.xml", sharedStrings) }
        if let sheetSize {
            // Megabytes of spaces: a few kilobytes deflated.
            let chunk = Data(repeating: 0x20, count: 1 << 20)
            try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: sheetSize,
                                 compressionMethod: .deflate) { _, size in chunk.prefix(size) }
        } else {
            try add("xl/worksheets/sheet1.xml", sheet, bytes: sheetBytes)
        }
        return url
    }

    private static func sheet(_ rows: String) -> String { "<worksheet><sheetData>\(rows)</sheetData></worksheet>" }

    @Test func aSheetThatInflatesPastTheLimitIsRefused() throws {
        let url = try Self.workbook(sheetSize: 100 << 20)  // 100 MiB of sheet
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size < 1 << 20)  // 100 MiB of sheet in under 1 MiB of file
        #expect {
            _ = try XLSXReader(path: url.path)
        } throws: { error in
            if case .overLimit(_, let what, _, _) = error as? ImportFileError { what.key.contains("inflated") } else { false }
        }
    }

    @Test(arguments: [
        #"<row r="1"><c r="A1" t="s"><v>-1</v></c></row>"#,                      // a shared string before the first
        #"<row r="1"><c r="A1" t="s"><v>5</v></c></row>"#,                       // past the last
        #"<row r="-9223372036854775808"><c r="A1"><v>1</v></c></row>"#,          // a row before the first
        #"<row r="9223372036854775807"><c r="A1"><v>1</v></c></row>"#,           // past Excel's last row
        #"<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>"#,  // out of order
        #"<row r="1"><c r="ZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#,               // a column past any integer
        #"<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>"#,                      // eight thousand million cells
        #"<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>"#,      // cells out of order
        #"<row r="1048576"/><row/>"#,                                             // a row after Excel's last
    ])
    func malformedSheetsAreRefusedNotObeyed(rows: String) throws {
        let url = try Self.workbook(sheet: Self.sheet(rows), sharedStrings: "<sst><si><t>x</t></si></sst>")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ImportFileError.self) { _ = try XLSXReader(path: url.path) }
    }

    /// Found by fuzzing: an element name that is not UTF-8 stopped the process inside Foundation's XML parser.
    @Test func aSheetThatIsNotUTF8IsRefused() throws {
        var bytes = Data("<worksheet><sheetDa".utf8)
        bytes.append(contentsOf: [0xE5, 0xE4])
        bytes.append(Data("><row r=\"1\"/></sheetData></worksheet>".utf8))
        let url = try Self.workbook(sheetBytes: bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ImportFileError.self) { _ = try XLSXReader(path: url.path) }
    }

    @Test func theCellCountIsBounded() throws {
        var limits = XLSXReader.Limits()
        limits.cells = 10
        let rows = (1...3).map { #"<row r="\#($0)"><c r="D\#($0)"><v>1</v></c></row>"# }.joined()
        let url = try Self.workbook(sheet: Self.sheet(rows))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            _ = try XLSXReader(path: url.path, limits: limits)
        } throws: { error in
            // Refused for the cell count, naming it (file.over_limit).
            guard let error = error as? ImportFileError, case .overLimit(_, let what, let limit, _) = error else { return false }
            return error.code == "file.over_limit" && what.text(.en).contains("cell") && limit.contains("10")
        }
        limits.cells = 12
        #expect(try XLSXReader(path: url.path, limits: limits).nextRow() == ["", "", "", "1"])
    }

    private static func mapping(_ text: String) throws -> [String: ImportField] {
        let url = temporary("mapping.yaml")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try ImportFile.mapping(path: url.path)
    }

    @Test func aNormalMappingStillReads() throws {
        #expect(try Self.mapping("欠付工资总额: claimed\n务工人员: name\n") == ["欠付工资总额": .claimed, "务工人员": .name])
        #expect(try Self.mapping(#"{"欠付工资总额": "claimed", "身份证 [必填]": "id_number"}"#).count == 2)
    }

    @Test(arguments: [
        // Billion laughs: each level doubles the one before.
        "a: &a [x, x]\n" + (1...40).map { "l\($0): &l\($0) [*\($0 == 1 ? "a" : "l\($0 - 1)"), *\($0 == 1 ? "a" : "l\($0 - 1)")]" }
            .joined(separator: "\n") + "\n姓名: name\n",
        String(repeating: "[", count: 100_000),
        String(repeating: "- ", count: 30_000) + "x",
        String(repeating: "{a: ", count: 100_000) + "b",
        String(repeating: "[ #]\n", count: 13_000),   // a closing bracket in a comment hides nothing
        String(repeating: #"[ "]", "#, count: 5_000),
        "{[a]: name}",
        "? [a, b]\n: name\n",
        "姓名: 1:0:0:0:0:0:0:0:0:0:0\n",
        "姓名: [name]\n",
        "- name\n",
        "姓名: name\n姓名: id_number\n",
        "姓名: name\n" + String(repeating: "#", count: 70 << 10) + "\n",
    ])
    func hostileMappingsAreRefused(text: String) {
        #expect(throws: ImportFileError.self) { try Self.mapping(text) }
    }
}
