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

    /// The same text as `json` gives for an array, written element by element (a long list is never one buffer).
    static func jsonArray<T: Encodable>(_ values: [T]) throws {
        var bytes: [UInt8] = []
        try jsonArray(values) { text in
            bytes.append(contentsOf: text.utf8)
            if bytes.count >= 1 << 16 {
                write(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        write(bytes)
    }

    static func jsonArray<T: Encodable>(_ values: [T], to output: (String) -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[Language.userInfoKey] = RefusalText.language
        guard !values.isEmpty else { return output(String(decoding: try encoder.encode(values), as: UTF8.self) + "\n") }
        output("[\n")
        for (index, value) in values.enumerated() {
            // An element printed inside the array is indented one level (the blank line of an empty array is not);
            // JSON strings hold no raw line break.
            let text = String(decoding: try encoder.encode(value), as: UTF8.self)
            let indented = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            output(indented + (index + 1 < values.count ? ",\n" : "\n"))
        }
        output("]\n")
    }

    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes UTF-8 bytes to stdout as they are (a table or list written in pieces).
    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
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
    mutating func add(_ row: [String]) { rows.append(Self.cells(row)) }

    static func cells(_ row: [String]) -> [String] { row.map { TextField.escaped($0) } }

    func render() -> String {
        var bytes: [UInt8] = []
        Self.write(headers: headers, rightAligned: rightAligned, rows: rows, cells: { $0 }) { bytes += $0 }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    func print(emptyMessage: String) {
        if rows.isEmpty { return Printer.line(emptyMessage) }
        Self.write(headers: headers, rightAligned: rightAligned, rows: rows, cells: { $0 }, to: Printer.write)
    }

    /// Prints a table of `items` without holding its text: one pass finds the columns' widths, a second writes the
    /// lines as it formats them (a list of a hundred thousand alerts is never one string).
    static func stream<Item>(_ headers: [String], rightAligned: Set<Int> = [], items: [Item], emptyMessage: String,
                             cells: (Item) -> [String]) {
        if items.isEmpty { return Printer.line(emptyMessage) }
        write(headers: headers, rightAligned: rightAligned, rows: items, cells: { Self.cells(cells($0)) },
              to: Printer.write)
    }

    /// The table's lines as UTF-8, handed to `output` about 64 KiB at a time.
    static func write<Row>(headers: [String], rightAligned: Set<Int>, rows: [Row], cells: (Row) -> [String],
                           to output: ([UInt8]) -> Void) {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in cells(row).enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 17)
        func line(_ cells: [String]) {
            let start = bytes.count
            for (index, cell) in cells.enumerated() where index < widths.count {
                if index > 0 { bytes.append(contentsOf: [0x20, 0x20]) }
                let padding = repeatElement(UInt8(0x20), count: max(0, widths[index] - DisplayWidth.of(cell)))
                if rightAligned.contains(index) { bytes.append(contentsOf: padding) }
                bytes.append(contentsOf: cell.utf8)
                if !rightAligned.contains(index) { bytes.append(contentsOf: padding) }
            }
            // Trailing blanks go (padding of the last cells); a cell's own text never ends in a blank it needs.
            while bytes.count > start, bytes.last == 0x20 { bytes.removeLast() }
            bytes.append(UInt8(ascii: "\n"))
            if bytes.count >= 1 << 16 {
                output(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        line(headers)
        line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { line(cells(row)) }
        if !bytes.isEmpty { output(bytes) }
    }
}
