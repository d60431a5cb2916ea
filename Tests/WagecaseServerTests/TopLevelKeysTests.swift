import Foundation
import Testing
import WagecaseTestSupport
@testable import WagecaseServer

/// The field names read from a body's text are the names JSON parsing finds, whatever the values hold.
@Suite struct TopLevelKeysTests {
    static let names = ["source", "received", "employer", "workers", "summary", "x", "中文", "a b", "{", "\"q\"", "a\\b", ""]

    static func value(_ random: inout SplitMix, depth: Int) -> Any {
        switch random.next() % (depth > 2 ? 4 : 6) {
        case 0: return Int(random.next() % 1000) - 500
        case 1: return ["", "plain", "with \"quotes\" and \\ and }{][,:", "多字节，字符", "\u{1}"][Int(random.next() % 5)]
        case 2: return random.next() % 2 == 0
        case 3: return NSNull()
        case 4: return (0..<Int(random.next() % 4)).map { _ in value(&random, depth: depth + 1) }
        default: return object(&random, depth: depth + 1)
        }
    }

    static func object(_ random: inout SplitMix, depth: Int) -> [String: Any] {
        var object: [String: Any] = [:]
        for _ in 0..<Int(random.next() % 5) {
            object[names[Int(random.next() % UInt64(names.count))]] = value(&random, depth: depth)
        }
        return object
    }

    @Test func theNamesAreTheParsersNames() throws {
        var random = SplitMix(state: 2026)
        let allowed: Set<String> = ["source", "received", "employer", "workers", "summary"]
        var unknownSeen = 0, escapedSeen = 0
        for _ in 0..<2_000 {
            let object = Self.object(&random, depth: 0)
            var text = try JSONSerialization.data(withJSONObject: object, options: random.next() % 2 == 0 ? [.prettyPrinted] : [])
            if random.next() % 4 == 0 { text = Data(" \n".utf8) + text + Data("\t ".utf8) }
            let finding = text.withUnsafeBytes { TopLevelKeys.check($0, allowed: allowed) }
            let unknown = object.keys.filter { !allowed.contains($0) }.sorted().first
            if object.keys.contains(where: { $0.contains("\"") || $0.contains("\\") }) {
                // Such names are written escaped: the text alone cannot tell them.
                #expect(finding == .cannotTell, "\(object.keys)")
                escapedSeen += 1
            } else {
                #expect(finding == (unknown.map(TopLevelKeys.Finding.unknown) ?? .allAllowed),
                        "\(String(decoding: text, as: UTF8.self))")
                if unknown != nil { unknownSeen += 1 }
            }
        }
        #expect(unknownSeen > 200 && escapedSeen > 200)
    }

    @Test func bodiesTheTextAloneCannotTellAreLeftToTheDecoder() throws {
        let allowed: Set<String> = ["name"]
        func check(_ bytes: [UInt8]) -> TopLevelKeys.Finding {
            bytes.withUnsafeBytes { TopLevelKeys.check($0, allowed: allowed) }
        }
        let object = #"{"name":"x","other":1}"#
        #expect(check(Array(object.utf8)) == .unknown("other"))
        // JSONDecoder reads these too; their bytes are not UTF-8 names.
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf16, .utf32LittleEndian, .utf32] {
            let bytes = Array(try #require(object.data(using: encoding)))
            #expect(check(bytes) == .cannotTell, "\(encoding)")
        }
        #expect(check([0xEF, 0xBB, 0xBF] + Array(object.utf8)) == .cannotTell, "a byte-order mark")
        // An escaped plain letter names "name" to a parser: not told from the text.
        #expect(check(Array(#"{"n\u0061me":"x"}"#.utf8)) == .cannotTell)
        // A name given twice is one name; a value that looks like a name is not one.
        #expect(check(Array(#"{"name":"other","name":{"other":["other"]}}"#.utf8)) == .allAllowed)
        #expect(check(Array(" \n\t{ \"other\" : 1 , \"name\":2}\r\n".utf8)) == .unknown("other"))
    }
}
