import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// The schedules built into this binary (Data/holidays at build time).
    static let builtInSchedules = HolidaySchedule.builtIn(embeddedHolidaySchedules)

    /// The calendar built into this binary, for when there is no database to add loaded years.
    public static var builtInCalendar: WorkingDayCalendar { WorkingDayCalendar(schedules: builtInSchedules) }

    /// The working-day calendar: the built-in schedules, with the years an operator loaded taking precedence.
    public func workingDayCalendar() throws -> WorkingDayCalendar {
        try read { db in try Self.fetchCalendar(db) }
    }

    static func fetchCalendar(_ db: Database) throws -> WorkingDayCalendar {
        var calendar = WorkingDayCalendar(schedules: builtInSchedules)
        for document in try String.fetchAll(db, cached: "SELECT document FROM holiday_schedule ORDER BY year") {
            calendar.add(try JSONDecoder().decode(HolidaySchedule.self, from: Data(document.utf8)))
        }
        return calendar
    }

    /// Loads a year's official schedule (holiday-cn format) so a new year needs no new release. A year that
    /// already has a published schedule (built in or loaded) keeps it unless `replaceReason` says why it is
    /// replaced; loading the same schedule again changes nothing.
    public func loadHolidaySchedule(_ data: Data, replaceReason: String? = nil, actor: String) throws -> HolidaySchedule {
        let schedule: HolidaySchedule
        do {
            schedule = try JSONDecoder().decode(HolidaySchedule.self, from: data)
        } catch let error as WagecaseError {
            throw error
        } catch {
            throw WagecaseError.invalidField(
                field: "schedule file", value: "", reason: "is not a holiday schedule: it \(DecodingProblem.reason(error))",
                allowed: #"{"year": 2027, "papers": [...], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#)
        }
        let document = String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self)
        return try write(actor: actor) { db, audit in
            let loaded = try String.fetchOne(db, cached: "SELECT document FROM holiday_schedule WHERE year = ?",
                                             arguments: [schedule.year])
                .map { try JSONDecoder().decode(HolidaySchedule.self, from: Data($0.utf8)) }
            let current = loaded ?? Self.builtInSchedules.first { $0.year == schedule.year }
            if let current, current.days == schedule.days { return current }
            if let current, current.isPublished, replaceReason == nil {
                throw WagecaseError.invalidState(
                    entity: "holiday schedule", key: "\(schedule.year)",
                    state: "published (\(current.days.count) days listed)", action: "replace it",
                    allowed: "the new schedule is loaded as a replacement, with a reason")
            }
            try db.execute(cached: "INSERT OR REPLACE INTO holiday_schedule (year, document, loaded_at) VALUES (?, ?, ?)",
                           arguments: [schedule.year, document, audit.at])
            try audit.record(loaded == nil ? .insert : .update, table: "holiday_schedule", id: Int64(schedule.year),
                             before: current.map { ["year": $0.year, "days": $0.days.count,
                                                    "papers": $0.papers.joined(separator: " ")] },
                             after: ["year": schedule.year, "days": schedule.days.count,
                                     "papers": schedule.papers.joined(separator: " ")],
                             reason: replaceReason)
            return schedule
        }
    }
}
