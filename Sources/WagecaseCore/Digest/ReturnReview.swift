/// The bureau's review, at least every six months, of deposits due for return (人社部发〔2021〕65号 Art. 22): a
/// guarantee still held on a project completed by the day asked, with no wage case open against it, is due back
/// to the contractor, and the bureau starts the return if the contractor has not.
extension Digest {
    public struct ReturnDue: Sendable, Encodable, Equatable {
        public enum Step: String, Sendable, Encodable {
            /// Nothing started: the bureau's review should start it.
            case notStarted = "not-started"
            case inNotice = "in-notice"
            case applied
        }

        public var guaranteeID: Int64
        public var projectID: Int64
        public var projectName: String
        public var kind: GuaranteeKind
        public var documentNumber: String?
        public var balance: Fen
        public var completed: LocalDate
        /// Whole months from completion to the day asked.
        public var monthsSinceCompletion: Int
        public var step: Step

        /// Held more than the six months between two reviews.
        public var pastAReview: Bool { monthsSinceCompletion >= 6 }

        enum CodingKeys: String, CodingKey {
            case kind, balance = "balance_fen", completed, step
            case guaranteeID = "guarantee_id", projectID = "project_id", projectName = "project_name"
            case documentNumber = "document_number", monthsSinceCompletion = "months_since_completion"
        }
    }
}

extension GuaranteeMonitor {
    /// Guarantees due for return on `asOf`, the longest held first: not returned, on a project completed by then
    /// with no case open then (`openCaseCounts`, as of the same day).
    public static func returnsDue(_ snapshot: MonitorSnapshot, openCaseCounts: [Int64: Int],
                                  asOf: LocalDate) -> [Digest.ReturnDue] {
        let projects = Dictionary(uniqueKeysWithValues: snapshot.projects.map { ($0.id, $0) })
        var due: [Digest.ReturnDue] = []
        for guarantee in snapshot.guarantees where guarantee.effective <= asOf {
            guard let project = projects[guarantee.projectID], let completed = project.actualCompletion,
                  completed <= asOf, (openCaseCounts[project.id] ?? 0) == 0 else { continue }
            let state = GuaranteeState.derive(guarantee, events: snapshot.events[guarantee.id] ?? [], asOf: asOf)
            // A letter that has ended holds nothing to hand back.
            guard state.isValid else { continue }
            let step: Digest.ReturnDue.Step = state.returnRequested != nil ? .applied
                : state.noticeStarted != nil ? .inNotice : .notStarted
            due.append(Digest.ReturnDue(
                guaranteeID: guarantee.id, projectID: project.id, projectName: project.name, kind: guarantee.kind,
                documentNumber: state.documentNumber, balance: state.balance, completed: completed,
                monthsSinceCompletion: completed.wholeMonths(until: asOf), step: step))
        }
        return due.sorted { ($0.completed, $0.guaranteeID) < ($1.completed, $1.guaranteeID) }
    }
}

extension LocalDate {
    /// Whole calendar months from this date to `later` (0 when `later` is earlier).
    func wholeMonths(until later: LocalDate) -> Int {
        var months = (later.year - year) * 12 + (later.month - month)
        if later.day < day && adding(months: months) > later { months -= 1 }
        return max(0, months)
    }
}
