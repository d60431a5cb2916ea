/// The rules of the wage-guarantee monitor (domain.md §4): what the law forbids, found for an as-of date.
public enum AlertCode: String, Sendable, Codable, CaseIterable {
    case guaranteeExpiring = "GUARANTEE_EXPIRING"
    case guaranteeExpired = "GUARANTEE_EXPIRED"
    case replenishOverdue = "REPLENISH_OVERDUE"
    case returnOverdue = "RETURN_OVERDUE"
    case bankPaymentLate = "BANK_PAYMENT_LATE"
    case noGuarantee = "NO_GUARANTEE"
    case belowRequired = "BELOW_REQUIRED"
    case projectFactsMissing = "PROJECT_FACTS_MISSING"
    case limitationNear = "LIMITATION_NEAR"
    case limitationPassed = "LIMITATION_PASSED"
    case officeDeadlineNear = "OFFICE_DEADLINE_NEAR"
    case officeDeadlinePassed = "OFFICE_DEADLINE_PASSED"
    case arrearsDepositUnused = "ARREARS_DEPOSIT_UNUSED"
    case suggestionReplyOverdue = "SUGGESTION_REPLY_OVERDUE"
    case referralReplyOverdue = "REFERRAL_REPLY_OVERDUE"
    case taskOverdue = "TASK_OVERDUE"
    case monthlyReportMissing = "MONTHLY_REPORT_MISSING"

    public static func parse(_ text: String) throws(WagecaseError) -> AlertCode {
        let key = text.trimmingWhitespace().uppercased().replacingOccurrences(of: "-", with: "_")
        guard let code = AlertCode(rawValue: key) else {
            throw .invalidField(field: "code", value: text, reason: "is not an alert code",
                                allowed: "one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return code
    }

    public var severity: AlertSeverity {
        switch self {
        case .guaranteeExpired, .replenishOverdue, .noGuarantee, .arrearsDepositUnused, .limitationPassed: .critical
        case .returnOverdue, .bankPaymentLate, .belowRequired, .suggestionReplyOverdue, .limitationNear, .officeDeadlinePassed,
             .referralReplyOverdue, .taskOverdue: .high
        case .guaranteeExpiring, .projectFactsMissing, .officeDeadlineNear, .monthlyReportMissing: .warning
        }
    }

    /// The code's place among the codes: the last tie-break of the alerts' order (`GuaranteeMonitor.isMoreUrgent`).
    public var place: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The joint work's (府检联动) finding: a referral, a task or a monthly report, not a project's.
    public var isJointWork: Bool {
        self == .referralReplyOverdue || self == .taskOverdue || self == .monthlyReportMissing
    }

    /// A case's time limit, not the guarantee monitor's finding.
    public var isCaseTimeLimit: Bool {
        self == .limitationNear || self == .limitationPassed || self == .officeDeadlineNear || self == .officeDeadlinePassed
    }

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.guaranteeExpiring, .zh): "保函即将到期"
        case (.guaranteeExpired, .zh): "保函超期"
        case (.replenishOverdue, .zh): "动用后未按期补足"
        case (.returnOverdue, .zh): "逾期未返还"
        case (.bankPaymentLate, .zh): "银行逾期未支付"
        case (.noGuarantee, .zh): "未存储保证金或提交保函"
        case (.belowRequired, .zh): "保证金不足额"
        case (.arrearsDepositUnused, .zh): "欠薪但保证金未动用"
        case (.suggestionReplyOverdue, .zh): "检察建议逾期未回复"
        case (.projectFactsMissing, .zh): "项目信息不全"
        case (.limitationNear, .zh): "时效即将届满"
        case (.limitationPassed, .zh): "时效已届满"
        case (.officeDeadlineNear, .zh): "办案期限将至"
        case (.officeDeadlinePassed, .zh): "办案期限已过"
        case (.referralReplyOverdue, .zh): "移送事项逾期未答复"
        case (.taskOverdue, .zh): "任务逾期未完成"
        case (.monthlyReportMissing, .zh): "月度进展逾期未报送"
        case (.referralReplyOverdue, .en): "referral reply overdue"
        case (.taskOverdue, .en): "task overdue"
        case (.monthlyReportMissing, .en): "monthly report missing"
        case (.guaranteeExpiring, .en): "guarantee letter expiring"
        case (.guaranteeExpired, .en): "guarantee letter expired"
        case (.replenishOverdue, .en): "draw not replenished in time"
        case (.returnOverdue, .en): "return overdue"
        case (.bankPaymentLate, .en): "bank late paying a draw"
        case (.noGuarantee, .en): "no guarantee"
        case (.belowRequired, .en): "below the required amount"
        case (.arrearsDepositUnused, .en): "arrears while the deposit sits unused"
        case (.suggestionReplyOverdue, .en): "suggestion reply overdue"
        case (.projectFactsMissing, .en): "project facts missing"
        case (.limitationNear, .en): "limitation period ending"
        case (.limitationPassed, .en): "limitation period ended"
        case (.officeDeadlineNear, .en): "office deadline near"
        case (.officeDeadlinePassed, .en): "office deadline passed"
        }
    }
}

