// Validated inputs to the use-cases. Parsing text into these is where field errors are raised, so the CLI and
// the server share one set of rules.

/// A reference to an employer as users give it: a numeric id or a credit code.
public enum EmployerReference: Sendable, Equatable, CustomStringConvertible {
    case id(Int64)
    case creditCode(String)

    public static func parse(_ text: String, field: String = "employer") throws(WagecaseError) -> EmployerReference {
        let trimmed = normalizeWidth(text.trimmingWhitespace()).uppercased()
        if let id = Int64(trimmed), id > 0, trimmed.count < 18 { return .id(id) }
        if trimmed.count == 18 { return .creditCode(trimmed) }
        throw .invalidField(field: field, value: text, reason: "is neither an id nor a credit code",
                            allowed: "an employer id (e.g. 3) or an 18-character unified social credit code")
    }

    public var description: String {
        switch self {
        case .id(let id): "#\(id)"
        case .creditCode(let code): code
        }
    }
}

/// A reference to a project: a numeric id or its exact name.
public enum ProjectReference: Sendable, Equatable, CustomStringConvertible {
    case id(Int64)
    case name(String)

    public static func parse(_ text: String, field: String = "project") throws(WagecaseError) -> ProjectReference {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            throw .invalidField(field: field, value: text, reason: "is empty", allowed: "a project id or exact name")
        }
        if let id = Int64(trimmed), id > 0 { return .id(id) }
        return .name(trimmed)
    }

    public var description: String {
        switch self {
        case .id(let id): "#\(id)"
        case .name(let name): name
        }
    }
}

/// A reference to a case: its office case number, or its numeric id (also written #12).
public struct CaseReference: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text.trimmingWhitespace() }

    /// The id it may stand for when no case carries it as a case number.
    public var numericID: Int64? {
        Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text)
    }

    public var description: String { text }
}

/// Free text rules: names are one line and short; notes may be long but never silently truncated.
public enum TextField {
    public static func name(_ text: String, field: String, maxLength: Int = 200) throws(WagecaseError) -> String {
        let value = withoutSpacesBetweenHan(text.trimmingWhitespace())
        if value.isEmpty {
            throw .invalidField(field: field, value: text, reason: "is empty", allowed: "a non-empty name")
        }
        try check(value, original: text, field: field, maxLength: maxLength, multiline: false)
        return value
    }

    public static func optional(_ text: String?, field: String, maxLength: Int = 10_000,
                                multiline: Bool = true) throws(WagecaseError) -> String? {
        guard let text else { return nil }
        let value = text.trimmingWhitespace()
        if value.isEmpty { return nil }
        try check(value, original: text, field: field, maxLength: maxLength, multiline: multiline)
        return value
    }

    public static func required(_ text: String, field: String, maxLength: Int = 10_000) throws(WagecaseError) -> String {
        guard let value = try optional(text, field: field, maxLength: maxLength) else {
            throw .invalidField(field: field, value: text, reason: "is empty", allowed: "a non-empty text")
        }
        return value
    }

