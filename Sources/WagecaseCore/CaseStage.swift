/// Stages of a support-for-litigation case (支持起诉), domain.md §3.
public enum CaseStage: String, Vocabulary {
    case accepted
    case investigating
    case supportDecided = "support-decided"
    case declined
    case letterIssued = "letter-issued"
    case arbitrationFiled = "arbitration-filed"
    case award
    case paymentOrder = "payment-order"
    case courtFiled = "court-filed"
    case judgment
    case mediated
    case claimDismissed = "claim-dismissed"
    case suitDismissed = "suit-dismissed"
    case appealed
    case settled
    case withdrawn
    case supportWithdrawn = "support-withdrawn"
    case enforcement
    case enforcementEnded = "enforcement-ended"
    case enforcementResumed = "enforcement-resumed"
    case closed

    public var zh: String {
        switch self {
        case .accepted: "受理"
        case .investigating: "审查"
        case .supportDecided: "决定支持起诉"
        case .declined: "不支持起诉"
        case .letterIssued: "制发支持起诉书"
        case .arbitrationFiled: "劳动仲裁立案"
        case .award: "仲裁裁决（调解）"
        case .paymentOrder: "申请支付令"
        case .courtFiled: "法院立案"
        case .judgment: "判决"
        case .mediated: "法院调解"
        case .claimDismissed: "驳回诉讼请求"
        case .suitDismissed: "驳回起诉"
        case .appealed: "上诉（二审）"
        case .settled: "检察和解"
        case .withdrawn: "撤诉"
        case .supportWithdrawn: "撤回支持起诉"
        case .enforcement: "执行"
        case .enforcementEnded: "终结本次执行"
        case .enforcementResumed: "恢复执行"
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
        case .arbitrationFiled: "labor arbitration filed"
        case .award: "arbitration award (or mediation)"
        case .paymentOrder: "payment order applied for"
        case .courtFiled: "court filed"
        case .judgment: "judgment"
        case .mediated: "court mediation"
        case .claimDismissed: "claim dismissed"
        case .suitDismissed: "suit dismissed"
        case .appealed: "appealed (second instance)"
        case .settled: "procuratorial settlement"
        case .withdrawn: "withdrawn"
        case .supportWithdrawn: "support withdrawn"
        case .enforcement: "enforcement"
        case .enforcementEnded: "enforcement ended without full payment"
        case .enforcementResumed: "enforcement resumed"
        case .closed: "closed"
        }
    }

    // Built once: parsing runs per imported cell.
    public static let aliases: [String: CaseStage] =
        ["mediation": .mediated, "court-mediation": .mediated, "settlement": .settled, "support": .supportDecided,
         "letter": .letterIssued, "filed": .courtFiled, "withdrawal": .withdrawn, "decline": .declined,
         "arbitration": .arbitrationFiled, "appeal": .appealed, "payment-order-applied": .paymentOrder,
         "terminated-enforcement": .enforcementEnded, "resumed": .enforcementResumed]
}

/// The stage machine as data: for each stage, the stages a case may move to next.
public enum CaseStageMachine {
    /// Stages at which a procuratorial settlement (检察和解) is still possible: any stage before an outcome.
    public static let settlementAllowedFrom: Set<CaseStage> = [
        .accepted, .investigating, .supportDecided, .letterIssued, .arbitrationFiled, .paymentOrder, .courtFiled,
        .appealed,
    ]

    /// Outcomes of a case: once reached, a settlement is no longer possible.
    public static let outcomes: Set<CaseStage> = [
        .judgment, .mediated, .settled, .withdrawn, .declined, .award, .claimDismissed, .suitDismissed, .supportWithdrawn,
    ]

    /// The path a case follows; settlement is added from every stage in `settlementAllowedFrom`. Support is for a
    /// suit (the support letter to the court), for labor arbitration (which a labor-relation claim goes through
    /// first) or for a payment order; a loss may be appealed; enforcement may end without full payment and resume.
    private static let path: [CaseStage: [CaseStage]] = [
        .accepted: [.investigating],
        .investigating: [.supportDecided, .declined],
        .supportDecided: [.letterIssued, .arbitrationFiled, .paymentOrder],
        .letterIssued: [.courtFiled, .arbitrationFiled, .supportWithdrawn],
        // An award is enforced, or a party unwilling to accept it sues.
        .arbitrationFiled: [.award, .withdrawn, .supportWithdrawn],
        .award: [.enforcement, .courtFiled, .closed],
        // A payment order the employer does not object to is enforced; an objection ends it and the claim is sued.
        .paymentOrder: [.enforcement, .courtFiled, .supportWithdrawn, .closed],
        .courtFiled: [.judgment, .mediated, .withdrawn, .claimDismissed, .suitDismissed, .supportWithdrawn],
        .judgment: [.enforcement, .appealed, .closed],
        .mediated: [.enforcement, .closed],
        .claimDismissed: [.appealed, .closed],
        // A suit dismissed on procedure may be filed again once what was missing is mended.
        .suitDismissed: [.appealed, .courtFiled, .closed],
        .appealed: [.judgment, .mediated, .claimDismissed, .suitDismissed, .withdrawn],
        // A settlement agreement the employer then breaks goes to enforcement after judicial confirmation.
        .settled: [.enforcement, .closed],
        .withdrawn: [.closed],
        .supportWithdrawn: [.closed],
        .declined: [.closed],
        .enforcement: [.enforcementEnded, .closed],
        .enforcementEnded: [.enforcementResumed, .closed],
        .enforcementResumed: [.enforcementEnded, .closed],
        .closed: [],
    ]

    /// Deciding support needs the worker's written application or consent on record (申请支持起诉).
    public static let needsApplication: Set<CaseStage> = [.supportDecided]

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
    public static func checkMove(_ wageCase: WageCase, to stage: CaseStage, on date: LocalDate, today: LocalDate,
                                 applicationOn: LocalDate? = nil) throws(WagecaseError) {
        _ = try transition(caseLabel: wageCase.label, from: wageCase.stage, to: stage)
        if needsApplication.contains(stage) {
            guard let applied = applicationOn else {
                throw .invalidState(entity: "case", key: wageCase.label,
                                    state: "has no written application or consent from the worker on record",
                                    action: "decide to support it",
                                    allowed: "the worker's application (申请支持起诉) or written consent recorded first")
            }
            if applied > date {
                throw .dateOutOfOrder(field: "on", value: date,
                                      reason: "is before the worker's application or consent (\(applied))")
            }
        }
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

extension CaseStageMachine {
    /// The machine as a Mermaid flowchart (README's picture): every stage with its label in `language`, every
    /// allowed move an arrow, settlement's many entries drawn as dotted arrows. Made from the data above, so the
    /// picture cannot drift from the rules.
    public static func mermaid(_ language: Language) -> String {
        func node(_ stage: CaseStage) -> String { stage.rawValue.replacingAll("-", with: "_") }
        var lines = ["flowchart TD"]
        for stage in CaseStage.allCases {
            lines.append("    \(node(stage))[\"\(stage.label(language))\"]")
        }
        for stage in CaseStage.allCases {
            for next in allowedNext(from: stage) {
                let arrow = next == .settled ? "-.->" : "-->"
                lines.append("    \(node(stage)) \(arrow) \(node(next))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CaseStage {
    /// Stages after which nothing more is pursued through the case: closed, declined (不支持起诉) or withdrawn. Every
    /// count of open cases — the monitor's, the digest's, the case list's — means the others.
    public static let finished: [CaseStage] = [.closed, .declined, .withdrawn]

    public var isOpen: Bool { !Self.finished.contains(self) }
}
