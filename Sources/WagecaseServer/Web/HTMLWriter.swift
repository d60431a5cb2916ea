import WagecaseCore

/// HTML written as UTF-8 bytes: markup appended as it is, values escaped. A list page writes hundreds of cells;
/// appending to a `String` costs several times more per piece than appending bytes.
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

    /// A value as text, escaped by the one escaper of the project (which returns a value needing none as it is).
    mutating func text(_ value: String) {
        markup(HTMLText.escape(value))
    }

    var html: String { String(decoding: bytes, as: UTF8.self) }
}
