/// Where a task on the joint list came from.
public enum TaskSource: String, Vocabulary {
    case annualPlan = "annual-plan"
    case jointMeeting = "joint-meeting"
    case assigned

    public var zh: String {
        switch self {
        case .annualPlan: "年度任务清单"
        case .jointMeeting: "联席会议决定"
        case .assigned: "交办"
        }
    }

    public var en: String {
        switch self {
        case .annualPlan: "annual plan"
        case .jointMeeting: "joint meeting"
        case .assigned: "assigned"
        }
    }
}

/// Where a task stands on a date.
public enum TaskStatus: String, Vocabulary {
    case open
    case overdue
    case closed

    public var zh: String {
        switch self {
        case .open: "推进中"
        case .overdue: "逾期未完成"
        case .closed: "已办结"
        }
    }

    public var en: String { rawValue }
}

/// One progress note on a task (进展), dated.
public struct TaskProgress: Sendable, Codable, Equatable {
    public var on: LocalDate
    public var text: String
    public var recordedBy: String
    public var recordedAt: String

    public init(on: LocalDate, text: String, recordedBy: String, recordedAt: String) {
        (self.on, self.text, self.recordedBy, self.recordedAt) = (on, text, recordedBy, recordedAt)
    }

    enum CodingKeys: String, CodingKey { case on, text, recordedBy = "recorded_by", recordedAt = "recorded_at" }
}

/// An item of the joint task list (任务清单): a responsible unit, a person and a deadline (定时间、定举措、定责任人),
/// supervised until closed with a result (全程闭环督办). Nothing is deleted; a new deadline is a correction with a reason.
public struct JointTask: Sendable, Codable, Equatable {
    public var id: Int64
    public var title: String
    public var unit: UnitRef
    public var owner: String
    public var due: LocalDate
    public var source: TaskSource
    public var meetingID: Int64?
    public var closed: LocalDate?
    public var result: String?
    public var progress: [TaskProgress]
    public var createdBy: String
    public var createdAt: String

    public init(id: Int64, title: String, unit: UnitRef, owner: String, due: LocalDate, source: TaskSource,
                meetingID: Int64?, closed: LocalDate?, result: String?, progress: [TaskProgress], createdBy: String,
                createdAt: String) {
        (self.id, self.title, self.unit, self.owner, self.due, self.source) = (id, title, unit, owner, due, source)
        (self.meetingID, self.closed, self.result, self.progress) = (meetingID, closed, result, progress)
        (self.createdBy, self.createdAt) = (createdBy, createdAt)
    }

    /// Closed by `asOf` (a close recorded for a later day left it open then), else overdue past its day.
    public func status(asOf: LocalDate) -> TaskStatus {
        if let closed, closed <= asOf { return .closed }
        return asOf > due ? .overdue : .open
    }

    public var latestProgress: TaskProgress? { progress.last }

    enum CodingKeys: String, CodingKey {
        case id, title, unit, owner, due, source, closed, result, progress
        case meetingID = "meeting_id", createdBy = "created_by", createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(unit, forKey: .unit)
        try c.encode(owner, forKey: .owner)
        try c.encode(due, forKey: .due)
        try c.encode(source, forKey: .source)
        try c.encode(meetingID, forKey: .meetingID)
        try c.encode(closed, forKey: .closed)
        try c.encode(result, forKey: .result)
        try c.encode(progress, forKey: .progress)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// A task to put on the list.
public struct NewTask: Sendable {
    public var title: String
    public var unit: String
    public var owner: String
    public var due: LocalDate
    public var source: TaskSource
    public var meetingID: Int64?

    /// A task from a meeting is a joint-meeting task unless said otherwise; a joint-meeting task names its meeting.
    public init(title: String, unit: String, owner: String, due: LocalDate, source: TaskSource? = nil,
                meetingID: Int64? = nil) throws(WagecaseError) {
        self.title = try TextField.name(title, field: "title", maxLength: 500)
        self.unit = try TextField.name(unit, field: "unit", maxLength: 100)
        self.owner = try TextField.name(owner, field: "owner", maxLength: 100)
        let source = source ?? (meetingID == nil ? .assigned : .jointMeeting)
        if source == .jointMeeting && meetingID == nil {
            throw .invalidField(field: "meeting", value: "", reason: "is missing for a joint-meeting task",
                                allowed: "the meeting that decided it")
        }
        (self.due, self.source, self.meetingID) = (due, source, meetingID)
    }
}

/// The rules of the task list: progress dated no later than today on an open task (a list typed in late — last
/// year's spreadsheet — may record what was done before), a close with a result on such a day, once; a new deadline
/// only for an open task.
public enum TaskRules {
    public static func checkProgress(_ task: JointTask, on date: LocalDate, today: LocalDate) throws(WagecaseError) {
        if let closed = task.closed {
            throw .invalidState(entity: "task", key: "#\(task.id)", state: "closed on \(closed)",
                                action: "record progress", allowed: "an open task")
        }
        try checkDate(date, task: task, today: today)
    }

    public static func checkClose(_ task: JointTask, on date: LocalDate, today: LocalDate) throws(WagecaseError) {
        if let closed = task.closed {
            throw .invalidState(entity: "task", key: "#\(task.id)", state: "closed on \(closed)",
                                action: "close it again", allowed: "an open task")
        }
        try checkDate(date, task: task, today: today)
        if let last = task.progress.last, date < last.on {
            throw .dateOutOfOrder(field: "on", value: date, reason: "is before its latest progress (\(last.on))")
        }
    }

    public static func checkExtend(_ task: JointTask, to due: LocalDate) throws(WagecaseError) {
        if let closed = task.closed {
            throw .invalidState(entity: "task", key: "#\(task.id)", state: "closed on \(closed)",
                                action: "change its deadline", allowed: "an open task")
        }
        if due == task.due {
            throw .invalidField(field: "due", value: due.iso, reason: "is the deadline already set",
                                allowed: "another date")
        }
    }

    private static func checkDate(_ date: LocalDate, task: JointTask, today: LocalDate) throws(WagecaseError) {
        if date > today {
            throw .dateOutOfOrder(field: "on", value: date, reason: "is in the future (today is \(today))")
        }
    }
}
