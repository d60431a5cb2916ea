import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct ProjectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project", abstract: "Construction projects (工程项目) and what their guarantee rules need.",
            subcommands: [Add.self, Update.self, Show.self, List.self])
    }
}

extension Wagecase.ProjectCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a project of an employer (its general contractor).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Project name (unique per employer).") var name: String
        @Option(help: ArgumentHelp("Employer id or credit code.", valueName: "EMPLOYER")) var employer: String
        @Option(help: "Where it is.") var location: String?
        @OptionGroup var facts: ProjectDetailOptions

        func run() throws {
            try runReporting {
                let input = try NewProject.parse(name: name, employer: employer, location: location,
                                                 details: try facts.details())
                let database = try global.open()
                let project = try database.addProject(input, actor: global.actorName)
                try ProjectView(global: global, database: database).show(project)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change a project's facts: status, completion, contract price, standing, exemption.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id or exact name.") var project: String
        @OptionGroup var facts: ProjectDetailOptions
        @Flag(name: .customLong("no-exemption"), help: "Remove the project's exemption.") var noExemption = false
        @Option(help: "Why the facts change (required; kept in the audit log).") var reason: String?

        func run() throws {
            try runReporting {
                let database = try global.open()
                let updated = try database.updateProject(try ProjectReference.parse(project),
                                                         try facts.details(clearExemption: noExemption),
                                                         reason: reason, actor: global.actorName)
                try ProjectView(global: global, database: database).show(updated)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a project with its required deposit and its guarantees.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id or exact name.") var project: String

        func run() throws {
            try runReporting {
                let database = try global.open()
                try ProjectView(global: global, database: database)
                    .show(try database.project(try ProjectReference.parse(project)), withGuarantees: true)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List projects.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Option(help: ArgumentHelp("Only projects of this employer (id or credit code).", valueName: "EMPLOYER"))
        var employer: String?
        @Option(help: ArgumentHelp("Only projects whose region code starts with this.", valueName: "CODE"))
        var region: String?

        func run() throws {
            try runReporting {
                let reference = try employer.map { e throws(WagecaseError) in try EmployerReference.parse(e) }
                let region = try region.map { r throws(WagecaseError) in try RegionPrefix.parse(r) }
                let projects = try global.open().projects(employer: reference, region: region, limit: paging.limit,
                                                          afterID: paging.after)
                if global.json { return try Printer.json(projects) }
                let label = Labels(language: global.lang)
                var table = TextTable(["ID", label("Project name"), label("General contractor"),
                                       label("Region"), label("Contract price"),
                                       label("Status")], rightAligned: [4])
                for p in projects {
                    table.add(["\(p.id)", p.name, p.employerName, p.regionCode ?? "", p.contractPrice?.yuan ?? "",
                               p.status.label(global.lang)])
                }
                table.print(emptyMessage: label("(none)"))
            }
        }
    }
}

struct ProjectView {
    let global: GlobalOptions
    let database: AppDatabase

    /// The project's own fields at the top level (scripts read `id`), plus what the rules make of it.
    struct Output: Encodable {
        var project: Project
        var duty: DepositDuty
        var guarantees: [GuaranteeDetail]?

        enum CodingKeys: String, CodingKey { case guarantees }

        func encode(to encoder: any Encoder) throws {
            try project.encode(to: encoder)
            try duty.encodeFields(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(guarantees, forKey: .guarantees)
        }
    }

    func show(_ project: Project, withGuarantees: Bool = false) throws {
        let duty = try database.requiredGuarantee(for: .id(project.id))
        let guarantees = withGuarantees ? try database.guarantees(project: .id(project.id), limit: 10_000) : nil
        if global.json {
            return try Printer.json(Output(project: project, duty: duty, guarantees: guarantees))
        }
        let yes = global.lang == .zh ? ("是", "否") : ("yes", "no")
        let label = Labels(language: global.lang)
        Printer.fields([
            ("ID", "\(project.id)"), (label("Project name"), project.name),
            (label("General contractor"), "\(project.employerName) (#\(project.employerID))"),
            (label("Location"), project.location), (label("Region"), project.regionCode),
            (label("Contract price"), project.contractPrice?.yuan),
            (label("Construction permit"), project.permitDate?.iso), (label("Contract signed"), project.contractSigned?.iso),
            (label("Start"), project.start?.iso), (label("Planned completion"), project.plannedCompletion?.iso),
            (label("Completed"), project.actualCompletion?.iso),
            (label("Status"), project.status.label(global.lang)),
            (label("Standing"), project.standing.label(global.lang)),
            (label("Standing since"), project.standingSince?.iso),
            (label("Arrears in the year before the contract"), project.priorYearArrears.map { $0 ? yes.0 : yes.1 }),
            (label("Real-name management"), project.realNameManagement ? yes.0 : yes.1),
            (label("Wage special account"), project.wageAccount ? yes.0 : yes.1),
            (label("Lowered ratio"), project.reducedRatioBasisPoints.map { "\($0) bp" }),
            (label("Exemption"), project.exemptionReason.map { "\($0)（\(project.exemptionDocument ?? "")）" }),
            (label("Required deposit"), duty.text(global.lang)),
            (label("Rule"), duty.rule.name),
        ])
        if let guarantees {
            Printer.line()
            try GuaranteeListView(global: global).table(guarantees)
        }
    }
}
