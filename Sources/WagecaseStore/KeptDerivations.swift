import WagecaseCore

/// The guarantees' standing and the monitor's findings are kept from derivations made in Swift (Core's
/// GuaranteeTimeline and MonitorTimeline), not by triggers: both stores derive, compare and count them with these,
/// each reading and writing its own tables.
public enum KeptDerivations {
    /// Every guarantee's spans derived from its records, by guarantee id.
    public static func standingSpans(_ guarantees: [Guarantee],
                                     events: [Int64: [GuaranteeEvent]]) -> [Int64: [GuaranteeSpan]] {
        var derived: [Int64: [GuaranteeSpan]] = [:]
        for guarantee in guarantees {
            derived[guarantee.id] = GuaranteeTimeline.spans(guarantee, events: events[guarantee.id] ?? [])
        }
        return derived
    }

    /// The guarantees whose kept spans are not those derived, the kept and the derived line for each (the first
    /// ten); guarantees still marked stale are derived when read, so they are left out.
    public static func standingDifferences(kept: [Int64: [GuaranteeSpan]], derived: [Int64: [GuaranteeSpan]],
                                           stale: Set<Int64>) -> [FigureVerification.Difference] {
        var differences: [FigureVerification.Difference] = []
        for id in Set(kept.keys).union(derived.keys).sorted() where !stale.contains(id) && kept[id] != derived[id] {
            guard differences.count < 20 else { break }
            differences.append(.init(table: "guarantee_standing_span", side: "kept",
                                     row: "guarantee \(id): \(describe(kept[id] ?? []))"))
            differences.append(.init(table: "guarantee_standing_span", side: "records",
                                     row: "guarantee \(id): \(describe(derived[id] ?? []))"))
        }
        return differences
    }

    /// Each project of `snapshot` with its findings' spans, derived as the sequence is read (a rebuild of every
    /// project holds no more than a batch of spans).
    public static func projectSpans(_ snapshot: MonitorSnapshot, calendar: WorkingDayCalendar)
        -> LazyMapSequence<[Project], (Project, [MonitorFindingSpan])> {
        let guarantees = Dictionary(grouping: snapshot.guarantees, by: \.projectID)
        return snapshot.projects.lazy.map { project in
            (project, MonitorTimeline.spans(project, guarantees: guarantees[project.id] ?? [], events: snapshot.events,
                                            rules: snapshot.rules, calendar: calendar))
        }
    }

    /// The columns of monitor_finding a span fills, in this order: project_id, region_code, finding, code,
    /// guarantee_id, on_date, flag, from_day, until_day, detail, detail_en, severity, code_place.
    public static let findingColumnNames = ["project_id", "region_code", "finding", "code", "guarantee_id", "on_date",
                                            "flag", "from_day", "until_day", "detail", "detail_en", "severity",
                                            "code_place"]

    /// A span's row of monitor_finding, in the order of `findingColumnNames`.
    public static func findingColumns(_ span: MonitorFindingSpan, of project: Project) -> [CopyValue] {
        let finding = span.finding
        func text(_ value: String?) -> CopyValue { value.map(CopyValue.text) ?? .null }
        func integer(_ value: Int64?) -> CopyValue { value.map(CopyValue.integer) ?? .null }
        return [.integer(project.id), text(project.regionCode), .text(finding.kind.rawValue), .text(finding.code),
                integer(finding.guaranteeID), text(finding.date?.iso), .integer(finding.flag ? 1 : 0),
                text(span.from?.iso), text(span.until?.iso), text(finding.detail), text(finding.detailEn),
                integer(finding.alertCode.map { Int64($0.severity.rank) }),
                integer(finding.alertCode.map { Int64($0.place) })]
    }

    /// A kept finding as the check compares it: every column of `findingColumnNames` but the project's id (the
    /// key), as text, `-` for none.
    public static func describeFinding(_ columns: [CopyValue]) -> String {
        columns.dropFirst().map { value -> String in
            switch value {
            case .null: "-"
            case .integer(let n): String(n)
            case .text(let text): text
            case .bytes(let bytes): Hex.string(bytes)
            }
        }.joined(separator: " ")
    }

    /// Every project's findings derived from the records, described as the kept ones are.
    public static func derivedFindings(_ snapshot: MonitorSnapshot,
                                       calendar: WorkingDayCalendar) -> [Int64: [String]] {
        var derived: [Int64: [String]] = [:]
        for (project, spans) in projectSpans(snapshot, calendar: calendar) {
            derived[project.id] = spans.map { describeFinding(findingColumns($0, of: project)) }
        }
        return derived
    }

    /// The projects whose kept findings are not those derived, the kept and the derived line for each (the first
    /// ten); projects still marked stale are found afresh when read, so they are left out.
    public static func findingDifferences(kept: [Int64: [String]], derived: [Int64: [String]],
                                          stale: Set<Int64>) -> [FigureVerification.Difference] {
        var differences: [FigureVerification.Difference] = []
        for id in Set(kept.keys).union(derived.keys).sorted() where !stale.contains(id) {
            let (ours, theirs) = ((kept[id] ?? []).sorted(), (derived[id] ?? []).sorted())
            guard ours != theirs, differences.count < 20 else { continue }
            differences.append(.init(table: "monitor_finding", side: "kept",
                                     row: "project \(id): \(ours.joined(separator: "; "))"))
            differences.append(.init(table: "monitor_finding", side: "records",
                                     row: "project \(id): \(theirs.joined(separator: "; "))"))
        }
        return differences
    }

    private static func describe(_ spans: [GuaranteeSpan]) -> String {
        spans.map { "\($0.from)…\($0.until?.iso ?? "") \($0.kind.rawValue) \($0.status.rawValue) \($0.held.value)" }
            .joined(separator: "; ")
    }
}

/// What guarantee spans add and take away, summed by day, kind and status before any is written: a span's
/// guarantee counts from its first day and stops on the day it ends.
public struct StandingDayChanges: Sendable {
    public struct Key: Hashable, Sendable {
        public let day: String
        public let kind: String
        public let status: String
    }

    public private(set) var byDay: [Key: (count: Int64, held: Int64)] = [:]

    public init() {}

    /// Adds a span (`sign` -1 takes it away).
    public mutating func add(_ span: GuaranteeSpan, sign: Int64) {
        var days = [(span.from, sign)]
        if let until = span.until { days.append((until, -sign)) }
        for (day, step) in days {
            let key = Key(day: day.iso, kind: span.kind.rawValue, status: span.status.rawValue)
            let current = byDay[key] ?? (0, 0)
            byDay[key] = (current.count + step, current.held &+ step &* span.held.value)
        }
    }
}

/// What alert spans add and take away, summed by code, region and day before any is written. A span counts from
/// its first day ('' for every day before the first turn) and stops on the day it ends.
public struct AlertDayChanges: Sendable {
    public struct Key: Hashable, Sendable {
        public let code: String
        public let region: String
        public let day: String
    }

    public private(set) var byDay: [Key: Int64] = [:]

    public init() {}

    public mutating func add(code: String, region: String?, from: String?, until: String?, sign: Int64) {
        byDay[Key(code: code, region: region ?? "", day: from ?? ""), default: 0] += sign
        if let until { byDay[Key(code: code, region: region ?? "", day: until), default: 0] -= sign }
    }
}
