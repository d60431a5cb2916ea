/// Every refusal the domain can give. Each case names what was wrong, with which value, and what is allowed, in
/// words from the catalogue (`Phrase`); the CLI turns them into exit codes and the server into problem+json,
/// neither rewrites the message. The `code` is stable; the words may improve.
public enum WagecaseError: Refusal, Equatable, Sendable, CustomStringConvertible {
    /// A field's value is malformed or out of range.
    case invalidField(field: String, value: String, reason: Phrase, allowed: Phrase)
    /// A referenced record does not exist.
    case notFound(entity: Phrase, key: String)
    /// A record with the same unique key exists already.
    case duplicate(entity: Phrase, key: String, existingID: Int64, hint: Phrase)
    /// The stage machine refuses the move.
    case illegalTransition(caseLabel: String, current: CaseStage, requested: CaseStage, allowed: [CaseStage])
    /// A dated fact is out of order or in the future.
    case dateOutOfOrder(field: String, value: LocalDate, reason: Phrase)
    /// A recovery would take the case past its claimed amount.
    case overRecovery(caseLabel: String, claimed: Fen, alreadyRecovered: Fen, amount: Fen)
    /// The record is in a state that does not allow the action.
    case invalidState(entity: Phrase, key: String, state: Phrase, action: Phrase, allowed: Phrase)

    /// The input field the refusal is about, when it is about one.
    public var field: String? {
        switch self {
        case let .invalidField(field, _, _, _), let .dateOutOfOrder(field, _, _): field
        case .overRecovery: "amount"
        case .illegalTransition: "to"
        case .notFound, .duplicate, .invalidState: nil
        }
    }

    public var code: String {
        switch self {
        case .invalidField: "field.invalid"
        case .dateOutOfOrder: "field.date_out_of_order"
        case .notFound: "record.not_found"
        case let .duplicate(entity, _, _, _): "\(Self.record(entity)).duplicate"
        case .illegalTransition: "case.stage_not_allowed"
        case .overRecovery: "recovery.over_claim"
        case let .invalidState(entity, _, _, _, _): "\(Self.record(entity)).state_not_allowed"
        }
    }

    /// The kind of record a refusal is about: the first word of its entity ("clue for the same employer…" is
    /// a clue), so codes stay put when the words around it improve.
    public static func record(_ entity: Phrase) -> String {
        let first = entity.key.prefix { $0.isLetter }.lowercased()
        return first == "holiday" ? "holiday_schedule" : first
    }

    public func message(_ language: Language) -> String {
        language == .zh ? chinese : english
    }

    /// English, as logs and `String(describing:)` show it.
    public var description: String { english }

    private var english: String {
        switch self {
        case let .invalidField(field, value, reason, allowed):
            return "\(field): \(Self.quote(value)) \(reason.text(.en)); expected \(allowed.text(.en))"
        case let .notFound(entity, key):
            return "\(entity.text(.en)) \(key) not found"
        case let .duplicate(entity, key, existingID, hint):
            let hint = hint.text(.en)
            return "\(entity.text(.en))\(key.isEmpty ? "" : " " + key) already exists (id \(existingID))"
                + (hint.isEmpty ? "" : "; \(hint)")
        case let .illegalTransition(caseLabel, current, requested, allowed):
            let next = allowed.isEmpty ? "none (the case is closed)" : allowed.map(\.rawValue).joined(separator: ", ")
            return "case \(caseLabel) is at \(Self.stage(current)); it cannot move to \(Self.stage(requested)); "
                + "allowed next stages: \(next)"
        case let .dateOutOfOrder(field, value, reason):
            return "\(field): \(value) \(reason.text(.en))"
        case let .overRecovery(caseLabel, claimed, alreadyRecovered, amount):
            return "case \(caseLabel): recovering \(amount) would exceed the claimed \(claimed) "
                + "(already recovered \(alreadyRecovered), at most \(claimed - alreadyRecovered) remains)"
        case let .invalidState(entity, key, state, action, allowed):
            let state = state.text(.en)  // "is converted" from the rules, "revoked" from the store: one "is"
            return "\(entity.text(.en)) \(key) \(state.hasPrefix("is ") ? "" : "is ")\(state); cannot \(action.text(.en)) "
                + "(allowed when \(allowed.text(.en)))"
        }
    }

    private var chinese: String {
        switch self {
        case let .invalidField(field, value, reason, allowed):
            let date = allowed.key.hasPrefix("a date") || allowed.key.hasPrefix("YYYY-MM-DD")
            return "\(FieldName.label(field, .zh, date: date))\(Self.quoteZH(value))\(reason.text(.zh))；\(allowed.text(.zh))"
        case let .notFound(entity, key):
            return "未找到\(entity.text(.zh))\(key.isEmpty ? "" : " " + key)"
        case let .duplicate(entity, key, existingID, hint):
            let hint = hint.text(.zh)
            return "\(entity.text(.zh))\(key.isEmpty ? "" : " " + key)已存在（编号 #\(existingID)）"
                + (hint.isEmpty ? "" : "；\(hint)")
        case let .illegalTransition(caseLabel, current, requested, allowed):
            let next = allowed.isEmpty ? "案件已结案，不能再转入其他阶段"
                : "可转入：" + allowed.map(\.zh).joined(separator: "、")
            return "案件 \(caseLabel) 目前处于“\(current.zh)”阶段，不能转入“\(requested.zh)”；\(next)"
        case let .dateOutOfOrder(field, value, reason):
            return "\(FieldName.label(field, .zh, date: true)) \(value) \(reason.text(.zh))"
        case let .overRecovery(caseLabel, claimed, alreadyRecovered, amount):
            return "案件 \(caseLabel)：本次追回 \(amount.yuan) 元将超过诉请金额 \(claimed.yuan) 元"
                + "（已追回 \(alreadyRecovered.yuan) 元，至多还可记录 \((claimed - alreadyRecovered).yuan) 元）"
        case let .invalidState(entity, key, state, action, allowed):
            return "\(entity.text(.zh))\(key.isEmpty ? "" : " " + key)当前\(state.text(.zh))，不能\(action.text(.zh))"
                + "（\(allowed.text(.zh))）"
        }
    }

    /// A stage as English messages name it: its identifier, with its label when that says more.
    private static func stage(_ stage: CaseStage) -> String {
        stage.en == stage.rawValue ? stage.rawValue : "\(stage.rawValue) (\(stage.en))"
    }

    private static func quote(_ value: String) -> String {
        value.isEmpty ? "(empty)" : "\"\(value)\""
    }

    private static func quoteZH(_ value: String) -> String {
        value.isEmpty ? "" : "「\(value)」"
    }
}

extension WagecaseError {
    /// Whether every phrase of the refusal has its Chinese in the catalogue and its field a Chinese name.
    public var isTranslated: Bool {
        switch self {
        case let .invalidField(field, _, reason, allowed):
            FieldName.isNamed(field) && reason.isTranslated && allowed.isTranslated
        case let .dateOutOfOrder(field, _, reason): FieldName.isNamed(field) && reason.isTranslated
        case let .notFound(entity, _): entity.isTranslated
        case let .duplicate(entity, _, _, hint): entity.isTranslated && hint.isTranslated
        case let .invalidState(entity, _, state, action, allowed):
            entity.isTranslated && state.isTranslated && action.isTranslated && allowed.isTranslated
        case .illegalTransition, .overRecovery: true
        }
    }
}
