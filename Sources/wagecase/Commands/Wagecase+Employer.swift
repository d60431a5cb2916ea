import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension EmployerKind: ExpressibleByArgument {}

extension Wagecase {
    struct EmployerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "employer", abstract: "Employers: one record per unified social credit code.",
            subcommands: [Add.self, Update.self, List.self, Show.self])
    }
}

extension Wagecase.EmployerCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record an employer.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Registered name.") var name: String
        @Option(name: .customLong("credit-code"), help: "Unified social credit code (18 characters).")
        var creditCode: String
        @Option(help: ArgumentHelp("One of: \(EmployerKind.identifiers).", valueName: "KIND"))
        var kind: String = EmployerKind.other.rawValue
        @Option(name: .customLong("override-reason"),
                help: "Record a credit code whose check character fails, saying why (audited).")
        var overrideReason: String?

        func run() throws {
            try runReporting {
                let input = try NewEmployer.parse(name: name, creditCode: creditCode, kind: kind,
                                                  overrideReason: overrideReason)
                let employer = try global.open().addEmployer(input, actor: global.actorName)
                try EmployerView(global: global).show(employer)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Correct an employer's record, saying why (audited before and after).",
            discussion: "A corrected credit code is checked again; a fault in its check character needs --override-reason.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Employer id or credit code.") var employer: String
        @Option(help: "Registered name.") var name: String?
        @Option(name: .customLong("credit-code"), help: "Unified social credit code (18 characters).")
        var creditCode: String?
        @Option(help: ArgumentHelp("One of: \(EmployerKind.identifiers).", valueName: "KIND")) var kind: String?
        @Option(name: .customLong("override-reason"),
                help: "Record a credit code whose check character fails, saying why (audited).")
        var overrideReason: String?
        @Option(help: "Why the record is corrected (required; kept in the audit log).") var reason: String?

        func run() throws {
            try runReporting {
                let changes = try EmployerChanges.parse(name: name, creditCode: creditCode, kind: kind,
                                                        overrideReason: overrideReason, reason: reason)
                let updated = try global.open().updateEmployer(try EmployerReference.parse(employer), changes,
                                                               actor: global.actorName)
                try EmployerView(global: global).show(updated)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List employers.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Option(help: "Only names containing this text.") var name: String?

        func run() throws {
            try runReporting {
                let employers = try global.open().employers(nameContains: name, limit: paging.limit,
                                                            afterID: paging.after)
                if global.json { return try Printer.json(employers) }
                let label = Labels(language: global.lang)
                var table = TextTable(["ID", label("Employer name"), label("Credit code"),
                                       label("Employer kind")])
                for e in employers { table.add(["\(e.id)", e.name, e.creditCode, e.kind.label(global.lang)]) }
                table.print(emptyMessage: label("(none)"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one employer by id or credit code.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Employer id or credit code.") var employer: String

        func run() throws {
            try runReporting {
                let employer = try global.open().employer(try EmployerReference.parse(employer))
                try EmployerView(global: global).show(employer)
            }
        }
    }
}

struct EmployerView {
    let global: GlobalOptions

    func show(_ employer: Employer) throws {
        if global.json { return try Printer.json(employer) }
        let label = Labels(language: global.lang)
        Printer.fields([
            ("ID", "\(employer.id)"), (label("Employer name"), employer.name),
            (label("Credit code"), employer.creditCode),
            (label("Check override"), employer.creditCodeOverrideReason),
            (label("Employer kind"), employer.kind.label(global.lang)),
            (label("Created"), employer.createdAt),
        ])
    }
}
