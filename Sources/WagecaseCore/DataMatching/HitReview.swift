/// Where a lead's review stands.
public enum HitStatus: String, Vocabulary {
    case open, accepted, dismissed
    public var zh: String {
        switch self {
        case .open: "待研判"
        case .accepted: "已转线索"
        case .dismissed: "已排除"
        }
    }
    public var en: String {
        switch self {
        case .open: "open"
        case .accepted: "accepted"
        case .dismissed: "dismissed"
        }
    }
}

/// Who sees, runs and reviews leads: prosecutors and viewers see every lead, labor-bureau staff the leads meant
/// for them, administrators none; prosecutors and labor-bureau staff run models; prosecutors accept (a clue is
/// theirs); a lead is dismissed by whoever it is for.
public enum LeadAccess {
    /// nil: every lead; an audience: only that audience's leads. Refused (nil result of `sees`) for other roles.
    public static func audience(shownTo role: Role) -> ModelAudience?? {
        if role.may(.readCases) { return .some(nil) }
        if role == .labor { return .some(.laborBureau) }
        return nil
    }

    public static func mayRun(_ role: Role) -> Bool { role.may(.writeCases) || role.may(.writeGuarantees) }

    public static func mayDismiss(_ role: Role, _ audience: ModelAudience) -> Bool {
        role.may(.writeCases) || (role.may(.writeGuarantees) && audience == .laborBureau)
    }
}

/// What a person may do with a lead: accept an open one (a caution lead only with a reason), dismiss an open one.
public enum HitReview {
    public static func checkAccept(status: HitStatus, caution: Bool, reason: String?, id: Int64) throws(WagecaseError) {
        try checkOpen(status, id: id, action: "accept the lead")
        if caution && reason == nil {
            throw .invalidField(field: "reason", value: "", reason: "is required: this lead is a caution (possible false claim)",
                                allowed: "why a person decided it should still become a clue")
        }
    }

    public static func checkDismiss(status: HitStatus, id: Int64) throws(WagecaseError) {
        try checkOpen(status, id: id, action: "dismiss the lead")
    }

    private static func checkOpen(_ status: HitStatus, id: Int64, action: Phrase) throws(WagecaseError) {
        guard status == .open else {
            throw .invalidState(entity: "lead", key: "#\(id)", state: "is \(status)", action: action,
                                allowed: "the lead is open")
        }
    }

    /// The clue's summary when the reviewer gives none: the model, what the lead rests on.
    public static func summary(model: String, version: Int, evidence: Int, amount: Fen) -> String {
        "大数据监督模型“\(model)”（第\(version)版）发现，依据\(evidence)条数据记录，涉及金额\(amount.yuan)元。"
    }
}