    /// A phone number in its one stored form: a mobile number as its 11 digits starting with 1 (a +86 or 0086
    /// prefix, spaces and dashes dropped: 13912345678); a landline as area code, dash, number (0943-8212345).
    public static func phone(_ text: String?, field: String = "phone") throws(WagecaseError) -> String? {
        guard let text else { return nil }
        // The common case on bytes: a mobile number already in its stored form.
        let bytes = text.utf8
        if bytes.count == 11, bytes.first == UInt8(ascii: "1"), let second = bytes.dropFirst().first,
           second >= UInt8(ascii: "3"), bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return text }
        let value = normalizeWidth(text.trimmingWhitespace())
        if value.isEmpty { return nil }
        if let phone = PhoneNumber.stored(value) { return phone }
        // Quoted as the product shows a phone: a long run of digits masked.
        throw .invalidField(field: field, value: text.filter(\.isNumber).count >= 7 ? PhoneNumber.mask(text) : text,
                            reason: "is not a phone number",
                            allowed: "a mobile number of 11 digits starting with 1 (13912345678), or a landline with its area code (0943-8212345)")
    }

    /// Spaces an export put between Chinese characters (张 三, 平川区 建筑公司) are not part of a name.
    static func withoutSpacesBetweenHan(_ value: String) -> String {
        // Every whitespace character starts with an ASCII space or control byte, or C2, E1, E2 or E3: most names
        // have none of those bytes and are returned without looking at their characters.
        guard value.utf8.contains(where: { $0 <= 0x20 || $0 == 0xC2 || (0xE1...0xE3).contains($0) }),
              value.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else { return value }
        let characters = Array(value)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character.isWhitespace else {
                result.append(character)
                index += 1
                continue
            }
            var end = index
            while end < characters.count && characters[end].isWhitespace { end += 1 }
            let between = index > 0 && end < characters.count && isHanLike(characters[index - 1]) && isHanLike(characters[end])
            if !between { result.append(contentsOf: characters[index..<end]) }
            index = end
        }
        return result
    }

    private static func isHanLike(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        case 0x00B7, 0x30FB: return true  // the middle dot of a transliterated name (买买提·艾力)
        default: return false
        }
    }

    private static func check(_ value: String, original: String, field: String, maxLength: Int,
                              multiline: Bool) throws(WagecaseError) {
        // A text is never longer in characters than in bytes: most never need their characters counted.
        if value.utf8.count > maxLength && value.count > maxLength {
            throw .invalidField(field: field, value: String(original.prefix(40)) + "…",
                                reason: "is \(value.count) characters long",
                                allowed: "at most \(maxLength) characters")
        }
        if isPlainText(value, multiline: multiline) { return }
        var visible = false
        for scalar in value.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                if multiline && (scalar == "\n" || scalar == "\t") { continue }
                throw .invalidField(field: field, value: escaped(original), reason: "contains a control character",
                                    allowed: multiline ? "text with line breaks and tabs but no other control characters"
                                        : "one line of text without control characters")
            }
            if isBidiControl(scalar) {
                // U+202E and its kin make a printed name read differently from what is stored.
                throw .invalidField(field: field, value: escaped(original),
                                    reason: "contains a text-direction control character (U+\(hex(scalar)))",
                                    allowed: "text without direction overrides or isolates")
            }
            if !multiline && scalar.properties.isDefaultIgnorableCodePoint {
                throw .invalidField(field: field, value: escaped(original),
                                    reason: "contains an invisible character (U+\(hex(scalar)))",
                                    allowed: "one line of visible text")
            }
            if !scalar.properties.isWhitespace && !scalar.properties.isDefaultIgnorableCodePoint { visible = true }
        }
        if !visible {
            throw .invalidField(field: field, value: escaped(original), reason: "has no visible character",
                                allowed: "text with at least one visible character")
        }
    }

    /// The common case on bytes (imports check millions of names): printable ASCII with at least one visible
    /// character, and CJK ideographs (U+4E00–U+9FFF, lead bytes E4–E9), none of which is a control, direction or
    /// invisible character. Anything else is left to the full check.
    private static func isPlainText(_ value: String, multiline: Bool) -> Bool {
        var visible = false
        var utf8 = value.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case 0x21...0x7E:
                visible = true
            case 0x20:
                continue
            case 0x09, 0x0A:
                guard multiline else { return false }
            case 0xE4...0xE9:
                // A three-byte ideograph: skip its two continuation bytes.
                guard let second = utf8.next(), let third = utf8.next(), second & 0xC0 == 0x80, third & 0xC0 == 0x80
                else { return false }
                visible = true
            default:
                return false
            }
        }
        return visible
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A refused value as a message may quote it: control, direction and invisible characters written as
    /// \u{…}, so the refusal itself cannot move a terminal's cursor or reorder its own text.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        // Most text is printable ASCII and common Chinese: returned as it is, without asking each character's
        // Unicode properties (a list of a hundred thousand alerts spent most of its time there).
        if text.unicodeScalars.allSatisfy(isPlainlyVisible) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if keepingLineBreaks && (scalar == "\n" || scalar == "\t") {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isBidiControl(scalar)
                || scalar.properties.isDefaultIgnorableCodePoint {
                out += "\\u{\(hex(scalar))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Printable ASCII, CJK ideographs, CJK punctuation, fullwidth forms and the dashes, quotes and ellipsis of
    /// General Punctuation: none is a control, direction or invisible character.
    private static func isPlainlyVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x4E00...0x9FFF, 0x3001...0x303F, 0xFF01...0xFF60, 0x2010...0x2027: true
        default: false
        }
    }
}

