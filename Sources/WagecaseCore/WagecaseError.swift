/// Every refusal the domain can give. Each case names what was wrong, with which value, and what is allowed;
/// the CLI turns them into exit codes and the server into problem+json, neither rewrites the message.
public enum WagecaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field's value is malformed or out of range.
    case invalidField(field: String, value: String, reason: String, allowed: String)
    /// A referenced record does not exist.
    case notFound(entity: String, key: String)
    /// A record with the same unique key exists already.
    case duplicate(entity: String, key: String, existingID: Int64, hint: String)
    /// The stage machine refuses the move.
    case illegalTransition(caseLabel: String, current: CaseStage, requested: CaseStage, allowed: [CaseStage])
    /// A dated fact is out of order or in the future.
    case dateOutOfOrder(field: String, value: LocalDate, reason: String)
    /// A recovery would take the case past its claimed amount.
    case overRecovery(caseLabel: String, claimed: Fen, alreadyRecovered: Fen, amount: Fen)
    /// The record is in a state that does not allow the action.
    case invalidState(entity: String, key: String, state: String, action: String, allowed: String)

    /// The input field the refusal is about, when it is about one.
    public var field: String? {
        switch self {
        case let .invalidField(field, _, _, _), let .dateOutOfOrder(field, _, _): field
        case .overRecovery: "amount"
        case .illegalTransition: "to"
        case .notFound, .duplicate, .invalidState: nil
        }
    }

    public var description: String {
        switch self {
        case let .invalidField(field, value, reason, allowed):
            return "\(field): \(Self.quote(value)) \(reason); expected \(allowed)"
        case let .notFound(entity, key):
            return "\(entity) \(key) not found"
        case let .duplicate(entity, key, existingID, hint):
            return "\(entity)\(key.isEmpty ? "" : " " + key) already exists (id \(existingID))"
                + (hint.isEmpty ? "" : "; \(hint)")
        case let .illegalTransition(caseLabel, current, requested, allowed):
            let next = allowed.isEmpty ? "none (the case is closed)" : allowed.map(\.rawValue).joined(separator: ", ")
            return "case \(caseLabel) is at \(current.rawValue) (\(current.label(.zh))); "
                + "it cannot move to \(requested.rawValue) (\(requested.label(.zh))); allowed next stages: \(next)"
        case let .dateOutOfOrder(field, value, reason):
            return "\(field): \(value) \(reason)"
        case let .overRecovery(caseLabel, claimed, alreadyRecovered, amount):
            return "case \(caseLabel): recovering \(amount) would exceed the claimed \(claimed) "
                + "(already recovered \(alreadyRecovered), at most \(claimed - alreadyRecovered) remains); "
                + "use --force to record it anyway (audited)"
        case let .invalidState(entity, key, state, action, allowed):
            return "\(entity) \(key) is \(state); cannot \(action) (allowed when \(allowed))"
        }
    }

    private static func quote(_ value: String) -> String {
        value.isEmpty ? "(empty)" : "\"\(value)\""
    }
}
