/// A dated duty still pending on the as-of date: a letter's end on an unfinished project, a draw to replenish,
/// a return to complete, a suggestion to answer. Past its date it is overdue (and the monitor also alerts on it).
public struct Deadline: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case lodgeDeposit = "lodge-deposit"
        case letterEnds = "letter-ends"
        case bankPayment = "bank-payment"
        case replenish
        case returnGuarantee = "return"
        case suggestionReply = "suggestion-reply"
        case arbitrationLimitation = "arbitration-limitation"
        case litigationLimitation = "litigation-limitation"
        case officeDecision = "office-decision"
        case officeCourtFiling = "office-court-filing"
        case referralReply = "referral-reply"
        case task
        case monthlyReport = "monthly-report"

        public func label(_ language: Language) -> String {
            switch (self, language) {
            case (.lodgeDeposit, .zh): "存储保证金"
            case (.bankPayment, .zh): "银行支付动用款"
            case (.lodgeDeposit, .en): "lodge the deposit"
            case (.bankPayment, .en): "bank pays a draw"
            case (.letterEnds, .zh): "保函到期"
            case (.replenish, .zh): "动用后补足"
            case (.returnGuarantee, .zh): "保证金返还"
            case (.suggestionReply, .zh): "检察建议回复"
            case (.letterEnds, .en): "letter ends"
            case (.replenish, .en): "replenish after draw"
            case (.returnGuarantee, .en): "guarantee return"
            case (.suggestionReply, .en): "suggestion reply"
            case (.referralReply, .zh): "移送事项答复"
            case (.task, .zh): "任务清单事项"
            case (.monthlyReport, .zh): "月度进展报送"
            case (.referralReply, .en): "referral reply"
            case (.task, .en): "task on the joint list"
            case (.monthlyReport, .en): "monthly progress report"
            case (.arbitrationLimitation, _): CaseTimeLimit.Kind.arbitrationLimitation.label(language)
            case (.litigationLimitation, _): CaseTimeLimit.Kind.litigationLimitation.label(language)
            case (.officeDecision, _): CaseTimeLimit.Kind.officeDecision.label(language)
            case (.officeCourtFiling, _): CaseTimeLimit.Kind.officeCourtFiling.label(language)
            }
        }
    }

    public var kind: Kind
    public var due: LocalDate
    /// Days from the as-of date to `due`; negative when overdue.
    public var daysLeft: Int
    /// The date depends on a year with no published holiday schedule.
    public var provisional: Bool
    public var regionCode: String?
    public var projectID: Int64?
    public var projectName: String?
    public var guaranteeID: Int64?
    public var suggestionID: Int64?
    /// The record in words: "保函 BH-2024-017（某项目）".
    public var record: String
    public var recordEn: String
    /// The case a time limit belongs to.
    public var caseID: Int64? = nil
    /// The joint work's records (府检联动) a duty belongs to.
    public var referralID: Int64? = nil
    public var taskID: Int64? = nil
    public var unitID: Int64? = nil

    enum CodingKeys: String, CodingKey {
        case kind, due, provisional, record
        case daysLeft = "days_left", regionCode = "region_code", projectID = "project_id",
             projectName = "project_name", guaranteeID = "guarantee_id", suggestionID = "suggestion_id",
             recordEn = "record_en", caseID = "case_id", referralID = "referral_id", taskID = "task_id",
             unitID = "unit_id"
    }

    public var isOverdue: Bool { daysLeft < 0 }

    /// The guarantee monitor's duty, not a case's time limit or a joint-work item.
    public var isGuaranteeDuty: Bool { caseID == nil && referralID == nil && taskID == nil && unitID == nil }
}

