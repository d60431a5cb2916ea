// Corrections of the people and employers on record and of a clue's own facts (`worker update`, `employer
// update`, `clue update`): a field named is set, one in `clear` removed, the rest left as they are; every
// correction says why, and an identifier corrected is checked again as on the way in.

/// What every correction's parse shares: a known field to clear, never set and cleared at once, something to
/// change, and a reason.
enum CorrectionInput {
    static func cleared<Field: RawRepresentable & CaseIterable>(_ names: [String], of record: Phrase)
        throws(WagecaseError) -> Set<Field> where Field.RawValue == String, Field: Hashable {
        var cleared: Set<Field> = []
        for name in names {
            guard let field = Field(rawValue: name.trimmingWhitespace()) else {
                throw .invalidField(field: "clear", value: name, reason: "is not a field of \(record) one may clear",
                                    allowed: "one of \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            cleared.insert(field)
        }
        return cleared
    }

    /// `set` lists each field by name and whether a new value was given.
    static func check(set: [(String, Bool)], cleared: [String], record: Phrase, allowed: Phrase) throws(WagecaseError) {
        if let both = set.first(where: { $0.1 && cleared.contains($0.0) }) {
            throw .invalidField(field: both.0, value: "", reason: "is both set and cleared",
                                allowed: "a new value, or --clear, not both")
        }
        if set.allSatisfy({ !$0.1 }) && cleared.isEmpty {
            throw .invalidField(field: "changes", value: "", reason: "names nothing to change in \(record)",
                                allowed: allowed)
        }
    }

    static func reason(_ text: String?) throws(WagecaseError) -> String {
        try TextField.required(text ?? "", field: "reason", maxLength: 2000)
    }
}

/// A worker's record corrected: a mistyped name, ID number, phone, bank card or hometown.
public struct WorkerChanges: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable, Hashable {
        case phone, bankCard = "bank-card", hometown
    }

    public var name: String?
    public var idNumber: ResidentID?
    /// Why a number whose check digit fails is recorded as the paper has it (ID number or bank card).
    public var overrideReason: String?
    public var phone: String?
    public var bankCard: String?
    public var hometown: String?
    public var clear: Set<Field>
    public var reason: String

    public static func parse(name: String? = nil, idNumber: String? = nil, overrideReason: String? = nil,
                             phone: String? = nil, bankCard: String? = nil, hometown: String? = nil,
                             clear: [String] = [], reason: String?) throws(WagecaseError) -> WorkerChanges {
        let override = try TextField.optional(overrideReason, field: "override_reason", maxLength: 500)
        let cleared: Set<Field> = try CorrectionInput.cleared(clear, of: "a worker")
        let changes = WorkerChanges(
            name: try name.map { n throws(WagecaseError) in try TextField.name(n, field: "name", maxLength: 100) },
            idNumber: try idNumber.map { n throws(WagecaseError) in
                try ResidentID.parse(n, field: "id_number", overrideReason: override)
            },
            overrideReason: override,
            phone: try TextField.phone(phone),
            bankCard: try bankCard.flatMap { t throws(WagecaseError) in
                t.trimmingWhitespace().isEmpty ? nil : try BankCard.parse(t, overrideReason: override)
            },
            hometown: try TextField.optional(hometown, field: "hometown", maxLength: 200, multiline: false),
            clear: cleared, reason: try CorrectionInput.reason(reason))
        try CorrectionInput.check(
            set: [("name", changes.name != nil), ("id_number", changes.idNumber != nil), ("phone", changes.phone != nil),
                  ("bank-card", changes.bankCard != nil), ("hometown", changes.hometown != nil)],
            cleared: cleared.map(\.rawValue), record: "a worker",
            allowed: "--name, --id-number, --phone, --bank-card, --hometown or --clear")
        return changes
    }

    /// The audit entry's reason: the one given, and which check digit was overridden and why, as on the way in.
    public func auditReason(_ updated: Worker) -> String {
        guard let overrideReason else { return reason }
        let overridden = [idNumber != nil && updated.idNumberOverrideReason != nil ? "ID number check digit overridden" : nil,
                          bankCard.map(BankCard.passesLuhn) == false ? "bank card check digit overridden" : nil]
            .compactMap { $0 }
        return overridden.isEmpty ? reason : reason + "; " + overridden.joined(separator: "; ") + ": " + overrideReason
    }

    public func applied(to worker: Worker) -> Worker {
        var changed = worker
        if let name { changed.name = name }
        if let idNumber {
            changed.idNumber = idNumber.value
            // The reason is kept only while the number stored needs it.
            changed.idNumberOverrideReason = idNumber.checksumIsValid ? nil : overrideReason
        }
        if let phone { changed.phone = phone }
        if let bankCard { changed.bankCard = bankCard }
        if let hometown { changed.hometown = hometown }
        if clear.contains(.phone) { changed.phone = nil }
        if clear.contains(.bankCard) { changed.bankCard = nil }
        if clear.contains(.hometown) { changed.hometown = nil }
        return changed
    }
}

/// An employer's record corrected: its name, credit code or kind.
public struct EmployerChanges: Sendable, Equatable {
    public var name: String?
    public var creditCode: CreditCode?
    public var overrideReason: String?
    public var kind: EmployerKind?
    public var reason: String

