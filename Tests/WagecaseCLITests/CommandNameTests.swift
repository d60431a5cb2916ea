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
                let derived = Self.derivedName(String(describing: command))
                #expect(explicit == derived || Self.namedApart.contains(path), "\(path): \(explicit) vs \(derived)")
            }
            for sub in command.configuration.subcommands {
                walk(sub, path: path + " " + (sub.configuration.commandName ?? "?"))
            }
        }
        walk(Wagecase.self, path: "wagecase")
        #expect(visited > 100)
    }

    /// Commands named apart from their type (a group's type is `…Command`, clear of a keyword or a record type;
    /// a few clash with a sibling's type), by path: the exemption covers that command alone.
    static let namedApart: Set<String> = [
        "calendar", "case", "case recovery", "case attachment", "clue", "dataset", "document", "employer",
        "guarantee", "import", "meeting", "model", "project", "referral", "referral clue", "report", "rules",
        "setting", "suggestion", "task", "unit", "unit set", "user", "user unit", "worker",
    ].reduce(into: Set<String>()) { $0.insert("wagecase " + $1) }

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
