/// One problem with one cell (or row), as the rejection report lists it.
public struct ImportIssue: Sendable, Equatable, Encodable {
    /// 1-based row number in the file (sheet), as a spreadsheet shows it.
    public var row: Int
    public var column: String
    public var value: String
    /// The refusal's stable code (`field.invalid`, `clue.duplicate`, …).
    public var code: String
    /// Why, without the column's name (the report shows it beside); in JSON, in the language the encoder asks for.
    public var reason: Phrase

    public init(row: Int, column: String, value: String, code: String = "field.invalid", reason: Phrase) {
        (self.row, self.column, self.value, self.code, self.reason) = (row, column, value, code, reason)
    }
}

/// A clue row: one worker's claim against an employer (and project), from a source on a date.
public struct ClueImportRow: Sendable {
    public var worker: ResidentID
    /// Needed only when the worker is new.
    public var workerName: String?
    public var phone: String?
    public var creditCode: CreditCode
    /// Needed only when the employer is new.
    public var employerName: String?
    public var projectName: String?
    public var claimed: Fen
    public var source: ClueSource
    public var received: LocalDate
    public var summary: String?
}

/// A project row.
public struct ProjectImportRow: Sendable {
    public var name: String
    public var creditCode: CreditCode
    public var employerName: String?
    public var location: String?
    public var details: ProjectDetails
}

/// A guarantee row: the guarantee (its project named by name) and the contractor's credit code that, with the
/// name, finds the project.
public struct GuaranteeImportRow: Sendable {
    public var creditCode: CreditCode
    public var guarantee: NewGuarantee

    /// The project as the row names it.
    public var projectName: String {
        if case .name(let name) = guarantee.project { return name }
        return guarantee.project.description
    }
}

/// A row checked with the same rules as the CLI: either its record, or every problem found in it.
public enum ImportRecord: Sendable {
    case worker(NewWorker)
    case employer(NewEmployer)
    case project(ProjectImportRow)
    case guarantee(GuaranteeImportRow)
    case clue(ClueImportRow)
}

/// Turns a data row into a record, checking every cell so one pass reports every problem of the row.
public struct ImportRowParser: Sendable {
    public let kind: ImportKind
    public let mapping: ColumnMapping
    /// Used when a clue row has no source column or leaves it empty (--source).
    public let defaultSource: ClueSource?

    public init(kind: ImportKind, mapping: ColumnMapping, defaultSource: ClueSource? = nil) {
        (self.kind, self.mapping, self.defaultSource) = (kind, mapping, defaultSource)
    }

    /// The same parser with a mapping in storage of its own, for a second thread (see `HeadingMatch.unshared`).
    public func unshared() -> Self { Self(kind: kind, mapping: mapping.unshared(), defaultSource: defaultSource) }

    public func parse(_ cells: [String], row: Int) -> Result<ImportRecord, ImportIssues> {
        var cursor = Cursor(cells: cells, row: row, mapping: mapping)
        let record: ImportRecord?
        switch kind {
        case .workers: record = worker(&cursor)
        case .employers: record = employer(&cursor)
        case .projects: record = project(&cursor)
        case .guarantees: record = guarantee(&cursor)
        case .clues: record = clue(&cursor)
        }
        if let record, cursor.issues.isEmpty { return .success(record) }
        return .failure(ImportIssues(issues: cursor.issues))
    }

    private func worker(_ c: inout Cursor) -> ImportRecord? {
        let reason = c.optional(.overrideReason) { v throws(WagecaseError) in try TextField.optional(v, field: "override_reason", maxLength: 500) } ?? nil
        let name = c.required(.name) { v throws(WagecaseError) in try TextField.name(v, field: "name", maxLength: 100) }
        let id = c.required(.idNumber) { v throws(WagecaseError) in try ResidentID.parse(v, overrideReason: reason) }
        let phone = c.optional(.phone) { v throws(WagecaseError) in try TextField.phone(v) } ?? nil
        let card = c.optional(.bankCard) { v throws(WagecaseError) in try BankCard.parse(v, overrideReason: reason) }
        let hometown = c.optional(.hometown) { v throws(WagecaseError) in
            try TextField.optional(v, field: "hometown", maxLength: 200, multiline: false) } ?? nil
        guard let name, let id else { return nil }
        return .worker(NewWorker(name: name, idNumber: id, idNumberOverrideReason: reason, phone: phone, bankCard: card,
                                 hometown: hometown))
    }

