/// Office settings that vary by place (domain.md: "where a rule varies by place … it is a setting").
public enum Setting: String, Sendable, CaseIterable {
    /// Months an agency has to reply to a procuratorial suggestion (2 by default).
    case suggestionReplyMonths = "suggestion_reply_months"

    public var defaultValue: String {
        switch self {
        case .suggestionReplyMonths: "2"
        }
    }

    public static func parse(_ key: String) throws(WagecaseError) -> Setting {
        guard let setting = Setting(rawValue: key.trimmingWhitespace()) else {
            throw .invalidField(field: "key", value: key, reason: "is not a setting",
                                allowed: "one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return setting
    }

    /// Checks a new value, returning it in canonical form.
    public func validate(_ value: String) throws(WagecaseError) -> String {
        switch self {
        case .suggestionReplyMonths:
            guard let months = Int(value.trimmingWhitespace()), (1...24).contains(months) else {
                throw .invalidField(field: rawValue, value: value, reason: "is not a number of months",
                                    allowed: "a whole number from 1 to 24")
            }
            return String(months)
        }
    }
}
