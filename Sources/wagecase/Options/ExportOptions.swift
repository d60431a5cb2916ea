import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseReports

/// How a list is handed over: the table on screen (default), or the same rows — in the chosen language, masked
/// as on screen — as CSV (UTF-8 with BOM; to standard output unless --out) or XLSX (needs --out).
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("table (default), csv or xlsx.", valueName: "FORMAT")) var format: String = "table"
    @Option(help: ArgumentHelp("Write the export to this file (not replaced if it exists and is not a regular file).",
                               valueName: "FILE"))
    var out: String?

    func validate() throws {
        guard ["table", "csv", "xlsx"].contains(format) else {
            throw ValidationError(RefusalText.usage("--format must be table, csv or xlsx"))
        }
        if format == "xlsx" && out == nil { throw ValidationError(RefusalText.usage("--format xlsx needs --out FILE")) }
        if format == "table" && out != nil { throw ValidationError(RefusalText.usage("--out goes with --format csv or xlsx")) }
    }

    /// Prints `table`, or exports it; `sheet` names the workbook's sheet.
    func emit(_ table: TextTable, emptyMessage: String, sheet: String) throws {
        guard let format = ExportFormat(rawValue: format) else { return table.print(emptyMessage: emptyMessage) }
        let data = try SpreadsheetExport.data(
            ExportTable(headers: table.headers, rows: table.rows, numericColumns: table.rightAligned),
            format: format, sheetName: sheet)
        if let out {
            try AtomicFile.write(bytes: Array(data), to: out)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
