#if canImport(Glibc)
import Glibc
#endif

/// GB18030 (a superset of GBK and GB2312, what Excel on Chinese Windows writes) to UTF-8 through the system's
/// iconv, chunk by chunk: a character cut at a chunk's end waits for the next chunk.
final class Transcoder {
    private let converter: iconv_t
    private var pending: [UInt8] = []

    init?(from encoding: String) {
        let handle = iconv_open("UTF-8", encoding)
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        converter = handle!
    }

    deinit { iconv_close(converter) }

    /// UTF-8 for `input` (plus what was left over); throws the offset of a byte sequence that is not GB18030.
    func convert(_ input: [UInt8], final: Bool) -> Result<[UInt8], InvalidSequence> {
        var source = pending + input
        pending.removeAll()
        var output = [UInt8](repeating: 0, count: source.count * 2 + 16)
        var consumed = 0, produced = 0
        let outCapacity = output.count
        let status: Int = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = src.count, outLeft = outCapacity
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                consumed = src.count - inLeft
                produced = outCapacity - outLeft
                return result == -1 ? Int(errno) : 0
            }
        }
        output.removeSubrange(produced...)
        if status == EINVAL && !final {  // an incomplete character at the end: keep it for the next chunk
            pending = Array(source[consumed...])
            return .success(output)
        }
        if status != 0 { return .failure(InvalidSequence(offset: consumed)) }
        return .success(output)
    }

    struct InvalidSequence: Error { let offset: Int }
}

/// Whether bytes are UTF-8, across chunk boundaries.
struct UTF8Validator {
    private var expected = 0  // continuation bytes still expected
    private(set) var offset = 0

    /// False at the first byte that cannot be UTF-8 (`offset` is then that byte's place in the file).
    mutating func feed(_ bytes: [UInt8]) -> Bool {
        let (valid, consumed, expected) = bytes.withUnsafeBufferPointer { Self.scan($0, expected: self.expected) }
        offset += consumed
        self.expected = expected
        return valid
    }

    /// Walks `buffer`, eight bytes at a time through runs of ASCII (most of a CSV's digits, codes and commas):
    /// whether it is valid, how many bytes were valid, and the continuation bytes still expected at its end.
    private static func scan(_ buffer: UnsafeBufferPointer<UInt8>, expected: Int) -> (Bool, Int, Int) {
        var expected = expected
        var index = 0
        let count = buffer.count
        guard let base = buffer.baseAddress else { return (true, 0, expected) }
        while index < count {
            let byte = buffer[index]
            if expected > 0 {
                guard byte & 0xC0 == 0x80 else { return (false, index, expected) }
                expected -= 1
                index += 1
                continue
            }
            if byte < 0x80 {
                // An ASCII byte: the next eight too, when none of them has its high bit set.
                while index + 8 <= count,
                      UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                if index < count && buffer[index] < 0x80 { index += 1 }
                continue
            }
            switch byte {
            case 0xC2...0xDF: expected = 1
            case 0xE0...0xEF: expected = 2
            case 0xF0...0xF4: expected = 3
            default: return (false, index, expected)
            }
            index += 1
        }
        return (true, count, expected)
    }

    var isComplete: Bool { expected == 0 }
}
