/// The names of a JSON object's own fields, read from its text without decoding it, for a body JSONDecoder has
/// already accepted (so the text is valid JSON and an object). Asking the decoder for them instead builds a second
/// container of every field and copies each name: a tenth of a clue intake's time in the service.
enum TopLevelKeys {
    enum Finding: Equatable {
        /// Every name is allowed.
        case allAllowed
        /// The first name not allowed, in sorted order.
        case unknown(String)
        /// A name written with an escape, or a body not written as UTF-8 starting with `{` (JSONDecoder also reads
        /// UTF-16 and UTF-32, and a byte-order mark): the caller asks the decoder.
        case cannotTell
    }

    static func check(_ json: UnsafeRawBufferPointer, allowed: Set<String>) -> Finding {
        let firstMark = json.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }  // JSON's blanks
        guard firstMark == UInt8(ascii: "{"), !json.contains(0) else {
            return .cannotTell
        }
        var depth = 0
        var expectingName = false
        var unknown: String?
        var index = 0
        while index < json.count {
            let byte = json[index]
            switch byte {
            case UInt8(ascii: "\""):
                // A string: a field name when the object's own level expects one, else a value to step over.
                var end = index + 1
                var escaped = false
                while end < json.count, json[end] != UInt8(ascii: "\"") {
                    if json[end] == UInt8(ascii: "\\") { escaped = true; end += 1 }
                    end += 1
                }
                if depth == 1, expectingName {
                    if escaped { return .cannotTell }
                    let name = String(decoding: UnsafeRawBufferPointer(rebasing: json[(index + 1)..<min(end, json.count)]),
                                      as: UTF8.self)
                    if !allowed.contains(name), unknown.map({ name < $0 }) ?? true { unknown = name }
                    expectingName = false
                }
                index = end + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth == 1 { expectingName = byte == UInt8(ascii: "{") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { expectingName = true }
            default:
                break
            }
            index += 1
        }
        return unknown.map(Finding.unknown) ?? .allAllowed
    }
}
