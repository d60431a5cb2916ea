/// Bringing the monitor's snapshot and findings up to date when only some projects changed.
///
/// Every finding about a project depends on that project, its guarantees and their events, the rules and the
/// calendar alone; a suggestion's depend on the suggestion. So when some projects changed (and no rule or holiday),
/// reading those projects afresh, with every suggestion, and putting what they give in place of what
/// they gave before yields exactly what a pass over everything would.
extension MonitorSnapshot {
    /// This snapshot with the records of `changed` projects replaced by `part`'s, which was read for exactly those
    /// projects (a project missing from it was deleted); suggestions and rules are `part`'s.
    public func replacing(projects changed: Set<Int64>, with part: MonitorSnapshot) -> MonitorSnapshot {
        var events = self.events
        for guarantee in guarantees where changed.contains(guarantee.projectID) {
            events.removeValue(forKey: guarantee.id)
        }
        events.merge(part.events) { _, fresh in fresh }
        var snapshot = MonitorSnapshot(
            projects: mergedByID(projects.filter { !changed.contains($0.id) }, part.projects, id: \.id),
            guarantees: mergedByID(guarantees.filter { !changed.contains($0.projectID) }, part.guarantees, id: \.id),
            events: events, openCaseCounts: openCaseCounts, suggestions: part.suggestions, rules: part.rules)
        snapshot.openCases = openCases
        return snapshot
    }
}

extension GuaranteeFindings {
    /// These findings with those of `changed` projects and of every suggestion replaced by `part`'s, found on a
    /// snapshot of exactly those projects and every suggestion.
    public func replacing(projects changed: Set<Int64>, with part: GuaranteeFindings) -> GuaranteeFindings {
        let kept = alerts.filter { alert in
            alert.suggestionID == nil && !(alert.projectID.map(changed.contains) ?? false)
        }
        return GuaranteeFindings(alerts: GuaranteeMonitor.merged(kept, part.alerts),
                                 owing: mergedByID(owing.filter { !changed.contains($0.id) }, part.owing, id: \.id))
    }
}

extension Deadline {
    /// `deadlines` (soonest first) with those of `changed` projects and of every suggestion replaced by `part`'s.
    public static func replacing(_ deadlines: [Deadline], projects changed: Set<Int64>,
                                 with part: [Deadline]) -> [Deadline] {
        let kept = deadlines.filter { deadline in
            deadline.suggestionID == nil && !(deadline.projectID.map(changed.contains) ?? false)
        }
        return merged(kept, part)
    }
}

/// Two lists each in ascending id order with no id in both, as one in ascending id order.
private func mergedByID<T>(_ first: [T], _ second: [T], id: (T) -> Int64) -> [T] {
    mergedInOrder(first, second) { id($0) < id($1) }
}
