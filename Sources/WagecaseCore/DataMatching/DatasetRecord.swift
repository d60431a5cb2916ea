/// One row of a partner's dataset, cleaned and checked: the values models read. The row's original cells are
/// kept beside it by the store.
public struct DatasetRecord: Sendable, Equatable {
    /// The stored row's id (0 before it is stored).
    public var id: Int64 = 0
    public var kind: DatasetKind
    public var number: String?
    public var personName: String?
    /// A checked 18-character resident ID number.
    public var idNumber: String?
    public var phone: String?
    public var employer: String?
    public var creditCode: String?
    public var project: String?
    public var amount: Fen?
    public var paid: Fen?
    /// The row's own date: effective (awards, judgments), received (complaints), issued (permits), or the first
    /// day of the month paid (payroll).
    public var date: LocalDate?
    public var plannedCompletion: LocalDate?
    /// An `AwardPerformance` or `EnforcementStatus` identifier.
    public var status: String?
    public var channel: String?
    public var content: String?
    public var headcount: Int64?
    public var regionCode: String?

    public init(kind: DatasetKind) { self.kind = kind }

    /// Who the row is about as one key: the credit code, else the name as `MatchKey` cleans it.
    public var employerKey: String? { creditCode ?? employer.map(MatchKey.name) }

    public var projectKey: String? { project.map(MatchKey.name) }

    /// What identifies the row across files of its kind: a newer file's row with the same reference supersedes
    /// the older one (an award reported again once performed). Payroll rows are one per project and month.
    public var reference: String? {
        if kind == .payrollTransfers {
            guard let creditCode, let projectKey, let date else { return nil }
            return "\(creditCode)|\(projectKey)|\(date.iso.prefix(7))"
        }
        return number
    }

    /// The value a model's condition reads.
    public func value(_ field: DatasetField) -> DatasetValue? {
        switch field {
        case .number: number.map(DatasetValue.text)
        case .personName: personName.map(DatasetValue.text)
        case .idNumber: idNumber.map(DatasetValue.text)
        case .phone: phone.map(DatasetValue.text)
        case .employer: employer.map(DatasetValue.text)
        case .creditCode: creditCode.map(DatasetValue.text)
        case .project: project.map(DatasetValue.text)
        case .amount: amount.map { .number($0.value) }
        case .paid: paid.map { .number($0.value) } ?? (amount == nil ? nil : .number(0))
        case .unpaid: unpaid.map { .number($0.value) }
        case .effective, .received, .issued, .month:
            kind.dateField == field ? date.map(DatasetValue.date) : nil
        case .plannedCompletion: plannedCompletion.map(DatasetValue.date)
        case .status: status.map(DatasetValue.text)
        case .channel: channel.map(DatasetValue.text)
        case .content: content.map(DatasetValue.text)
        case .headcount: headcount.map(DatasetValue.number)
        case .regionCode: regionCode.map(DatasetValue.text)
        }
    }

    /// What is still owed on an award or judgment: the amount less what was paid, never below zero.
    public var unpaid: Fen? {
        guard let amount else { return nil }
        let paid = paid?.value ?? 0
        return Fen(max(0, amount.value - paid))
    }
}

/// A value as conditions compare it.
public enum DatasetValue: Sendable, Equatable {
    case text(String)
    case number(Int64)
    case date(LocalDate)
}

/// Names as matching compares them: full-width forms folded, spaces and brackets ignored, so "平川建设（集团）有限公司",
/// "平川建设(集团)有限公司 " and "平川建设集团有限公司" are one employer, "滨河花园（二期）" and "滨河花园二期" one project.
public enum MatchKey {
    public static func name(_ text: String) -> String {
        // Most names are already clean: plain Han and ASCII letters and digits, nothing to fold or drop.
        if text.utf8.allSatisfy({ $0 >= 0x80 || ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }),
           !text.unicodeScalars.contains(where: { $0.value >= 0xFF00 || $0.value == 0x3000 || $0.value == 0x00B7
               || $0.value == 0x2022 || $0.value == 0x3010 || $0.value == 0x3011 || $0.value == 0x00A0 }) {
            return text
        }
        var out = ""
        for character in ImportText.normalize(text) {
            switch character {
            case " ", "\t", "　", "·", "•", "(", ")", "（", "）", "【", "】", "[", "]": continue
            default: out.append(character)
            }
        }
        return out.lowercased()
    }
}

/// Turns a dataset row's cells into a record, checking every cell so one pass reports every problem of the row.
public struct DatasetRowParser: Sendable {
    public let kind: DatasetKind
    public let mapping: HeadingMatch<DatasetField>

    public init(kind: DatasetKind, mapping: HeadingMatch<DatasetField>) { (self.kind, self.mapping) = (kind, mapping) }

    /// The columns of `kind` found in the first rows of a file (`custom` from a mapping file).
    public static func columns(_ leadingRows: [[String]], kind: DatasetKind,
                               custom: [String: DatasetField] = [:]) throws(WagecaseError) -> HeadingMatch<DatasetField> {
        try HeadingMatch.detect(leadingRows, fields: kind.fields, headings: { field in
            kind.headings(field).map(ImportText.headingKey)
        }, required: kind.required, custom: custom)
    }

