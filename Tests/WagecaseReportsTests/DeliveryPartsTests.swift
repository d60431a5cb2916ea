import Foundation
import Testing
import WagecaseCore
@testable import WagecaseReports

@Suite("Report parts")
struct DeliveryPartsTests {
    /// However long the blocks and lines, every message fits the robot and the text comes back whole, in order.
    @Test(arguments: [ChatRobot.Kind.wecom, .dingtalk])
    func splittingLosesNothingAndFitsTheLimit(_ kind: ChatRobot.Kind) throws {
        let robot = try ChatRobot(kind: kind, url: "https://example.org/robot?key=k")
        let longLine = String(repeating: "欠薪线索", count: 3000)  // one line of 36,000 bytes
        let blocks = ["# 标题\n\n摘要", longLine, (1...400).map { "- 第\($0)项：兴平路安置小区二期" }.joined(separator: "\n"), "尾"]
        let messages = robot.messages(title: "周汇报", blocks: blocks)
        #expect(messages.count > 1)
        #expect(messages.allSatisfy { $0.utf8.count <= kind.limit })
        let heading = try Regex(#"^\*\*周汇报（\d+/\d+）\*\*\n\n"#)
        let bodies = messages.enumerated().map { $0.offset == 0 ? $0.element : $0.element.replacing(heading, with: "") }
        let strip: (String) -> String = { $0.filter { !$0.isWhitespace } }
        #expect(strip(bodies.joined()) == strip(blocks.joined()))
    }

    @Test func dingTalkSignatureMatchesTheDocumentedRecipe() {
        // HMAC-SHA256(key: secret, "timestamp\nsecret"), base64 — computed independently with Python's hmac.
        #expect(ChatRobot.signature(timestamp: "1700000000000", secret: "SECabc")
                == "jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM=")
    }

    @Test func csvFieldsAreQuotedAndFormulasDefused() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVText.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVText.field("-1200.00") == "-1200.00")
        #expect(CSVText.field("-cmd") == "'-cmd")
        #expect(CSVDigest.plainYuan(-123_456) == "-1234.56" && CSVDigest.plainYuan(5) == "0.05")
    }

    @Test func subjectWordsDecodeBackAndStayShort() {
        let subject = "月小结（2026年11月）— 工资保证金与支持起诉案件汇总"
        let encoded = MailMessage.encodedWords(subject)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        let decoded = words.map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }
        #expect(decoded.joined() == subject)
        #expect(MailMessage.encodedWords("Weekly digest") == "Weekly digest")
    }
}
