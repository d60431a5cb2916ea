import Foundation

/// Signing in to the web pages: when a user name must wait after failed attempts, and when a session has been idle
/// too long. Times are the records' Shanghai timestamps (`Timestamp.shanghai`), which compare as text.
public enum SignInRules {
    public struct Policy: Sendable, Equatable {
        /// Failed sign-ins in a row after which the name waits.
        public var attempts: Int
        /// How long it waits.
        public var wait: TimeInterval
        /// How long a session lasts without a request.
        public var idle: TimeInterval

        public init(attempts: Int, waitMinutes: Int, idleHours: Int) {
            (self.attempts, wait, idle) = (attempts, TimeInterval(waitMinutes) * 60, TimeInterval(idleHours) * 3600)
        }

        public init(settings: [Setting: String]) {
            self.init(attempts: Setting.signInAttempts.number(settings[.signInAttempts]),
                      waitMinutes: Setting.signInWaitMinutes.number(settings[.signInWaitMinutes]),
                      idleHours: Setting.sessionIdleHours.number(settings[.sessionIdleHours]))
        }
    }

    /// Whether a name may try a password now; `waitingUntil` names when it may again.
    public static func mayTry(lockedUntil: String?, now: Date) -> (allowed: Bool, waitingUntil: String?) {
        guard let lockedUntil, lockedUntil > Timestamp.shanghai(now) else { return (true, nil) }
        return (false, lockedUntil)
    }

    /// After a wrong password: the failures counted so far and, when they reach the policy's limit, until when
    /// the name waits (the count then starts again).
    public static func afterFailure(previousFailures: Int, policy: Policy, now: Date)
        -> (failures: Int, lockedUntil: String?) {
        let failures = previousFailures + 1
        guard failures >= policy.attempts else { return (failures, nil) }
        return (0, Timestamp.shanghai(now.addingTimeInterval(policy.wait)))
    }

    /// When a session used now expires.
    public static func expiry(lastUsed now: Date, policy: Policy) -> String {
        Timestamp.shanghai(now.addingTimeInterval(policy.idle))
    }

    /// Whether a session that expires at `expiresAt` is still good now.
    public static func isLive(expiresAt: String, now: Date) -> Bool {
        expiresAt > Timestamp.shanghai(now)
    }

    /// Whether to write a new expiry for a session used now: not on every request (a write per page), only once a
    /// minute has passed since the last one.
    public static func needsTouch(expiresAt: String, now: Date, policy: Policy) -> Bool {
        Timestamp.shanghai(now.addingTimeInterval(policy.idle - 60)) > expiresAt
    }
}
