import Foundation
import Testing

/// The layers stay visible: only the SQLite store touches GRDB; the service, the import and the reports talk to
/// the store interface, never to its SQLite implementation; the store interface knows nothing of SQL.
@Suite("Module boundaries")
struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    static func imports(of module: String) throws -> Set<String> {
        let folder = sources.appendingPathComponent(module)
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found = Set<String>()
        for case let file as URL in files where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                if let index = words.firstIndex(of: "import"), index + 1 < words.count,
                   words[..<index].allSatisfy({ $0.hasPrefix("@") }) {
                    found.insert(String(words[index + 1]))
                }
            }
        }
        return found
    }

    @Test(arguments: ["WagecaseCore", "WagecaseStore", "WagecaseServer", "WagecaseImport", "WagecaseReports"])
    func aModuleAboveTheStoreImportsNoDatabaseDriver(module: String) throws {
        let imports = try Self.imports(of: module)
        #expect(!imports.isEmpty, "no sources read for \(module)")
        for forbidden in ["GRDB", "GRDBSQLite", "SQLite3", "WagecaseSQLite", "PostgresNIO"] {
            #expect(!imports.contains(forbidden), "\(module) imports \(forbidden)")
        }
    }

    @Test func theSQLiteStoreIsWhereGRDBIs() throws {
        #expect(try Self.imports(of: "WagecaseSQLite").contains("GRDB"))
        #expect(try !Self.imports(of: "wagecase").contains("GRDB"))
    }

    @Test func thePostgresStoreIsWherePostgresNIOIs() throws {
        #expect(try Self.imports(of: "WagecasePostgres").contains("PostgresNIO"))
        #expect(try !Self.imports(of: "WagecasePostgres").contains("GRDB"))
        #expect(try !Self.imports(of: "WagecaseSQLite").contains("PostgresNIO"))
        #expect(try !Self.imports(of: "wagecase").contains("PostgresNIO"))
    }

    @Test func theServerHasNoThreadsOfItsOwn() throws {
        // Blocking work leaves the cooperative pool in one place (BlockingWork in the SQLite store).
        #expect(try !Self.imports(of: "WagecaseServer").contains("Dispatch"))
        #expect(try !Self.imports(of: "WagecaseStore").contains("Dispatch"))
    }
}
