import Foundation
import Testing
import WagecaseCore
import WagecaseImport
@testable import WagecaseReports

@Suite("Lists handed over as spreadsheets")
struct SpreadsheetExportTests {
    let table = ExportTable(
        headers: ["ID", "案号", "农民工", "诉请金额", "备注"],
        rows: [["1", "平检民支〔2024〕1号", "张建国", "38,000.00", "=HYPERLINK(\"x\") & <b>"],
               ["2", "", "李卫东", "12,000.00", "行一\n行二"]],
        numericColumns: [0, 3])

    /// The workbook reads back, through the import's own XLSX reader, as the rows written.
    @Test func anXLSXExportReadsBackAsItsRows() throws {
        let data = try SpreadsheetExport.xlsx(table, sheetName: "案件清单")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try data.write(to: URL(fileURLWithPath: path))
        let source = try ImportFile.open(path: path, sheet: "案件清单", encoding: .auto)
        var rows: [[String]] = []
        while let row = try source.nextRow() { rows.append(row) }
        #expect(rows.first == table.headers)
        // Amounts come back as the numbers they are; text as written, markup and all, never run as a formula.
        #expect(rows.dropFirst().map { $0[3] } == ["38000.00", "12000.00"])
        #expect(rows[1][1] == "平检民支〔2024〕1号", "\(rows)")
        #expect(rows[1][4] == "=HYPERLINK(\"x\") & <b>", "\(rows)")
        #expect(rows[2][4] == "行一\n行二", "\(rows)")
        let sheet = String(decoding: data, as: UTF8.self)
        #expect(!sheet.contains("<f>"))
    }

    @Test func aCSVExportStartsWithTheByteOrderMarkAndQuotesWhatItMust() {
        let text = String(decoding: SpreadsheetExport.csv(table), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}ID,案号,农民工,诉请金额,备注\r\n"))
        #expect(text.contains("1,平检民支〔2024〕1号,张建国,\"38,000.00\",\"'=HYPERLINK(\"\"x\"\") & <b>\"\r\n"))
        #expect(text.contains("\"行一\n行二\""))
    }

    @Test func columnsAndSheetNamesFollowExcelsRules() {
        #expect(SpreadsheetExport.column(0) == "A" && SpreadsheetExport.column(25) == "Z")
        #expect(SpreadsheetExport.column(26) == "AA" && SpreadsheetExport.column(701) == "ZZ" && SpreadsheetExport.column(702) == "AAA")
        #expect(SpreadsheetExport.workbook("a/b:c*[d]?").contains("name=\"abcd\""))
        #expect(SpreadsheetExport.escaped("a\u{1}b<c") == "ab&lt;c")
        #expect(SpreadsheetExport.numeric("-1,234.50") == "-1234.50" && SpreadsheetExport.numeric("#12") == nil)
    }
}
