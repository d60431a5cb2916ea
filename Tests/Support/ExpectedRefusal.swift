import Testing
import WagecaseCore

/// Shared by the test targets (module WagecaseTestSupport). What a refusal is about. A test of a refusal says which one it means, so that a refusal for another reason
/// (a missing field the test forgot, an earlier check) does not pass for it. Each kind also fixes the refusal's
/// stable code (`field.invalid`, `record.not_found`, `clue.duplicate`, …), which programs rely on.
public enum ExpectedRefusal: CustomStringConvertible, Sendable {
    /// A value refused for the named input field (an invalid value or a date out of order), its English message
    /// mentioning `mentioning` when given.
    case field(String, mentioning: String? = nil)
    /// A reference to a record that is not there; `entity` starts the error's entity ("case", "employer").
    case notFound(String)
    /// A record with the same key exists; `entity` starts the error's entity ("worker", "clue").
    case duplicate(String)
    /// The stage machine refuses the move to this stage.
    case transition(to: CaseStage)
    /// The record's state does not allow the action; `action` is part of the error's action.
    case state(action: String)
    /// A recovery past the claimed amount.
    case overRecovery

    public func matches(_ error: WagecaseError) -> Bool {
        switch (self, error) {
        case let (.field(name, mentioning), .invalidField(field, _, _, _)):
            return field == name && error.field == name && error.code == "field.invalid"
                && mentioning.map { error.message(.en).contains($0) } ?? true
        case let (.field(name, mentioning), .dateOutOfOrder(field, _, _)):
            return field == name && error.field == name && error.code == "field.date_out_of_order"
                && mentioning.map { error.message(.en).contains($0) } ?? true
        case let (.notFound(expected), .notFound(entity, _)):
            return entity.key.hasPrefix(expected) && error.code == "record.not_found"
        case let (.duplicate(expected), .duplicate(entity, _, _, _)):
            return entity.key.hasPrefix(expected) && error.code == "\(expected.prefix { $0.isLetter }).duplicate"
        case let (.transition(expected), .illegalTransition(_, _, requested, _)):
            return requested == expected && error.code == "case.stage_not_allowed" && error.field == "to"
        case let (.state(expected), .invalidState(_, _, _, action, _)):
            return action.text(.en).contains(expected) && error.code.hasSuffix(".state_not_allowed")
        case (.overRecovery, .overRecovery):
            return error.code == "recovery.over_claim" && error.field == "amount"
        default: return false
        }
    }

    public var description: String {
        switch self {
        case let .field(name, mentioning): "a refusal of field \(name)" + (mentioning.map { " mentioning \"\($0)\"" } ?? "")
        case let .notFound(entity): "\(entity) not found"
        case let .duplicate(entity): "a duplicate \(entity)"
        case let .transition(stage): "a refused move to \(stage.rawValue)"
        case let .state(action): "a state that does not allow \"\(action)\""
        case .overRecovery: "a recovery past the claim"
        }
    }
}

/// Expects `body` to be refused with exactly the refusal meant.
public func expectRefused<R>(_ refusal: ExpectedRefusal, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> R) {
    do {
        _ = try body()
        Issue.record("not refused; expected \(refusal)", sourceLocation: sourceLocation)
    } catch let error as WagecaseError {
        if !refusal.matches(error) {
            Issue.record("refused with \(String(reflecting: error)) (\(error.code)): \(error); expected \(refusal)",
                         sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("refused with \(error), which is not a WagecaseError; expected \(refusal)", sourceLocation: sourceLocation)
    }
}
