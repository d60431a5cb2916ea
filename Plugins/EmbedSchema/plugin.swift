// Embeds the package's root schema.sql (as `embeddedSchemaSQL`) and the official holiday schedules in
// Data/holidays (as `embeddedHolidaySchedules`) into the target, so the binary applies exactly the reviewed
// schema and knows the published working-day calendar without reading files at run time.
import Foundation
import PackagePlugin

@main
struct EmbedSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "EmbedText").url
        let schema = context.package.directoryURL.appending(path: "schema.sql")
        let schemaOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        let holidaysFolder = context.package.directoryURL.appending(path: "Data/holidays")
        let holidays = try FileManager.default.contentsOfDirectory(atPath: holidaysFolder.path)
            .filter { $0.range(of: #"^[0-9]{4}\.json$"#, options: .regularExpression) != nil }
            .sorted()
            .map { holidaysFolder.appending(path: $0) }
        let holidaysOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedHolidays.swift")
        return [
            .buildCommand(
                displayName: "Embedding schema.sql", executable: tool,
                arguments: [schemaOutput.path, "embeddedSchemaSQL", "string", schema.path],
                inputFiles: [schema], outputFiles: [schemaOutput]),
            .buildCommand(
                displayName: "Embedding holiday schedules", executable: tool,
                arguments: [holidaysOutput.path, "embeddedHolidaySchedules", "array"] + holidays.map(\.path),
                inputFiles: holidays, outputFiles: [holidaysOutput]),
        ]
    }
}
