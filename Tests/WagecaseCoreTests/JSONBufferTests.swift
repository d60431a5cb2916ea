import Foundation
import Testing
@testable import WagecaseCore

@Suite("Hand-written JSON")
struct JSONBufferTests {
    static func sample(caseNumber: String?, series: String?, name: String) -> WageCase {
        WageCase(id: 12, caseNumber: caseNumber, clueID: 3, workerID: 4, workerName: name,
                 workerIDNumber: "110105********002X", employerID: 5, employerName: "甲公司 \"引号\" \\ /",
                 seriesID: series == nil ? nil : 6, seriesName: series, claimed: Fen(3_800_000), recovered: Fen(0),
                 stage: .supportDecided, stageDate: LocalDate(year: 2024, month: 3, day: 1)!,
                 opened: LocalDate(year: 2024, month: 2, day: 1)!, createdAt: "2026-11-25T10:00:00+08:00")
    }

    @Test("writes exactly what JSONEncoder writes", arguments: [
        sample(caseNumber: "平检民支〔2024〕1号", series: "班组系列案", name: "张三"),
        sample(caseNumber: nil, series: nil, name: "line\nbreak\ttab\u{1}"),
    ])
    func matchesJSONEncoder(wageCase: WageCase) throws {
        var json = JSONBuffer()
        json.beginArray()
        wageCase.write(to: &json)
        wageCase.write(to: &json)
        json.endArray()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode([wageCase, wageCase])
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("clues too", arguments: [nil, "项目 \"甲\""] as [String?])
    func cluesMatchJSONEncoder(project: String?) throws {
        let clue = Clue(id: 7, source: .hotline12345, received: LocalDate(year: 2025, month: 6, day: 1)!, employerID: 2,
                        employerName: "乙公司", projectID: project == nil ? nil : 3, projectName: project,
                        summary: project == nil ? nil : "line\nnext", status: .rejected, statusReason: "不属实",
                        createdAt: "2026-11-25T10:00:00+08:00",
                        workers: [ClueWorker(workerID: 1, name: "张三", idNumber: "110105********002X", claimed: Fen(5))],
                        channels: [ClueChannel(source: .petition, received: LocalDate(year: 2025, month: 5, day: 1)!)])
        var json = JSONBuffer()
        clue.write(to: &json)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: try encoder.encode(clue), as: UTF8.self))
    }
}
