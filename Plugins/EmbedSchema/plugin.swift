// Embeds the package's root schema.sql into the target as the constant `embeddedSchemaSQL`,
// so the binary applies exactly the file that is reviewed in the repository.
import Foundation
import PackagePlugin

@main
struct EmbedSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "schema.sql")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        return [
            .buildCommand(
                displayName: "Embedding schema.sql",
                executable: try context.tool(named: "EmbedText").url,
                arguments: [input.path, output.path, "embeddedSchemaSQL"],
                inputFiles: [input],
                outputFiles: [output]
            ),
        ]
    }
}
