import Foundation
import GRDB
import WagecaseCore

extension AppDatabase {
    /// The schedules built into this binary (Data/holidays at build time).
    static let builtInSchedules: [HolidaySchedule] = embeddedHolidaySchedules.map {
        // The files are checked by the build's tests; a broken one is a build defect, not user input.
        try! JSONDecoder().decode(HolidaySchedule.self, from: Data($0.utf8))
    }

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

    /// Loads a year's official schedule (holiday-cn format) so a new year needs no new release.
    public func loadHolidaySchedule(_ data: Data, actor: String) throws -> HolidaySchedule {
        let schedule: HolidaySchedule
        do {
            schedule = try JSONDecoder().decode(HolidaySchedule.self, from: data)
        } catch let error as WagecaseError {
            throw error
        } catch {
            throw WagecaseError.invalidField(
                field: "schedule file", value: "", reason: "is not a holiday schedule (\(error))",
                allowed: #"{"year": 2027, "papers": [...], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#)
        }
        guard (1900...2999).contains(schedule.year) else {
            throw WagecaseError.invalidField(field: "year", value: "\(schedule.year)", reason: "is out of range",
                                             allowed: "a year from 1900 to 2999")
        }
        let document = String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self)
        return try write(actor: actor) { db, audit in
            let existed = try Bool.fetchOne(db, cached: "SELECT EXISTS (SELECT 1 FROM holiday_schedule WHERE year = ?)",
                                            arguments: [schedule.year]) ?? false
            try db.execute(cached: "INSERT OR REPLACE INTO holiday_schedule (year, document, loaded_at) VALUES (?, ?, ?)",
                           arguments: [schedule.year, document, audit.at])
            try audit.record(existed ? .update : .insert, table: "holiday_schedule", id: Int64(schedule.year),
                             after: ["year": schedule.year, "days": schedule.days.count,
                                     "papers": schedule.papers.joined(separator: " ")])
            return schedule
        }
    }
}
