/// Every problem found in one input, refused together so the person fixes them at once (an API body lists each
/// in problem+json's `errors`). Nothing was changed.
public struct Refusals: Refusal, Sendable, CustomStringConvertible {
    public var errors: [WagecaseError]

    public init(_ errors: [WagecaseError]) { self.errors = errors }

    public var code: String { errors.first?.code ?? "field.invalid" }

    public func message(_ language: Language) -> String {
        errors.map { $0.message(language) }.joined(separator: language == .zh ? "；" : "; ")
    }

    public var description: String { message(.en) }
}

/// Collects the refusals of the fields of one input: each check runs, its refusal is kept, and `finish` throws
/// them all (or nothing).
public struct RefusalCollector: Sendable {
    public private(set) var errors: [WagecaseError] = []

    public init() {}

    /// The checked value, or nil with the refusal kept.
    public mutating func check<T>(_ body: () throws(WagecaseError) -> T) -> T? {
        do { return try body() } catch {
            errors.append(error)
            return nil
        }
    }

    public func finish() throws(Refusals) {
        if !errors.isEmpty { throw Refusals(errors) }
    }
}