public enum AlertSeverity: String, Sendable, Codable, Comparable, CaseIterable {
    case critical, high, warning

    /// 0 for the most severe: the order alerts are listed in.
    public var rank: Int { self == .critical ? 0 : self == .high ? 1 : 2 }

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.critical, .zh): "严重"
        case (.high, .zh): "较重"
        case (.warning, .zh): "提示"
        case (_, .en): rawValue
        }
    }
    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding: its rule, the records it is about, the due date and the days left (negative: overdue).
public struct Alert: Sendable, Codable, Equatable {
    public var code: AlertCode
    public var severity: AlertSeverity
    public var regionCode: String?
    public var projectID: Int64?
    public var projectName: String?
    public var guaranteeID: Int64?
    public var suggestionID: Int64?
    public var caseIDs: [Int64]
    public var due: LocalDate?
    /// Days from the as-of date to the due date; negative when overdue.
    public var daysLeft: Int?
    /// What was found, in Chinese and in English.
    public var detail: String
    public var detailEn: String
    /// The due date depends on a year with no published holiday schedule.
    public var provisional: Bool
    /// The joint work's records an alert is about (nil for the monitor's and the cases' alerts).
    public var referralID: Int64? = nil
    public var taskID: Int64? = nil
    public var unitID: Int64? = nil
    public var unitName: String? = nil

    enum CodingKeys: String, CodingKey {
        case code, severity, due, detail, provisional, detailEn = "detail_en", referralID = "referral_id",
             taskID = "task_id", unitID = "unit_id", unitName = "unit_name"
        case regionCode = "region_code", projectID = "project_id", projectName = "project_name"
        case guaranteeID = "guarantee_id", suggestionID = "suggestion_id", caseIDs = "case_ids", daysLeft = "days_left"
    }
}

extension Alert {
    /// A project's alert from what is kept of its finding (a MonitorFinding of kind alert), on `asOf`.
    public static func kept(_ code: AlertCode, regionCode: String?, projectID: Int64, projectName: String,
                            guaranteeID: Int64?, due: LocalDate?, provisional: Bool, detail: String, detailEn: String,
                            asOf: LocalDate) -> Alert {
        Alert(code: code, severity: code.severity, regionCode: regionCode, projectID: projectID,
              projectName: projectName, guaranteeID: guaranteeID, suggestionID: nil, caseIDs: [], due: due,
              daysLeft: due.map { asOf.days(until: $0) }, detail: detail, detailEn: detailEn, provisional: provisional)
    }
}

/// Everything the monitor looks at, read in one go.
public struct MonitorSnapshot: Sendable {
    public var projects: [Project]
    public var guarantees: [Guarantee]
    public var events: [Int64: [GuaranteeEvent]]
    /// How many wage cases are open (not closed), by project id.
    public var openCaseCounts: [Int64: Int]
    /// Which they are, when the snapshot was read to list every alert with its cases; empty when it was read for
    /// a summary (a digest names the cases of the few alerts it shows afterwards).
    public var openCases: [Int64: [Int64]]
    /// When the latest open case of a project was opened; read for the projects whose deposit was drawn (a case
    /// opened after the last draw has not been met from it) and may be missing for the others.
    public var latestOpened: [Int64: LocalDate] = [:]
    public var suggestions: [Suggestion]
    public var rules: [GuaranteeRule]

