/// Whether a reader sees ID numbers, bank cards and phone numbers in full (PIPL Art. 28, 51): masked by default;
/// revealed only on request, with a stated reason, and each reveal is audited with who asked and why.
public enum Disclosure: Sendable, Equatable {
    case masked
    case revealed(to: String, reason: String)

    /// What a request asks for: masked, or a reveal to `actor` with its required reason. A reveal without a
    /// reason, or a reason without a reveal, is refused. The CLI's --reveal --reason and the API's
    /// ?reveal=true&reason= both come here.
    public static func requested(reveal: Bool, reason: String?, by actor: String) throws(WagecaseError) -> Disclosure {
        let reason = try TextField.optional(reason, field: "reason", maxLength: 500, multiline: false)
        switch (reveal, reason) {
        case (false, nil): return .masked
        case (true, let reason?): return .revealed(to: actor, reason: reason)
        case (true, nil):
            throw .invalidField(field: "reason", value: "", reason: "is missing for a reveal",
                                allowed: "why the full numbers are needed (for example 制作支持起诉书), recorded in the audit log")
        case (false, let reason?):
            throw .invalidField(field: "reason", value: reason, reason: "is given without a reveal",
                                allowed: "a reason only together with a reveal")
        }
    }
}

/// A record that carries sensitive identifiers and can hide them.
public protocol Maskable {
    func masked() -> Self
}

extension Worker: Maskable {}
extension Clue: Maskable {}
extension WageCase: Maskable {}

extension CaseDetail: Maskable {
    public func masked() -> CaseDetail {
        var copy = self
        copy.wageCase = wageCase.masked()
        return copy
    }
}

extension Array: Maskable where Element: Maskable {
    public func masked() -> [Element] { map { $0.masked() } }
}
