import Foundation
import WagecaseCore

/// Writes data to stdout and messages to stderr; the only place the CLI prints.
enum Printer {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[Language.userInfoKey] = RefusalText.language
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
            line(DisplayWidth.pad(key, to: width) + "  " + (value.map { TextField.escaped($0, keepingLineBreaks: true) } ?? "—"))
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

    /// Cells are written as text only: a control or direction character stored in a record (or in an audit
    /// entry written before such characters were refused) is shown as \u{…}, never sent to the terminal.
    mutating func add(_ row: [String]) { rows.append(row.map { TextField.escaped($0) }) }

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
