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

    /// The same text as `json` gives for an array, written through `output` element by element.
    static func jsonArray<T: Encodable>(_ values: [T], to output: @escaping (String) -> Void) throws {
        var array = JSONArrayStream(to: output)
        for value in values { try array.add(value) }
        array.finish()
    }

    /// The same text as `json` gives for an array, written element by element as they come (a long list is
    /// never one buffer): to stdout about 64 KiB at a time, or through `output`.
    struct JSONArrayStream {
        private let encoder = JSONEncoder()
        private let output: (String) -> Void
        private let buffer: OutputBuffer?
        private var count = 0

        init(to output: @escaping (String) -> Void) {
            (self.output, buffer) = (output, nil)
            configure()
        }

        init() {
            let buffer = OutputBuffer()
            (self.output, self.buffer) = ({ buffer.append($0.utf8) }, buffer)
            configure()
        }

        private func configure() {
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.userInfo[Language.userInfoKey] = RefusalText.language
        }

        /// A value that writes itself (an alert): the same text, without the encoder.
        mutating func add(writing value: some JSONWritable) {
            var json = JSONBuffer(prettyPrintedAtDepth: 1, capacity: 1024)
            value.write(to: &json)
            let before = count == 0 ? "[\n  " : ",\n  "
            if let buffer {
                buffer.append(before.utf8)
                buffer.append(json.bytes)
            } else {
                output(before + String(decoding: json.bytes, as: UTF8.self))
            }
            count += 1
        }

        mutating func add<T: Encodable>(_ value: T) throws {
            // An element printed inside the array is indented one level (the blank line of an empty array is not);
            // JSON strings hold no raw line break.
            let text = String(decoding: try encoder.encode(value), as: UTF8.self)
            let indented = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            output((count == 0 ? "[\n" : ",\n") + indented)
            count += 1
        }

        func finish() {
            if count == 0 {
                // An empty array of any element reads the same.
                output(String(decoding: (try? encoder.encode([Int]())) ?? Data("[]".utf8), as: UTF8.self) + "\n")
            } else {
                output("\n]\n")
            }
            buffer?.flush()
        }
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

    /// The table's lines as UTF-8, handed to `output` about 64 KiB at a time.
    static func write<Row>(headers: [String], rightAligned: Set<Int>, rows: [Row], cells: (Row) -> [String],
                           to output: @escaping ([UInt8]) -> Void) {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in cells(row).enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        let buffer = OutputBuffer(output)
        appendLine(headers, widths: widths, rightAligned: rightAligned, to: buffer)
        appendLine(widths.map { String(repeating: "-", count: $0) }, widths: widths, rightAligned: rightAligned, to: buffer)
        for row in rows { appendLine(cells(row), widths: widths, rightAligned: rightAligned, to: buffer) }
        buffer.flush()
    }

    /// One line: each cell padded to its column's width (on the left in right-aligned columns), two blanks
    /// between, the blanks at the end cut.
    static func appendLine(_ cells: [String], widths: [Int], cellWidths: [Int]? = nil, rightAligned: Set<Int>,
                           to buffer: OutputBuffer) {
        buffer.appendLine { bytes in
            let start = bytes.count
            for (index, cell) in cells.enumerated() where index < widths.count {
                if index > 0 { bytes.append(contentsOf: [0x20, 0x20]) }
                let width = cellWidths?[index] ?? DisplayWidth.of(cell)
                let padding = repeatElement(UInt8(0x20), count: max(0, widths[index] - width))
                if rightAligned.contains(index) { bytes.append(contentsOf: padding) }
                bytes.append(contentsOf: cell.utf8)
                if !rightAligned.contains(index) { bytes.append(contentsOf: padding) }
            }
            // Trailing blanks go (padding of the last cells); a cell's own text never ends in a blank it needs.
            while bytes.count > start, bytes.last == 0x20 { bytes.removeLast() }
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// A table written as its rows come, never held: the columns take the widths of the first thousand rows (and
    /// the headers); a wider cell after them widens its column from its own line on.
    struct Stream {
        static let firstRows = 1_000
        private let headers: [String]
        private let rightAligned: Set<Int>
        private var widths: [Int]
        private var waiting: [(cells: [String], widths: [Int])] = []
        private var started = false
        private let buffer: OutputBuffer

        init(_ headers: [String], rightAligned: Set<Int> = [], to output: @escaping ([UInt8]) -> Void = Printer.write) {
            (self.headers, self.rightAligned, widths) = (headers, rightAligned, headers.map(DisplayWidth.of))
            buffer = OutputBuffer(output)
        }

        /// A row; its cells are escaped as in any table.
        mutating func add(_ row: [String]) {
            var (cells, cellWidths) = (row, [Int](repeating: 0, count: row.count))
            for (index, cell) in row.enumerated() {
                if let width = DisplayWidth.ofPlainText(cell) {
                    cellWidths[index] = width
                } else {
                    cells[index] = TextField.escaped(cell)
                    cellWidths[index] = DisplayWidth.of(cells[index])
                }
            }
            for (index, width) in cellWidths.enumerated() where index < widths.count {
                widths[index] = max(widths[index], width)
            }
            guard started else {
                waiting.append((cells, cellWidths))
                if waiting.count == Self.firstRows { start() }
                return
            }
            TextTable.appendLine(cells, widths: widths, cellWidths: cellWidths, rightAligned: rightAligned, to: buffer)
        }

        private mutating func start() {
            started = true
            TextTable.appendLine(headers, widths: widths, rightAligned: rightAligned, to: buffer)
            TextTable.appendLine(widths.map { String(repeating: "-", count: $0) }, widths: widths,
                                 rightAligned: rightAligned, to: buffer)
            for row in waiting {
                TextTable.appendLine(row.cells, widths: widths, cellWidths: row.widths, rightAligned: rightAligned,
                                     to: buffer)
            }
            waiting = []
        }

        /// Writes what is still waiting, or `emptyMessage` when there was no row.
        mutating func finish(emptyMessage: String) {
            if !started && waiting.isEmpty { buffer.append((emptyMessage + "\n").utf8) }
            if !started && !waiting.isEmpty { start() }
            buffer.flush()
        }
    }
}

/// Bytes for an output gathered and handed on about 64 KiB at a time.
final class OutputBuffer {
    private var bytes: [UInt8] = []
    private let output: ([UInt8]) -> Void

    init(_ output: @escaping ([UInt8]) -> Void = Printer.write) {
        self.output = output
        bytes.reserveCapacity(1 << 17)
    }

    func append(_ text: some Collection<UInt8>) {
        bytes.append(contentsOf: text)
        if bytes.count >= 1 << 16 { flush() }
    }

    /// A line built in place at the end of what is gathered.
    func appendLine(_ build: (inout [UInt8]) -> Void) {
        build(&bytes)
        if bytes.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !bytes.isEmpty else { return }
        output(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