public struct NewWorker: Sendable {
    public var name: String
    public var idNumber: ResidentID
    public var idNumberOverrideReason: String?
    public var phone: String?
    public var bankCard: String?
    public var hometown: String?

    public init(name: String, idNumber: ResidentID, idNumberOverrideReason: String? = nil, phone: String? = nil,
                bankCard: String? = nil, hometown: String? = nil) {
        (self.name, self.idNumber, self.idNumberOverrideReason) = (name, idNumber, idNumberOverrideReason)
        (self.phone, self.bankCard, self.hometown) = (phone, bankCard, hometown)
    }

    /// Validates raw text the way every entry point must.
    public static func parse(name: String, idNumber: String, overrideReason: String? = nil, phone: String? = nil,
                             bankCard: String? = nil, hometown: String? = nil) throws(WagecaseError) -> NewWorker {
        let reason = try TextField.optional(overrideReason, field: "override_reason", maxLength: 500)
        return NewWorker(
            name: try TextField.name(name, field: "name", maxLength: 100),
            idNumber: try ResidentID.parse(idNumber, field: "id_number", overrideReason: reason),
            idNumberOverrideReason: reason,
            phone: try TextField.phone(phone),
            bankCard: try bankCard.flatMap { t throws(WagecaseError) in
                t.trimmingWhitespace().isEmpty ? nil : try BankCard.parse(t, overrideReason: reason)
            },
            hometown: try TextField.optional(hometown, field: "hometown", maxLength: 200, multiline: false))
    }

    /// The reason is kept only when it was needed.
    public var storedOverrideReason: String? { idNumber.checksumIsValid ? nil : idNumberOverrideReason }

    /// What the audit log says was overridden, and why: the ID number's check digit, the bank card's, or both.
    public var overrideAuditReason: String? {
        guard let reason = idNumberOverrideReason else { return nil }
        let overridden = [idNumber.checksumIsValid ? nil : "ID number check digit overridden",
                          bankCard.map(BankCard.passesLuhn) == false ? "bank card check digit overridden" : nil]
            .compactMap { $0 }
        return overridden.isEmpty ? nil : overridden.joined(separator: "; ") + ": " + reason
    }
}

public struct NewEmployer: Sendable {
    public var name: String
    public var creditCode: CreditCode
    public var creditCodeOverrideReason: String?
    public var kind: EmployerKind

    public init(name: String, creditCode: CreditCode, creditCodeOverrideReason: String? = nil,
                kind: EmployerKind = .other) {
        (self.name, self.creditCode, self.creditCodeOverrideReason, self.kind) =
            (name, creditCode, creditCodeOverrideReason, kind)
    }

    public static func parse(name: String, creditCode: String, kind: String? = nil,
                             overrideReason: String? = nil) throws(WagecaseError) -> NewEmployer {
        let reason = try TextField.optional(overrideReason, field: "override_reason", maxLength: 500)
        let code = try CreditCode.parse(creditCode, overrideReason: reason)
        return NewEmployer(
            name: try TextField.name(name, field: "name"),
            creditCode: code,
            creditCodeOverrideReason: reason,
            kind: try kind.map { k throws(WagecaseError) in try EmployerKind.parse(k, field: "kind") } ?? .other)
    }

    /// The reason is kept only when it was needed.
    public var storedOverrideReason: String? { creditCode.checksumIsValid ? nil : creditCodeOverrideReason }
}

/// The guarantee-relevant facts of a project. On `project add` nil means "not known yet"; on `project update`
/// nil means "leave as it is".
public struct ProjectDetails: Sendable, Equatable {
    public var regionCode: String?
    public var contractPrice: Fen?
    public var start: LocalDate?
    public var plannedCompletion: LocalDate?
    public var actualCompletion: LocalDate?
    public var status: ProjectStatus?
    public var standing: ContractorStanding?
    /// Both or neither.
    public var exemption: (reason: String, document: String)?
    /// Remove an existing exemption.
    public var clearExemption: Bool
    /// The facts the deposit duty is decided on; nil leaves a fact as it is.
    public var deposit = DepositFactChanges()

    public init(regionCode: String? = nil, contractPrice: Fen? = nil, start: LocalDate? = nil,
                plannedCompletion: LocalDate? = nil, actualCompletion: LocalDate? = nil, status: ProjectStatus? = nil,
                standing: ContractorStanding? = nil, exemption: (reason: String, document: String)? = nil,
                clearExemption: Bool = false) {
        (self.regionCode, self.contractPrice, self.start) = (regionCode, contractPrice, start)
        (self.plannedCompletion, self.actualCompletion, self.status) = (plannedCompletion, actualCompletion, status)
        (self.standing, self.exemption, self.clearExemption) = (standing, exemption, clearExemption)
    }