    /// A snapshot naming every open case.
    public init(projects: [Project], guarantees: [Guarantee], events: [Int64: [GuaranteeEvent]],
                openCases: [Int64: [Int64]], suggestions: [Suggestion], rules: [GuaranteeRule]) {
        self.init(projects: projects, guarantees: guarantees, events: events,
                  openCaseCounts: openCases.mapValues(\.count), suggestions: suggestions, rules: rules)
        self.openCases = openCases
    }

    /// A snapshot counting open cases only.
    public init(projects: [Project], guarantees: [Guarantee], events: [Int64: [GuaranteeEvent]],
                openCaseCounts: [Int64: Int], suggestions: [Suggestion], rules: [GuaranteeRule]) {
        (self.projects, self.guarantees, self.events) = (projects, guarantees, events)
        (self.openCaseCounts, self.openCases, self.suggestions, self.rules) = (openCaseCounts, [:], suggestions, rules)
    }

    /// The rule deciding a project's deposit: the one in force on the day its duty arose (Art. 8; the as-of date
    /// when none is recorded).
    public func rule(for project: Project, asOf: LocalDate) -> GuaranteeRule {
        GuaranteeRule.inForce(rules, regionCode: project.regionCode, on: project.depositCountsFrom?.date ?? asOf)
            ?? .nationalDefault
    }
}

public enum GuaranteeMonitor {
    /// When a draw must be topped up (Art. 20): the rule's working days after its payment notice.
    static func replenishDue(_ draw: OpenDraw, rule: GuaranteeRule,
                             calendar: WorkingDayCalendar) -> (date: LocalDate, provisional: Bool) {
        calendar.adding(workingDays: rule.replenishWorkingDays, to: draw.date)
    }

    /// When the bank must have paid a draw's notice (Art. 19).
    static func bankPaymentDue(_ draw: OpenDraw, rule: GuaranteeRule,
                               calendar: WorkingDayCalendar) -> (date: LocalDate, provisional: Bool) {
        calendar.adding(workingDays: rule.bankPaymentWorkingDays, to: draw.date)
    }

    /// When the bureau must have answered a written application for return (Art. 22): the review within its
    /// working days of the application, the confirmation within its working days after that.
    static func returnDue(_ state: GuaranteeState, rule: GuaranteeRule,
                          calendar: WorkingDayCalendar) -> (applied: LocalDate, due: (date: LocalDate, provisional: Bool))? {
        guard state.status == .returnRequested, let applied = state.returnRequested else { return nil }
        return (applied, calendar.adding(workingDays: rule.returnReviewWorkingDays + rule.bankReturnWorkingDays, to: applied))
    }

    /// When a project's deposit is due (Art. 8): the working days after the permit or contract.
    public static func depositDue(_ project: Project,
                                  calendar: WorkingDayCalendar) -> (date: LocalDate, provisional: Bool, basis: DepositBasis)? {
        guard let from = project.depositCountsFrom else { return nil }
        let due = calendar.adding(workingDays: GuaranteeRegulation.depositWorkingDays, to: from.date)
        return (due.date, due.provisional, from.basis)
    }

    /// All alerts on `asOf`, most urgent first: by severity, then most overdue, then record ids.
    public static func alerts(_ snapshot: MonitorSnapshot, calendar: WorkingDayCalendar, asOf: LocalDate) -> [Alert] {
        alerts(findings(snapshot, calendar: calendar, asOf: asOf), openCaseCounts: snapshot.openCaseCounts,
               openCases: snapshot.openCases, latestOpened: snapshot.latestOpened)
    }

    /// The findings with the arrears alerts of their projects, most urgent first (the order `alerts` gives: an
    /// arrears alert after a project's other alerts of the same urgency).
    public static func alerts(_ findings: GuaranteeFindings, openCaseCounts: [Int64: Int],
                              openCases: [Int64: [Int64]], latestOpened: [Int64: LocalDate]) -> [Alert] {
        merged(findings.alerts, arrearsAlerts(findings, openCaseCounts: openCaseCounts, openCases: openCases,
                                              latestOpened: latestOpened))
    }

