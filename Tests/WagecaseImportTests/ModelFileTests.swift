import Testing
import WagecaseCore
import WagecaseImport

/// Model files: every built-in model written as YAML reads back as itself, and a bad file is refused with the
/// line and the reason.
@Suite struct ModelFileTests {
    @Test(arguments: BuiltInModels.all.map(\.id))
    func aBuiltInModelWrittenAsYAMLReadsBackTheSame(id: String) throws {
        let model = try #require(BuiltInModels.all.first { $0.id == id })
        #expect(try ModelFileReader.read(text: ModelFile.yaml(model)) == model)
    }

    @Test func anOfficesCopyWithAChangedThresholdReads() throws {
        let text = ModelFile.yaml(BuiltInModels.all[0])
            .replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(of: "run-30d", with: "run-45d")
        let model = try ModelFileReader.read(text: text)
        #expect(model.version == 2)
        #expect(model.conditions.first == .compare(.effective, .onOrBefore(.runDays(-45))))
    }

    static let base = """
        id: my-model
        version: 1
        name: {zh: 测试模型, en: Test model}
        reads: [arbitration-awards]
        where:
          - unpaid: {above: 0}
        find:
          rows:
            group-by: [employer]
        """

    @Test(arguments: [
        ("reads: [arbitration-awards]", "reads: [awards]", 4, "awards is not a dataset"),
        ("  - unpaid: {above: 0}", "  - unpaid: {after: run}", 6, "after does not apply to unpaid"),
        ("  - unpaid: {above: 0}", "  - content: {contains-any: [工资]}", 6, "content is not a field of arbitration-awards"),
        ("  - unpaid: {above: 0}", "  - effective: {before: yesterday}", 6, "yesterday is not a date"),
        ("  - unpaid: {above: 0}", "  - unpaid: {above: 0, below: 5}", 6, "needs exactly one test"),
        ("  - unpaid: {above: 0}", "  - status: {in: [已结清]}", 6, "已结清 is not a status"),
        ("id: my-model", "id: My Model", 1, "id My Model is not"),
        ("version: 1", "version: 0", 2, "version must be a whole number"),
        ("    group-by: [employer]", "    group-by: [city]", 9, "city is not one of employer"),
        ("find:", "finds:", 7, "finds is not a key here"),
        ("id: my-model", "id: [a, b]", 1, "expected a single value"),
    ] as [(String, String, Int, String)])
    func aBadModelFileIsRefusedWithItsLineAndReason(from: String, to: String, line: Int, reason: String) {
        let text = Self.base.replacingOccurrences(of: from, with: to)
        do {
            _ = try ModelFileReader.read(text: text)
            Issue.record("accepted: \(to)")
        } catch let error as ModelFileError {
            #expect(error.line == line, "\(error)")
            #expect(error.message(.en).contains(reason), "\(error)")
            #expect(error.message(.zh).hasPrefix("模型文件第\(line)行"), "\(error.message(.zh))")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func notYAMLAndAnAliasBombAreRefusedNotRun() {
        #expect(throws: ModelFileError.self) { try ModelFileReader.read(text: "id: [unclosed") }
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { bomb += "\(Character(UnicodeScalar(97 + level)!)): &\(Character(UnicodeScalar(97 + level)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + level)!))", count: 10).joined(separator: ", ") + "]\n" }
        #expect(throws: ModelFileError.self) { try ModelFileReader.read(text: bomb) }
        #expect(throws: ModelFileError.self) { try ModelFileReader.read(text: "") }
    }
}
