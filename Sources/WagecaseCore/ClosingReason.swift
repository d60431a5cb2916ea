/// Why a case was closed: every case that closes with money still owed says so (全额追回 only when nothing is).
public enum ClosingReason: String, Vocabulary {
    case fullyRecovered = "fully-recovered"
    case partlyRecovered = "partly-recovered"
    case unrecoverable
    case otherRoute = "other-route"

    public var zh: String {
        switch self {
        case .fullyRecovered: "全额追回"
        case .partlyRecovered: "部分追回"
        case .unrecoverable: "无法追回"
        case .otherRoute: "转其他途径"
        }
    }

    public var en: String {
        switch self {
        case .fullyRecovered: "fully recovered"
        case .partlyRecovered: "partly recovered"
        case .unrecoverable: "cannot be recovered"
        case .otherRoute: "passed to another route"
        }
    }

    /// The reason a move to `stage` records: none for any other stage; for closing, the one given — required
    /// while money is still owed, and then never "fully recovered" — or "fully recovered" when nothing is owed.
    public static func decide(for wageCase: WageCase, to stage: CaseStage,
                              given: ClosingReason?) throws(WagecaseError) -> ClosingReason? {
        guard stage == .closed else {
            if let given {
                throw .invalidField(field: "closing_reason", value: given.rawValue, reason: "is given for a case not being closed",
                                    allowed: "a closing reason only when the case moves to closed")
            }
            return nil
        }
        let owed = wageCase.outstanding
        if owed == .zero {
            if let given, given != .fullyRecovered {
                throw .invalidField(field: "closing_reason", value: given.rawValue, reason: "does not fit a case with nothing owed",
                                    allowed: "fully-recovered, or no reason")
            }
            return .fullyRecovered
        }
        guard let given else {
            throw .invalidField(field: "closing_reason", value: "", reason: "is missing while ¥\(owed.yuan) is still owed",
                                allowed: "one of partly-recovered, unrecoverable, other-route")
        }
        if given == .fullyRecovered {
            throw .invalidField(field: "closing_reason", value: given.rawValue, reason: "does not fit: ¥\(owed.yuan) is still owed",
                                allowed: "one of partly-recovered, unrecoverable, other-route")
        }
        return given
    }
}
