/// What one guarantee adds to the reported standing (counted under its kind and status; its balance when valid),
/// from a day until the day it next changes. The store keeps these per guarantee and their sums by day, so the
/// standing on any day is a sum over days, not a pass over every guarantee and its events.
public struct GuaranteeSpan: Sendable, Equatable {
    public var from: LocalDate
    /// The first day the guarantee stands otherwise; nil when nothing on record changes it again.
    public var until: LocalDate?
    public var kind: GuaranteeKind
    public var status: GuaranteeStatus
    /// The balance while valid (not expired, not returned), else zero: what `Statistics.Guarantees.held` sums.
    public var held: Fen

    public init(from: LocalDate, until: LocalDate?, kind: GuaranteeKind, status: GuaranteeStatus, held: Fen) {
        (self.from, self.until, self.kind, self.status, self.held) = (from, until, kind, status, held)
    }

    public func covers(_ day: LocalDate) -> Bool { from <= day && until.map { day < $0 } ?? true }
}

public enum GuaranteeTimeline {
    /// The guarantee's standing as spans, from its effective day on: `GuaranteeState.derive` on each day the
    /// standing can change (an event's day, the day after an end date), adjacent equal spans joined. Between those
    /// days derive gives the same answer, so the span covering a day is what derive says of that day.
    public static func spans(_ guarantee: Guarantee, events: [GuaranteeEvent]) -> [GuaranteeSpan] {
        let start = guarantee.effective
        var days: Set<LocalDate> = [start]
        for event in events where event.date > start { days.insert(event.date) }
        // A letter is expired from the day after its (current) end: every end on record is a possible turn.
        for end in [guarantee.ends] + events.map(\.newEnds) {
            if let end, case let next = end.adding(days: 1), next > start { days.insert(next) }
        }
        var spans: [GuaranteeSpan] = []
        for day in days.sorted() {
            let state = GuaranteeState.derive(guarantee, events: events, asOf: day)
            let held = state.isValid ? state.balance : .zero
            if let last = spans.last, last.status == state.status, last.held == held { continue }
            if !spans.isEmpty { spans[spans.count - 1].until = day }
            spans.append(GuaranteeSpan(from: day, until: nil, kind: guarantee.kind, status: state.status, held: held))
        }
        return spans
    }
}

extension Statistics.Guarantees {
    /// Adds (or with `sign` -1 takes away) `count` guarantees of a kind and status holding `held`.
    public mutating func add(kind: GuaranteeKind, status: GuaranteeStatus, count: Int, held: Fen, sign: Int = 1) {
        total += sign * count
        byKind[kind.rawValue, default: 0] += sign * count
        byStatus[status.rawValue, default: 0] += sign * count
        self.held = sign < 0 ? self.held - held : self.held + held
    }

    /// Adds another standing's counts and balance (`drawn` is left as it is).
    public mutating func add(_ other: Statistics.Guarantees) {
        total += other.total
        for (kind, count) in other.byKind { byKind[kind, default: 0] += count }
        for (status, count) in other.byStatus { byStatus[status, default: 0] += count }
        held = held + other.held
    }

    /// The standing on `day` of guarantees given as spans (what `standing` derives from their events).
    public static func standing(spans: [GuaranteeSpan], on day: LocalDate) -> Statistics.Guarantees {
        var figures = Statistics.Guarantees()
        for span in spans where span.covers(day) {
            figures.add(kind: span.kind, status: span.status, count: 1, held: span.held)
        }
        return figures
    }
}
