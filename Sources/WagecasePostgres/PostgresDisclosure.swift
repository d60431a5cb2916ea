import Foundation
import WagecaseCore
import WagecaseStore

extension PostgresDatabase {
    /// A record as its reader may see it: masked, or in full with each worker's reveal audited (who, why, which
    /// fields) — the SQLite store's `disclose`.
    public func disclose<T: Maskable & Sendable>(_ value: T, _ disclosure: Disclosure, workerIDs: [Int64],
                                                 fields: [String]) async throws -> T {
        guard case .revealed(let actor, let reason) = disclosure else { return value.masked() }
        guard !workerIDs.isEmpty else { return value }
        try await write(actor: actor) { _, audit in
            for id in workerIDs {
                try await audit.record(.reveal, table: "worker", id: id, after: ["fields": fields.joined(separator: ",")],
                                       reason: reason)
            }
        }
        return value
    }
}
