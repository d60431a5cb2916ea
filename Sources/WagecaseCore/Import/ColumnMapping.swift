/// Which column holds which field: found from the headings (built-in Chinese and English names, or a mapping
/// file's), in whichever of the first rows looks most like a heading row, so title rows and merged two-level
/// headings above it are skipped.
public struct ColumnMapping: Sendable, Equatable {
    /// Index of the heading row among the rows given to `detect` (data starts after it).
    public let headingRow: Int
    public let headings: [String]
    public let columns: [ImportField: Int]
    /// Columns whose heading means nothing here (or repeats a field already mapped): reported, not imported.
    public let unknown: [String]

    /// How many leading rows may precede the headings (titles, merged group headings, notes).
    public static let searchDepth = 10

    public static func detect(_ leadingRows: [[String]], kind: ImportKind, custom: [String: ImportField] = [:],
                              provided: Set<ImportField> = []) throws(WagecaseError) -> ColumnMapping {
        let allowed = Set(kind.fields)
        var lookup: [String: ImportField] = [:]
        for field in kind.fields { for heading in field.headings { lookup[heading] = field } }
        for (heading, field) in custom where allowed.contains(field) { lookup[ImportText.headingKey(heading)] = field }

        var best: (row: Int, columns: [ImportField: Int], unknown: [String])?
        for (index, row) in leadingRows.prefix(searchDepth).enumerated() {
            var columns: [ImportField: Int] = [:]
            var unknown: [String] = []
            for (column, heading) in row.enumerated() {
                let key = ImportText.headingKey(heading)
                guard !key.isEmpty else { continue }
                if let field = lookup[key], columns[field] == nil { columns[field] = column } else { unknown.append(heading) }
            }
            if columns.count > (best?.columns.count ?? 0) { best = (index, columns, unknown) }
        }
        guard let best, best.columns.count >= 1 else {
            throw .invalidField(field: "headings", value: leadingRows.first?.joined(separator: ",") ?? "",
                                reason: "no heading row found in the first \(searchDepth) rows",
                                allowed: "headings such as \(kind.fields.map { $0.headings[0] }.joined(separator: "、")) (or a --mapping file)")
        }
        let missing = kind.required.subtracting(best.columns.keys).subtracting(provided)
        if !missing.isEmpty {
            let names = kind.fields.filter(missing.contains).map { $0.headings[0] }
            throw .invalidField(field: "headings", value: leadingRows[best.row].joined(separator: ","),
                                reason: "lack required column(s): \(names.joined(separator: "、"))",
                                allowed: "a heading for each, or a --mapping file naming the columns")
        }
        return ColumnMapping(headingRow: best.row, headings: leadingRows[best.row], columns: best.columns,
                             unknown: best.unknown)
    }

    /// The cleaned value of `field` in `row`; nil when the column is absent or the cell empty.
    public func value(_ field: ImportField, in row: [String]) -> String? {
        guard let column = columns[field], column < row.count else { return nil }
        let value = ImportText.normalize(row[column], codes: !field.isText)
        return value.isEmpty ? nil : value
    }

    /// The heading as the file spells it, for reports.
    public func heading(_ field: ImportField) -> String {
        guard let column = columns[field], column < headings.count else { return field.rawValue }
        return headings[column]
    }
}
