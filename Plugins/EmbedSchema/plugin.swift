// Embeds the package's root schema.sql (as `embeddedSchemaSQL`; schema.postgres.sql as `embeddedPostgresSchemaSQL`
// for the PostgreSQL store) and the official holiday schedules in
// Data/holidays (as `embeddedHolidaySchedules`) into the store, and openapi.yaml (as `embeddedOpenAPI`) into the
// server with the web pages' templates and static files, so the binary uses exactly the reviewed files without
// reading any at run time.
import Foundation
import PackagePlugin

@main
struct EmbedSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "EmbedText").url
        if target.name == "WagecaseServer" {
            // The server serves the API contract that is reviewed (and tested) in the repository.
            let spec = context.package.directoryURL.appending(path: "openapi.yaml")
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedOpenAPI.swift")
            // The web pages' templates and static files (Web/templates, Web/assets), by file name.
            var commands: [Command] = [.buildCommand(displayName: "Embedding openapi.yaml", executable: tool,
                                  arguments: [output.path, "embeddedOpenAPI", "string", spec.path],
                                  inputFiles: [spec], outputFiles: [output])]
            for (folder, name) in [("templates", "embeddedWebTemplates"), ("assets", "embeddedWebAssets")] {
                let directory = context.package.directoryURL.appending(path: "Web/\(folder)")
                let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                    .filter { !$0.hasPrefix(".") }.sorted().map { directory.appending(path: $0) }
                let out = context.pluginWorkDirectoryURL.appending(path: "EmbeddedWeb\(folder.capitalized).swift")
                commands.append(.buildCommand(displayName: "Embedding Web/\(folder)", executable: tool,
                                              arguments: [out.path, name, "dictionary"] + files.map(\.path),
                                              inputFiles: files, outputFiles: [out]))
            }
            return commands
        }
        // The PostgreSQL store embeds its own schema file, beside schema.sql.
        let schemaFile = target.name == "WagecasePostgres" ? "schema.postgres.sql" : "schema.sql"
        let schemaConstant = target.name == "WagecasePostgres" ? "embeddedPostgresSchemaSQL" : "embeddedSchemaSQL"
        let schema = context.package.directoryURL.appending(path: schemaFile)
        let schemaOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        let holidaysFolder = context.package.directoryURL.appending(path: "Data/holidays")
        let holidays = try FileManager.default.contentsOfDirectory(atPath: holidaysFolder.path)
            .filter { $0.range(of: #"^[0-9]{4}\.json$"#, options: .regularExpression) != nil }
            .sorted()
            .map { holidaysFolder.appending(path: $0) }
        let holidaysOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedHolidays.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(schemaFile)", executable: tool,
                arguments: [schemaOutput.path, schemaConstant, "string", schema.path],
                inputFiles: [schema], outputFiles: [schemaOutput]),
            .buildCommand(
                displayName: "Embedding holiday schedules", executable: tool,
                arguments: [holidaysOutput.path, "embeddedHolidaySchedules", "array"] + holidays.map(\.path),
                inputFiles: holidays, outputFiles: [holidaysOutput]),
        ]
    }
}
