/// Whether a reader sees ID numbers, bank cards and phone numbers in full (PIPL Art. 28, 51): masked by default;
/// revealed only on request, with a stated reason, and each reveal is audited with who asked and why.
public enum Disclosure: Sendable, Equatable {
    case masked
    case revealed(to: String, reason: String)

    /// A reveal for `actor`, whose `reason` is required: an empty or missing reason is refused, naming `field`.
    public static func reveal(to actor: String, reason: String?, field: String = "reason") throws(WagecaseError)
        -> Disclosure {
        guard let reason = try TextField.optional(reason, field: field, maxLength: 500, multiline: false) else {
            throw .invalidField(field: field, value: "", reason: "is missing for a reveal",
                                allowed: "why the full numbers are needed (for example 制作支持起诉书), recorded in the audit log")
        }
        return .revealed(to: actor, reason: reason)
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