    /// An arrears alert for each project with open cases that its deposit has not met: never drawn, drawn only
    /// before the latest of them was opened, or no deposit at all to draw on. Most urgent first.
    public static func arrearsAlerts(_ findings: GuaranteeFindings, openCaseCounts: [Int64: Int],
                                     openCases: [Int64: [Int64]], latestOpened: [Int64: LocalDate]) -> [Alert] {
        sortedByUrgency(findings.owing.compactMap { project in
            openCaseCounts[project.id].flatMap { open in
                arrearsAlert(project, open: open, cases: openCases[project.id] ?? [],
                             latestOpened: latestOpened[project.id])
            }
        })
    }

    /// The arrears alert of one project owing a deposit with `open` cases open (`cases` named, when listed), if
    /// its deposit has not met them.
    public static func arrearsAlert(_ project: GuaranteeFindings.OwingProject, open: Int, cases: [Int64],
                                    latestOpened: LocalDate?) -> Alert? {
        guard raisesArrears(lastDrawn: project.lastDrawn, open: open, latestOpened: latestOpened) else { return nil }
        let detail: (zh: String, en: String)
        if let lastDrawn = project.lastDrawn, let latest = latestOpened {
            detail = ("\(open)件欠薪案件未结，最近一件于\(latest)受理，项目保证金自\(lastDrawn)以来未再动用",
                      "\(open) open wage case(s), the latest opened on \(latest); the project's guarantee was last drawn on \(lastDrawn)")
        } else if project.hasGuarantee {
            detail = ("\(open)件欠薪案件未结，项目保证金从未动用",
                      "\(open) open wage case(s) while the project's guarantee was never drawn")
        } else {
            detail = ("\(open)件欠薪案件未结，项目未存储保证金或提交保函，无可动用的保证金",
                      "\(open) open wage case(s) and the project has no deposit or letter to draw on")
        }
        return Alert(code: .arrearsDepositUnused, severity: AlertCode.arrearsDepositUnused.severity,
                     regionCode: project.regionCode, projectID: project.id, projectName: project.name,
                     guaranteeID: nil, suggestionID: nil, caseIDs: cases, due: nil,
                     daysLeft: nil, detail: detail.zh, detailEn: detail.en, provisional: false)
    }

    /// Whether a project owing a deposit raises an arrears alert: it has open cases, and its deposit was never
    /// drawn or only before the latest of them was opened (a draw years ago does not answer arrears since).
    public static func raisesArrears(lastDrawn: LocalDate?, open: Int, latestOpened: LocalDate?) -> Bool {
        guard open > 0 else { return false }
        guard let lastDrawn else { return true }
        return latestOpened.map { $0 > lastDrawn } ?? false
    }

    /// Two lists each most urgent first, as one; on a tie the first list's alert comes first.
    public static func merged(_ first: some Collection<Alert>, _ second: some Collection<Alert>) -> [Alert] {
        mergedInOrder(first, second, by: isMoreUrgent)
    }

    /// Lists each most urgent first, as one, keeping the alerts `keep` accepts: what merging them pairwise from
    /// the left gives, built once.
    public static func merged(_ lists: [[Alert]], keeping keep: ((Alert) -> Bool)? = nil) -> [Alert] {
        mergedInOrder(lists, keeping: keep, by: isMoreUrgent)
    }

    static func urgency(_ alert: Alert) -> (AlertSeverity, Int, Int64, Int64, Int64, Int64) {
        // A case's time limit names its case; the arrears alert's cases are listed only when shown, so not here.
        (alert.severity, alert.daysLeft ?? 0, alert.projectID ?? 0, alert.guaranteeID ?? 0,
         alert.suggestionID ?? alert.referralID ?? alert.taskID ?? alert.unitID ?? 0,
         alert.code.isCaseTimeLimit ? alert.caseIDs.first ?? 0 : 0)
    }

