/// What happens on a case besides its stages (domain.md §3): the worker's written application for support
/// (申请支持起诉) or consent to it, a hearing (听证), the prosecutor's attendance in court (出庭). Each is dated;
/// none moves the case.
public enum CaseActivityKind: String, Vocabulary {
    case application
    case consent
    case hearing
    case courtAttendance = "court-attendance"

    public var zh: String {
        switch self {
        case .application: "申请支持起诉"
        case .consent: "同意支持起诉"
        case .hearing: "听证"
        case .courtAttendance: "出庭"
        }
    }

    public var en: String {
        switch self {
        case .application: "application for support"
        case .consent: "consent to support"
        case .hearing: "hearing"
        case .courtAttendance: "court attendance"
        }
    }

    public static let aliases: [String: CaseActivityKind] = ["申请": .application, "同意": .consent, "attendance": .courtAttendance]

    /// The kinds that let support be decided: the worker asked for it, or agreed to it in writing.
    public var isWorkersRequest: Bool { self == .application || self == .consent }
}

public struct CaseActivity: Sendable, Codable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var kind: CaseActivityKind
    public var date: LocalDate
    public var note: String?
    public var actor: String

    public init(id: Int64, caseID: Int64, kind: CaseActivityKind, date: LocalDate, note: String?, actor: String) {
        (self.id, self.caseID, self.kind, self.date, self.note, self.actor) = (id, caseID, kind, date, note, actor)
    }

    enum CodingKeys: String, CodingKey { case id, kind, date, note, actor, caseID = "case_id" }

    /// An activity to record on `wageCase`: dated neither in the future nor before the case was opened — except
    /// the worker's application, which usually comes first.
    public static func check(_ kind: CaseActivityKind, on date: LocalDate, for wageCase: WageCase,
                             today: LocalDate) throws(WagecaseError) {
        if date > today {
            throw .dateOutOfOrder(field: "on", value: date, reason: "is in the future (today is \(today))")
        }
        if !kind.isWorkersRequest && date < wageCase.opened {
            throw .dateOutOfOrder(field: "on", value: date,
                                  reason: "is before case \(wageCase.label) was opened (\(wageCase.opened))")
        }
    }
}
