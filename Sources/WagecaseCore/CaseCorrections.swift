/// Correcting a case's path: the latest stage move withdrawn, a closed or declined case reopened. Both say why;
/// the audit log keeps the event as it was.
public enum CaseCorrections {
    /// Where a case returns when its latest move (`events`, in order) is withdrawn: the event before it. The
    /// acceptance that opened the case is never withdrawn.
    public static func undo(_ wageCase: WageCase, events: [CaseEvent]) throws(WagecaseError) -> (withdrawn: CaseEvent, back: CaseEvent) {
        guard events.count >= 2, let last = events.last else {
            throw .invalidState(entity: "case", key: wageCase.label, state: "has only its acceptance",
                                action: "withdraw a move", allowed: "it has moved on at least once")
        }
        return (last, events[events.count - 2])
    }

    /// The stage a closed or declined case returns to: the one it stood at before (for a declined case, the review).
    public static func reopen(_ wageCase: WageCase, events: [CaseEvent]) throws(WagecaseError) -> CaseStage {
        guard wageCase.stage == .closed || wageCase.stage == .declined else {
            throw .invalidState(entity: "case", key: wageCase.label, state: "is \(wageCase.stage)", action: "reopen the case",
                                allowed: "it is closed or declined")
        }
        let before = events.dropLast().last { $0.stage != .closed && $0.stage != .declined }
        return before?.stage ?? .investigating
    }

    /// A reopening's date: on or after the case's last event, not in the future.
    public static func checkReopenDate(_ date: LocalDate, wageCase: WageCase, today: LocalDate) throws(WagecaseError) {
        if date > today {
            throw .dateOutOfOrder(field: "on", value: date, reason: "is in the future (today is \(today))")
        }
        if date < wageCase.stageDate {
            throw .dateOutOfOrder(field: "on", value: date,
                                  reason: "is before case \(wageCase.label)'s last event (\(wageCase.stage) on \(wageCase.stageDate))")
        }
    }
}
