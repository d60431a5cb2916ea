import WagecaseCore

/// The joint-work sections (府检联动) every digest format shows, in one language: the period's referrals, each
/// unit's tasks, and in the monthly summary who reported and what. None when no member unit is recorded.
struct JointSection {
    var title: String
    var lines: [String]
    var total: Int
}

extension DigestWords {
    func jointSections(_ digest: Digest) -> [JointSection] {
        let joint = digest.jointWork
        guard !joint.isEmpty || digest.current.referrals.total > 0 else { return [] }
        var sections: [JointSection] = []
        let noun = digest.period.noun(language)
        sections.append(JointSection(
            title: zh ? "移送事项（\(noun)接收\(joint.referrals.total)件）" : "Referrals received (\(joint.referrals.total))",
            lines: [digest.current.referrals.headline(language)].filter { !$0.isEmpty }
                + joint.referrals.items.map(referral),
            total: joint.referrals.total + (digest.current.referrals.total > 0 ? 1 : 0)))
        sections.append(JointSection(
            title: zh ? "任务清单（按责任单位）" : "Task list by responsible unit",
            lines: joint.tasks.map(unitTasks), total: joint.tasks.count))
        if let month = joint.reportMonth {
            sections.append(JointSection(
                title: zh ? "\(month.chinese)各单位工作进展报送（\(joint.reports.count)个单位）"
                    : "Progress reports for \(month.iso) (\(joint.reports.count) units)",
                lines: joint.reports.map(report), total: joint.reports.count))
        }
        return sections
    }

    func referral(_ line: Digest.JointWork.ReferralLine) -> String {
        zh ? "\(line.received.iso) \(line.record)，\(line.direction.zh)，答复期限\(line.replyDue.iso)，\(line.state.zh)"
            : "\(line.received.iso) \(line.recordEn), \(line.direction.en), reply due \(line.replyDue.iso), \(line.state.en)"
    }

    func unitTasks(_ line: Digest.JointWork.UnitTasks) -> String {
        zh ? "\(line.unit)：推进中\(line.open)项，逾期\(line.overdue)项，本期办结\(line.closedInPeriod)项"
            : "\(line.unit): \(line.open) open, \(line.overdue) overdue, \(line.closedInPeriod) closed in the period"
    }

    func report(_ line: Digest.JointWork.UnitReport) -> String {
        let when = line.submitted.map { zh ? "（\($0.iso)报送）" : " (\($0.iso))" } ?? (zh ? "（应于\(line.due.iso)前报送）" : " (due \(line.due.iso))")
        let head = (zh ? "\(line.unit)：" : "\(line.unit): ") + line.standing.label(language) + when
        guard let text = line.text else { return head }
        return head + (zh ? "——" : " — ") + text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
