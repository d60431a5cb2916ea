/// A CSV file (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes doubled and line
/// breaks; CRLF or LF) streamed in 1 MiB chunks, in UTF-8 (a byte-order mark is skipped) or GB18030.
public final class CSVReader: TableSource {
    private let file: ByteFile
    private let transcoder: Transcoder?
    public let encoding: TextEncoding
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var started = false
    private var line = 1
    /// Fields in the row before: a row's array is made that large at once, instead of growing from empty
    /// (three or four reallocations a row).
    private var width = 8
    /// Set when UTF-8 was forced: every chunk is checked, carrying state across chunk ends.
    private var forcedUTF8: UTF8Validator?

    /// Opens `path`; `.auto` reads the file once to check it is UTF-8, else takes it as GB18030.
    public init(path: String, encoding: TextEncoding = .auto) throws(ImportFileError) {
        file = try ByteFile(path: path)
        var chosen = encoding
        if encoding == .auto {
            var validator = UTF8Validator()
            var valid = true
            while valid {
                let chunk = try file.read()
                if chunk.isEmpty { break }
                valid = validator.feed(chunk)
            }
            chosen = valid && validator.isComplete ? .utf8 : .gb18030
            file.rewind()
        }
        self.encoding = chosen
        if encoding == .utf8 { forcedUTF8 = UTF8Validator() }
        if chosen == .gb18030 {
            guard let transcoder = Transcoder(from: "GB18030") else {
                throw .cannotOpen(path: path, reason: "the system's iconv has no GB18030 converter")
            }
            self.transcoder = transcoder
        } else {
            transcoder = nil
        }
    }

    public var description: String { encoding.rawValue }
    public var fractionRead: Double { file.size == 0 ? 1 : Double(file.offset) / Double(file.size) }

    /// Appends the next chunk (as UTF-8) after the unread part of the buffer; false at the end of the file.
    private func refill() throws(ImportFileError) -> Bool {
        guard !atEnd else { return false }
        let base = file.offset
        var chunk = try file.read()
        if chunk.isEmpty { atEnd = true }
        if let transcoder {
            switch transcoder.convert(chunk, final: atEnd) {
            case .success(let utf8): chunk = utf8
            case .failure(let error): throw .notText(path: file.path, encoding: "GB18030", offset: base + error.offset)
            }
        } else if forcedUTF8 != nil {
            // UTF-8 forced: still refuse bytes that are not, rather than import mojibake.
            if !forcedUTF8!.feed(chunk) || (atEnd && !forcedUTF8!.isComplete) {
                throw .notText(path: file.path, encoding: "UTF-8", offset: forcedUTF8!.offset)
            }
        }
        if !started {
            started = true
            if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk.removeFirst(3) }
        }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
        return !chunk.isEmpty || !buffer.isEmpty
    }

    public func nextRow() throws(ImportFileError) -> [String]? {
        while true {
            if let row = try parseRow() { return row }
            if !(try refill()) { return nil }
            if atEnd && position >= buffer.count { return nil }
        }
    }

    /// Parses one record from the buffer; nil when the buffer ends before the record does (and more may come).
    private func parseRow() throws(ImportFileError) -> [String]? {
        let count = buffer.count
        guard position < count else { return nil }
        return try buffer.withUnsafeBufferPointer { bytes throws(ImportFileError) -> [String]? in
            var fields: [String] = []
            fields.reserveCapacity(width)
            var index = position
            var lines = 0
            while true {
                if index < count && bytes[index] == UInt8(ascii: "\"") {
                    // Quoted field: up to the closing quote; "" is a quote.
                    var value: [UInt8] = []
                    index += 1
                    var closed = false
                    while index < count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"") {
                                value.append(byte)
                                index += 2
                                continue
                            }
                            if index + 1 >= count && !atEnd { return nil }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == 0x0A { lines += 1 }
                        value.append(byte)
                        index += 1
                    }
                    if !closed {
                        if !atEnd { return nil }
                        throw .malformedCSV(path: file.path, line: line, reason: "a quoted field is not closed")
                    }
                    fields.append(String(decoding: value, as: UTF8.self))
                    if index < count, bytes[index] != UInt8(ascii: ","), bytes[index] != 0x0A, bytes[index] != 0x0D {
                        throw .malformedCSV(path: file.path, line: line + lines,
                                            reason: "text after a closing quote (a quote inside a field must be doubled)")
                    }
                } else {
                    var end = index
                    while end < count, bytes[end] != UInt8(ascii: ","), bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                    if end >= count && !atEnd { return nil }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self))
                    index = end
                }
                // After a field: a comma continues the record; a line break or the end finishes it.
                if index < count && bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if index < count && bytes[index] == 0x0D {
                    if index + 1 >= count && !atEnd { return nil }
                    index += 1
                }
                if index < count && bytes[index] == 0x0A { index += 1 }
                position = index
                line += 1 + lines
                width = fields.count
                return fields
            }
        }
    }
}
