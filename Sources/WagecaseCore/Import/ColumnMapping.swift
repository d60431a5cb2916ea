/// A column meaning that headings name: an import field or a dataset field.
public protocol HeadedField: Hashable, Sendable, RawRepresentable<String>, CaseIterable {
    /// Free text (names, addresses, notes), whose full-width punctuation is Chinese punctuation and stays.
    var isText: Bool { get }
}

/// Which column holds which field: found from the headings (built-in Chinese and English names, or a mapping
/// file's), in whichever of the first rows looks most like a heading row, so title rows and merged two-level
/// headings above it are skipped.
public struct HeadingMatch<Field: HeadedField>: Sendable, Equatable {
    /// Index of the heading row among the rows given to `detect` (data starts after it).
    public let headingRow: Int
    public let headings: [String]
    public let columns: [Field: Int]
    /// Columns whose heading means nothing here (or repeats a field already mapped): reported, not imported.
    public let unknown: [String]
    /// `columns` as a list: a row's few fields are found by comparing cases, not by hashing each one for every
    /// cell of a million-row file.
    private let mapped: [MappedColumn]

    private struct MappedColumn: Sendable, Equatable {
        let field: Field
        let column: Int
    }

    init(headingRow: Int, headings: [String], columns: [Field: Int], unknown: [String]) {
        (self.headingRow, self.headings, self.columns, self.unknown) = (headingRow, headings, columns, unknown)
        mapped = columns.map { MappedColumn(field: $0.key, column: $0.value) }.sorted { $0.column < $1.column }
    }

    /// The same mapping in storage of its own. Two threads parsing rows with one mapping would retain and release
    /// the same buffers at every row, each core taking their counts' cache line from the other.
    public func unshared() -> Self {
        Self(headingRow: headingRow, headings: headings.map(\.self),
             columns: Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.value) }), unknown: unknown.map(\.self))
    }

    /// How many leading rows may precede the headings (titles, merged group headings, notes).
    public static var searchDepth: Int { 10 }

    /// `headings` gives each field's names (after `ImportText.headingKey`); `custom` adds a mapping file's.
    public static func detect(_ leadingRows: [[String]], fields: [Field], headings: (Field) -> [String],
                              required: Set<Field>, custom: [String: Field] = [:]) throws(WagecaseError) -> Self {
        let allowed = Set(fields)
        var lookup: [String: Field] = [:]
        for field in fields { for heading in headings(field) { lookup[heading] = field } }
        for (heading, field) in custom where allowed.contains(field) { lookup[ImportText.headingKey(heading)] = field }

        var best: (row: Int, columns: [Field: Int], unknown: [String])?
        for (index, row) in leadingRows.prefix(searchDepth).enumerated() {
            var columns: [Field: Int] = [:]
            var unknown: [String] = []
            for (column, heading) in row.enumerated() {
                let key = ImportText.headingKey(heading)
                guard !key.isEmpty else { continue }
                if let field = lookup[key], columns[field] == nil { columns[field] = column } else { unknown.append(heading) }
            }
            if columns.count > (best?.columns.count ?? 0) { best = (index, columns, unknown) }
        }
        let firstNames = fields.compactMap { headings($0).first }
        guard let best, best.columns.count >= 1 else {
            throw .invalidField(field: "headings", value: leadingRows.first?.joined(separator: ",") ?? "",
                                reason: "no heading row found in the first \(searchDepth) rows",
                                allowed: "headings such as \(firstNames.joined(separator: "、")) (or a --mapping file)")
        }
        let missing = required.subtracting(best.columns.keys)
        if !missing.isEmpty {
            let names = fields.filter(missing.contains).map { headings($0).first ?? $0.rawValue }
            throw .invalidField(field: "headings", value: leadingRows[best.row].joined(separator: ","),
                                reason: "lack required column(s): \(names.joined(separator: "、"))",
                                allowed: "a heading for each, or a --mapping file naming the columns")
        }
        return Self(headingRow: best.row, headings: leadingRows[best.row], columns: best.columns, unknown: best.unknown)
    }

    /// The cleaned value of `field` in `row`; nil when the column is absent or the cell empty.
    public func value(_ field: Field, in row: [String]) -> String? {
        guard let column = mapped.first(where: { $0.field == field })?.column, column < row.count else { return nil }
        let value = ImportText.normalize(row[column], codes: !field.isText)
        return value.isEmpty ? nil : value
    }

    /// The heading as the file spells it, for reports.
    public func heading(_ field: Field) -> String {
        guard let column = columns[field], column < headings.count else { return field.rawValue }
        return headings[column]
    }
}

/// The columns of a record import (`wagecase import KIND`).
public typealias ColumnMapping = HeadingMatch<ImportField>

extension HeadingMatch where Field == ImportField {
    public static func detect(_ leadingRows: [[String]], kind: ImportKind, custom: [String: ImportField] = [:],
                              provided: Set<ImportField> = []) throws(WagecaseError) -> ColumnMapping {
        try detect(leadingRows, fields: kind.fields, headings: \.headings,
                   required: kind.required.subtracting(provided), custom: custom)
    }
}
