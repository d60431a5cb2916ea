import Hummingbird
import WagecaseCore

/// A request's If-Match, checked by the use-case inside its write transaction against the record as it stands
/// there, so no other write can slip between the comparison and the change.
struct IfMatch: Sendable {
    let header: String?

    init(_ request: Request) {
        header = request.headers[.ifMatch]
    }

    init(header: String?) {
        self.header = header
    }

    func check<T: Tagged>(_ current: T) throws {
        guard let header else { return }
        let tag = ETag.of(current)
        if !ETag.matches(header, current: tag) { throw APIError.preconditionFailed(current: tag) }
    }
}
