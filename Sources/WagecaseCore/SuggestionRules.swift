/// The rules of a procuratorial suggestion (检察建议) and its reply: issued no later than today, the reply due a
/// number of months after issue (the agency's statutory period, a setting), answered once — a second reply is an
/// amendment that says why — on a date between issue and today.
public enum SuggestionRules {
    /// Checks a suggestion being recorded and returns the date its reply is due.
    public static func replyDue(issued: LocalDate, months: Int, today: LocalDate) throws(WagecaseError) -> LocalDate {
        if issued > today {
            throw .dateOutOfOrder(field: "issued", value: issued, reason: "is in the future (today is \(today))")
        }
        guard (1...24).contains(months) else {
            throw .invalidField(field: "reply_months", value: "\(months)", reason: "is out of range", allowed: "1 to 24 months")
        }
        return issued.adding(months: months)
    }

    /// Checks a reply (or an amendment of the recorded one, when `amendReason` is given) against the suggestion.
    public static func checkReply(_ suggestion: Suggestion, replied: LocalDate, amendReason: String?, today: LocalDate)
        throws(WagecaseError) {
        switch (suggestion.replied, amendReason) {
        case (let answered?, nil):
            throw .invalidState(
                entity: "suggestion", key: suggestion.number, state: "answered on \(answered)", action: "record a second reply",
                allowed: "no reply is recorded yet; to correct the recorded reply, amend it and say why")
        case (nil, .some):
            throw .invalidState(entity: "suggestion", key: suggestion.number, state: "not answered",
                                action: "amend its reply", allowed: "a reply has been recorded")
        default:
            break
        }
        if replied > today {
            throw .dateOutOfOrder(field: "on", value: replied, reason: "is in the future (today is \(today))")
        }
        if replied < suggestion.issued {
            throw .dateOutOfOrder(field: "on", value: replied,
                                  reason: "is before the suggestion was issued (\(suggestion.issued))")
        }
    }

    /// The reason for an amendment when one is asked for: an amendment needs a reason, a reason needs `amend`.
    public static func amendment(amend: Bool, reason: String?) throws(WagecaseError) -> String? {
        try Correction.reason(asked: amend, flag: "amend", reason: reason)
    }
}
