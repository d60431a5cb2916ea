/// Which decisions a clue may take from where it stands: a new clue is screened; a new or screening clue is
/// rejected, referred to another agency, or converted into cases; a decided clue stays decided (a later claim
/// about the same arrears becomes a new clue that follows it, see `ClueIntake`).
public enum ClueStatusRules {
    /// The statuses a clue may move to `status` from.
    public static func allowedFrom(_ status: ClueStatus) -> [ClueStatus] {
        switch status {
        case .screening: [.new]
        case .rejected, .referred, .converted: [.new, .screening]
        case .new: []
        }
    }

    /// Refuses the move unless the clue stands where it may be made from.
    public static func check(_ clue: Clue, to status: ClueStatus) throws(WagecaseError) {
        let allowed = allowedFrom(status)
        guard allowed.contains(clue.status) else {
            throw .invalidState(entity: "clue", key: "#\(clue.id)", state: "is \(clue.status)",
                                action: action(status),
                                allowed: "it is \(Phrase.both(zh: allowed.map(\.zh).joined(separator: "或"), en: allowed.map(\.en).joined(separator: " or ")))")
        }
    }

    private static func action(_ status: ClueStatus) -> Phrase {
        switch status {
        case .screening: "screen it"
        case .rejected: "reject it"
        case .referred: "refer it"
        case .converted: "open cases"
        case .new: "reopen it"
        }
    }
}
