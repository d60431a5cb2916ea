import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct SettingCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "setting", abstract: "Office settings, e.g. suggestion_reply_months.",
            subcommands: [List.self, Set.self])
    }
}

extension Wagecase.SettingCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Print every setting and its value.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let values = try global.open().settings()
                if global.json {
                    return try Printer.json(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
                }
                for setting in Setting.allCases { Printer.line("\(setting.rawValue) = \(values[setting] ?? "")") }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a setting (audited).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("One of: \(Setting.allCases.map(\.rawValue).joined(separator: ", ")).",
                                     valueName: "KEY"))
        var key: String
        @Argument(help: "The new value.") var value: String

        func run() throws {
            try runReporting {
                let stored = try global.open().setSetting(try Setting.parse(key), to: value, actor: global.actorName)
                Printer.line("\(key) = \(stored)")
            }
        }
    }
}
