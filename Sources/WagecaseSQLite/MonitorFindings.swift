import Synchronization
import WagecaseCore

/// What the guarantee monitor last read and found, kept in memory between digests. It depends only on projects,
/// guarantees, suggestions, rules and the calendar, and on the day: `monitor_input.version` changes in the same
/// transaction as every write to those (schema.sql v8), so what is kept for a version is exactly what a new read
/// would give. When the version moves, the projects written since (schema.sql v9) are read again and put in place
/// of their old records and findings (see MonitorPatch); a new day is found again from the snapshot in memory.
/// The open cases, which change all day, are not among them: each digest reads them and adds the arrears alerts.
final class MonitorFindings: Sendable {
    struct Findings: Sendable {
        let asOf: LocalDate
        let guarantees: GuaranteeFindings
        let deadlines: [Deadline]
        /// The findings' alerts counted (every one; its most urgent list is cut per digest).
        let summary: Digest.AlertSummary

        init(asOf: LocalDate, guarantees: GuaranteeFindings, deadlines: [Deadline]) {
            (self.asOf, self.guarantees, self.deadlines) = (asOf, guarantees, deadlines)
            summary = Digest.AlertSummary(guarantees.alerts, limit: 0)
        }

        /// The findings and the day's arrears alerts, summarised as one list of every alert would be.
        func summary(with arrears: [Alert], limit: Int) -> Digest.AlertSummary {
            var kept = summary
            kept.mostUrgent = Array(guarantees.alerts.prefix(limit))
            return kept.merging(Digest.AlertSummary(arrears, limit: limit), limit: limit)
        }
    }

    /// Everything kept for one version of the monitor's input.
    struct Kept: Sendable {
        let version: Int64
        /// Every project, guarantee, event, suggestion and rule at the version.
        var snapshot: MonitorSnapshot
        var findings: Findings?
    }

    private let state = Mutex<Kept?>(nil)

    /// What is kept, whatever its version.
    var kept: Kept? { state.withLock { $0 } }

    /// Keeps `kept` unless something newer is kept already (two digests may finish in either order).
    func keep(_ kept: Kept) {
        state.withLock { current in
            if let current, current.version > kept.version { return }
            current = kept
        }
    }
}