extension GuaranteeMonitor {
    /// Every pending dated duty on `asOf`, soonest (most overdue) first. The overdue ones are the same findings as
    /// the monitor's GUARANTEE_EXPIRED, REPLENISH_OVERDUE, RETURN_OVERDUE and SUGGESTION_REPLY_OVERDUE alerts.
    public static func deadlines(_ snapshot: MonitorSnapshot, calendar: WorkingDayCalendar, asOf: LocalDate) -> [Deadline] {
        var deadlines: [Deadline] = []
        let projects = Dictionary(uniqueKeysWithValues: snapshot.projects.map { ($0.id, $0) })
        var held = Set<Int64>()
        for guarantee in snapshot.guarantees where guarantee.effective <= asOf {
            guard let project = projects[guarantee.projectID] else { continue }
            held.insert(project.id)
            let rule = snapshot.rule(for: project, asOf: asOf)
            let state = GuaranteeState.derive(guarantee, events: snapshot.events[guarantee.id] ?? [], asOf: asOf)
            let document = state.documentNumber.map { " \($0)" } ?? ""
            func add(_ kind: Deadline.Kind, _ due: LocalDate, provisional: Bool = false) {
                deadlines.append(Deadline(
                    kind: kind, due: due, daysLeft: asOf.days(until: due), provisional: provisional,
                    regionCode: project.regionCode, projectID: project.id, projectName: project.name,
                    guaranteeID: guarantee.id, suggestionID: nil,
                    record: "\(guarantee.kind.zh)\(document)（\(project.name)）",
                    recordEn: "\(guarantee.kind.en)\(document) (\(project.name))"))
            }
            if guarantee.kind.hasEndDate, project.isUnfinished(asOf: asOf), let ends = state.ends,
               state.status == .active || state.status == .expired {
                add(.letterEnds, ends)
            }
            if state.status != .returned {
                for draw in state.drawsToReplenish {
                    let due = replenishDue(draw, rule: rule, calendar: calendar)
                    add(.replenish, due.date, provisional: due.provisional)
                }
                for draw in state.unpaidDraws {
                    let due = bankPaymentDue(draw, rule: rule, calendar: calendar)
                    add(.bankPayment, due.date, provisional: due.provisional)
                }
            }
            if let (_, due) = returnDue(state, rule: rule, calendar: calendar) {
                add(.returnGuarantee, due.date, provisional: due.provisional)
            }
        }
        // A deposit still to be lodged, before its day (after it, NO_GUARANTEE says so).
        for project in snapshot.projects where !held.contains(project.id) && project.isUnfinished(asOf: asOf)
            && project.status != .suspended {
            guard let required = DepositRequirement.of(project, rule: snapshot.rule(for: project, asOf: asOf))?.amount,
                  required > .zero, let due = depositDue(project, calendar: calendar), due.date >= asOf else { continue }
            deadlines.append(Deadline(
                kind: .lodgeDeposit, due: due.date, daysLeft: asOf.days(until: due.date), provisional: due.provisional,
                regionCode: project.regionCode, projectID: project.id, projectName: project.name, guaranteeID: nil,
                suggestionID: nil, record: "\(project.name)（\(required.yuan)元）",
                recordEn: "\(project.name) (¥\(required.yuan))"))
        }
        for suggestion in snapshot.suggestions where suggestion.isAwaitingReply(asOf: asOf) {
            deadlines.append(Deadline(
                kind: .suggestionReply, due: suggestion.replyDue, daysLeft: asOf.days(until: suggestion.replyDue),
                provisional: false, regionCode: nil, projectID: nil, projectName: nil, guaranteeID: nil,
                suggestionID: suggestion.id, record: "检察建议\(suggestion.number)（\(suggestion.agency)）",
                recordEn: "suggestion \(suggestion.number) (\(suggestion.agency))"))
        }
        let keys = deadlines.map(Deadline.order)
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { deadlines[$0] }
    }
}

extension Deadline {
    /// Soonest first; on the same day by kind, then record (deposits to lodge, which name no guarantee, by
    /// project: the order they are found in, so lists of different projects merge as one pass would list them).
    static func order(_ deadline: Deadline) -> (Int, String, Int64, Int64, Int64, Int64) {
        (deadline.due.dayNumber, deadline.kind.rawValue, deadline.guaranteeID ?? 0, deadline.suggestionID ?? 0,
         deadline.caseID ?? deadline.referralID ?? deadline.taskID ?? deadline.unitID ?? 0, deadline.projectID ?? 0)
    }

    /// Whether `first` comes before `second` in a list soonest first.
    public static func isInOrder(_ first: Deadline, _ second: Deadline) -> Bool { order(first) < order(second) }

    /// Two lists each soonest first, as one.
    public static func merged(_ first: [Deadline], _ second: [Deadline]) -> [Deadline] {
        // A list of a hundred thousand kept duties is shared, not copied, when there is nothing to add to it.
        if second.isEmpty { return first }
        if first.isEmpty { return second }
        return mergedInOrder(first, second) { order($0) < order($1) }
    }
}
