import Foundation
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// Users on PostgreSQL: the same records, refusals and audit entries as the SQLite store's, and record writes that
/// take turns across processes so the audit log stays one chain however many write at once.
@Suite("Users on PostgreSQL", .serialized)
struct PostgresUsersTests {
    /// What an entry says, without when it was written.
    struct Said: Equatable {
        var actor: String, action: String, table: String, recordID: Int64?
        var before: String?, after: String?, reason: String?
        init(_ e: AuditEntry) {
            (actor, action, table, recordID) = (e.actor, e.action, e.table, e.recordID)
            (before, after, reason) = (e.before, e.after, e.reason)
        }
    }

    /// A user as listed, without the times it was made and revoked (whether it was revoked stays).
    struct Listed: Equatable {
        var id: Int64, name: String, role: Role, revoked: Bool, hasPassword: Bool
        init(_ u: APIUser) { (id, name, role, revoked, hasPassword) = (u.id, u.name, u.role, u.revokedAt != nil, u.hasPassword) }
    }

    static let hash = String(repeating: "h", count: 60)

    /// A refusal as a person reads it, in both languages, with its code; anything else as it is.
    static func words(_ error: any Error) -> String {
        guard let refusal = error as? any Refusal else { return "not a refusal: \(error)" }
        return "\(refusal.code) \(refusal.message(.zh)) / \(refusal.message(.en))"
    }