    private func employer(_ c: inout Cursor) -> ImportRecord? {
        let reason = c.optional(.overrideReason) { v throws(WagecaseError) in try TextField.optional(v, field: "override_reason", maxLength: 500) } ?? nil
        let name = c.required(.employerName) { v throws(WagecaseError) in try TextField.name(v, field: "name") }
        let code = c.required(.creditCode) { v throws(WagecaseError) in try CreditCode.parse(v, overrideReason: reason) }
        let kind = c.optional(.employerKind) { v throws(WagecaseError) in try EmployerKind.parse(v, field: "kind") }
        guard let name, let code else { return nil }
        return .employer(NewEmployer(name: name, creditCode: code, creditCodeOverrideReason: reason, kind: kind ?? .other))
    }

    private func project(_ c: inout Cursor) -> ImportRecord? {
        let name = c.required(.projectName) { v throws(WagecaseError) in try TextField.name(v, field: "name") }
        let code = c.required(.creditCode) { v throws(WagecaseError) in try CreditCode.parse(v) }
        let employerName = c.optional(.employerName) { v throws(WagecaseError) in try TextField.name(v, field: "employer") }
        let location = c.optional(.location) { v throws(WagecaseError) in
            try TextField.optional(v, field: "location", maxLength: 200, multiline: false) } ?? nil
        let region = c.optional(.regionCode) { v throws(WagecaseError) in try ProjectDetails.parse(region: v).regionCode }
        let price = c.optional(.contractPrice) { v throws(WagecaseError) in try Fen.parse(v, field: "contract_price") }
        let start = c.optional(.start) { v throws(WagecaseError) in try ImportText.date(v, field: "start") }
        let planned = c.optional(.plannedCompletion) { v throws(WagecaseError) in try ImportText.date(v, field: "planned_completion") }
        let actual = c.optional(.actualCompletion) { v throws(WagecaseError) in try ImportText.date(v, field: "actual_completion") }
        let status = c.optional(.projectStatus) { v throws(WagecaseError) in try ProjectStatus.parse(v, field: "status") }
        guard let name, let code else { return nil }
        var details = ProjectDetails(regionCode: region ?? nil, contractPrice: price, start: start,
                                     plannedCompletion: planned, actualCompletion: actual)
        details.status = status
        return .project(ProjectImportRow(name: name, creditCode: code, employerName: employerName ?? nil,
                                         location: location, details: details))
    }

    private func guarantee(_ c: inout Cursor) -> ImportRecord? {
        let code = c.required(.creditCode) { v throws(WagecaseError) in try CreditCode.parse(v) }
        let project = c.required(.projectName) { v throws(WagecaseError) in try TextField.name(v, field: "project") }
        let kind = c.required(.guaranteeKind) { v throws(WagecaseError) in try GuaranteeKind.parse(v, field: "kind") }
        let amount = c.required(.amount) { v throws(WagecaseError) in try Fen.parse(v, field: "amount") }
        let effective = c.required(.effective) { v throws(WagecaseError) in try ImportText.date(v, field: "effective") }
        let ends = c.optional(.ends) { v throws(WagecaseError) in try ImportText.date(v, field: "ends") }
        guard let code, let project, let kind, let amount, let effective else { return nil }
        // The rules between the cells (an amount above zero, an end date for letters only and not before the
        // start, issuer and number as one line of text) are NewGuarantee's, as for every other entry point.
        let (issuer, document) = (c.value(.issuer), c.value(.documentNumber))
        let guarantee = c.check(fallback: .ends) { () throws(WagecaseError) in
            try NewGuarantee(project: .name(project), kind: kind, amount: amount, issuer: issuer,
                             documentNumber: document, effective: effective, ends: ends)
        }
        return guarantee.map { .guarantee(GuaranteeImportRow(creditCode: code, guarantee: $0)) }
    }

    private func clue(_ c: inout Cursor) -> ImportRecord? {
        let worker = c.required(.idNumber) { v throws(WagecaseError) in try ResidentID.parse(v) }
        let name = c.optional(.name) { v throws(WagecaseError) in try TextField.name(v, field: "name", maxLength: 100) }
        let phone = c.optional(.phone) { v throws(WagecaseError) in try TextField.phone(v) } ?? nil
        let code = c.required(.creditCode) { v throws(WagecaseError) in try CreditCode.parse(v) }
        let employerName = c.optional(.employerName) { v throws(WagecaseError) in try TextField.name(v, field: "employer") }
        let project = c.optional(.projectName) { v throws(WagecaseError) in try TextField.name(v, field: "project") }
        let claimed = c.required(.claimed) { v throws(WagecaseError) in try Fen.parse(v, field: "claimed") }
        let received = c.required(.received) { v throws(WagecaseError) in try ImportText.date(v, field: "received") }
        let summary = c.optional(.summary) { v throws(WagecaseError) in try TextField.optional(v, field: "summary") } ?? nil
        var source = c.optional(.source) { v throws(WagecaseError) in try ClueSource.parse(v, field: "source") }
        if source == nil && c.value(.source) == nil {
            source = defaultSource
            if source == nil { c.issue(.source, "", "is empty and no --source was given") }
        }
        guard let worker, let code, let claimed, let received, let source else { return nil }
        return .clue(ClueImportRow(worker: worker, workerName: name, phone: phone, creditCode: code,
                                   employerName: employerName, projectName: project, claimed: claimed, source: source,
                                   received: received, summary: summary))
    }
}

