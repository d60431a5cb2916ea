import Dispatch
import WagecaseStore

/// SQLite calls block. Run on Swift's cooperative pool (one thread per core), a request waiting for the
/// database's writer would hold a thread that could be parsing and encoding other requests; so the service runs
/// its use-cases on a Dispatch queue and suspends the request until they finish.
enum DatabaseWork {
    static let queue = DispatchQueue(label: "wagecase.database", qos: .userInitiated, attributes: .concurrent)
}

extension AppDatabase {
    func run<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DatabaseWork.queue.async {
                continuation.resume(with: Result { try body(self) })
            }
        }
    }
}
