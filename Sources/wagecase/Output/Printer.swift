import Foundation
import WagecaseCore

/// Writes data to stdout and messages to stderr; the only place the CLI prints.
enum Printer {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("wagecase: " + text + "\n").utf8))
    }

    /// Key–value lines with the keys aligned.
    static func fields(_ pairs: [(String, String?)]) {
        let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (key, value) in pairs {
            line(DisplayWidth.pad(key, to: width) + "  " + (value ?? "—"))
        }
    }
}

/// Messages for people that are not the command's data (e.g. the line before a token).
enum FileHandleOutput {
    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A plain-text table whose columns line up with Chinese text (CJK characters take two cells).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned to the right (amounts, counts).
    var rightAligned: Set<Int> = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        func format(_ cells: [String]) -> String {
            let joined = cells.enumerated().map { index, cell in
                rightAligned.contains(index)
                    ? DisplayWidth.padLeft(cell, to: widths[index]) : DisplayWidth.pad(cell, to: widths[index])
            }.joined(separator: "  ")
            return String(joined.reversed().drop(while: { $0 == " " }).reversed())
        }
        var lines = [format(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(format)
        return lines.joined(separator: "\n")
    }

    func print(emptyMessage: String) {
        if rows.isEmpty { Printer.line(emptyMessage) } else { Printer.line(render()) }
    }
}

enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : (isZeroWidth($1) ? 0 : 1)) }
    }

    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    static func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(text))) + text
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value) || (0xFE00...0xFE0F).contains(scalar.value) || scalar.value == 0x200B
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
