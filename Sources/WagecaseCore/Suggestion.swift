/// A procuratorial suggestion (检察建议) to an agency about projects or guarantees, its reply and its result.
public struct Suggestion: Sendable, Codable, Equatable {
    public var id: Int64
    public var number: String
    public var issued: LocalDate
    public var agency: String
    public var text: String?
    /// Written reply due (issued + the reply period, 2 months by default).
    public var replyDue: LocalDate
    public var replied: LocalDate?
    public var replySummary: String?
    /// Deposits secured (抵存/补缴) as a result.
    public var secured: Fen
    public var lettersRenewed: Int
    public var projectIDs: [Int64]
    public var guaranteeIDs: [Int64]
    public var createdAt: String

    public init(id: Int64, number: String, issued: LocalDate, agency: String, text: String?, replyDue: LocalDate,
                replied: LocalDate?, replySummary: String?, secured: Fen, lettersRenewed: Int, projectIDs: [Int64],
                guaranteeIDs: [Int64], createdAt: String) {
        (self.id, self.number, self.issued, self.agency, self.text) = (id, number, issued, agency, text)
        (self.replyDue, self.replied, self.replySummary) = (replyDue, replied, replySummary)
        (self.secured, self.lettersRenewed, self.projectIDs, self.guaranteeIDs) =
            (secured, lettersRenewed, projectIDs, guaranteeIDs)
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, number, issued, agency, text, replied
        case replyDue = "reply_due", replySummary = "reply_summary", secured = "secured_fen"
        case lettersRenewed = "letters_renewed", projectIDs = "project_ids", guaranteeIDs = "guarantee_ids"
        case createdAt = "created_at"
    }
}

extension Suggestion {
    /// Issued by `asOf` and not yet answered on it: a reply given later still left it waiting then.
    public func isAwaitingReply(asOf: LocalDate) -> Bool {
        issued <= asOf && (replied.map { $0 > asOf } ?? true)
    }
}
