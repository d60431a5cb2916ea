/// Office settings that vary by place (domain.md: "where a rule varies by place … it is a setting").
public enum Setting: String, Sendable, CaseIterable {
    /// Months an agency has to reply to a procuratorial suggestion (2 by default).
    case suggestionReplyMonths = "suggestion_reply_months"
    /// Hours a web session lasts without a request before its user signs in again (8 by default).
    case sessionIdleHours = "session_idle_hours"
    /// Failed sign-ins in a row after which a user name waits (5 by default).
    case signInAttempts = "sign_in_attempts"
    /// Minutes a user name waits after too many failed sign-ins (15 by default).
    case signInWaitMinutes = "sign_in_wait_minutes"
    /// Days the office gives itself to decide whether to support a case, from acceptance (30 by default).
    case caseDecisionDays = "case_decision_days"
    /// Days within which a case is to be filed at court after the support letter (30 by default).
    case courtFilingDays = "court_filing_days"
    /// The office's full name as its documents print it (平川区人民检察院); documents are refused until it is set.
    case officeName = "office_name"
    /// Document number patterns per kind: {year} and {n} (domain.md §10).
    case numberAcceptanceNotice = "document_number_acceptance_notice"
    case numberSupportLetter = "document_number_support_letter"
    case numberDeclineNotice = "document_number_decline_notice"
    case numberSuggestion = "document_number_suggestion"
    case numberReferralLetter = "document_number_referral_letter"
    /// The largest evidence file a case takes, in MB (50 by default).
    case attachmentMaxMB = "attachment_max_mb"
    /// Working days a unit has to answer a referral when the referral does not say (15 by default).
    case referralReplyDays = "referral_reply_days"
    /// The units that report their month's progress to the lead department: unit codes, comma-separated.
    case monthlyReportUnits = "monthly_report_units"
    /// The day of the month reports are due by (25 by default).
    case monthlyReportDay = "monthly_report_day"
    /// When that day is not a working day: before (the last working day before it, the default), after, calendar.
    case monthlyReportDayRule = "monthly_report_day_rule"
    /// The first month reports are asked for (YYYY-MM); empty: the month the first unit was added or report submitted.
    case monthlyReportSince = "monthly_report_since"

    public var defaultValue: String {
        switch self {
        case .suggestionReplyMonths: "2"
        case .sessionIdleHours: "8"
        case .signInAttempts: "5"
        case .signInWaitMinutes: "15"
        case .caseDecisionDays, .courtFilingDays: "30"
        case .officeName: ""
        case .numberAcceptanceNotice: "检民受〔{year}〕{n}号"
        case .numberSupportLetter: "检民支〔{year}〕{n}号"
        case .numberDeclineNotice: "检民不支〔{year}〕{n}号"
        case .numberSuggestion: "检民建〔{year}〕{n}号"
        case .numberReferralLetter: "检民移〔{year}〕{n}号"
        case .attachmentMaxMB: "50"
        case .referralReplyDays: "15"
        case .monthlyReportUnits, .monthlyReportSince: ""
        case .monthlyReportDay: "25"
        case .monthlyReportDayRule: ReportDayRule.before.rawValue
        }
    }

    /// The monthly reporting rule from the settings' values (each checked again; the default when one fails).
    public static func monthlyReportRule(_ values: [Setting: String]) -> MonthlyReportRule {
        func value(_ setting: Setting) -> String { (values[setting]).flatMap { try? setting.validate($0) } ?? setting.defaultValue }
        let codes = value(.monthlyReportUnits).split(separator: ",").map(String.init)
        let since = value(.monthlyReportSince)
        return MonthlyReportRule(day: monthlyReportDay.number(value(.monthlyReportDay)),
                                 whenNotWorking: ReportDayRule(rawValue: value(.monthlyReportDayRule)) ?? .before,
                                 unitCodes: codes, since: since.isEmpty ? nil : try? ReportMonth.parse(since))
    }

    /// The value as a number, falling back to the default (a stored value is checked on the way in).
    public func number(_ value: String?) -> Int {
        value.flatMap { Int($0) } ?? Int(defaultValue) ?? 0
    }

    public static func parse(_ key: String) throws(WagecaseError) -> Setting {
        guard let setting = Setting(rawValue: key.trimmingWhitespace()) else {
            throw .invalidField(field: "key", value: key, reason: "is not a setting",
                                allowed: "one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return setting
    }

    /// The setting as rules may use it from its stored value: checked again on the way out (a value edited into
    /// the database by hand must not reach date arithmetic); the default when it is missing or fails the check.
    public func inUse(stored: String?) -> String? {
        stored.flatMap { try? validate($0) } ?? defaultValue
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
        case .sessionIdleHours:
            return try Self.whole(value, field: rawValue, in: 1...72, reason: "is not a number of hours",
                                  allowed: "a whole number from 1 to 72")
        case .signInAttempts:
            return try Self.whole(value, field: rawValue, in: 3...20, reason: "is not a number of attempts",
                                  allowed: "a whole number from 3 to 20")
        case .signInWaitMinutes:
            return try Self.whole(value, field: rawValue, in: 1...1440, reason: "is not a number of minutes",
                                  allowed: "a whole number from 1 to 1440")
        case .caseDecisionDays, .courtFilingDays:
            return try Self.whole(value, field: rawValue, in: 1...365, reason: "is not a number of days",
                                  allowed: "a whole number from 1 to 365")
        case .officeName:
            return try TextField.required(value, field: rawValue, maxLength: 60)
        case .numberAcceptanceNotice, .numberSupportLetter, .numberDeclineNotice, .numberSuggestion,
             .numberReferralLetter:
            return try DocumentNumber.validatePattern(value, field: rawValue)
        case .attachmentMaxMB:
            return try Self.whole(value, field: rawValue, in: 1...500, reason: "is not a number of megabytes",
                                  allowed: "a whole number from 1 to 500")
        case .referralReplyDays:
            return try Self.whole(value, field: rawValue, in: ReferralRules.replyDaysRange,
                                  reason: "is not a number of working days", allowed: "a whole number from 1 to 250")
        case .monthlyReportDay:
            return try Self.whole(value, field: rawValue, in: 1...31, reason: "is not a day of the month",
                                  allowed: "a whole number from 1 to 31 (the month's last day when it has fewer)")
        case .monthlyReportDayRule:
            return try ReportDayRule.parse(value, field: rawValue).rawValue
        case .monthlyReportUnits:
            var codes: [String] = []
            for part in value.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " }) {
                guard let code = try? UnitCode.parse(String(part)) else {
                    throw .invalidField(field: rawValue, value: String(part), reason: "is not a unit code",
                                        allowed: "unit codes (wagecase unit list) separated by commas, e.g. labor,housing")
                }
                if !codes.contains(code) { codes.append(code) }
            }
            return codes.joined(separator: ",")
        case .monthlyReportSince:
            let trimmed = value.trimmingWhitespace()
            return trimmed.isEmpty ? "" : try ReportMonth.parse(trimmed, field: rawValue).iso
        }
    }

    private static func whole(_ value: String, field: String, in range: ClosedRange<Int>, reason: Phrase,
                              allowed: Phrase) throws(WagecaseError) -> String {
        guard let number = Int(value.trimmingWhitespace()), range.contains(number) else {
            throw .invalidField(field: field, value: value, reason: reason, allowed: allowed)
        }
        return String(number)
    }
}
