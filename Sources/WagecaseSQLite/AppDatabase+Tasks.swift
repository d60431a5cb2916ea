import GRDB
import WagecaseCore
import WagecaseStore

// The joint task list (任务清单), closed loop by loop: set, progressed, closed with a result; never deleted.
extension AppDatabase {
    public func addTask(_ input: NewTask, actor: String) throws -> JointTask {
        try write(actor: actor) { db, audit in try Self.insertTask(db, audit: audit, input) }
    }

    static func insertTask(_ db: Database, audit: AuditWriter, _ input: NewTask) throws -> JointTask {
        let unit = try fetchUnit(db, reference: input.unit)
        if let meeting = input.meetingID {
            guard try Bool.fetchOne(db, cached: "SELECT 1 FROM joint_meeting WHERE id = ?", arguments: [meeting]) == true else {
                throw WagecaseError.notFound(entity: "meeting", key: "#\(meeting)")
            }
        }
        try db.execute(cached: """
            INSERT INTO joint_task (title, unit_id, owner, due_on, source, meeting_id, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [input.title, unit.id, input.owner, input.due.iso, input.source.rawValue, input.meetingID,
                             audit.actor, audit.at])
        let id = db.lastInsertedRowID
        try audit.record(.insert, table: "joint_task", id: id, after: [
            "title": input.title, "unit_id": unit.id, "owner": input.owner, "due_on": input.due.iso,
            "source": input.source.rawValue, "meeting_id": input.meetingID,
        ])
        return try fetchTask(db, id: id)
    }

    public func recordTaskProgress(id: Int64, on date: LocalDate, text: String, actor: String,
                                   expect: (JointTask) throws -> Void = { _ in }) throws -> JointTask {
        let today = self.today
        let text = try TextField.required(text, field: "text", maxLength: 20_000)
        return try write(actor: actor) { db, audit in
            let task = try Self.fetchTask(db, id: id)
            try expect(task)
            try TaskRules.checkProgress(task, on: date, today: today)
            try db.execute(cached: """
                INSERT INTO task_progress (task_id, on_date, text, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [id, date.iso, text, audit.actor, audit.at])
            try audit.record(.insert, table: "task_progress", id: db.lastInsertedRowID,
                             after: ["task_id": id, "on_date": date.iso, "text": text])
            return try Self.fetchTask(db, id: id)
        }
    }

    /// Closes the loop: a task is closed with its result, once.
    public func closeTask(id: Int64, on date: LocalDate, result: String, actor: String,
                          expect: (JointTask) throws -> Void = { _ in }) throws -> JointTask {
        let today = self.today
        let result = try TextField.required(result, field: "result", maxLength: 20_000)
        return try write(actor: actor) { db, audit in
            let task = try Self.fetchTask(db, id: id)
            try expect(task)
            try TaskRules.checkClose(task, on: date, today: today)
            try db.execute(cached: "UPDATE joint_task SET closed_on = ?, result = ? WHERE id = ?",
                           arguments: [date.iso, result, id])
            try audit.record(.update, table: "joint_task", id: id, before: ["closed_on": nil, "result": nil],
                             after: ["closed_on": date.iso, "result": result])
            return try Self.fetchTask(db, id: id)
        }
    }

    /// Moves an open task's deadline, saying why (the old one stays in the audit log).
    public func extendTask(id: Int64, to due: LocalDate, reason: String, actor: String,
                           expect: (JointTask) throws -> Void = { _ in }) throws -> JointTask {
        let reason = try TextField.required(reason, field: "reason", maxLength: 2000)
        return try write(actor: actor) { db, audit in
            let task = try Self.fetchTask(db, id: id)
            try expect(task)
            try TaskRules.checkExtend(task, to: due)
            try db.execute(cached: "UPDATE joint_task SET due_on = ? WHERE id = ?", arguments: [due.iso, id])
            try audit.record(.update, table: "joint_task", id: id, before: ["due_on": task.due.iso],
                             after: ["due_on": due.iso], reason: reason)
            return try Self.fetchTask(db, id: id)
        }
    }

    public func task(id: Int64) throws -> JointTask {
        try read { db in try Self.fetchTask(db, id: id) }
    }

    /// Soonest deadline first; status as it stood on `asOf`.
    public func tasks(_ filter: TaskFilter) throws -> [JointTask] {
        let asOf = filter.asOf ?? today
        return try read { db in
            let unit = try filter.unit.map { try Self.fetchUnit(db, reference: $0).id }
            let all = try Self.fetchTasks(db, where: """
                (?1 IS NULL OR t.unit_id = ?1) AND (?2 IS NULL OR t.meeting_id = ?2) AND t.id > ?3
                """, arguments: [unit, filter.meetingID, filter.afterID])
            return Array(all.filter { task in
                (filter.visibleUnits.map { $0.contains(task.unit.id) } ?? true)
                    && (filter.status.map { task.status(asOf: asOf) == $0 } ?? true)
            }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.prefix(filter.limit))
        }
    }

    static func fetchTask(_ db: Database, id: Int64) throws -> JointTask {
        guard let task = try fetchTasks(db, where: "t.id = ?", arguments: [id]).first else {
            throw WagecaseError.notFound(entity: "task", key: "#\(id)")
        }
        return task
    }

    /// Tasks matching a condition on `joint_task t`, with their progress, in id order.
    static func fetchTasks(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [JointTask] {
        let units = try unitRefs(db)
        let rows = try Row.fetchAll(db, sql: "SELECT t.* FROM joint_task t WHERE \(condition) ORDER BY t.id", arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var progress: [Int64: [TaskProgress]] = [:]
        let ids = rows.map { $0["id"] as Int64 }
        let notes = try Row.fetchAll(db, sql: """
            SELECT * FROM task_progress WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY on_date, id
            """, arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        for note in notes {
            progress[note["task_id"] as Int64, default: []].append(TaskProgress(
                on: try note.date("on_date"), text: note["text"], recordedBy: note["recorded_by"],
                recordedAt: note["recorded_at"]))
        }
        return try rows.map { row in
            let id: Int64 = row["id"], unitID: Int64 = row["unit_id"]
            guard let unit = units[unitID] else { throw WagecaseError.notFound(entity: "member unit", key: "#\(unitID)") }
            return JointTask(id: id, title: row["title"], unit: unit, owner: row["owner"], due: try row.date("due_on"),
                             source: try row.vocabulary("source"), meetingID: row["meeting_id"],
                             closed: try row.optionalDate("closed_on"), result: row["result"],
                             progress: progress[id] ?? [], createdBy: row["created_by"], createdAt: row["created_at"])
        }
    }
}
