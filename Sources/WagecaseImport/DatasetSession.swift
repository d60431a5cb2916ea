import Foundation
import WagecaseCore
import WagecaseStore

/// A partner's file made ready for `loadDataset`: opened, hashed, its headings found, and its data rows handed
/// out checked, each with its cells as the file had them.
public final class DatasetSession {
    public let table: any TableSource
    public let columns: HeadingMatch<DatasetField>
    public let parser: DatasetRowParser
    public let request: NewDataset
    private var pending: ArraySlice<[String]>
    private var rowNumber: Int

    public init(kind: DatasetKind, path: String, unit: String?, sheet: String?, encoding: TextEncoding,
                mappingFile: String?, dryRun: Bool, skipInvalid: Bool, actor: String) throws {
        let custom = try mappingFile.map { file throws(ImportFileError) in
            try ImportFile.mapping(path: file, as: DatasetField.self)
        } ?? [:]
        let sha256 = try ImportFile.sha256(path: path)
        table = try ImportFile.open(path: path, sheet: sheet, encoding: encoding)
        var leading: [[String]] = []
        while leading.count < HeadingMatch<DatasetField>.searchDepth, let row = try table.nextRow() { leading.append(row) }
        columns = try DatasetRowParser.columns(leading, kind: kind, custom: custom)
        parser = DatasetRowParser(kind: kind, mapping: columns)
        pending = leading.dropFirst(columns.headingRow + 1)
        rowNumber = columns.headingRow + 1
        request = try NewDataset(kind: kind, unit: unit, fileName: URL(fileURLWithPath: path).lastPathComponent,
                                 fileSHA256: sha256, sheet: (table as? XLSXReader)?.sheetName,
                                 encoding: table.description, dryRun: dryRun, skipInvalid: skipInvalid, actor: actor)
    }

    /// The next data row, checked (blank rows skipped); nil at the end.
    public func nextRow() throws -> Result<DatasetRowInput, ImportIssues>? {
        while true {
            rowNumber += 1
            guard let cells = try pending.popFirst() ?? table.nextRow() else { return nil }
            if cells.allSatisfy({ ImportText.normalize($0).isEmpty }) { continue }
            return parser.parse(cells, row: rowNumber).map { record in
                DatasetRowInput(record: record, rowNumber: rowNumber, original: original(cells))
            }
        }
    }

    /// The row's cells under the file's own headings, as JSON; cells under no heading keep their column letter.
    private func original(_ cells: [String]) -> String {
        var json = JSONBuffer(capacity: 256)
        json.beginObject()
        var used = Set<String>()
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            var heading = index < columns.headings.count ? columns.headings[index] : ""
            if heading.isEmpty || !used.insert(heading).inserted { heading = "列\(index + 1)" }
            json.key(heading)
            json.value(cell)
        }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
