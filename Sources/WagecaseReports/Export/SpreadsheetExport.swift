import Foundation
import WagecaseCore
import ZIPFoundation

/// A list as the reader sees it — headings and cells already in the chosen language and masked as on screen —
/// written for a spreadsheet: CSV (UTF-8 with a byte-order mark, so Excel and WPS read the Chinese) or XLSX.
public struct ExportTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns of amounts and counts: written as numbers in XLSX when a cell reads as one ("38,000.00" → 38000).
    public var numericColumns: Set<Int>

    public init(headers: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        (self.headers, self.rows, self.numericColumns) = (headers, rows, numericColumns)
    }
}

public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xlsx
}

public enum SpreadsheetExport {
    public static func data(_ table: ExportTable, format: ExportFormat, sheetName: String) throws -> Data {
        switch format {
        case .csv: csv(table)
        case .xlsx: try xlsx(table, sheetName: sheetName)
        }
    }

    public static func csv(_ table: ExportTable) -> Data {
        var text = "\u{FEFF}" + CSVText.record(table.headers)
        for row in table.rows { text += CSVText.record(row) }
        return Data(text.utf8)
    }

    /// A one-sheet workbook with inline strings (no shared-string table), a bold heading row frozen at the top.
    public static func xlsx(_ table: ExportTable, sheetName: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRelations),
            ("xl/workbook.xml", workbook(sheetName)), ("xl/_rels/workbook.xml.rels", workbookRelations),
            ("xl/styles.xml", styles), ("xl/worksheets/sheet1.xml", sheet(table)),
        ]
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: Date(timeIntervalSince1970: 315_532_800), compressionMethod: .deflate,
                                 provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func sheet(_ table: ExportTable) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <sheetData>
            """
        func row(_ cells: [String], number: Int, heading: Bool) -> String {
            var out = "<row r=\"\(number)\">"
            for (index, cell) in cells.enumerated() {
                let reference = column(index) + String(number)
                if !heading, table.numericColumns.contains(index), let value = numeric(cell) {
                    out += "<c r=\"\(reference)\"><v>\(value)</v></c>"
                } else {
                    out += "<c r=\"\(reference)\" t=\"inlineStr\"\(heading ? " s=\"1\"" : "")><is><t xml:space=\"preserve\">"
                        + escaped(cell) + "</t></is></c>"
                }
            }
            return out + "</row>"
        }
        xml += row(table.headers, number: 1, heading: true)
        for (index, cells) in table.rows.enumerated() { xml += row(cells, number: index + 2, heading: false) }
        return xml + "</sheetData></worksheet>"
    }

    /// "38,000.00" → "38000.00"; nil for anything that is not a plain decimal number.
    static func numeric(_ cell: String) -> String? {
        let plain = cell.filter { $0 != "," }
        guard !plain.isEmpty, plain.count <= 20,
              plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              Double(plain) != nil else { return nil }
        return plain
    }

    /// A, B, … Z, AA, AB …
    static func column(_ index: Int) -> String {
        var index = index, name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    /// XML text: the characters XML 1.0 cannot carry (controls but tab and line breaks) left out, the rest
    /// escaped as the pages escape HTML.
    static func escaped(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars
        where (scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r") && !(0xFFFE...0xFFFF).contains(scalar.value) {
            kept.append(scalar)
        }
        return HTMLText.escape(String(kept))
    }

    static func workbook(_ sheetName: String) -> String {
        // Excel's sheet names: at most 31 characters, none of : \ / ? * [ ].
        let name = String(sheetName.filter { !":\\/?*[]".contains($0) }.prefix(31))
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(escaped(name.isEmpty ? "Sheet1" : name))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let rootRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let workbookRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        </styleSheet>
        """
}