    /// Whether `first` is listed before `second`: more severe, then sooner due (most overdue first; none due counts
    /// as due that day), then by the records' ids, then by the code's place among the codes — a total order of
    /// one day's alerts (a record has at most one alert of each code a day), so a list read in this order from
    /// what is kept is the same list as one found afresh.
    public static func isMoreUrgent(_ first: Alert, than second: Alert) -> Bool {
        precedes((urgency(first), first.code.place), (urgency(second), second.code.place))
    }

    /// The order of `isMoreUrgent` on an alert's urgency and its code's place.
    private static func precedes(_ first: (urgency: (AlertSeverity, Int, Int64, Int64, Int64, Int64), place: Int),
                                 _ second: (urgency: (AlertSeverity, Int, Int64, Int64, Int64, Int64), place: Int)) -> Bool {
        first.urgency < second.urgency || (first.urgency == second.urgency && first.place < second.place)
    }

    static func sortedByUrgency(_ alerts: [Alert]) -> [Alert] {
        urgencyOrder(alerts).map { alerts[$0] }
    }

    /// The alerts' indices, most urgent first. Sorts small keys, not the alerts: an alert carries its case ids,
    /// and moving it costs retains.
    static func urgencyOrder(_ alerts: [Alert]) -> [Int] {
        let keys = alerts.map { (urgency: urgency($0), place: $0.code.place) }
        return keys.indices.sorted { precedes(keys[$0], keys[$1]) }
    }

