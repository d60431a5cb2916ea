import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

// Joint meetings (联席会议) and the tasks their decisions become.
extension AppDatabase {
    /// Records the meeting and makes each decision a task of the list, all in one transaction.
    public func addMeeting(_ input: NewMeeting, actor: String) throws -> (meeting: JointMeeting, tasks: [JointTask]) {
        let today = self.today
        if input.held > today {
            throw WagecaseError.dateOutOfOrder(field: "on", value: input.held, reason: "is in the future (today is \(today))")
        }
        return try write(actor: actor) { db, audit in
            let units = try input.units.map { try Self.fetchUnit(db, reference: $0) }
            try db.execute(cached: """
                INSERT INTO joint_meeting (held_on, kind, title, minutes, minutes_file, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [input.held.iso, input.kind.rawValue, input.title, input.minutes, input.minutesFile,
                                 audit.actor, audit.at])
            let id = db.lastInsertedRowID
            var seen = Set<Int64>()
            for unit in units where seen.insert(unit.id).inserted {
                try db.execute(cached: "INSERT INTO joint_meeting_unit VALUES (?, ?)", arguments: [id, unit.id])
            }
            try audit.record(.insert, table: "joint_meeting", id: id, after: [
                "held_on": input.held.iso, "kind": input.kind.rawValue, "title": input.title,
                "unit_ids": units.map { String($0.id) }.joined(separator: ","), "minutes_file": input.minutesFile,
                "minutes_chars": input.minutes?.count,
            ])
            var tasks: [JointTask] = []
            for decision in input.decisions {
                let task = try NewTask(title: decision.title, unit: decision.unit, owner: decision.owner,
                                       due: decision.due, source: .jointMeeting, meetingID: id)
                tasks.append(try Self.insertTask(db, audit: audit, task))
            }
            return (try Self.fetchMeeting(db, id: id), tasks)
        }
    }

    public func meeting(id: Int64) throws -> JointMeeting {
        try read { db in try Self.fetchMeeting(db, id: id) }
    }

    /// Latest first.
    public func meetings(limit: Int = 100) throws -> [JointMeeting] {
        try read { db in
            try Int64.fetchAll(db, cached: "SELECT id FROM joint_meeting ORDER BY held_on DESC, id DESC LIMIT ?",
                               arguments: [limit]).map { try Self.fetchMeeting(db, id: $0) }
        }
    }

    static func fetchMeeting(_ db: Database, id: Int64) throws -> JointMeeting {
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM joint_meeting WHERE id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "meeting", key: "#\(id)")
        }
        let units = try unitRefs(db)
        let unitIDs = try Int64.fetchAll(db, cached: "SELECT unit_id FROM joint_meeting_unit WHERE meeting_id = ? ORDER BY unit_id",
                                         arguments: [id])
        let tasks = try Int64.fetchAll(db, cached: "SELECT id FROM joint_task WHERE meeting_id = ? ORDER BY id", arguments: [id])
        return JointMeeting(id: id, held: try row.date("held_on"), kind: try row.vocabulary("kind"), title: row["title"],
                            units: unitIDs.compactMap { units[$0] }, minutes: row["minutes"],
                            minutesFile: row["minutes_file"], taskIDs: tasks, createdBy: row["created_by"],
                            createdAt: row["created_at"])
    }
}
