import Foundation
import WagecaseCore

/// What adding a clue did: created a new one, or recorded the new channel on an existing one.
public struct ClueAddResult: Sendable {
    public var clue: Clue
    /// Nil when a new clue was created; otherwise the existing clue it was merged into.
    public var mergedInto: Int64?
    /// Workers the merge added to the existing clue.
    public var addedWorkers: Int

    public init(clue: Clue, mergedInto: Int64?, addedWorkers: Int) {
        (self.clue, self.mergedInto, self.addedWorkers) = (clue, mergedInto, addedWorkers)
    }

    public var isNew: Bool { mergedInto == nil }
}

/// Filters users apply to the clue list.
public struct ClueFilter: Sendable {
    public var status: ClueStatus?
    public var source: ClueSource?
    public var employer: EmployerReference?
    public var range: DateRange?
    /// Clues naming this worker (by record id).
    public var workerID: Int64?
    public var limit: Int
    public var afterID: Int64

    public init(status: ClueStatus? = nil, source: ClueSource? = nil, employer: EmployerReference? = nil,
                range: DateRange? = nil, workerID: Int64? = nil, limit: Int = 100, afterID: Int64 = 0) {
        (self.status, self.source, self.employer, self.range) = (status, source, employer, range)
        (self.workerID, self.limit, self.afterID) = (workerID, limit, afterID)
    }
}
