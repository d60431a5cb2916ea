import Foundation
import Testing

extension CLI {
    /// A CLI on the demo dataset (`wagecase sample`), whose dates are fixed.
    static func sample() throws -> CLI {
        let cli = try CLI()
        let loaded = try cli.run(["sample"])
        guard loaded.status == 0 else { throw CLIFailure(result: loaded) }
        return cli
    }
}

/// Golden files: what a command prints, byte for byte as reviewed (Tests/WagecaseCLITests/Golden).
/// WAGECASE_UPDATE_GOLDEN=1 rewrites the file (then read the diff before committing it); such a run compares
/// nothing, so it fails, and CI (.ci/run) refuses to start with the switch set.
enum Golden {
    static let folder = CLI.packageRoot.appendingPathComponent("Tests/WagecaseCLITests/Golden")

    static func expect(_ output: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["WAGECASE_UPDATE_GOLDEN"] == "1" {
            try Data(output.utf8).write(to: file)
            Issue.record("""
                WAGECASE_UPDATE_GOLDEN=1: \(name) was rewritten, not compared; review `git diff -- \(file.path)` \
                and run the tests again without the switch
                """, sourceLocation: sourceLocation)
        }
        // Bytes, not String(contentsOf:), which would drop a CSV's byte-order mark.
        let expected = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(output == expected, "\(name) differs from its golden file; rerun with WAGECASE_UPDATE_GOLDEN=1 to see",
                sourceLocation: sourceLocation)
    }
}
