/// Whether a reader sees ID numbers and bank cards in full (PIPL Art. 28, 51): masked by default; revealed
/// only on request, and each reveal is audited with who asked.
public enum Disclosure: Sendable, Equatable {
    case masked
    case revealed(to: String)
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
