import WagecaseCore

/// A use-case the PostgreSQL store does not carry yet: refused plainly (the service answers 501), never tried
/// half-way on the wrong engine. `useCase` names it for the log, not for the person reading the message.
public struct NotOnPostgresYet: Refusal, CustomStringConvertible {
    public let useCase: String
    public init(useCase: String) { self.useCase = useCase }
    public var code: String { "store.engine_not_supported" }
    public func message(_ language: Language) -> String {
        ("this is not available on a PostgreSQL database yet; use an SQLite file for it, or copy the database to one"
            as Phrase).text(language)
    }
    public var description: String { "\(message(.en)) (\(useCase))" }
}
