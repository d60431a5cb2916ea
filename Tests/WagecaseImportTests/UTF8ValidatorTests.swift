import PropertyBased
import Testing
@testable import WagecaseImport

/// The encoding check reads ASCII eight bytes at a time; chunk by chunk, on any bytes, it must answer as the
/// byte-by-byte rule: valid or not, where the first bad byte is, and whether a character is left open.
@Suite("UTF-8 check")
struct UTF8ValidatorTests {
    /// The byte-by-byte rule.
    struct Reference {
        var expected = 0
        var offset = 0

        mutating func feed(_ bytes: [UInt8]) -> Bool {
            for byte in bytes {
                if expected > 0 {
                    guard byte & 0xC0 == 0x80 else { return false }
                    expected -= 1
                } else if byte >= 0x80 {
                    switch byte {
                    case 0xC2...0xDF: expected = 1
                    case 0xE0...0xEF: expected = 2
                    case 0xF0...0xF4: expected = 3
                    default: return false
                    }
                }
                offset += 1
            }
            return true
        }
    }

    static let pieces: [[UInt8]] = [Array("a".utf8), Array("0123456789".utf8), Array(",\r\n".utf8), Array("张三".utf8),
                                    Array("𠀀".utf8), Array("é".utf8), [0x80], [0xBF], [0xC0], [0xC2], [0xE4], [0xE4, 0xB8],
                                    [0xF0, 0x9F], [0xFF], Array("甘肃省白银市平川区,13912345678".utf8)]

    @Test func agreesWithTheByteByByteRuleOnAnyChunks() async {
        await propertyCheck(count: 3_000, input: Gen.int(in: 0..<Self.pieces.count).array(of: 0...40),
                            Gen.int(in: 1...13)) { picks, chunk in
            let bytes = picks.flatMap { Self.pieces[$0] }
            var fast = UTF8Validator()
            var slow = Reference()
            var (fastValid, slowValid) = (true, true)
            for start in stride(from: 0, to: bytes.count, by: chunk) {
                let part = Array(bytes[start..<min(start + chunk, bytes.count)])
                if fastValid { fastValid = fast.feed(part) }
                if slowValid { slowValid = slow.feed(part) }
            }
            #expect(fastValid == slowValid, "\(bytes)")
            #expect(fast.offset == slow.offset, "\(bytes)")
            if fastValid { #expect(fast.isComplete == (slow.expected == 0), "\(bytes)") }
        }
    }
}
