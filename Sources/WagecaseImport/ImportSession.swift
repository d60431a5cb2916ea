import WagecaseCore
import WagecaseStore

/// A file made ready for `AppDatabase.importRows`: opened, hashed, its headings found, and its data rows handed
/// out one at a time with their row numbers as a spreadsheet shows them. The CLI (and any other front end) only
/// reports what comes of it.
public final class ImportSession {
    public let table: any TableSource
    public let columns: ColumnMapping
    public let parser: ImportRowParser
    public let request: ImportRequest
    private var pending: ArraySlice<[String]>
    private var rowNumber: Int

    public init(kind: ImportKind, path: String, fileName: String, sheet: String?, encoding: TextEncoding,
                mappingFile: String?, defaultSource: ClueSource?, dryRun: Bool, skipInvalid: Bool,
                amountStands: ClueIntake.AmountStands? = nil, actor: String) throws {
        let custom = try mappingFile.map { file throws(ImportFileError) in try ImportFile.mapping(path: file) } ?? [:]
        let hashing = ImportFile.sha256InBackground(path: path)
        table = try ImportFile.open(path: path, sheet: sheet, encoding: encoding)
        var leading: [[String]] = []
        while leading.count < ColumnMapping.searchDepth, let row = try table.nextRow() { leading.append(row) }
        columns = try ColumnMapping.detect(leading, kind: kind, custom: custom,
                                           provided: defaultSource == nil ? [] : [.source])
        parser = ImportRowParser(kind: kind, mapping: columns, defaultSource: defaultSource)
        pending = leading.dropFirst(columns.headingRow + 1)
        rowNumber = columns.headingRow + 1
        request = ImportRequest(kind: kind, fileName: fileName, fileSHA256: try hashing.value(),
                                sheet: (table as? XLSXReader)?.sheetName, encoding: table.description, dryRun: dryRun,
                                skipInvalid: skipInvalid, amountStands: amountStands, actor: actor)
    }

    /// The next data row and its 1-based number in the file; nil at the end.
    public func nextRow() throws -> (number: Int, cells: [String])? {
        rowNumber += 1
        if let row = pending.popFirst() { return (rowNumber, row) }
        return try table.nextRow().map { (rowNumber, $0) }
    }
}
