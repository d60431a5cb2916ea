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
}
