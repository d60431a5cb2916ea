import HummingbirdBcrypt
import NIOConcurrencyHelpers
import NIOPosix
import WagecaseCore

/// bcrypt for web passwords, run on NIO's thread pool: a hash or a check takes tens of milliseconds of CPU and
/// must not hold a thread of Swift's cooperative pool.
public enum PasswordHashing {
    /// 2^11 rounds: about 0.1 s on a 2-core server, slow enough for a stolen hash, quick enough for a sign-in.
    static let cost: UInt8 = 11

    /// Synchronous, for the command line.
    public static func hashNow(_ password: String) throws -> String {
        Bcrypt.hash(try PasswordRules.check(password), cost: cost)
    }

    /// Whether the password matches; with no hash (an unknown name, a user without a password) a hash of the same
    /// cost is still checked, so the time taken does not tell which names exist.
    static func verify(_ password: String, hash: String?) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = Bcrypt.verify(password, hash: decoy)
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
    }

    private static let decoy = Bcrypt.hash("not a password of anyone", cost: cost)

    /// Checks under way or queued for NIO's pool, at most: a morning's sign-ins wait their turn (32 × 0.1 s on two
    /// cores is under two seconds); a flood of guesses beyond that is told to try again instead of queueing.
    static let concurrentChecks = 32
    private static let checking = NIOLockedValueBox(0)

    /// `verify`, unless `concurrentChecks` are already running (nil then).
    static func verifyIfFree(_ password: String, hash: String?) async throws -> Bool? {
        let admitted = checking.withLockedValue { count -> Bool in
            guard count < concurrentChecks else { return false }
            count += 1
            return true
        }
        guard admitted else { return nil }
        defer { checking.withLockedValue { $0 -= 1 } }
        return try await verify(password, hash: hash)
    }
}
