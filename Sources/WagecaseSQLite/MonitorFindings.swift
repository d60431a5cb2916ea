import Synchronization
import WagecaseCore

/// The guarantee monitor's findings kept in memory between digests. They depend only on projects, guarantees,
/// suggestions, rules and the calendar, and on the day: `monitor_input.version` changes in the same transaction
/// as every write to those (schema.sql v8), so findings kept for a version and a day are exactly what a new pass
/// would find. The open cases, which change all day, are not among them: each digest reads them and adds the
/// arrears alerts. A pass over 100,000 guarantees takes about a second; the overview page asks on every load.
final class MonitorFindings: Sendable {
    struct Findings: Sendable {
        let guarantees: GuaranteeFindings
        let deadlines: [Deadline]
        /// The findings' alerts counted (every one; its most urgent list is cut per digest).
        let summary: Digest.AlertSummary

        init(guarantees: GuaranteeFindings, deadlines: [Deadline]) {
            (self.guarantees, self.deadlines) = (guarantees, deadlines)
            summary = Digest.AlertSummary(guarantees.alerts, limit: 0)
        }

        /// The findings and the day's arrears alerts, summarised as one list of every alert would be.
        func summary(with arrears: [Alert], limit: Int) -> Digest.AlertSummary {
            var kept = summary
            kept.mostUrgent = Array(guarantees.alerts.prefix(limit))
            return kept.merging(Digest.AlertSummary(arrears, limit: limit), limit: limit)
        }
    }

    private struct State {
        var findings: (version: Int64, asOf: LocalDate, value: Findings)?
        /// Guarantees as they stood on a day, for the version.
        var standing: (version: Int64, byDay: [LocalDate: Statistics.Guarantees]) = (-1, [:])
    }

    /// Days of standing kept per version: a digest asks for two, the overview and the digest page a few more.
    private static let standingDays = 16

    private let state = Mutex(State())

    func findings(version: Int64, asOf: LocalDate) -> Findings? {
        state.withLock { state in
            guard let kept = state.findings, kept.version == version, kept.asOf == asOf else { return nil }
            return kept.value
        }
    }

    func keep(_ findings: Findings, version: Int64, asOf: LocalDate) {
        state.withLock { $0.findings = (version, asOf, findings) }
    }

    func standing(version: Int64, on day: LocalDate) -> Statistics.Guarantees? {
        state.withLock { $0.standing.version == version ? $0.standing.byDay[day] : nil }
    }

    func keep(_ standing: Statistics.Guarantees, version: Int64, on day: LocalDate) {
        state.withLock { state in
            if state.standing.version != version || state.standing.byDay.count >= Self.standingDays {
                state.standing = (version, [:])
            }
            state.standing.byDay[day] = standing
        }
    }
}
