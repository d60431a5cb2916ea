import WagecaseCore

/// A bounded retry: `attempts` tries in all, waiting `firstDelay`, then twice that, and so on, between them.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var firstDelay: Duration

    public init(attempts: Int = 4, firstDelay: Duration = .seconds(2)) {
        (self.attempts, self.firstDelay) = (max(attempts, 1), firstDelay)
    }

    /// Runs `body` until it succeeds or the attempts run out; the last failure's reason is returned in the error
    /// built by `failure`.
    func run(_ body: () async throws(AttemptFailure) -> Void,
             failure: (Int, Phrase) -> DeliveryError) async throws(DeliveryError) {
        var delay = firstDelay
        for attempt in 1...attempts {
            do {
                try await body()
                return
            } catch {
                if attempt == attempts || !error.retryable { throw failure(attempt, error.reason) }
            }
            try? await Task.sleep(for: delay)
            delay *= 2
        }
    }
}

/// One failed try, and whether trying again could help (a refused signature will not).
struct AttemptFailure: Error {
    var reason: Phrase
    var retryable = true
}
