/// A configuration file (rules, a holiday schedule) that JSON decoding refused, said as its author can act on
/// it: which key, where, what was expected — not the decoder's internals.
public enum DecodingProblem {
    public static func reason(_ error: any Error) -> Phrase {
        guard let error = error as? DecodingError else { return "is not valid JSON" }
        switch error {
        case let .keyNotFound(key, context):
            return context.codingPath.isEmpty ? "lacks \(key.stringValue) at the top level"
                : "lacks \(key.stringValue) at \(path(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "has a value of the wrong type at \(path(context.codingPath))"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "is not valid JSON" : "has an unreadable value at \(path(context.codingPath))"
        @unknown default:
            return "is not valid JSON"
        }
    }

    /// "rules[2].ratio_bp"; the top of the file when empty.
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "/" }
        return keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            .trimmingPrefix(".").description
    }
}
