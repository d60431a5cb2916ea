/// What a user of the HTTP service may do. Separation of duties: prosecutors own clues and cases, labor-bureau
/// staff own projects and guarantees, administrators own users and configuration, viewers only read.
public enum Role: String, Vocabulary {
    case admin, prosecutor, labor, viewer

    public var zh: String {
        switch self {
        case .admin: "管理员"
        case .prosecutor: "检察官"
        case .labor: "人社局工作人员"
        case .viewer: "只读"
        }
    }

    public var en: String { rawValue }

    /// Whether this role is shown clues, cases, workers and recoveries, on the pages and through the API:
    /// labor-bureau staff work on projects and guarantees, administrators on users and settings; neither is
    /// shown case files.
    public var seesCaseData: Bool { self == .prosecutor || self == .viewer }

    public func may(_ permission: Permission) -> Bool {
        switch permission {
        case .read: true
        case .writeCases: self == .prosecutor
        case .writeGuarantees: self == .labor
        case .writeEmployers: self == .prosecutor || self == .labor
        case .reveal: self == .prosecutor
        case .administer, .readAudit: self == .admin
        case .readCases: seesCaseData
        case .coordinateJointWork: self == .prosecutor
        case .answerJointWork: self == .prosecutor || self == .labor
        }
    }
}

public enum Permission: String, Sendable, CaseIterable {
    /// What the permission allows, as a refusal says it ("the viewer role may not …").
    public var allows: Phrase {
        switch self {
        case .read: "read records"
        case .writeCases: "record or change workers, clues, cases, recoveries or suggestions"
        case .writeGuarantees: "record or change projects or guarantees"
        case .writeEmployers: "record employers"
        case .reveal: "see full ID numbers, bank cards or phone numbers"
        case .administer: "manage users, rules, holiday schedules or settings"
        case .readAudit: "read the audit log"
        case .readCases: "see clues, cases, workers or recoveries"
        case .coordinateJointWork: "record referrals, tasks or meetings of the joint work"
        case .answerJointWork: "answer a referral, report a task's progress or submit a monthly report"
        }
    }

    /// Any read, with identifiers masked.
    case read
    /// Workers, clues, cases, recoveries, suggestions.
    case writeCases = "write-cases"
    /// Projects and guarantees.
    case writeGuarantees = "write-guarantees"
    /// Employers, which both sides record.
    case writeEmployers = "write-employers"
    /// Full ID numbers and bank cards, each reveal audited.
    case reveal
    /// Users, rules, holiday schedules, settings.
    case administer
    case readAudit = "read-audit"
    /// Clues, cases, workers and recoveries, on the pages and through the API (prosecutors and viewers).
    case readCases = "read-cases"
    /// Referrals, tasks and meetings of the joint work (府检联动), kept by the procuratorate as lead department.
    case coordinateJointWork = "coordinate-joint-work"
    /// Answering for a unit: replies, task progress and closes, monthly reports (labor staff for their own unit).
    case answerJointWork = "answer-joint-work"
}
