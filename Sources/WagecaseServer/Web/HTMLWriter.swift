/// HTML written as UTF-8 bytes: markup appended as it is, values escaped byte by byte. A list page writes
/// hundreds of cells; appending to a `String` costs several times more per piece than appending bytes.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Markup of this program's own, written as it is.
    mutating func markup(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup already escaped (a heading written once per table).
    mutating func markup(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A value as text: the five characters HTML gives meaning to are written as entities. Every one of them is
    /// ASCII, and no byte of a multi-byte UTF-8 character is ASCII, so escaping bytes is escaping characters.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { source in
            for byte in source {
                switch byte {
                case UInt8(ascii: "&"): markup("&amp;")
                case UInt8(ascii: "<"): markup("&lt;")
                case UInt8(ascii: ">"): markup("&gt;")
                case UInt8(ascii: "\""): markup("&quot;")
                case UInt8(ascii: "'"): markup("&#39;")
                default: bytes.append(byte)
                }
            }
        }
    }

    var html: String { String(decoding: bytes, as: UTF8.self) }
}