/// Every problem found in one row.
public struct ImportIssues: Error, Sendable {
    public var issues: [ImportIssue]
}

/// Reads the cells of one row, collecting an issue for each cell that fails its rule.
struct RowCursor<Field: HeadedField> {
    let cells: [String]
    let row: Int
    let mapping: HeadingMatch<Field>
    /// A cell as a report may quote it (personal numbers masked).
    let quotable: (Field, String) -> String
    var issues: [ImportIssue] = []

    func value(_ field: Field) -> String? { mapping.value(field, in: cells) }

    mutating func issue(_ field: Field, _ value: String, _ reason: Phrase, code: String = "field.invalid") {
        issues.append(ImportIssue(row: row, column: mapping.heading(field), value: value, code: code, reason: reason))
    }

    mutating func required<T>(_ field: Field, _ parse: (String) throws(WagecaseError) -> T) -> T? {
        guard let text = value(field) else {
            issue(field, "", "is empty; it is required")
            return nil
        }
        return run(field, text, parse)
    }

    mutating func optional<T>(_ field: Field, _ parse: (String) throws(WagecaseError) -> T) -> T? {
        guard let text = value(field) else { return nil }
        return run(field, text, parse)
    }

    private mutating func run<T>(_ field: Field, _ text: String, _ parse: (String) throws(WagecaseError) -> T) -> T? {
        do {
            return try parse(text)
        } catch {
            issue(field, quotable(field, text), error.reasonForReport, code: error.code)
            return nil
        }
    }
}

typealias Cursor = RowCursor<ImportField>

extension RowCursor where Field == ImportField {
    init(cells: [String], row: Int, mapping: ColumnMapping) {
        self.init(cells: cells, row: row, mapping: mapping, quotable: Self.quotable)
    }

    /// Runs a rule that spans several cells; its refusal is put in the column it names (else `fallback`).
    mutating func check<T>(fallback: ImportField, _ build: () throws(WagecaseError) -> T) -> T? {
        do {
            return try build()
        } catch {
            let field = error.importField.flatMap { mapping.columns[$0] == nil ? nil : $0 } ?? fallback
            issue(field, error.importValue, error.reasonForReport, code: error.code)
            return nil
        }
    }

    /// A cell as a report may quote it: reports are files that travel (mail, shared folders), so ID numbers and
    /// card numbers appear in them masked, as on screen; the row number leads back to the full value.
    static func quotable(_ field: ImportField, _ text: String) -> String {
        switch field {
        case .idNumber: ResidentID.quotable(text)
        case .bankCard: BankCard.quotable(text)
        case .phone: text.count >= 7 ? PhoneNumber.mask(text) : text
        default: text
        }
    }
}

extension WagecaseError {
    /// Which import column a refusal is about, when its field names one.
    public var importField: ImportField? {
        switch self {
        case let .invalidField(field, _, _, _), let .dateOutOfOrder(field, _, _):
            ImportField(rawValue: field) ?? (field == "document" ? .documentNumber : nil)
        case .notFound(let entity, _) where Self.record(entity) == "project": .projectName
        case .notFound(let entity, _) where Self.record(entity) == "employer": .creditCode
        case .notFound: .idNumber
        default: nil
        }
    }

    /// The value a refusal quotes.
    public var importValue: String {
        switch self {
        case let .invalidField(_, value, _, _): value
        case let .notFound(_, key): key
        case let .dateOutOfOrder(_, value, _): value.iso
        default: ""
        }
    }

    /// The refusal without the field name, which a report already shows in its column.
    public var reasonForReport: Phrase {
        switch self {
        case let .invalidField(_, _, reason, allowed): "\(reason); allowed: \(allowed)"
        case let .dateOutOfOrder(_, _, reason): reason
        default: .both(zh: message(.zh), en: message(.en))
        }
    }
}
