/// A joint meeting's kind: the plenary (联席会议全体会议) or a topic meeting (专题会议).
public enum MeetingKind: String, Vocabulary {
    case plenary
    case topic

    public var zh: String { self == .plenary ? "联席会议" : "专题会议" }
    public var en: String { self == .plenary ? "plenary meeting" : "topic meeting" }
}

/// A joint meeting of member units: when, which units, its minutes, and the tasks it decided.
public struct JointMeeting: Sendable, Codable, Equatable {
    public var id: Int64
    public var held: LocalDate
    public var kind: MeetingKind
    public var title: String?
    public var units: [UnitRef]
    public var minutes: String?
    public var minutesFile: String?
    public var taskIDs: [Int64]
    public var createdBy: String
    public var createdAt: String

    public init(id: Int64, held: LocalDate, kind: MeetingKind, title: String?, units: [UnitRef], minutes: String?,
                minutesFile: String?, taskIDs: [Int64], createdBy: String, createdAt: String) {
        (self.id, self.held, self.kind, self.title, self.units) = (id, held, kind, title, units)
        (self.minutes, self.minutesFile, self.taskIDs) = (minutes, minutesFile, taskIDs)
        (self.createdBy, self.createdAt) = (createdBy, createdAt)
    }

    /// "2026年3月5日联席会议" or its title.
    public func name(_ language: Language) -> String {
        if let title { return title }
        return language == .zh ? "\(held.chinese)\(kind.zh)" : "\(kind.en) of \(held.iso)"
    }

    enum CodingKeys: String, CodingKey {
        case id, held, kind, title, units, minutes, createdBy = "created_by", createdAt = "created_at",
             minutesFile = "minutes_file", taskIDs = "task_ids"
    }
}

/// A decision of a meeting that becomes a task: "事项|责任单位|责任人|完成时限" on the command line.
public struct MeetingDecision: Sendable, Equatable {
    public var title: String
    public var unit: String
    public var owner: String
    public var due: LocalDate

    public init(title: String, unit: String, owner: String, due: LocalDate) {
        (self.title, self.unit, self.owner, self.due) = (title, unit, owner, due)
    }

    public static func parse(_ text: String) throws(WagecaseError) -> MeetingDecision {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .invalidField(field: "decision", value: text, reason: "is not a decision",
                                allowed: "TASK|UNIT|OWNER|DUE, e.g. 清理在建项目保证金|labor|王科长|2026-12-31")
        }
        return MeetingDecision(title: parts[0], unit: parts[1], owner: parts[2],
                               due: try LocalDate.parse(parts[3], field: "decision"))
    }
}

/// A meeting to record, with the decisions that become tasks in the same step.
public struct NewMeeting: Sendable {
    public var held: LocalDate
    public var kind: MeetingKind
    public var title: String?
    public var units: [String]
    public var minutes: String?
    public var minutesFile: String?
    public var decisions: [MeetingDecision]

    public init(held: LocalDate, kind: MeetingKind, title: String? = nil, units: [String], minutes: String? = nil,
                minutesFile: String? = nil, decisions: [MeetingDecision] = []) throws(WagecaseError) {
        self.title = try TextField.optional(title, field: "title", maxLength: 200)
        self.minutes = try TextField.optional(minutes, field: "minutes", maxLength: 200_000)
        self.minutesFile = try TextField.optional(minutesFile, field: "minutes", maxLength: 255)
        let units = units.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        if units.isEmpty {
            throw .invalidField(field: "units", value: "", reason: "is missing",
                                allowed: "the member units that took part, separated by commas")
        }
        if decisions.count > 200 {
            throw .invalidField(field: "decision", value: "\(decisions.count)", reason: "is out of range",
                                allowed: "at most 200 decisions per meeting")
        }
        (self.held, self.kind, self.units, self.decisions) = (held, kind, units, decisions)
    }
}