    public func parse(_ cells: [String], row: Int) -> Result<DatasetRecord, ImportIssues> {
        var c = RowCursor(cells: cells, row: row, mapping: mapping, quotable: Self.quotable)
        var record = DatasetRecord(kind: kind)
        for field in kind.fields {
            let required = kind.required.contains(field)
            let read = { (c: inout RowCursor<DatasetField>, parse: (String) throws(WagecaseError) -> Void) in
                _ = required ? c.required(field, parse) : c.optional(field, parse)
            }
            switch field {
            case .number: read(&c) { v throws(WagecaseError) in record.number = try TextField.name(v, field: field.rawValue, maxLength: 100) }
            case .personName: read(&c) { v throws(WagecaseError) in record.personName = try TextField.name(v, field: field.rawValue, maxLength: 100) }
            case .idNumber: read(&c) { v throws(WagecaseError) in record.idNumber = try ResidentID.parse(v).value }
            case .phone: read(&c) { v throws(WagecaseError) in record.phone = try TextField.phone(v) }
            case .employer: read(&c) { v throws(WagecaseError) in record.employer = try TextField.name(v, field: field.rawValue) }
            case .creditCode: read(&c) { v throws(WagecaseError) in record.creditCode = try CreditCode.parse(v).value }
            case .project: read(&c) { v throws(WagecaseError) in record.project = try TextField.name(v, field: field.rawValue) }
            case .amount: read(&c) { v throws(WagecaseError) in record.amount = try Fen.parse(v, field: field.rawValue) }
            case .paid: read(&c) { v throws(WagecaseError) in record.paid = try Fen.parse(v, field: field.rawValue) }
            case .effective, .received, .issued:
                read(&c) { v throws(WagecaseError) in record.date = try ImportText.date(v, field: field.rawValue) }
            case .month: read(&c) { v throws(WagecaseError) in record.date = try Self.month(v) }
            case .plannedCompletion:
                read(&c) { v throws(WagecaseError) in record.plannedCompletion = try ImportText.date(v, field: field.rawValue) }
            case .status: read(&c) { v throws(WagecaseError) in record.status = try Self.status(v, kind: kind) }
            case .channel: read(&c) { v throws(WagecaseError) in record.channel = try TextField.name(v, field: field.rawValue, maxLength: 50) }
            case .content: read(&c) { v throws(WagecaseError) in record.content = try TextField.required(v, field: field.rawValue, maxLength: 5000) }
            case .headcount: read(&c) { v throws(WagecaseError) in record.headcount = try Self.count(v, field: field.rawValue) }
            case .regionCode: read(&c) { v throws(WagecaseError) in record.regionCode = try ProjectDetails.parse(region: v).regionCode }
            case .unpaid: break
            }
        }
        if let amount = record.amount, let paid = record.paid, paid > amount {
            c.issue(.paid, paid.yuan, "is more than the amount \(amount.yuan)")
        }
        if c.issues.isEmpty { return .success(record) }
        return .failure(ImportIssues(issues: c.issues))
    }

    static func quotable(_ field: DatasetField, _ text: String) -> String {
        switch field {
        case .idNumber: ResidentID.quotable(text)
        case .phone: text.count >= 7 ? PhoneNumber.mask(text) : text
        default: text
        }
    }

    static func status(_ text: String, kind: DatasetKind) throws(WagecaseError) -> String {
        kind == .arbitrationAwards ? try AwardPerformance.parse(text, field: "status").rawValue
            : try EnforcementStatus.parse(text, field: "status").rawValue
    }

    /// A month paid: 2026-03, 2026/3, 2026年3月, 202603, or a date in it; kept as its first day.
    static func month(_ text: String) throws(WagecaseError) -> LocalDate {
        let value = ImportText.normalize(text)
        var digits: [Int] = []
        var current = ""
        for character in value {
            if character.isASCII && character.isNumber { current.append(character) } else if !current.isEmpty {
                digits.append(Int(current) ?? -1)
                current = ""
            }
        }
        if !current.isEmpty { digits.append(Int(current) ?? -1) }
        if digits.count == 1, current.count == 6, let whole = digits.first { digits = [whole / 100, whole % 100] }
        guard (2...3).contains(digits.count), let month = LocalDate(year: digits[0], month: digits[1], day: 1),
              (1990...2100).contains(digits[0]) else {
            throw .invalidField(field: "month", value: text, reason: "is not a month",
                                allowed: "a month such as 2026-03, 2026/3 or 2026年3月")
        }
        return month
    }

    static func count(_ text: String, field: String) throws(WagecaseError) -> Int64 {
        var value = Substring(ImportText.normalize(text))
        if value.hasSuffix("人") { value = value.dropLast() }
        guard (1...7).contains(value.count), value.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(value) else {
            throw .invalidField(field: field, value: text, reason: "is not a count of people",
                                allowed: "a whole number from 0 to 9999999")
        }
        return count
    }
}
