import Foundation

/// One year's official holiday schedule (国务院办公厅 holiday arrangement), in the holiday-cn file format:
/// `{year, papers, days: [{name, date, isOffDay}]}`. A listed date is a working day iff `isOffDay` is false
/// (make-up working weekends, 调休); an unlisted date is a working day iff it is Monday–Friday.
public struct HolidaySchedule: Sendable, Codable, Equatable {
    /// The schedules built into a binary (Data/holidays, embedded at build time). The files are checked by the
    /// build's tests; a broken one is a build defect, not user input.
    /// Read with JSONSerialization, not the decoder: its generic, per-key checked decoding of nine files was a
    /// tenth of a short command's run (`stats`). Looser than the decoder (a 1 reads as true, unknown keys pass), so
    /// it takes only the build's own files, and a test holds its result equal to the checked decoding.
    public static func builtIn(_ documents: [String]) -> [HolidaySchedule] {
        documents.map { document in
            guard let file = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
                  let year = file["year"] as? Int, let papers = file["papers"] as? [String],
                  let listed = file["days"] as? [[String: Any]] else {
                preconditionFailure("a built-in holiday schedule is not in the holiday-cn format")
            }
            let days = listed.map { day -> Day in
                guard let name = day["name"] as? String, let text = day["date"] as? String,
                      let date = LocalDate.parseISO(text), let isOffDay = day["isOffDay"] as? Bool else {
                    preconditionFailure("a built-in holiday schedule of \(year) has a malformed day")
                }
                return Day(name: name, date: date, isOffDay: isOffDay)
            }
            return try! HolidaySchedule(year: year, papers: papers, days: days)
        }
    }

    public struct Day: Sendable, Codable, Equatable {
        public var name: String
        public var date: LocalDate
        public var isOffDay: Bool

        public init(name: String, date: LocalDate, isOffDay: Bool) {
            (self.name, self.date, self.isOffDay) = (name, date, isOffDay)
        }

        private enum CodingKeys: String, CodingKey, CaseIterable { case name, date, isOffDay }

        public init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self, in: "a day of a holiday schedule")
            let container = try decoder.container(keyedBy: CodingKeys.self)
            try self.init(name: container.decode(String.self, forKey: .name),
                          date: container.decode(LocalDate.self, forKey: .date),
                          isOffDay: container.decode(Bool.self, forKey: .isOffDay))
        }
    }

    public var year: Int
    public var papers: [String]
    public var days: [Day]

    public init(year: Int, papers: [String], days: [Day]) throws(WagecaseError) {
        guard LocalDate.inputYears.contains(year) else {
            throw .invalidField(field: "year", value: "\(year)", reason: "is out of range",
                                allowed: "a year from \(LocalDate.inputYears.lowerBound) to \(LocalDate.inputYears.upperBound)")
        }
        // A year's arrangement may start with a make-up working day late in the previous year (2018-12-29).
        for day in days where !(year - 1...year + 1).contains(day.date.year) {
            throw .invalidField(field: "days.date", value: day.date.iso, reason: "is not in or next to \(year)",
                                allowed: "dates of the schedule's year or the years beside it")
        }
        (self.year, self.papers, self.days) = (year, papers, days)
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case year, papers, days }
    /// The published files name their JSON schema too; those keys are known and carry nothing to load.
    private enum FileKeys: String, CodingKey, CaseIterable {
        case year, papers, days, schema = "$schema", id = "$id"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(FileKeys.self, in: "a holiday schedule")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(year: container.decode(Int.self, forKey: .year),
                      papers: container.decode([String].self, forKey: .papers),
                      days: container.decode([Day].self, forKey: .days))
    }

    /// A year whose schedule has not been published yet is a file with no days (e.g. 2027 today).
    public var isPublished: Bool { !days.isEmpty }
}

/// Working-day arithmetic for legal time limits (domain.md §5): weekends and public holidays are skipped,
/// official make-up working days count. A result that steps through a year with no published schedule falls
/// back to Monday–Friday there and is marked provisional.
public struct WorkingDayCalendar: Sendable {
    private var schedules: [Int: HolidaySchedule] = [:]
    private var overrides: [LocalDate: Bool] = [:]  // date → is a working day

    public init(schedules: [HolidaySchedule] = []) {
        for schedule in schedules { self.schedules[schedule.year] = schedule }
        rebuild()
    }

    /// Years whose schedule has been published.
    public var publishedYears: Set<Int> { Set(schedules.values.filter(\.isPublished).map(\.year)) }

    /// Whether `year`'s schedule has been published (a date in a year without one is provisional).
    public func isPublished(year: Int) -> Bool { schedules[year]?.isPublished == true }

    /// Adds or replaces one year's schedule.
    public mutating func add(_ schedule: HolidaySchedule) {
        schedules[schedule.year] = schedule
        rebuild()
    }

    private mutating func rebuild() {
        overrides = [:]
        for year in schedules.keys.sorted() {
            for day in schedules[year]!.days { overrides[day.date] = !day.isOffDay }
        }
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        overrides[date] ?? (date.isoWeekday <= 5)
    }

    /// How many working days a count from outside may step, either way (about forty years).
    public static let countLimit = 10_000

    /// A working-day count typed or sent to the API: a whole number within `countLimit` either way.
    public static func parseCount(_ text: String, field: String) throws(WagecaseError) -> Int {
        guard let days = Int(text.trimmingWhitespace()), (-countLimit...countLimit).contains(days) else {
            throw .invalidField(field: field, value: text, reason: "is not a whole number of working days in range",
                                allowed: "a whole number from -\(countLimit) to \(countLimit)")
        }
        return days
    }

    /// The date `workingDays` working days after `date` (before it when negative); `date` itself is day 0.
    public func adding(workingDays: Int, to date: LocalDate) -> (date: LocalDate, provisional: Bool) {
        var current = date
        var remaining = workingDays.magnitude
        let step = workingDays >= 0 ? 1 : -1
        var provisional = false
        while remaining > 0 {
            current = current.adding(days: step)
            if schedules[current.year]?.isPublished != true { provisional = true }
            if isWorkingDay(current) { remaining -= 1 }
        }
        return (current, provisional)
    }
}