    /// Everything the monitor finds on `asOf` that does not depend on open cases, most urgent first, and the
    /// projects whose arrears the deposit may not have met (an arrears alert each, once their open cases are known).
    public static func findings(_ snapshot: MonitorSnapshot, calendar: WorkingDayCalendar,
                                asOf: LocalDate) -> GuaranteeFindings {
        var alerts: [Alert] = []
        var owing: [GuaranteeFindings.OwingProject] = []
        let guaranteesByProject = Dictionary(grouping: snapshot.guarantees, by: \.projectID)
        for project in snapshot.projects {
            let rule = snapshot.rule(for: project, asOf: asOf)
            let unfinished = project.isUnfinished(asOf: asOf)
            func alert(_ code: AlertCode, guarantee: Int64? = nil, due: LocalDate? = nil,
                       provisional: Bool = false, _ zh: String, _ en: String) -> Alert {
                Alert(code: code, severity: code.severity, regionCode: project.regionCode, projectID: project.id,
                      projectName: project.name, guaranteeID: guarantee, suggestionID: nil, caseIDs: [], due: due,
                      daysLeft: due.map { asOf.days(until: $0) }, detail: zh, detailEn: en, provisional: provisional)
            }
            let guarantees = guaranteesByProject[project.id] ?? []
            var validBalance = Fen.zero
            // What a letter that ended, or a draw not yet topped up, took from the valid balance: that shortfall is
            // the one problem its own alert (or the running replenish period) already speaks of.
            var accountedFor = Fen.zero
            var lastDrawn: LocalDate?
            var held = false
            for guarantee in guarantees where guarantee.effective <= asOf {
                held = true
                let state = GuaranteeState.derive(guarantee, events: snapshot.events[guarantee.id] ?? [], asOf: asOf)
                if let drawn = state.lastDrawn { lastDrawn = max(lastDrawn ?? drawn, drawn) }
                if state.isValid {
                    validBalance = validBalance + state.balance
                    accountedFor = accountedFor + state.unreplenished
                }
                let document = state.documentNumber.map { " \($0)" } ?? ""
                let kind = (zh: guarantee.kind.zh + document, en: guarantee.kind.en + document)
                if guarantee.kind.hasEndDate, unfinished, let ends = state.ends,
                   state.status == .active || state.status == .expired {
                    if ends < asOf {
                        accountedFor = accountedFor + state.balance
                        alerts.append(alert(.guaranteeExpired, guarantee: guarantee.id, due: ends,
                                            "\(kind.zh)已于\(ends)到期，项目未完工且未续期",
                                            "\(kind.en) ended on \(ends); the project is unfinished and it was not renewed"))
                    } else if asOf >= ends.adding(months: -rule.reminderMonths) {
                        alerts.append(alert(.guaranteeExpiring, guarantee: guarantee.id, due: ends,
                                            "\(kind.zh)将于\(ends)到期，项目未完工，应提醒续期或改为存储现金保证金",
                                            "\(kind.en) ends on \(ends) on an unfinished project: remind the holder to renew or pay cash"))
                    }
                }
                if state.status != .returned {
                    // Each draw its own clock (Art. 20): the oldest overdue one dates the alert.
                    let overdue = state.drawsToReplenish.filter { replenishDue($0, rule: rule, calendar: calendar).date < asOf }
                    if let first = overdue.first {
                        let due = replenishDue(first, rule: rule, calendar: calendar)
                        let amount = overdue.reduce(Fen.zero) { $0 + $1.unreplenished }
                        let notice = first.noticeNumber.map { "（支付通知书\($0)）" } ?? ""
                        let noticeEn = first.noticeNumber.map { " (payment notice \($0))" } ?? ""
                        let more = overdue.count > 1 ? ("等\(overdue.count)次动用", " and \(overdue.count - 1) later draw(s)") : ("", "")
                        alerts.append(alert(.replenishOverdue, guarantee: guarantee.id, due: due.date,
                                            provisional: due.provisional,
                                            "\(first.date)\(notice)\(more.0)动用后尚有\(amount.yuan)元未在\(rule.replenishWorkingDays)个工作日内补足",
                                            "¥\(amount.yuan) drawn on \(first.date)\(noticeEn)\(more.1) not replenished within \(rule.replenishWorkingDays) working days"))
                    }
                    if let late = state.unpaidDraws.first(where: { bankPaymentDue($0, rule: rule, calendar: calendar).date < asOf }) {
                        let due = bankPaymentDue(late, rule: rule, calendar: calendar)
                        let notice = late.noticeNumber ?? ""
                        alerts.append(alert(.bankPaymentLate, guarantee: guarantee.id, due: due.date,
                                            provisional: due.provisional,
                                            "支付通知书\(notice)于\(late.date)送达，经办银行应在\(rule.bankPaymentWorkingDays)个工作日内（\(due.date)前）支付，尚未支付",
                                            "payment notice \(notice) of \(late.date): the bank was to pay within \(rule.bankPaymentWorkingDays) working days (by \(due.date)) and has not"))
                    }
                }
                if let (applied, due) = GuaranteeMonitor.returnDue(state, rule: rule, calendar: calendar), due.date < asOf {
                    alerts.append(alert(.returnOverdue, guarantee: guarantee.id, due: due.date,
                                        provisional: due.provisional,
                                        "\(applied)书面申请返还，应在\(rule.returnReviewWorkingDays)个工作日内审核、其后\(rule.bankReturnWorkingDays)个工作日内出具返还确认书，即\(due.date)前",
                                        "return applied for on \(applied): review within \(rule.returnReviewWorkingDays) and confirmation within \(rule.bankReturnWorkingDays) more working days were due by \(due.date)"))
                }
            }
            let requirement = DepositRequirement.of(project, rule: rule)
            let exempt = if case .exempt = requirement { true } else { false }
            if unfinished && project.status != .suspended && !exempt {
                // One problem, one alert: without the facts the deposit due cannot be told, so the project is asked
                // to be completed rather than called empty or short.
                var missing: [(String, String)] = []
                if project.contractPrice == nil { missing.append(("合同价款", "contract price")) }
                if project.depositCountsFrom == nil {
                    missing.append(("施工许可证日期（或合同签订日期、开工日期）", "permit date (or contract signing or start date)"))
                }
                if requirement == .undetermined {
                    missing.append(("承包单位签订合同前一年有无拖欠（合同价款低于免缴标准）",
                                    "whether the contractor had arrears in the year before the contract (the contract is below the exemption line)"))
                }
                if !missing.isEmpty {
                    alerts.append(alert(.projectFactsMissing,
                                        "在建项目缺少\(missing.map(\.0).joined(separator: "、"))，无法核定应存储的保证金，请补全",
                                        "project in progress without its \(missing.map(\.1).joined(separator: " and ")): the deposit due cannot be told; complete the project"))
                } else if let required = requirement?.amount, required > .zero,
                          let due = depositDue(project, calendar: calendar), due.date < asOf {
                    // Art. 8: nothing is owed before the 20th working day after the permit (or contract) has passed.
                    let covered = validBalance + accountedFor
                    let since = "应于\(due.date)前（\(due.basis.label(.zh))后\(GuaranteeRegulation.depositWorkingDays)个工作日）存储或提交"
                    let sinceEn = "due by \(due.date), \(GuaranteeRegulation.depositWorkingDays) working days after \(due.basis.label(.en))"
                    if validBalance == .zero && accountedFor == .zero {
                        alerts.append(alert(.noGuarantee, due: due.date, provisional: due.provisional,
                                            "在建项目无有效保证金、保函或保证保险，且无豁免；\(since)\(required.yuan)元",
                                            "project in progress with no valid deposit, letter or insurance and no exemption; ¥\(required.yuan) \(sinceEn)"))
                    } else if covered < required {
                        let region = rule.region.isEmpty ? "全国" : rule.region
                        let regionEn = rule.region.isEmpty ? "national" : rule.region
                        let besides = accountedFor == .zero ? ("", "")
                            : ("（另有\(accountedFor.yuan)元因保函到期或动用未补足已另行预警）",
                               " (besides ¥\(accountedFor.yuan) in an ended letter or an open draw, alerted separately)")
                        alerts.append(alert(.belowRequired, due: due.date, provisional: due.provisional,
                                            "有效保证金\(validBalance.yuan)元\(besides.0)，低于应存储或提交的\(required.yuan)元（依据\(region)\(rule.effectiveFrom)起施行的规则）",
                                            "valid guarantees ¥\(validBalance.yuan)\(besides.1) below the required ¥\(required.yuan) (rule \(regionEn) \(rule.effectiveFrom))"))
                    }
                }
            }
            if !exempt {
                owing.append(.init(id: project.id, name: project.name, regionCode: project.regionCode,
                                     lastDrawn: lastDrawn, hasGuarantee: held))
            }
        }
        for suggestion in snapshot.suggestions where suggestion.isAwaitingReply(asOf: asOf) && suggestion.replyDue < asOf {
            alerts.append(Alert(code: .suggestionReplyOverdue, severity: .high, regionCode: nil, projectID: nil,
                                projectName: nil, guaranteeID: nil, suggestionID: suggestion.id, caseIDs: [],
                                due: suggestion.replyDue, daysLeft: asOf.days(until: suggestion.replyDue),
                                detail: "检察建议\(suggestion.number)（\(suggestion.agency)）应于\(suggestion.replyDue)前书面回复",
                                detailEn: "suggestion \(suggestion.number) to \(suggestion.agency): written reply was due by \(suggestion.replyDue)",
                                provisional: false))
        }
        return GuaranteeFindings(alerts: sortedByUrgency(alerts), owing: owing)
    }
}

/// What the monitor finds from guarantees, projects, suggestions, rules and the calendar alone (see
/// `GuaranteeMonitor.findings`): a summary keeps these while none of them changes, and adds the arrears alerts
/// from the open cases of the day.
public struct GuaranteeFindings: Sendable, Equatable {
    /// A project whose deposit is owed (not exempt), with when it was last drawn.
    public struct OwingProject: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var regionCode: String?
        public var lastDrawn: LocalDate?
        public var hasGuarantee: Bool

        public init(id: Int64, name: String, regionCode: String?, lastDrawn: LocalDate?, hasGuarantee: Bool) {
            (self.id, self.name, self.regionCode) = (id, name, regionCode)
            (self.lastDrawn, self.hasGuarantee) = (lastDrawn, hasGuarantee)
        }
    }

    /// Most urgent first; no arrears alert.
    public var alerts: [Alert]
    /// Projects owing a deposit, whether drawn or not, in project order: open cases opened since the last draw
    /// (or with none) raise an arrears alert.
    public var owing: [OwingProject]

    public init(alerts: [Alert], owing: [OwingProject]) { (self.alerts, self.owing) = (alerts, owing) }
}
