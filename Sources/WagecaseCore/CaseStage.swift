/// Stages of a support-for-litigation case (支持起诉), domain.md §3.
public enum CaseStage: String, Vocabulary {
    case accepted
    case investigating
    case supportDecided = "support-decided"
    case declined
    case letterIssued = "letter-issued"
    case courtFiled = "court-filed"
    case judgment
    case mediated
    case settled
    case withdrawn
    case enforcement
    case closed

    public var zh: String {
        switch self {
        case .accepted: "受理"
        case .investigating: "审查"
        case .supportDecided: "决定支持起诉"
        case .declined: "不支持起诉"
        case .letterIssued: "制发支持起诉书"
        case .courtFiled: "法院立案"
        case .judgment: "判决"
        case .mediated: "法院调解"
        case .settled: "检察和解"
        case .withdrawn: "撤诉"
        case .enforcement: "执行"
        case .closed: "结案"
        }
    }

    public var en: String {
        switch self {
        case .accepted: "accepted"
        case .investigating: "investigating"
        case .supportDecided: "support decided"
        case .declined: "declined"
        case .letterIssued: "letter issued"
        case .courtFiled: "court filed"
        case .judgment: "judgment"
        case .mediated: "court mediation"
        case .settled: "procuratorial settlement"
        case .withdrawn: "withdrawn"
        case .enforcement: "enforcement"
        case .closed: "closed"
        }
    }

    // Built once: parsing runs per imported cell.
    public static let aliases: [String: CaseStage] =
        ["mediation": .mediated, "court-mediation": .mediated, "settlement": .settled, "support": .supportDecided,
         "letter": .letterIssued, "filed": .courtFiled, "withdrawal": .withdrawn, "decline": .declined]
}

/// The stage machine as data: for each stage, the stages a case may move to next.
public enum CaseStageMachine {
    /// Stages at which a procuratorial settlement (检察和解) is still possible: any stage before an outcome.
    public static let settlementAllowedFrom: Set<CaseStage> = [
        .accepted, .investigating, .supportDecided, .letterIssued, .courtFiled,
    ]

    /// Outcomes of a case: once reached, a settlement is no longer possible.
    public static let outcomes: Set<CaseStage> = [.judgment, .mediated, .settled, .withdrawn, .declined]

    /// The path a case follows; settlement is added from every stage in `settlementAllowedFrom`.
    private static let path: [CaseStage: [CaseStage]] = [
        .accepted: [.investigating],
        .investigating: [.supportDecided, .declined],
        .supportDecided: [.letterIssued],
        .letterIssued: [.courtFiled],
        .courtFiled: [.judgment, .mediated, .withdrawn],
        .judgment: [.enforcement, .closed],
        .mediated: [.enforcement, .closed],
        // A settlement agreement the employer then breaks goes to enforcement after judicial confirmation.
        .settled: [.enforcement, .closed],
        .withdrawn: [.closed],
        .declined: [.closed],
        .enforcement: [.closed],
        .closed: [],
    ]

    /// Stages reachable in one step from `stage`, in the order they are usually taken.
    public static func allowedNext(from stage: CaseStage) -> [CaseStage] {
        var next = path[stage] ?? []
        if settlementAllowedFrom.contains(stage) { next.append(.settled) }
        return next
    }

    /// The one transition function: returns the new stage or throws an error naming the case, where it is,
    /// and where it may go.
    public static func transition(caseLabel: String, from current: CaseStage,
                                  to requested: CaseStage) throws(WagecaseError) -> CaseStage {
        let allowed = allowedNext(from: current)
        guard allowed.contains(requested) else {
            throw .illegalTransition(caseLabel: caseLabel, current: current, requested: requested, allowed: allowed)
        }
        return requested
    }

    /// A case's move to `stage` on `date`: the machine must allow it, and the date may be neither in the future
    /// nor before the case's last event.
    public static func checkMove(_ wageCase: WageCase, to stage: CaseStage, on date: LocalDate, today: LocalDate)
        throws(WagecaseError) {
        _ = try transition(caseLabel: wageCase.label, from: wageCase.stage, to: stage)
        if date > today {
            throw .dateOutOfOrder(field: "on", value: date, reason: "is in the future (today is \(today))")
        }
        if date < wageCase.stageDate {
            throw .dateOutOfOrder(
                field: "on", value: date,
                reason: "is before case \(wageCase.label)'s last event (\(wageCase.stage) on \(wageCase.stageDate))")
        }
    }
}
