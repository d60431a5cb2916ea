import Foundation
import Testing
@testable import WagecaseCore

@Suite("The zh/en catalogue")
struct CatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func everyPhraseTheSourcesWriteHasItsChinese() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("scripts/catalogue-check.py").path,
                             "--root", Self.root.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test func everyTranslationKeepsItsValues() {
        for (key, chinese) in Catalogue.zh {
            let values = Self.placeholders(key)
            let positional = chinese.matches(of: /%(\d+)\$@/).map { Int($0.1) ?? 0 }
            if positional.isEmpty {
                #expect(Self.placeholders(chinese) == values, "\(key) → \(chinese)")
            } else {
                #expect(Set(positional) == Set(1...max(values, 1)) && values > 0, "\(key) → \(chinese)")
            }
            // English in the Chinese only where the English has it too: a flag, a format, an identifier typed.
            for word in chinese.matches(of: /[A-Za-z]{3,}/) {
                #expect(key.contains(word.0), "English left in the Chinese of \(key): \(chinese)")
            }
        }
    }

    static func placeholders(_ text: String) -> Int {
        text.replacingOccurrences(of: "%%", with: "").components(separatedBy: "%@").count - 1
    }

    @Test func valuesAreSetInOrderOrByPosition() {
        #expect(Phrase.fill("%@ and %@", with: ["a", "b"]) == "a and b")
        #expect(Phrase.fill("%2$@ before %1$@", with: ["a", "b"]) == "b before a")
        #expect(Phrase.fill("100%% of %@", with: ["x"]) == "100% of x")
        #expect(Phrase.fill("%@ %@", with: ["only"]) == "only ")  // a missing value is left out, never a trap
        #expect(Phrase.fill("50%", with: []) == "50%")
    }

    @Test func aVocabularyValueReadsAsItsLabel() {
        let phrase: Phrase = "record \(GuaranteeEventKind.drawn)"
        #expect(phrase.key == "record %@")
        #expect(phrase.text(.en) == "record \(GuaranteeEventKind.drawn.en)")
        #expect(phrase.text(.zh) == "记录\(GuaranteeEventKind.drawn.zh)")
        #expect(!phrase.text(.zh).contains("drawn"))
    }

    @Test func aRefusalReadsInChineseWithItsFieldNamedInChinese() {
        let error = WagecaseError.dateOutOfOrder(field: "received", value: LocalDate(year: 2027, month: 5, day: 1)!,
                                                 reason: "is in the future (today is \(LocalDate(year: 2026, month: 11, day: 26)!))")
        #expect(error.message(.zh) == "收到日期 2027-05-01 晚于今天（2026-11-26）")
        #expect(error.message(.en) == "received: 2027-05-01 is in the future (today is 2026-11-26)")
        #expect(error.code == "field.date_out_of_order" && error.isTranslated)
        let duplicate = WagecaseError.duplicate(entity: "clue for the same employer, project and worker(s)", key: "",
                                                existingID: 3, hint: "")
        #expect(duplicate.code == "clue.duplicate")
        #expect(WagecaseError.invalidState(entity: "holiday schedule", key: "2027", state: "", action: "", allowed: "")
            .code == "holiday_schedule.state_not_allowed")
    }
}

@Suite("Words of the audit log")
struct AuditWordsTests {
    @Test func everyTableOfTheSchemaAndEveryActionReadsInChinese() throws {
        let schema = try String(contentsOf: CatalogueTests.root.appendingPathComponent("schema.sql"), encoding: .utf8)
        // A table rebuilt by a migration is made under a passing name and renamed: only the final name counts.
        let passing = Set(schema.matches(of: /ALTER TABLE ([a-z_0-9]+) RENAME TO/).map { String($0.1) })
        let tables = Set(schema.matches(of: /CREATE TABLE (?:IF NOT EXISTS )?([a-z_0-9]+)/).map { String($0.1) })
            .subtracting(passing)
        #expect(!tables.isEmpty)
        for table in tables {
            #expect(AuditWords.table(table, .zh) != table, "\(table) has no Chinese name")
            #expect(AuditWords.table(table, .en) == table)
        }
        for action in ["insert", "update", "delete", "reveal"] {
            #expect(AuditWords.action(action, .zh) != action)
        }
    }
}
