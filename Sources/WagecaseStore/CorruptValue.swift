import WagecaseCore

/// A stored value that is not what the schema lets in (a database changed outside the program): either store
/// says so the same way, naming the column and the value.
public struct CorruptValue: Refusal, CustomStringConvertible {
    public let column: String
    public let value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }

    public var code: String { "store.corrupt" }
    public func message(_ language: Language) -> String {
        ("the database holds an unexpected value in \(column): \(value); restore it from a backup" as Phrase).text(language)
    }
    public var description: String { message(.en) }
}
