import Foundation
import Testing
import WagecaseCore
import WagecaseTestSupport

@Suite("Signing in")
struct SignInRulesTests {
    let now = Date(timeIntervalSince1970: 1_795_572_000)  // 2026-11-25T07:20:00+08:00
    let policy = SignInRules.Policy(attempts: 5, waitMinutes: 15, idleHours: 8)

    @Test func theFifthFailureInARowMakesTheNameWait() {
        var failures = 0
        for attempt in 1...4 {
            let after = SignInRules.afterFailure(previousFailures: failures, policy: policy, now: now)
            #expect(after.failures == attempt && after.lockedUntil == nil)
            failures = after.failures
        }
        let fifth = SignInRules.afterFailure(previousFailures: failures, policy: policy, now: now)
        #expect(fifth.failures == 0 && fifth.lockedUntil == Timestamp.shanghai(now.addingTimeInterval(15 * 60)))
        let waiting = SignInRules.mayTry(lockedUntil: fifth.lockedUntil, now: now.addingTimeInterval(14 * 60))
        #expect(!waiting.allowed && waiting.waitingUntil == fifth.lockedUntil)
        #expect(SignInRules.mayTry(lockedUntil: fifth.lockedUntil, now: now.addingTimeInterval(15 * 60)).allowed)
        #expect(SignInRules.mayTry(lockedUntil: nil, now: now).allowed)
    }

    @Test func aSessionLastsItsIdleTimeFromTheLastUseAndIsNotRewrittenEveryRequest() {
        let expires = SignInRules.expiry(lastUsed: now, policy: policy)
        #expect(expires == Timestamp.shanghai(now.addingTimeInterval(8 * 3600)))
        #expect(SignInRules.isLive(expiresAt: expires, now: now.addingTimeInterval(8 * 3600 - 1)))
        #expect(!SignInRules.isLive(expiresAt: expires, now: now.addingTimeInterval(8 * 3600)))
        #expect(!SignInRules.needsTouch(expiresAt: expires, now: now.addingTimeInterval(30), policy: policy))
        #expect(SignInRules.needsTouch(expiresAt: expires, now: now.addingTimeInterval(61), policy: policy))
    }

    @Test func thePolicyComesFromTheSettingsWithTheirDefaults() throws {
        #expect(SignInRules.Policy(settings: [:]) == policy)
        let stricter = SignInRules.Policy(settings: [.signInAttempts: "3", .signInWaitMinutes: "60", .sessionIdleHours: "1"])
        #expect(stricter == SignInRules.Policy(attempts: 3, waitMinutes: 60, idleHours: 1))
        expectRefused(.field("sign_in_attempts")) { try Setting.signInAttempts.validate("2") }
        expectRefused(.field("session_idle_hours")) { try Setting.sessionIdleHours.validate("73") }
        expectRefused(.field("sign_in_wait_minutes")) { try Setting.signInWaitMinutes.validate("0") }
        #expect(try Setting.sessionIdleHours.validate(" 12 ") == "12")
    }

    @Test func aPasswordIsLongEnoughAndFitsBcrypt() throws {
        expectRefused(.field("password")) { try PasswordRules.check("short") }
        expectRefused(.field("password")) { try PasswordRules.check(String(repeating: "长", count: 25)) }
        #expect(try PasswordRules.check("correct horse battery\n") == "correct horse battery")
        #expect(try PasswordRules.check(String(repeating: "长", count: 24)).count == 24)
    }
}
