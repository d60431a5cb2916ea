import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct RulesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules", abstract: "Jurisdiction rules for the required deposit and the time limits.",
            subcommands: [List.self, Load.self])
    }
}

extension Wagecase.RulesCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the rules, national first.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let rules = try global.open().guaranteeRules()
                if global.json { return try Printer.json(rules) }
                let label = Labels(language: global.lang)
                var table = TextTable([label("Region"), label("From"), label("Ratio"),
                                       label("Cap"), label("Floor"), label("Exempt below"),
                                       label("Remind (mo)"), label("Replenish (wd)"),
                                       label("Rule name")], rightAligned: [2, 3, 4, 5, 6, 7])
                for r in rules {
                    table.add([r.region.isEmpty ? label("national") : r.region, r.effectiveFrom.iso,
                               "\(Double(r.ratioBasisPoints) / 100)%", r.cap?.yuan ?? "—", r.floor?.yuan ?? "—",
                               r.exemptBelow?.yuan ?? "—", "\(r.reminderMonths)", "\(r.replenishWorkingDays)", r.name])
                }
                table.print(emptyMessage: "")
            }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "Load a rule file (JSON); a different rule for the same region and date needs --replace --reason.",
            discussion: """
                Format: {"rules": [{"region": "62", "effective_from": "2022-01-01", "name": "…", "ratio_bp": 200, \
                "cap_fen": 500000000, "floor_fen": null, "exempt_below_fen": 300000000, "reminder_months": 1, \
                "replenish_working_days": 10, …}]}. Amounts are fen; omitted limits take the national defaults. \
                contrib/rules/example-province.json is an example. Unknown keys are refused. Loading the same rule \
                again changes nothing.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The rule file.") var file: String
        @OptionGroup var replacement: ReplaceOptions

        func run() throws {
            try runReporting {
                let data = try ConfigurationFile.read(file)
                let rules = try global.open().loadGuaranteeRules(data, replaceReason: try replacement.replaceReason(),
                                                                 actor: global.actorName)
                if global.json { return try Printer.json(rules) }
                Printer.line(Labels(language: global.lang)("loaded; \(rules.count) rules in force"))
            }
        }
    }
}
