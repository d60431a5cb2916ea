import Foundation
import WagecaseCore

/// A procuratorial suggestion to record.
public struct NewSuggestion: Sendable {
    public var number: String
    public var issued: LocalDate
    public var agency: String
    public var text: String?
    public var projects: [ProjectReference]
    public var guaranteeIDs: [Int64]
    /// Months the agency has to reply; the `suggestion_reply_months` setting when nil.
    public var replyMonths: Int?

    public init(number: String, issued: LocalDate, agency: String, text: String? = nil,
                projects: [ProjectReference] = [], guaranteeIDs: [Int64] = [],
                replyMonths: Int? = nil) throws(WagecaseError) {
        self.number = try TextField.name(number, field: "number", maxLength: 100)
        self.agency = try TextField.name(agency, field: "agency")
        self.text = try TextField.optional(text, field: "text", maxLength: 50_000)
        if let replyMonths, !(1...24).contains(replyMonths) {
            throw .invalidField(field: "reply_months", value: "\(replyMonths)", reason: "is out of range",
                                allowed: "1 to 24 months")
        }
        (self.issued, self.projects, self.guaranteeIDs, self.replyMonths) = (issued, projects, guaranteeIDs, replyMonths)
    }
}

/// An agency's written reply and what the suggestion achieved.
public struct SuggestionReply: Sendable {
    public var replied: LocalDate
    public var summary: String?
    public var secured: Fen
    public var lettersRenewed: Int

    public init(replied: LocalDate, summary: String? = nil, secured: Fen = .zero,
                lettersRenewed: Int = 0) throws(WagecaseError) {
        if !(0...100_000).contains(lettersRenewed) {
            throw .invalidField(field: "letters_renewed", value: "\(lettersRenewed)", reason: "is out of range",
                                allowed: "a count from 0")
        }
        self.summary = try TextField.optional(summary, field: "summary")
        (self.replied, self.secured, self.lettersRenewed) = (replied, secured, lettersRenewed)
    }
}
