import ArgumentParser
import WagecaseCore
import WagecaseStore

extension Wagecase {
    struct ProjectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project", abstract: "Construction projects (工程项目).", subcommands: [Add.self, List.self])
    }
}

extension Wagecase.ProjectCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a project of an employer.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Project name (unique per employer).") var name: String
        @Option(help: ArgumentHelp("Employer id or credit code.", valueName: "EMPLOYER")) var employer: String
        @Option(help: "Where it is.") var location: String?

        func run() throws {
            try runReporting {
                let input = try NewProject.parse(name: name, employer: employer, location: location)
                let project = try global.open().addProject(input, actor: global.actorName)
                if global.json { return try Printer.json(project) }
                let label = Labels(language: global.lang)
                Printer.fields([("ID", "\(project.id)"), (label("名称", "Name"), project.name),
                                (label("用人单位", "Employer"), "\(project.employerName) (#\(project.employerID))"),
                                (label("地点", "Location"), project.location)])
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List projects.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Option(help: ArgumentHelp("Only projects of this employer (id or credit code).", valueName: "EMPLOYER"))
        var employer: String?

        func run() throws {
            try runReporting {
                let reference = try employer.map { e throws(WagecaseError) in try EmployerReference.parse(e) }
                let projects = try global.open().projects(employer: reference, limit: paging.limit,
                                                          afterID: paging.after)
                if global.json { return try Printer.json(projects) }
                let label = Labels(language: global.lang)
                var table = TextTable(["ID", label("项目名称", "Project"), label("用人单位", "Employer"),
                                       label("地点", "Location")])
                for p in projects { table.add(["\(p.id)", p.name, p.employerName, p.location ?? ""]) }
                table.print(emptyMessage: label("（无）", "(none)"))
            }
        }
    }
}
