import Dispatch
import Synchronization

/// A value computed on another thread from the moment this is made; `value` waits for it. For pure work that can
/// overlap a database read on the calling thread (which must stay on its connection's queue).
final class Concurrently<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// Waits once; later calls return at once.
    var value: Value {
        if let value = result.withLock({ $0 }) { return value }
        done.wait()
        return result.withLock { $0! }
    }
}
