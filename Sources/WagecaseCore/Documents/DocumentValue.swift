/// What a document template is filled with: text, a yes/no for a conditional, or a list of rows for a repeat.
public indirect enum DocumentValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case list([[String: DocumentValue]])

    /// The value with `transform` applied to every text in it, at any depth.
    public func mapText(_ transform: (String) -> String) -> DocumentValue {
        switch self {
        case .text(let text): .text(transform(text))
        case .flag: self
        case .list(let rows): .list(rows.map { row in row.mapValues { $0.mapText(transform) } })
        }
    }

    /// The value as a Mustache context takes it (strings, booleans, arrays of dictionaries).
    public var contextValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let rows): rows.map { row in row.mapValues(\.contextValue) }
        }
    }
}

/// The filled-in values of one document.
public struct DocumentFields: Sendable, Equatable {
    public var values: [String: DocumentValue]

    public init(_ values: [String: DocumentValue] = [:]) { self.values = values }

    public subscript(_ name: String) -> DocumentValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public func text(_ name: String) -> String? {
        if case .text(let text)? = values[name] { return text }
        return nil
    }

    public var context: [String: Any] { values.mapValues(\.contextValue) }
}
