/// The papers a case produces (domain.md §10), each made from one kind of record.
public enum DocumentKind: String, Vocabulary {
    case acceptanceNotice = "acceptance-notice"
    case supportLetter = "support-letter"
    case declineNotice = "decline-notice"
    case suggestion
    case referralLetter = "referral-letter"

    public var zh: String {
        switch self {
        case .acceptanceNotice: "受理通知书"
        case .supportLetter: "支持起诉书"
        case .declineNotice: "不支持起诉决定书"
        case .suggestion: "检察建议书"
        case .referralLetter: "线索移送函"
        }
    }

    public var en: String {
        switch self {
        case .acceptanceNotice: "notice of acceptance"
        case .supportLetter: "support-for-litigation letter"
        case .declineNotice: "decision not to support"
        case .suggestion: "procuratorial suggestion"
        case .referralLetter: "clue referral letter"
        }
    }

    /// The kind of record the document is made from.
    public var subject: DocumentSubjectKind {
        switch self {
        case .acceptanceNotice, .supportLetter, .declineNotice: .wageCase
        case .suggestion: .suggestion
        case .referralLetter: .clue
        }
    }

    /// The setting that holds this kind's number pattern.
    public var numberSetting: Setting {
        switch self {
        case .acceptanceNotice: .numberAcceptanceNotice
        case .supportLetter: .numberSupportLetter
        case .declineNotice: .numberDeclineNotice
        case .suggestion: .numberSuggestion
        case .referralLetter: .numberReferralLetter
        }
    }
}

/// Which record a document comes from.
public enum DocumentSubjectKind: String, Sendable {
    case wageCase = "case", clue, suggestion
}

/// The record named for a document: a case (by number or id), a clue id, or a suggestion (by number or id).
public enum DocumentSubject: Sendable, Equatable {
    case wageCase(CaseReference)
    case clue(Int64)
    case suggestion(String)

    public var kind: DocumentSubjectKind {
        switch self {
        case .wageCase: .wageCase
        case .clue: .clue
        case .suggestion: .suggestion
        }
    }

    /// Refuses a record of the wrong kind for the document ("a support letter is made from a case").
    public func check(for kind: DocumentKind) throws(WagecaseError) {
        guard self.kind != kind.subject else { return }
        throw .invalidField(field: self.kind.rawValue, value: kind.rawValue, reason: "is not the record this document is made from",
                            allowed: kind.subject.madeFrom)
    }
}

extension DocumentSubjectKind {
    var madeFrom: Phrase {
        switch self {
        case .wageCase: "--case: acceptance notices, support letters and decisions not to support are made from a case"
        case .clue: "--clue: a referral letter is made from a referred clue"
        case .suggestion: "--suggestion: a procuratorial suggestion is made from its recorded suggestion"
        }
    }
}

/// The file a document is produced as.
public enum DocumentFormat: String, Vocabulary {
    case docx, html

    public var zh: String { self == .docx ? "Word 文档（DOCX）" : "网页（HTML）" }
    public var en: String { rawValue }

    public var mediaType: String {
        switch self {
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .html: "text/html; charset=utf-8"
        }
    }
}
