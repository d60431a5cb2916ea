/// What becomes of a claim as it arrives — typed in, posted to the API, or a row of a partner's spreadsheet —
/// given the clues already on record about the same arrears (the same employer and project, one of the same
/// workers). One decision for every way in, so the import and `clue add` cannot disagree.
public enum ClueIntake {
    /// When a claim names a worker already on a clue with another amount: which amount stands.
    public enum AmountStands: String, Sendable, CaseIterable {
        case existing, new

        /// `existing` or `new`, as a request names it; nil when it names none.
        public static func parse(_ text: String?, field: String = "amount_stands") throws(WagecaseError) -> AmountStands? {
            guard let text else { return nil }
            guard let stands = AmountStands(rawValue: text) else {
                throw .invalidField(field: field, value: text, reason: "is not a known value", allowed: "existing or new")
            }
            return stands
        }
    }

    /// One worker's claim as it arrives.
    public struct Claim: Sendable, Equatable {
        public var workerID: Int64
        public var claimed: Fen
        /// The worker's ID number as a refusal may quote it (masked).
        public var label: String

        public init(workerID: Int64, claimed: Fen, label: String) {
            (self.workerID, self.claimed, self.label) = (workerID, claimed, label)
        }
    }

    public enum Decision: Sendable, Equatable {
        /// A clue of its own. `follows` names a rejected or referred clue about the same arrears: such a clue is
        /// decided and never absorbs a new claim, so the new clue is made and linked to it.
        case create(follows: Int64?)
        /// The claim joins `clue`: its channel when new, the workers it did not name, and the amounts to change
        /// (indices into the claims).
        case merge(clue: Int64, addsChannel: Bool, newWorkers: [Int], changedAmounts: [Int])
        /// Nothing new: the same channel already names these workers with these amounts (a file imported again).
        case known(clue: Int64)
    }

    /// - `open`: the oldest clue about the same arrears that is not rejected or referred;
    /// - `closed`: the newest that is, if any (for the link).
    public static func decide(source: ClueSource, received: LocalDate, claims: [Claim], today: LocalDate,
                              policy: DuplicatePolicy, amountStands: AmountStands?, open: Clue?,
                              closed: Clue?) throws(WagecaseError) -> Decision {
        if received > today {
            throw .dateOutOfOrder(field: "received", value: received, reason: "is in the future (today is \(today))")
        }
        if policy == .keepBoth { return .create(follows: nil) }
        guard let open else { return .create(follows: closed?.id) }
        if policy == .refuse {
            throw .duplicate(entity: "clue for the same employer, project and worker(s)", key: "", existingID: open.id,
                             hint: "record this channel on it (merge), or keep both as separate arrears")
        }
        let recorded = Dictionary(open.workers.map { ($0.workerID, $0.claimed) }, uniquingKeysWith: { first, _ in first })
        var newWorkers: [Int] = [], differing: [Int] = []
        for (index, claim) in claims.enumerated() {
            if let amount = recorded[claim.workerID] {
                if amount != claim.claimed { differing.append(index) }
            } else {
                newWorkers.append(index)
            }
        }
        if let first = differing.first, amountStands == nil {
            let claim = claims[first]
            throw .invalidField(
                field: "claimed", value: "\(claim.label)=\(claim.claimed.yuan)",
                reason: "differs from the \(recorded[claim.workerID]?.yuan ?? "") recorded for this worker on clue #\(open.id)",
                allowed: "a merge that says which amount stands: the existing one or the new one")
        }
        if !newWorkers.isEmpty && !open.status.isOpen {
            throw .invalidState(entity: "clue", key: "#\(open.id)", state: "is \(open.status)",
                                action: "add \(newWorkers.count) more worker(s) by merging",
                                allowed: "new or screening; record the other workers as a separate clue (keep both)")
        }
        let changed = amountStands == .new ? differing : []
        let addsChannel = !open.channels.contains(ClueChannel(source: source, received: received))
        if !addsChannel && newWorkers.isEmpty && changed.isEmpty { return .known(clue: open.id) }
        return .merge(clue: open.id, addsChannel: addsChannel, newWorkers: newWorkers, changedAmounts: changed)
    }
}
