import WagecaseCore

/// Another process held the store's write lock for longer than a writer waits (`busyTimeout`): nothing was
/// written; the same request a little later will go through.
public struct DatabaseBusy: Refusal, CustomStringConvertible {
    /// How long a writer waits for the lock before giving up, in seconds.
    public static let busyTimeout: Double = 10
    /// What a client is told to wait before trying again, in seconds.
    public static let retryAfter = 5

    public init() {}

    public var code: String { "store.busy" }

    public func message(_ language: Language) -> String {
        ("the database is busy: another program (an import, a backup) is writing to it; nothing was changed — try again in a few seconds" as Phrase).text(language)
    }

    public var description: String { message(.en) }
}
