import ArgumentParser
import Testing
@testable import wagecase

/// Every command names itself. Without a name the argument parser derives one from the type's name with
/// `String(describing:)`, a dynamic cast that scans the binary's protocol conformances — once per command, every
/// run, about a quarter of a `stats` run's time before it had read anything.
@Suite struct CommandNameTests {
    @Test func everyCommandHasAnExplicitNameEqualToTheDerivedOne() {
        var visited = 0
        func walk(_ command: ParsableCommand.Type, path: String) {
            visited += 1
            let explicit = command.configuration.commandName
            #expect(explicit != nil, "\(path) has no commandName")
            // The name is the one the parser would derive, so the command line is unchanged.
            if let explicit, command != Wagecase.self {
                let typeName = String(describing: command)
                let derived = Self.derivedName(typeName)
                #expect(explicit == derived || Self.namedApart.contains(typeName), "\(path): \(explicit) vs \(derived)")
            }
            for sub in command.configuration.subcommands {
                walk(sub, path: path + " " + (sub.configuration.commandName ?? "?"))
            }
        }
        walk(Wagecase.self, path: "wagecase")
        #expect(visited > 100)
    }

    /// Types whose command is named apart from the type (a group named `…Command` to stay clear of a keyword or a
    /// record type, and a few clashes).
    static let namedApart: Set<String> = [
        "AttachmentCommand", "CalendarCommand", "CaseCommand", "ClueCommand", "DatasetCommand", "DocumentCommand",
        "EmployerCommand", "GuaranteeCommand", "ImportCommand", "MeetingCommand", "ModelCommand", "ProjectCommand",
        "RecoveryCommand", "ReferralCommand", "ReportCommand", "RulesCommand", "SettingCommand", "SuggestionCommand",
        "TaskCommand", "UnitCommand", "UserCommand", "WorkerCommand", "MakeClue", "UnitOfUser", "Change",
    ]

    /// The parser's rule (swift-argument-parser `convertedToSnakeCase(separator: "-")`).
    static func derivedName(_ typeName: String) -> String {
        var result = ""
        var separateOnUppercase = true
        let characters = Array(typeName)
        for (index, character) in characters.enumerated() {
            if character.isUppercase {
                if separateOnUppercase && !result.isEmpty { result += "-" }
                separateOnUppercase = index + 2 < characters.count && characters[index + 1].isUppercase
                    && characters[index + 2].isLowercase
            } else {
                separateOnUppercase = character != "-"
            }
            result += character.lowercased()
        }
        return result
    }
}
