import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct TaskCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "task",
            abstract: "The joint task list (任务清单): a unit, a person and a deadline per item, closed with a result.",
            discussion: "Nothing is deleted. Past its deadline an open task is TASK_OVERDUE in `alerts` and the digest.",
            subcommands: [Add.self, Progress.self, Close.self, Extend.self, List.self, Show.self])
    }
}

extension TaskSource: ExpressibleByArgument {}

extension TaskStatus: ExpressibleByArgument {}

extension Wagecase.TaskCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Put a task on the list.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "What is to be done.") var title: String
        @Option(help: ArgumentHelp("The responsible unit (code, name or id).", valueName: "UNIT")) var unit: String
        @Option(help: "The person responsible (责任人).") var owner: String
        @Option(help: ArgumentHelp("The deadline.", valueName: "DATE")) var due: String
        @Option(help: ArgumentHelp("annual-plan, joint-meeting or assigned (default: joint-meeting with --meeting, else assigned).",
                                   valueName: "SOURCE"))
        var source: TaskSource?
        @Option(help: ArgumentHelp("The meeting that decided it.", valueName: "ID")) var meeting: Int64?

        func run() throws {
            try runReporting {
                let input = try NewTask(title: title, unit: unit, owner: owner, due: try LocalDate.parse(due, field: "due"),
                                        source: source, meetingID: meeting)
                let database = try global.open()
                try TaskView(global: global).show([try database.addTask(input, actor: global.actorName)], asOf: database.today)
            }
        }
    }

    struct Progress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "progress", abstract: "Record progress on a task (dated).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task id.") var task: Int64
        @Option(help: ArgumentHelp("Date of the progress.", valueName: "DATE")) var on: String
        @Option(help: "What was done.") var text: String

        func run() throws {
            try runReporting {
                let database = try global.open()
                try TaskView(global: global).show([
                    try database.recordTaskProgress(id: task, on: try LocalDate.parse(on, field: "on"), text: text,
                                                    actor: global.actorName),
                ], asOf: database.today)
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: "Close a task with its result (办结).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task id.") var task: Int64
        @Option(help: ArgumentHelp("Date closed.", valueName: "DATE")) var on: String
        @Option(help: "The result (required).") var result: String

        func run() throws {
            try runReporting {
                let database = try global.open()
                try TaskView(global: global).show([
                    try database.closeTask(id: task, on: try LocalDate.parse(on, field: "on"), result: result,
                                           actor: global.actorName),
                ], asOf: database.today)
            }
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend", abstract: "Move an open task's deadline, saying why (audited).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task id.") var task: Int64
        @Option(help: ArgumentHelp("The new deadline.", valueName: "DATE")) var due: String
        @Option(help: "Why the deadline moves.") var reason: String

        func run() throws {
            try runReporting {
                let database = try global.open()
                try TaskView(global: global).show([
                    try database.extendTask(id: task, to: try LocalDate.parse(due, field: "due"), reason: reason,
                                            actor: global.actorName),
                ], asOf: database.today)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The task list, soonest deadline first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this unit's tasks.", valueName: "UNIT")) var unit: String?
        @Option(help: ArgumentHelp("open, overdue or closed.", valueName: "STATUS")) var status: TaskStatus?
        @Option(help: ArgumentHelp("Only the tasks a meeting decided.", valueName: "ID")) var meeting: Int64?
        @Option(help: ArgumentHelp("As-of date (default today in Asia/Shanghai).", valueName: "DATE")) var on: String?
        @Option(help: "At most this many rows (1–10000).") var limit: Int = 200

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError(RefusalText.usage("--limit must be between 1 and 10000")) }
        }

        func run() throws {
            try runReporting {
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                let database = try global.open(.readOnly)
                let found = try database.tasks(TaskFilter(unit: unit, status: status, meetingID: meeting, asOf: asOf,
                                                          limit: limit))
                try TaskView(global: global).show(found, asOf: asOf ?? database.today)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One task with its progress.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task id.") var task: Int64

        func run() throws {
            try runReporting {
                let database = try global.open(.readOnly)
                let t = try database.task(id: task)
                if global.json { return try Printer.json(t) }
                let label = Labels(language: global.lang), sep = global.lang == .zh ? "：" : ": "
                let lines: [(Phrase, String)] = [
                    ("Task", "#\(t.id) \(t.title)"), ("Unit", t.unit.name), ("Owner", t.owner), ("Due", t.due.iso),
                    ("Source", t.source.label(global.lang) + (t.meetingID.map { " #\($0)" } ?? "")),
                    ("Status", t.status(asOf: database.today).label(global.lang)),
                    ("Closed", t.closed?.iso ?? "—"), ("Result", t.result ?? "—"),
                ]
                for (name, value) in lines { Printer.line(label(name) + sep + TextField.escaped(value, keepingLineBreaks: true)) }
                Printer.line(label("Progress") + sep)
                if t.progress.isEmpty { Printer.line("  " + label("(none)")) }
                for note in t.progress { Printer.line("  \(note.on.iso)  " + TextField.escaped(note.text, keepingLineBreaks: true)) }
            }
        }
    }
}

struct TaskView {
    let global: GlobalOptions

    func show(_ tasks: [JointTask], asOf: LocalDate) throws {
        if global.json { return try Printer.json(tasks) }
        table(tasks, asOf: asOf)
    }

    func table(_ tasks: [JointTask], asOf: LocalDate) {
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Task"), label("Unit"), label("Owner"), label("Due"), label("Status"),
                               label("Latest progress")])
        for t in tasks {
            let latest = t.result ?? t.latestProgress.map { "\($0.on.iso) \($0.text)" } ?? ""
            table.add(["\(t.id)", t.title, t.unit.name, t.owner, t.due.iso, t.status(asOf: asOf).label(global.lang), latest])
        }
        table.print(emptyMessage: label("(none)"))
    }
}