    public static func == (lhs: ProjectDetails, rhs: ProjectDetails) -> Bool {
        lhs.regionCode == rhs.regionCode && lhs.contractPrice == rhs.contractPrice && lhs.start == rhs.start
            && lhs.plannedCompletion == rhs.plannedCompletion && lhs.actualCompletion == rhs.actualCompletion
            && lhs.status == rhs.status && lhs.standing == rhs.standing
            && lhs.exemption?.reason == rhs.exemption?.reason && lhs.exemption?.document == rhs.exemption?.document
            && lhs.clearExemption == rhs.clearExemption && lhs.deposit == rhs.deposit
    }

    /// Parses the text users give; every value is checked here.
    public static func parse(region: String? = nil, contractPrice: String? = nil, start: String? = nil,
                             plannedCompletion: String? = nil, actualCompletion: String? = nil,
                             status: String? = nil, standing: String? = nil, exemptionReason: String? = nil,
                             exemptionDocument: String? = nil,
                             clearExemption: Bool = false) throws(WagecaseError) -> ProjectDetails {
        var details = ProjectDetails(clearExemption: clearExemption)
        if let region {
            let code = normalizeWidth(region.trimmingWhitespace())
            guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .invalidField(field: "region", value: region, reason: "is not a region code",
                                    allowed: "a 6-digit administrative division code (行政区划代码), e.g. 620403")
            }
            details.regionCode = code
        }
        details.contractPrice = try contractPrice.map { t throws(WagecaseError) in
            try Fen.parse(t, field: "contract_price")
        }
        details.start = try start.map { t throws(WagecaseError) in try LocalDate.parse(t, field: "start") }
        details.plannedCompletion = try plannedCompletion.map { t throws(WagecaseError) in
            try LocalDate.parse(t, field: "planned_completion")
        }
        details.actualCompletion = try actualCompletion.map { t throws(WagecaseError) in
            try LocalDate.parse(t, field: "actual_completion")
        }
        details.status = try status.map { t throws(WagecaseError) in try ProjectStatus.parse(t, field: "status") }
        details.standing = try standing.map { t throws(WagecaseError) in
            try ContractorStanding.parse(t, field: "standing")
        }
        let reason = try TextField.optional(exemptionReason, field: "exemption_reason", maxLength: 500)
        let document = try TextField.optional(exemptionDocument, field: "exemption_document", maxLength: 200,
                                              multiline: false)
        switch (reason, document) {
        case let (reason?, document?):
            if clearExemption {
                throw .invalidField(field: "exemption_reason", value: reason, reason: "conflicts with clearing it",
                                    allowed: "either an exemption or clearing it, not both")
            }
            details.exemption = (reason, document)
        case (nil, nil): break
        case (nil, _?):
            throw .invalidField(field: "exemption_reason", value: "", reason: "is missing",
                                allowed: "a reason together with the exemption document number")
        case (_?, nil):
            throw .invalidField(field: "exemption_document", value: "", reason: "is missing",
                                allowed: "the document number that grants the exemption, with the reason")
        }
        return details
    }

    /// Checks the dates and status of the project as it will be after applying these details to `current`.
    public func applied(to current: Project) throws(WagecaseError) -> Project {
        var project = current
        if let regionCode { project.regionCode = regionCode }
        if let contractPrice { project.contractPrice = contractPrice }
        if let start { project.start = start }
        if let plannedCompletion { project.plannedCompletion = plannedCompletion }
        if let actualCompletion { project.actualCompletion = actualCompletion }
        if let status { project.status = status }
        if let standing { project.standing = standing }
        if clearExemption { (project.exemptionReason, project.exemptionDocument) = (nil, nil) }
        if let exemption { (project.exemptionReason, project.exemptionDocument) = (exemption.reason, exemption.document) }
        deposit.apply(to: &project)
        if let start = project.start {
            if let planned = project.plannedCompletion, planned < start {
                throw .dateOutOfOrder(field: "planned_completion", value: planned, reason: "is before the start (\(start))")
            }
            if let actual = project.actualCompletion, actual < start {
                throw .dateOutOfOrder(field: "actual_completion", value: actual, reason: "is before the start (\(start))")
            }
        }
        if project.status == .completed && project.actualCompletion == nil {
            throw .invalidField(field: "status", value: "completed", reason: "needs the actual completion date",
                                allowed: "the actual completion date when the status is completed")
        }
        return project
    }
}