    public static func parse(name: String? = nil, creditCode: String? = nil, kind: String? = nil,
                             overrideReason: String? = nil, reason: String?) throws(WagecaseError) -> EmployerChanges {
        let override = try TextField.optional(overrideReason, field: "override_reason", maxLength: 500)
        let changes = EmployerChanges(
            name: try name.map { n throws(WagecaseError) in try TextField.name(n, field: "name") },
            creditCode: try creditCode.map { c throws(WagecaseError) in try CreditCode.parse(c, overrideReason: override) },
            overrideReason: override,
            kind: try kind.map { k throws(WagecaseError) in try EmployerKind.parse(k, field: "kind") },
            reason: try CorrectionInput.reason(reason))
        try CorrectionInput.check(
            set: [("name", changes.name != nil), ("credit_code", changes.creditCode != nil), ("kind", changes.kind != nil)],
            cleared: [], record: "an employer", allowed: "--name, --credit-code or --kind")
        return changes
    }

    public func applied(to employer: Employer) -> Employer {
        var changed = employer
        if let name { changed.name = name }
        if let creditCode {
            changed.creditCode = creditCode.value
            changed.creditCodeOverrideReason = creditCode.checksumIsValid ? nil : overrideReason
        }
        if let kind { changed.kind = kind }
        return changed
    }
}

/// A clue's own facts corrected: the channel it first came through and when, the employer and project it is
/// about, its summary. (Its workers' claims stay as reported; a case carries its own claimed amount.)
public struct ClueChanges: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable, Hashable {
        case project, summary
    }

    public var source: ClueSource?
    public var received: LocalDate?
    public var employer: EmployerReference?
    public var project: ProjectReference?
    public var summary: String?
    public var clear: Set<Field>
    public var reason: String

    public static func parse(source: String? = nil, received: String? = nil, employer: String? = nil,
                             project: String? = nil, summary: String? = nil, clear: [String] = [],
                             reason: String?) throws(WagecaseError) -> ClueChanges {
        let cleared: Set<Field> = try CorrectionInput.cleared(clear, of: "a clue")
        let changes = ClueChanges(
            source: try source.map { s throws(WagecaseError) in try ClueSource.parse(s, field: "source") },
            received: try received.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "received") },
            employer: try employer.map { e throws(WagecaseError) in try EmployerReference.parse(e) },
            project: try project.map { p throws(WagecaseError) in try ProjectReference.parse(p) },
            summary: try TextField.optional(summary, field: "summary", maxLength: 10_000),
            clear: cleared, reason: try CorrectionInput.reason(reason))
        try CorrectionInput.check(
            set: [("source", changes.source != nil), ("received", changes.received != nil),
                  ("employer", changes.employer != nil), ("project", changes.project != nil),
                  ("summary", changes.summary != nil)],
            cleared: cleared.map(\.rawValue), record: "a clue",
            allowed: "--source, --received, --employer, --project, --summary or --clear")
        return changes
    }

    /// A clue is received on a day that has come, and before any case was opened from it.
    public func checkDate(today: LocalDate, firstCaseOpened: LocalDate?) throws(WagecaseError) {
        guard let received else { return }
        if received > today {
            throw .dateOutOfOrder(field: "received", value: received, reason: "is in the future (today is \(today))")
        }
        if let opened = firstCaseOpened, received > opened {
            throw .dateOutOfOrder(field: "received", value: received,
                                  reason: "is after a case was opened from the clue (\(opened))")
        }
    }

    /// The clue with its new facts; `employer` and `project` are the records the references named.
    public func applied(to clue: Clue, employer: Employer?, project: Project?) -> Clue {
        var changed = clue
        if let source { changed.source = source }
        if let received { changed.received = received }
        if let employer { (changed.employerID, changed.employerName) = (employer.id, employer.name) }
        if let project { (changed.projectID, changed.projectName) = (project.id, project.name) }
        if let summary { changed.summary = summary }
        if clear.contains(.project) { (changed.projectID, changed.projectName) = (nil, nil) }
        if clear.contains(.summary) { changed.summary = nil }
        return changed
    }

    /// A clue's project is one of its employer's.
    public static func checkProject(_ project: Project?, employerID: Int64) throws(WagecaseError) {
        guard let project, project.employerID != employerID else { return }
        throw .invalidField(field: "project", value: project.name, reason: "is not a project of the clue's employer",
                            allowed: "a project of the employer the clue is about (name --employer too, or --clear project)")
    }
}
