import Foundation
import Testing
import WagecaseCore
@testable import WagecaseImport

@Suite("Spreadsheet readers")
struct ReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    private func all(_ source: some TableSource) throws -> [[String]] {
        var rows: [[String]] = []
        while let row = try source.nextRow() { rows.append(row) }
        return rows
    }

    /// Excel's "CSV" on Chinese Windows is GBK: detected (not UTF-8), converted through iconv.
    @Test func gbkCSVIsDetectedAndConverted() throws {
        let reader = try CSVReader(path: Self.fixture("clues-gbk.csv"))
        #expect(reader.encoding == .gb18030)
        let rows = try all(reader)
        #expect(rows.count == 10)
        #expect(rows[1][2] == "公民身份号码" && rows[3][7] == "38,000.00元" && rows[2][9] == "2026年3月5日")
        #expect(ImportText.normalize(rows[2][2]) == "62040319800101001X")
        let mapping = try ColumnMapping.detect(Array(rows.prefix(10)), kind: .clues)
        #expect(mapping.headingRow == 1 && mapping.unknown == ["序号"])
        #expect(mapping.columns[.claimed] == 7 && mapping.columns[.received] == 9 && mapping.columns[.name] == 1)
    }

    /// Forcing UTF-8 on a GBK file is refused with the byte offset, not read as mojibake.
    @Test func wrongForcedEncodingIsRefused() throws {
        #expect {
            let reader = try CSVReader(path: Self.fixture("clues-gbk.csv"), encoding: .utf8)
            while try reader.nextRow() != nil {}
        } throws: { error in
            // Refused as not UTF-8, at a byte offset inside the file.
            guard let error = error as? ImportFileError, case let .notText(_, encoding, offset) = error else { return false }
            return error.code == "file.encoding" && encoding.lowercased().contains("utf-8") && offset > 0
        }
    }

    /// "CSV UTF-8" from Excel: the byte-order mark is dropped; a quoted cell keeps its line break and comma.
    @Test func utf8BOMCSVWithQuotedLineBreaks() throws {
        let reader = try CSVReader(path: Self.fixture("workers-utf8-bom.csv"))
        #expect(reader.encoding == .utf8)
        let rows = try all(reader)
        #expect(rows.count == 5 && rows[0][0] == "姓名")
        #expect(rows[1][4] == "甘肃省白银市\n平川区，王家山镇")
        #expect(ImportText.normalize(rows[1][0]) == "吴学军")
        let mapping = try ColumnMapping.detect(rows, kind: .workers)
        #expect(mapping.headingRow == 0 && mapping.unknown == ["工种"] && mapping.columns[.hometown] == 4)
    }

    /// An .xlsx with a merged title and a merged two-level heading: the heading row is the third; dates are
    /// Excel serials; another sheet can be named.
    @Test func xlsxWithMergedHeadingsAndDateSerials() throws {
        let reader = try XLSXReader(path: Self.fixture("guarantees-merged.xlsx"))
        #expect(reader.sheetName == "保证金台账")
        let rows = try all(reader)
        #expect(rows[0][0] == "平川区农民工工资保证金缴存台账" && rows[1][0] == "项目信息")
        let mapping = try ColumnMapping.detect(rows, kind: .guarantees)
        #expect(mapping.headingRow == 2 && mapping.unknown.isEmpty)
        #expect(try ImportText.date(rows[3][6], field: "effective") == LocalDate(year: 2023, month: 9, day: 1))
        #expect(rows[4][4] == "360000.5" && rows[4].count <= 7 || rows[4][7].isEmpty)
        let notes = try XLSXReader(path: Self.fixture("guarantees-merged.xlsx"), sheet: "说明")
        #expect(try notes.nextRow() == ["本表由区人社局每月报送"])
        #expect(throws: ImportFileError.noSheet(path: Self.fixture("guarantees-merged.xlsx"), name: "Sheet9",
                                                available: ["保证金台账", "说明"])) {
            _ = try XLSXReader(path: Self.fixture("guarantees-merged.xlsx"), sheet: "Sheet9")
        }
        #expect(throws: ImportFileError.self) { _ = try XLSXReader(path: Self.fixture("clues-gbk.csv")) }
    }

    /// Records, quoted fields and multi-byte characters that straddle the 1 MiB chunk ends come out whole, in
    /// UTF-8 and in GB18030.
    @Test(arguments: [TextEncoding.utf8, .gb18030])
    func chunkBoundariesAreInvisible(_ encoding: TextEncoding) throws {
        var expected: [[String]] = []
        var text = ""
        for index in 0..<60_000 {
            let row = ["工人\(index)", "备注，含逗号\n和换行\"引号\"", String(repeating: "欠", count: index % 7)]
            expected.append(row)
            text += row.map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ",") + "\r\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if encoding == .gb18030 {  // converted by the system's iconv command, independently of the reader
            let iconv = Process()
            iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
            iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", "-o", path + ".gb", path]
            try iconv.run()
            iconv.waitUntilExit()
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: path + ".gb", toPath: path)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count > 2 * ByteFile.chunkSize)
        let reader = try CSVReader(path: path)
        #expect(reader.encoding == encoding)
        #expect(try all(reader) == expected)
    }

    @Test func excelSerialDates() throws {
        #expect(ImportText.excelSerial("45356") == LocalDate(year: 2024, month: 3, day: 5))
        #expect(ImportText.excelSerial("45356.0") == LocalDate(year: 2024, month: 3, day: 5))
        #expect(ImportText.excelSerial("1") == LocalDate(year: 1900, month: 1, day: 1))
        #expect(ImportText.excelSerial("61") == LocalDate(year: 1900, month: 3, day: 1))
        #expect(ImportText.excelSerial("60") == nil && ImportText.excelSerial("45356.5") == nil)
        #expect(ImportText.excelSerial("20260305") == nil)
        #expect(try ImportText.date("２０２６年３月５日", field: "received") == LocalDate(year: 2026, month: 3, day: 5))
    }
}