    @Test("adding, setting a password and revoking leave the SQLite store's users, refusals and audit entries")
    func sameAsTheFile() async throws {
        guard TestServer.available else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("users-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try AppDatabase.open(path: directory.appendingPathComponent("u.sqlite").path, mode: .createIfMissing)
        try await TestServer.withDatabase { location, _ in
            let server = try await PostgresDatabase.open(location, migrate: true)
            defer { server.close() }

            let (fileAlice, fileToken) = try file.addUser(name: " alice ", role: .prosecutor, actor: "admin")
            let (serverAlice, serverToken) = try await server.addUser(name: " alice ", role: .prosecutor, actor: "admin")
            #expect(Listed(serverAlice) == Listed(fileAlice))
            #expect(serverAlice.name == "alice")
            #expect(serverToken.hasPrefix("wc_") && serverToken != fileToken && serverToken.count == fileToken.count)
            _ = try file.addUser(name: "bob", role: .viewer, passwordHash: Self.hash, actor: "admin")
            _ = try await server.addUser(name: "bob", role: .viewer, passwordHash: Self.hash, actor: "admin")

            // The same refusals, word for word.
            let refusals: [(String, () throws -> Void, () async throws -> Void)] = [
                ("a name taken", { _ = try file.addUser(name: "alice", role: .labor, actor: "admin") },
                 { _ = try await server.addUser(name: "alice", role: .labor, actor: "admin") }),
                ("an empty name", { _ = try file.addUser(name: "  ", role: .labor, actor: "admin") },
                 { _ = try await server.addUser(name: "  ", role: .labor, actor: "admin") }),
                ("an unknown user's password", { _ = try file.setPassword("carol", passwordHash: Self.hash, actor: "admin") },
                 { _ = try await server.setPassword("carol", passwordHash: Self.hash, actor: "admin") }),
            ]
            for (what, onFile, onServer) in refusals {
                let fileError = try #require(throws: (any Error).self, "\(what)") { try onFile() }
                let serverError = await #expect(throws: (any Error).self, "\(what)") { try await onServer() }
                #expect(serverError.map(Self.words) == Self.words(fileError), "\(what)")
            }

            #expect(try await server.user(forToken: serverToken)?.name == "alice")
            #expect(try await server.user(forToken: fileToken) == nil, "a token is the store's own")
            _ = try file.setPassword("alice", passwordHash: Self.hash, actor: "admin")
            _ = try await server.setPassword("alice", passwordHash: Self.hash, actor: "admin")
            _ = try file.revokeUser("alice", actor: "admin")
            let revoked = try await server.revokeUser("alice", actor: "admin")
            #expect(revoked.revokedAt != nil && revoked.hasPassword)
            #expect(try await server.user(forToken: serverToken) == nil, "a revoked token lets nobody in")
            let again = await #expect(throws: (any Error).self) { try await server.revokeUser("alice", actor: "admin") }
            let againOnFile = try #require(throws: (any Error).self) { try file.revokeUser("alice", actor: "admin") }
            #expect(again.map(Self.words) == Self.words(againOnFile))
            let passwordOfRevoked = await #expect(throws: (any Error).self) {
                try await server.setPassword("alice", passwordHash: Self.hash, actor: "admin")
            }
            let passwordOfRevokedOnFile = try #require(throws: (any Error).self) {
                try file.setPassword("alice", passwordHash: Self.hash, actor: "admin")
            }
            #expect(passwordOfRevoked.map(Self.words) == Self.words(passwordOfRevokedOnFile))

            #expect(try await server.users().map(Listed.init) == file.users().map(Listed.init))
            let serverLog = try await server.auditEntries(limit: 100)
            let fileLog = try file.auditEntries(since: nil, table: nil, limit: 100, afterID: 0)
            // A refused write leaves no entry; the revoke's "after" is its own time, as on the file.
            #expect(serverLog.count == 4)
            #expect(serverLog.map { Said($0) }.dropLast() == fileLog.map { Said($0) }.dropLast())
            #expect(serverLog.last?.after == "{\"revoked_at\":\"\(revoked.revokedAt ?? "")\"}")
            let verified = try await server.verifyAuditLog()
            #expect(verified.firstBroken == nil && verified.entries == 4)
        }
    }

    @Test("failed sign-ins make a name wait, audited; a session lives, moves its expiry and ends as on the file")
    func signInAsOnTheFile() async throws {
        guard TestServer.available else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        final class Clock: @unchecked Sendable { var now: Date; init(_ now: Date) { self.now = now } }
        let clock = Clock(start)
        let file = try AppDatabase.open(path: directory.appendingPathComponent("s.sqlite").path, mode: .createIfMissing,
                                        clock: { clock.now })
        try await TestServer.withDatabase { location, _ in
            let server = try await PostgresDatabase.open(location, migrate: true)
            defer { server.close() }
            let fileUser = try file.addUser(name: "li", role: .prosecutor, passwordHash: Self.hash, actor: "admin").user
            let serverUser = try await server.addUser(name: "li", role: .prosecutor, passwordHash: Self.hash, actor: "admin").user
            #expect(try await server.signInCredentials(name: "li")?.passwordHash == Self.hash)
            #expect(try await server.signInCredentials(name: "nobody") == nil)

            // Five wrong passwords (the default policy): the fifth makes the name wait, and says so in the log.
            for attempt in 1...6 {
                let onFile = try file.completeSignIn(userID: fileUser.id, passwordMatched: false)
                let onServer = try await server.completeSignIn(userID: serverUser.id, passwordMatched: false, now: clock.now)
                #expect(onServer == onFile, "attempt \(attempt)")
            }
            #expect(try await server.signInCredentials(name: "li")?.lockedUntil
                    == (try file.signInCredentials(name: "li")?.lockedUntil))
            let waited = try await server.auditEntries(table: "api_user", limit: 10).last
            #expect(waited?.actor == "li" && waited?.reason == "5 failed sign-ins in a row", "\(String(describing: waited))")

            // After the wait, the right password opens a session that a later request finds and keeps alive.
            clock.now = start.addingTimeInterval(16 * 60)
            guard case .signedIn(let session, let token) = try await server.completeSignIn(
                userID: serverUser.id, passwordMatched: true, now: clock.now) else {
                Issue.record("the right password after the wait did not sign in")
                return
            }
            #expect(try file.completeSignIn(userID: fileUser.id, passwordMatched: true) != .refused)
            #expect(try await server.session(token: token, now: clock.now) == session)
            let later = clock.now.addingTimeInterval(7 * 3600)
            let touched = try #require(try await server.session(token: token, now: later))
            #expect(touched.expiresAt > session.expiresAt, "used after seven of eight hours: its expiry moves")
            #expect(try await server.session(token: token, now: later.addingTimeInterval(9 * 3600)) == nil,
                    "idle longer than the policy: ended")
            #expect(try await server.session(token: token, now: later) == nil, "and deleted")
            try await server.endSession(token: "no-such-cookie")
        }
    }

    @Test("writes waiting for their turn leave the pool to reads; one waiting longer than the file's writers is refused as busy")
    func waitingWrites() async throws {
        guard TestServer.available else { return }
        try await TestServer.withDatabase { location, _ in
            let server = try await PostgresDatabase.open(location, migrate: true)
            let other = try await PostgresDatabase.open(location, migrate: false)
            defer { server.close(); other.close() }
            // Another process holds the turn while this one's writes (more than its pool's connections) wait.
            try await other.transaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresDatabase.writeLockKey))",
                                           logger: PostgresDatabase.logger)
                let writers = (0..<(location.poolSize + 5)).map { index in
                    Task { try await server.addUser(name: "waiting\(index)", role: .viewer, actor: "admin") }
                }
                try await Task.sleep(for: .milliseconds(300))
                let started = ContinuousClock.now
                #expect(try await server.users().isEmpty)
                #expect(ContinuousClock.now - started < .seconds(2), "a read found a connection while the writes waited")
                _ = writers
            }
            // Released: every waiting write goes through.
            var made = 0
            for _ in 0..<100 where made < location.poolSize + 5 {
                try await Task.sleep(for: .milliseconds(100))
                made = try await server.users().count
            }
            #expect(made == location.poolSize + 5)
            #expect(try await server.verifyAuditLog().firstBroken == nil)

            try await other.transaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresDatabase.writeLockKey))",
                                           logger: PostgresDatabase.logger)
                await #expect(throws: DatabaseBusy.self) {
                    _ = try await server.addUser(name: "late", role: .viewer, actor: "admin")
                }
            }
            #expect(try await server.users().count == location.poolSize + 5, "the refused write left nothing")
        }
    }

    @Test("two services writing at once keep one audit chain, and a name posted to both is made once")
    func writersTakeTurns() async throws {
        guard TestServer.available else { return }
        try await TestServer.withDatabase { location, _ in
            // Two pools are two processes as far as the server can tell: separate connections, no shared memory.
            let first = try await PostgresDatabase.open(location, migrate: true)
            let second = try await PostgresDatabase.open(location, migrate: false)
            defer { first.close(); second.close() }
            let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for index in 0..<24 {
                    for (pool, database) in [("a", first), ("b", second)] {
                        // Each pool adds its own twelve names, and both try the shared ones.
                        let name = index < 12 ? "\(pool)\(index)" : "shared\(index)"
                        group.addTask {
                            do {
                                _ = try await database.addUser(name: name, role: .viewer, actor: "load-\(pool)")
                                return (name, true)
                            } catch let error as WagecaseError {
                                guard case .duplicate = error else { throw error }
                                return (name, false)
                            }
                        }
                    }
                }
                var outcomes: [(String, Bool)] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let made = outcomes.filter(\.1).map(\.0)
            #expect(made.count == 36, "24 own names and 12 shared ones, each once")
            #expect(Set(made).count == made.count)
            #expect(outcomes.filter { !$0.1 }.allSatisfy { $0.0.hasPrefix("shared") })
            #expect(try await first.users().count == 36)
            let verified = try await second.verifyAuditLog()
            #expect(verified.entries == 36 && verified.firstBroken == nil, "\(verified.problem ?? "")")
        }
    }
}
