import WagecaseCore

/// The cases opened or moved after a past day, each read once as it stood on that day for everything a digest of
/// the day asks: every other case stood then as it stands now, so the day's open cases per project, its largest
/// open cases and its cases under watch are today's, put back for these. (Each of them once found these cases
/// again with its own statement: the same history read three times.) Only what those need is kept — a day years
/// back has nearly every case changed since. Each store reads the rows its own way and adds them here.
public struct CasesChangedSince: Sendable {
    /// A changed case as it stands and as it stood on the day.
    public struct Change: Sendable {
        public var id: Int64
        public var projectID: Int64?
        public var seriesID: Int64?
        public var claimed: Int64
        public var stageNow: CaseStage
        /// Its stage on the day; nil when it was opened after it.
        public var stageThen: CaseStage?
        public var stageDateThen: LocalDate
        public var opened: LocalDate
        public var employmentEnded: LocalDate?
        public var paymentDue: LocalDate?
        public var caseNumber: String?
        public var projectName: String?
        public var regionCode: String?
        public init(id: Int64, projectID: Int64?, seriesID: Int64?, claimed: Int64, stageNow: CaseStage, stageThen: CaseStage?,
                    stageDateThen: LocalDate, opened: LocalDate, employmentEnded: LocalDate?, paymentDue: LocalDate?,
                    caseNumber: String?, projectName: String?, regionCode: String?) {
            (self.id, self.projectID, self.seriesID, self.claimed) = (id, projectID, seriesID, claimed)
            (self.stageNow, self.stageThen) = (stageNow, stageThen)
            (self.stageDateThen, self.opened, self.employmentEnded, self.paymentDue) = (stageDateThen, opened, employmentEnded, paymentDue)
            (self.caseNumber, self.projectName, self.regionCode) = (caseNumber, projectName, regionCode)
        }
    }

    public let day: LocalDate
    private var ids = Set<Int64>()
    /// Open then less open now, over every changed case, and by project.
    public private(set) var openChange = 0
    public private(set) var openChangeByProject: [Int64: Int] = [:]
    /// By project, the latest opening day of its changed cases open then.
    public private(set) var latestOpenedThen: [Int64: LocalDate] = [:]
    /// The changed cases open then, with their claims.
    public private(set) var openThen: [(id: Int64, claimed: Int64)] = []
    /// The series with a changed case: their figures on the day differ from the kept ones.
    public private(set) var series = Set<Int64>()
    /// The changed cases under watch then (a claim not yet brought, with a time limit of its own).
    private var watched: [Change] = []

    public init(day: LocalDate) { self.day = day }

    public var count: Int { ids.count }
    public func contains(_ id: Int64) -> Bool { ids.contains(id) }

    public mutating func add(_ row: Change) {
        ids.insert(row.id)
        if let series = row.seriesID { self.series.insert(series) }
        let isOpenThen = row.stageThen?.isOpen ?? false
        let change = (isOpenThen ? 1 : 0) - (row.stageNow.isOpen ? 1 : 0)
        openChange += change
        if let project = row.projectID, change != 0 { openChangeByProject[project, default: 0] += change }
        // Opened after the day: not open then, not under watch then.
        guard let stageThen = row.stageThen else { return }
        if isOpenThen {
            openThen.append((row.id, row.claimed))
            if let project = row.projectID { latestOpenedThen[project] = max(latestOpenedThen[project] ?? row.opened, row.opened) }
        }
        if CaseTimeLimits.isUnderWatch(stageThen, employmentEnded: row.employmentEnded, paymentDue: row.paymentDue) {
            watched.append(row)
        }
    }

    /// Today's open cases by project (those with any) put back to the day.
    public func openCountsThen(_ now: [Int64: Int]) -> [Int64: Int] {
        var counts = now
        for (project, change) in openChangeByProject { counts[project, default: 0] += change }
        return counts.filter { $0.value > 0 }
    }

    /// The cases under watch on the day: those under watch now not changed since, and the changed ones as they
    /// stood then, by id.
    public func underWatchThen(_ now: [CaseUnderWatch], decisionDays: Int, courtFilingDays: Int) -> [CaseUnderWatch] {
        var cases = now.filter { !contains($0.id) }
        for then in watched {
            guard let stage = then.stageThen else { continue }
            cases.append(CaseUnderWatch(
                id: then.id, caseNumber: then.caseNumber,
                facts: CaseTimeFacts(stage: stage, stageDate: then.stageDateThen, opened: then.opened,
                                     employmentEnded: then.employmentEnded, paymentDue: then.paymentDue,
                                     decisionDays: decisionDays, courtFilingDays: courtFilingDays),
                projectID: then.projectID, projectName: then.projectName, regionCode: then.regionCode))
        }
        return cases.sorted { $0.id < $1.id }
    }
}