public struct NewProject: Sendable {
    public var name: String
    public var employer: EmployerReference
    public var location: String?
    public var details: ProjectDetails

    public init(name: String, employer: EmployerReference, location: String? = nil,
                details: ProjectDetails = ProjectDetails()) {
        (self.name, self.employer, self.location, self.details) = (name, employer, location, details)
    }

    public static func parse(name: String, employer: String, location: String? = nil,
                             details: ProjectDetails = ProjectDetails()) throws(WagecaseError) -> NewProject {
        NewProject(name: try TextField.name(name, field: "name"),
                   employer: try EmployerReference.parse(employer),
                   location: try TextField.optional(location, field: "location", maxLength: 200, multiline: false),
                   details: details)
    }
}

/// A worker named on a new clue, by ID number, with the amount they claim.
public struct ClaimInput: Sendable, Equatable {
    public var idNumber: ResidentID
    public var claimed: Fen

    public init(idNumber: ResidentID, claimed: Fen) { (self.idNumber, self.claimed) = (idNumber, claimed) }

    /// Parses "ID_NUMBER=AMOUNT" as given to --worker.
    public static func parse(_ text: String, field: String = "worker") throws(WagecaseError) -> ClaimInput {
        guard let equals = text.firstIndex(of: "=") else {
            throw .invalidField(field: field, value: text, reason: "has no \"=\"",
                                allowed: "ID_NUMBER=AMOUNT, e.g. 11010519491231002X=38000")
        }
        let id = String(text[..<equals])
        let amount = String(text[text.index(after: equals)...])
        return ClaimInput(idNumber: try ResidentID.parse(id, field: "\(field).id_number"),
                          claimed: try Fen.parse(amount, field: "\(field).amount"))
    }
}

/// What to do when a new clue matches an existing one (same employer, project and a shared worker).
public enum DuplicatePolicy: String, Sendable, CaseIterable {
    /// Refuse, naming the existing clue.
    case refuse
    /// Record the new channel on the existing clue and add any workers it did not name.
    case merge
    /// Keep both clues (e.g. a second, unrelated arrears period).
    case keepBoth = "keep-both"
}

public struct NewClue: Sendable {
    public var source: ClueSource
    public var received: LocalDate
    public var employer: EmployerReference
    public var project: ProjectReference?
    public var claims: [ClaimInput]
    public var summary: String?
    public var onDuplicate: DuplicatePolicy
    /// For a merge that names a worker already on the clue with another amount: which amount stands.
    public var amountStands: ClueIntake.AmountStands?

    public init(source: ClueSource, received: LocalDate, employer: EmployerReference,
                project: ProjectReference? = nil, claims: [ClaimInput], summary: String? = nil,
                onDuplicate: DuplicatePolicy = .refuse,
                amountStands: ClueIntake.AmountStands? = nil) throws(WagecaseError) {
        if claims.isEmpty {
            throw .invalidField(field: "workers", value: "", reason: "names no worker",
                                allowed: "at least one worker with the amount owed")
        }
        var seen = Set<String>()
        for claim in claims where !seen.insert(claim.idNumber.value).inserted {
            throw .invalidField(field: "workers", value: claim.idNumber.masked, reason: "is named twice",
                                allowed: "each worker once per clue")
        }
        (self.source, self.received, self.employer, self.project) = (source, received, employer, project)
        (self.claims, self.summary, self.onDuplicate) = (claims, summary, onDuplicate)
        self.amountStands = amountStands
    }
}

/// A region filter: the first 1 to 6 digits of an administrative region code (行政区划代码): "62" a province,
/// "6204" a city, "620403" a district.
public enum RegionPrefix {
    public static func parse(_ text: String, field: String = "region") throws(WagecaseError) -> String {
        let value = text.trimmingWhitespace()
        guard (1...6).contains(value.count), value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidField(field: field, value: text, reason: "is not the start of a region code",
                                allowed: "1 to 6 digits of a 行政区划代码, e.g. 62 or 620403")
        }
        return value
    }
}
