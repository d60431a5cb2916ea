import WagecaseCore

/// The monitor's part of a digest on one day: what is kept for every project not marked stale, and what is found
/// afresh for the stale ones and every suggestion, as one. Each store reads the kept findings its own way (SQL);
/// what it reads is put together here, the same for both.
public struct MonitorDigestPart: Sendable {
    /// The monitor's alerts and the arrears alerts, counted and the most urgent shown.
    public var alerts: Digest.AlertSummary
    /// The kept projects' duties, due in the window and overdue (the fresh ones are in `freshDeadlines`).
    public var keptDueSoon: Digest.Listing<Deadline>
    public var keptOverdue: Digest.Listing<Deadline>
    /// Every duty of the projects found afresh and of the suggestions, soonest first.
    public var freshDeadlines: [Deadline]
    public var returnsDue: Digest.Listing<Digest.ReturnDue>

    /// How many cases were open on the day, by project, and when the latest of each drawn project's was opened.
    public typealias OpenCases = (counts: [Int64: Int], latestOpened: [Int64: LocalDate])

    /// A kept guarantee due for return: its project, itself and the day its project was completed (ISO text).
    public struct KeptReturn: Sendable {
        public let project: Int64
        public let guarantee: Int64
        public let completed: String
        public init(project: Int64, guarantee: Int64, completed: String) {
            (self.project, self.guarantee, self.completed) = (project, guarantee, completed)
        }
    }

    /// The kept alerts holding on the day, counted by code and region (the day's sums less the stale projects').
    public struct KeptAlertCounts: Sendable {
        public private(set) var total = 0
        public private(set) var byCode = Dictionary(uniqueKeysWithValues: AlertCode.allCases.map { ($0.rawValue, 0) })
        public private(set) var byRegion: [String: Int] = [:]
        public init() {}

        public mutating func add(code: String, region: String?, count: Int) {
            byCode[code, default: 0] += count
            byRegion[region ?? "", default: 0] += count
            total += count
        }

        /// Regions whose counts came to nothing are not listed.
        public mutating func dropEmptyRegions() { byRegion = byRegion.filter { $0.value != 0 } }
    }

    /// The projects whose deposits are owed and that raise an arrears alert on the day, by id.
    public static func raising(_ owing: [GuaranteeFindings.OwingProject], open: OpenCases) -> [GuaranteeFindings.OwingProject] {
        // Tens of thousands of projects on a city's database: their places are chosen and sorted as integers, and
        // each project chosen is copied once (a project is a struct of strings; filtering and sorting the structs
        // was half of the overview's time).
        var chosen: [(id: Int64, place: Int)] = []
        chosen.reserveCapacity(owing.count)
        for place in owing.indices {
            let id = owing[place].id
            let lastDrawn = owing[place].lastDrawn
            if GuaranteeMonitor.raisesArrears(lastDrawn: lastDrawn, open: open.counts[id] ?? 0,
                                              latestOpened: lastDrawn == nil ? nil : open.latestOpened[id]) {
                chosen.append((id, place))
            }
        }
        // By id, and in the order given where ids are equal (as the stable sort before).
        chosen.sort { $0.id != $1.id ? $0.id < $1.id : $0.place < $1.place }
        return chosen.map { owing[$0.place] }
    }

    /// The kept returns on projects with no case open on the day, in the list's order.
    public static func returnsDue(_ kept: [KeptReturn], open: OpenCases) -> [KeptReturn] {
        kept.filter { (open.counts[$0.project] ?? 0) == 0 }
            .sorted { ($0.completed, $0.guarantee) < ($1.completed, $1.guarantee) }
    }

    /// The projects shown besides the kept alerts' and duties': the first returns and the first arrears of the
    /// kept projects (the fresh ones are found in full anyway).
    public static func alsoShown(returns: [KeptReturn], raising: [GuaranteeFindings.OwingProject], fresh: MonitorSnapshot,
                                 limit: Int) -> Set<Int64> {
        let foundAfresh = Set(fresh.projects.map(\.id))
        return Set(returns.prefix(limit).map(\.project))
            .union(raising.prefix(limit).map(\.id).filter { !foundAfresh.contains($0) })
    }

    /// The part from what a store read: the fresh snapshot (stale projects and suggestions) and its findings, the
    /// few shown found again (`part`), the kept alerts' counts, the projects raising arrears, the kept returns due
    /// and the kept duties' totals (in the window, overdue).
    public init(fresh: MonitorSnapshot, freshFindings: GuaranteeFindings, part: MonitorSnapshot, kept: KeptAlertCounts,
                raising: [GuaranteeFindings.OwingProject],
                returns: [KeptReturn], dutyTotals: (dueSoon: Int, overdue: Int), open: OpenCases,
                calendar: WorkingDayCalendar, asOf: LocalDate, window: Int, limit: Int) {
        let partFindings = GuaranteeMonitor.findings(part, calendar: calendar, asOf: asOf)
        let partDeadlines = GuaranteeMonitor.deadlines(part, calendar: calendar, asOf: asOf)
        let names = Dictionary(uniqueKeysWithValues: part.projects.map { ($0.id, $0.name) })

        var alerts = Digest.AlertSummary(total: kept.total, byCode: kept.byCode, byRegion: kept.byRegion,
                                         mostUrgent: Array(partFindings.alerts.prefix(limit)))
            .merging(Digest.AlertSummary(freshFindings.alerts, limit: limit), limit: limit)
        let arrears = GuaranteeMonitor.arrearsAlerts(
            GuaranteeFindings(alerts: [], owing: raising.prefix(limit).map { project in
                var named = project
                named.name = names[project.id] ?? project.name
                return named
            }),
            openCaseCounts: open.counts, openCases: [:], latestOpened: open.latestOpened)
        var arrearsByRegion: [String: Int] = [:]
        for project in raising { arrearsByRegion[project.regionCode ?? "", default: 0] += 1 }
        var arrearsByCode = Dictionary(uniqueKeysWithValues: AlertCode.allCases.map { ($0.rawValue, 0) })
        arrearsByCode[AlertCode.arrearsDepositUnused.rawValue] = raising.count
        alerts = alerts.merging(Digest.AlertSummary(total: raising.count, byCode: arrearsByCode, byRegion: arrearsByRegion,
                                                    mostUrgent: arrears), limit: limit)

        let inWindow = partDeadlines.filter { (0...window).contains($0.daysLeft) }
        let overdue = partDeadlines.filter(\.isOverdue)
        let freshReturns = GuaranteeMonitor.returnsDue(fresh, openCaseCounts: open.counts, asOf: asOf)
        let keptReturns = GuaranteeMonitor.returnsDue(part, openCaseCounts: open.counts, asOf: asOf)
        let shownReturns = Set(returns.prefix(limit).map(\.guarantee))
        self.alerts = alerts
        keptDueSoon = Digest.Listing(total: dutyTotals.dueSoon, items: Array(inWindow.prefix(limit)))
        keptOverdue = Digest.Listing(total: dutyTotals.overdue, items: Array(overdue.prefix(limit)))
        freshDeadlines = GuaranteeMonitor.deadlines(fresh, calendar: calendar, asOf: asOf)
        returnsDue = Digest.Listing(total: returns.count, items: keptReturns.filter { shownReturns.contains($0.guaranteeID) })
            .merged(with: Digest.Listing(all: freshReturns, limit: limit), limit: limit) {
                ($0.completed, $0.guaranteeID) < ($1.completed, $1.guaranteeID)
            }
    }
}
