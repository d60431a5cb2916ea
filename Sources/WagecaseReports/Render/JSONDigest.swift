import Foundation
import WagecaseCore

/// The digest for programs: keys sorted, pretty-printed, money in integer fen, dates ISO-8601. Documented in the
/// README ("Digest JSON"); `format_version` changes only if a field changes meaning or goes away.
enum JSONDigest {
    static func render(_ digest: Digest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding a value type made only of strings, integers and arrays cannot fail.
        return String(decoding: try! encoder.encode(digest), as: UTF8.self) + "\n"
    }
}
