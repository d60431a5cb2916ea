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

    static let alerts: [Alert] = [
        Alert(code: .projectFactsMissing, severity: .warning, regionCode: nil, projectID: 3, projectName: "项目 \"甲\" / 乙",
              guaranteeID: nil, suggestionID: nil, caseIDs: [], due: nil, daysLeft: nil,
              detail: "line\nbreak\ttab\u{1}\\", detailEn: "", provisional: false),
        Alert(code: .arrearsDepositUnused, severity: .critical, regionCode: "620402", projectID: 9, projectName: "项目",
              guaranteeID: nil, suggestionID: nil, caseIDs: [1, 200_001, Int64.max], due: nil, daysLeft: nil,
              detail: "15件欠薪案件未结", detailEn: "15 open", provisional: false),
        Alert(code: .replenishOverdue, severity: .critical, regionCode: "110105", projectID: 20, projectName: "示例项目20",
              guaranteeID: 50_020, suggestionID: nil, caseIDs: [], due: LocalDate(year: 2021, month: 1, day: 21)!,
              daysLeft: -2137, detail: "2021-01-07动用后尚有40,000.00元未在10个工作日内补足",
              detailEn: "¥40,000.00 drawn", provisional: true),
        Alert(code: .referralReplyOverdue, severity: .high, regionCode: nil, projectID: nil, projectName: nil,
              guaranteeID: nil, suggestionID: 4, caseIDs: [7], due: LocalDate(year: 2026, month: 10, day: 1)!,
              daysLeft: 0, detail: "移送", detailEn: "referral", provisional: false, referralID: 5, taskID: 6,
              unitID: 8, unitName: "人社局"),
    ]

    @Test("alerts as JSONEncoder writes them, compact and pretty-printed at any depth", arguments: alerts)
    func alertsMatchJSONEncoder(alert: Alert) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var compact = JSONBuffer()
        alert.write(to: &compact)
        #expect(String(decoding: compact.bytes, as: UTF8.self) == String(decoding: try encoder.encode(alert), as: UTF8.self))
        encoder.outputFormatting.insert(.prettyPrinted)
        var pretty = JSONBuffer(prettyPrintedAtDepth: 0)
        pretty.beginArray()
        alert.write(to: &pretty)
        alert.write(to: &pretty)
        pretty.beginArray()
        pretty.endArray()
        pretty.endArray()
        #expect(String(decoding: pretty.bytes, as: UTF8.self)
                == String(decoding: try encoder.encode(AnyEncodableList(alert: alert)), as: UTF8.self))
    }

    /// `[alert, alert, []]`, as the encoder sees it.
    struct AnyEncodableList: Encodable {
        let alert: Alert
        func encode(to encoder: any Encoder) throws {
            var list = encoder.unkeyedContainer()
            try list.encode(alert)
            try list.encode(alert)
            try list.encode([Int]())
        }
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
