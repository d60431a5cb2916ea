/// The rules of a referral and its answer: received no later than today, between two different units, answered
/// within a number of working days (the official calendar, domain.md §5: the day received is not counted), a
/// reply recorded once — a second is an amendment that says why — on a date between receipt and today, and the
/// petitioner told (反馈) of the result once the reply is in, no earlier than it.
public enum ReferralRules {
    /// Working days a reply may be given at most (a year's worth).
    public static let replyDaysRange = 1...250

    public static func checkNew(from: UnitRef, to: UnitRef, received: LocalDate, replyWithin: Int,
                                today: LocalDate) throws(WagecaseError) {
        if from.id == to.id {
            throw .invalidField(field: "to_unit", value: to.name, reason: "is the unit the referral comes from",
                                allowed: "another member unit")
        }
        if received > today {
            throw .dateOutOfOrder(field: "received", value: received, reason: "is in the future (today is \(today))")
        }
        try checkReplyDays(replyWithin)
    }

    public static func checkReplyDays(_ days: Int) throws(WagecaseError) {
        guard replyDaysRange.contains(days) else {
            throw .invalidField(field: "reply_within", value: "\(days)", reason: "is out of range",
                                allowed: "1 to 250 working days")
        }
    }

    /// The reply's last day: `days` working days after the day received.
    public static func replyDue(received: LocalDate, within days: Int,
                                calendar: WorkingDayCalendar) -> (date: LocalDate, provisional: Bool) {
        calendar.adding(workingDays: days, to: received)
    }

    public static func checkReply(_ referral: Referral, on date: LocalDate, amendReason: String?,
                                  today: LocalDate) throws(WagecaseError) {
        switch (referral.replied, amendReason) {
        case (let answered?, nil):
            throw .invalidState(entity: "referral", key: "#\(referral.id)", state: "answered on \(answered)",
                                action: "record a second reply",
                                allowed: "no reply is recorded yet; to correct the recorded reply, amend it and say why")
        case (nil, .some):
            throw .invalidState(entity: "referral", key: "#\(referral.id)", state: "not answered",
                                action: "amend its reply", allowed: "a reply has been recorded")
        default:
            break
        }
        try checkDate(date, of: referral, field: "on", today: today)
    }

    public static func checkFeedback(_ referral: Referral, on date: LocalDate, today: LocalDate) throws(WagecaseError) {
        if let told = referral.feedback {
            throw .invalidState(entity: "referral", key: "#\(referral.id)", state: "petitioner told on \(told)",
                                action: "record the feedback again", allowed: "feedback not yet recorded")
        }
        // The petitioner is told the result: there is one once the reply is in.
        guard let replied = referral.replied else {
            throw .invalidState(entity: "referral", key: "#\(referral.id)", state: "not answered",
                                action: "record the feedback", allowed: "a reply has been recorded")
        }
        try checkDate(date, of: referral, field: "on", today: today)
        if date < replied {
            throw .dateOutOfOrder(field: "on", value: date, reason: "is before the reply (\(replied))")
        }
    }

    /// A referral becomes a clue once, and only one not already tied to a clue.
    public static func checkMakeClue(_ referral: Referral) throws(WagecaseError) {
        if let clue = referral.clueID {
            throw .invalidState(entity: "referral", key: "#\(referral.id)", state: "already clue #\(clue)",
                                action: "make it a clue", allowed: "a referral not yet tied to a clue")
        }
    }

    private static func checkDate(_ date: LocalDate, of referral: Referral, field: String,
                                  today: LocalDate) throws(WagecaseError) {
        if date > today {
            throw .dateOutOfOrder(field: field, value: date, reason: "is in the future (today is \(today))")
        }
        if date < referral.received {
            throw .dateOutOfOrder(field: field, value: date,
                                  reason: "is before the referral was received (\(referral.received))")
        }
    }
}
