import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct CalendarCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar", abstract: "The official working-day calendar (工作日, with 调休).",
            subcommands: [Add.self, Load.self, Years.self])
    }
}

extension GlobalOptions {
    /// The database's calendar (built-in years plus loaded ones), or the built-in one when there is no database
    /// yet: a date question should not create a file.
    func calendar() throws -> WorkingDayCalendar {
        if isPostgres { throw EngineNotYetSupported() }
        return FileManager.default.fileExists(atPath: databasePath) ? try open().workingDayCalendar() : AppDatabase.builtInCalendar
    }
}

extension Wagecase.CalendarCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Print the date N working days after DATE (before it when N is negative).",
            discussion: "Says so when the answer depends on a year with no published schedule (provisional).")

        @OptionGroup var global: GlobalOptions
        // One array so that a negative N ("-5") is taken as a value, not as an option.
        @Argument(parsing: .allUnrecognized,
                  help: ArgumentHelp("The start date and the number of working days (negative counts back).",
                                     valueName: "DATE N"))
        var values: [String] = []

        func validate() throws {
            guard values.count == 2 else { throw ValidationError(RefusalText.usage("expected DATE and N, e.g. 2025-09-26 5 or 2025-10-10 -5")) }
        }

        func run() throws {
            try runReporting {
                let start = try LocalDate.parse(values[0], field: "date")
                let days = try WorkingDayCalendar.parseCount(values[1], field: "N")
                let calendar = try global.calendar()
                let result = calendar.adding(workingDays: days, to: start)
                if global.json {
                    return try Printer.json(["date": result.date.iso, "provisional": result.provisional ? "true" : "false"])
                }
                let label = Labels(language: global.lang)
                Printer.line(result.date.iso + (result.provisional
                    ? label(" (provisional: a year involved has no published schedule)")
                    : ""))
            }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "Load a year's official schedule (holiday-cn JSON) without a new release.",
            discussion: "A year that already has a published schedule keeps it unless --replace --reason says why.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The schedule file, e.g. 2027.json.") var file: String
        @OptionGroup var replacement: ReplaceOptions

        func run() throws {
            try runReporting {
                let data = try ConfigurationFile.read(file)
                let schedule = try global.open().loadHolidaySchedule(data, replaceReason: try replacement.replaceReason(),
                                                                     actor: global.actorName)
                let label = Labels(language: global.lang)
                Printer.line(label("loaded the \(schedule.year) schedule (\(schedule.days.count) days)"))
            }
        }
    }

    struct Years: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "years", abstract: "List the years with a published schedule.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let years = try global.calendar().publishedYears.sorted()
                if global.json { return try Printer.json(years) }
                Printer.line(years.map(String.init).joined(separator: " "))
            }
        }
    }
}
