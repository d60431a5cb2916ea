import Foundation
import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct MeetingCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meeting", abstract: "Joint meetings (联席会议) and the tasks they decide.",
            subcommands: [Add.self, List.self, Show.self])
    }
}

extension MeetingKind: ExpressibleByArgument {}

extension Wagecase.MeetingCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a meeting; each --decision becomes a task on the list in the same step.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Date held.", valueName: "DATE")) var on: String
        @Option(help: "plenary or topic.") var kind: MeetingKind
        @Option(help: ArgumentHelp("The units that took part, comma-separated codes or names.", valueName: "U1,U2…"))
        var units: String
        @Option(help: "Its title (default: the date and kind).") var title: String?
        @Option(help: ArgumentHelp("The minutes, a text file (UTF-8 or GB18030).", valueName: "FILE")) var minutes: String?
        @Option(name: .customLong("decision"),
                help: ArgumentHelp("A decision that becomes a task: TASK|UNIT|OWNER|DUE (repeatable).",
                                   valueName: "TASK|UNIT|OWNER|DUE"))
        var decisions: [String] = []

        func run() throws {
            try runReporting {
                let text = try minutes.map { try FileOutput.readText($0, field: "minutes") }
                let input = try NewMeeting(
                    held: try LocalDate.parse(on, field: "on"), kind: kind, title: title,
                    units: units.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map(String.init),
                    minutes: text, minutesFile: minutes.map { ($0 as NSString).lastPathComponent },
                    decisions: try decisions.map { d throws(WagecaseError) in try MeetingDecision.parse(d) })
                let database = try global.open()
                let (meeting, tasks) = try database.addMeeting(input, actor: global.actorName)
                if global.json { return try Printer.json(MeetingJSON(meeting: meeting, tasks: tasks)) }
                MeetingView(global: global).table([meeting])
                if !tasks.isEmpty {
                    Printer.line("")
                    TaskView(global: global).table(tasks, asOf: database.today)
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Meetings, latest first.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let meetings = try global.open(.readOnly).meetings(limit: 1000)
                if global.json { return try Printer.json(meetings) }
                MeetingView(global: global).table(meetings)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One meeting, its minutes and its tasks.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Meeting id.") var meeting: Int64

        func run() throws {
            try runReporting {
                let database = try global.open(.readOnly)
                let m = try database.meeting(id: meeting)
                let tasks = try database.tasks(TaskFilter(meetingID: m.id, limit: 10_000))
                if global.json { return try Printer.json(MeetingJSON(meeting: m, tasks: tasks)) }
                MeetingView(global: global).table([m])
                if let minutes = m.minutes { Printer.line(""); Printer.line(TextField.escaped(minutes, keepingLineBreaks: true)) }
                Printer.line("")
                TaskView(global: global).table(tasks, asOf: database.today)
            }
        }
    }
}

struct MeetingJSON: Encodable {
    var meeting: JointMeeting
    var tasks: [JointTask]
}

struct MeetingView {
    let global: GlobalOptions

    func table(_ meetings: [JointMeeting]) {
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Held"), label("Meeting"), label("Units"), label("Tasks")], rightAligned: [4])
        for m in meetings {
            table.add(["\(m.id)", m.held.iso, m.name(global.lang), m.units.map(\.name).joined(separator: global.lang == .zh ? "、" : ", "),
                       "\(m.taskIDs.count)"])
        }
        table.print(emptyMessage: label("(none)"))
    }
}
