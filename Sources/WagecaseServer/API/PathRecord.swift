import Foundation
import Hummingbird
import WagecaseCore

extension AppRequestContext {
    /// A path parameter as the client meant it: percent-encoding undone, so `/cases/平检民支〔2026〕1号` sent as
    /// UTF-8 percent-escapes names the case.
    func pathText(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

/// Runs a lookup of the record a request's path names: a record that is not there is 404 whatever the method (a
/// missing record named in a body stays a 422 naming the field).
func pathRecord<T>(_ lookup: () async throws -> T) async throws -> T {
    do {
        return try await lookup()
    } catch let WagecaseError.notFound(entity, key) {
        throw APIError.notFound("\(entity) \(key)")
    }
}
