/// The file types evidence may be, told by their bytes, never by the name or what the uploader says.
public enum EvidenceFileType: String, Sendable, CaseIterable, Codable {
    case pdf, jpeg, png, heic, docx, xlsx, ofd

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .heic: "image/heic"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .ofd: "application/ofd"
        }
    }

    public var fileExtensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        case .heic: ["heic", "heif"]
        default: [rawValue]
        }
    }

    static var allowedList: String { allCases.map { $0.rawValue.uppercased() }.joined(separator: ", ") }
}

/// Decides what a file is from its bytes: the leading signature must be one of the allowed types, the file must end
/// the way that type ends (a JPEG or PNG with a ZIP or script glued after it is a polyglot and refused), a ZIP-based
/// type must hold its own parts and nothing may be stored before its first entry, and a name's extension, when
/// given, must agree with what the bytes are.
public enum FileSniffing {
    public static func detect(_ bytes: [UInt8], fileName: String?) throws(WagecaseError) -> EvidenceFileType {
        guard let type = leadingType(bytes) else {
            throw .invalidField(field: "file", value: fileName ?? "", reason: "is not a file type evidence may be",
                                allowed: "PDF, JPEG, PNG, HEIC, DOCX, XLSX or OFD, told by the file's content")
        }
        guard endsCleanly(bytes, as: type), !looksLikeMarkup(bytes) else {
            throw .invalidField(field: "file", value: fileName ?? "",
                                reason: "carries more than one file type (a polyglot) or is damaged",
                                allowed: "a plain PDF, JPEG, PNG, HEIC, DOCX, XLSX or OFD file as the device or program saved it")
        }
        if let name = fileName, let dot = name.lastIndex(of: ".") {
            let ext = name[name.index(after: dot)...].lowercased()
            guard type.fileExtensions.contains(ext) else {
                throw .invalidField(field: "file", value: name, reason: "has a name that does not match its content (\(type.rawValue.uppercased()))",
                                    allowed: "the extension of what the file is, such as .\(type.fileExtensions[0])")
            }
        }
        return type
    }

    static func leadingType(_ bytes: [UInt8]) -> EvidenceFileType? {
        if starts(bytes, with: Array("%PDF-".utf8)) { return .pdf }
        if starts(bytes, with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(bytes, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].contains(brand) { return .heic }
            return nil
        }
        if starts(bytes, with: [0x50, 0x4B, 0x03, 0x04]), let names = ZipDirectory.entryNames(bytes) {
            if names.contains("word/document.xml") && names.contains("[Content_Types].xml") { return .docx }
            if names.contains("xl/workbook.xml") && names.contains("[Content_Types].xml") { return .xlsx }
            if names.contains("OFD.xml") { return .ofd }
        }
        return nil
    }

    static func endsCleanly(_ bytes: [UInt8], as type: EvidenceFileType) -> Bool {
        // Trailing padding some devices write is allowed; anything else after the type's end is not.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 {
            end -= 1
        }
        let body = bytes[..<end]
        switch type {
        case .pdf:
            return body.count >= 5 && Array(body.suffix(5)) == Array("%%EOF".utf8) && !hasZipTrailer(bytes)
        case .jpeg:
            // A ZIP whose comment ends in FF D9 would pass the trailer alone: its end record is looked for too.
            return body.count >= 2 && Array(body.suffix(2)) == [0xFF, 0xD9] && !hasZipTrailer(bytes)
        case .png:
            let iend: [UInt8] = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
            return Array(body.suffix(8)) == iend && !hasZipTrailer(bytes)
        case .heic:
            return !hasZipTrailer(bytes)
        case .docx, .xlsx, .ofd:
            // ZipDirectory.entryNames already required the central directory to end the file.
            return true
        }
    }

    /// HTML or script a browser could sniff and run, within the first kilobytes.
    static func looksLikeMarkup(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        return ["<html", "<script", "<svg", "<!doctype html", "<iframe", "<body"].contains { head.contains($0) }
    }

    static func hasZipTrailer(_ bytes: [UInt8]) -> Bool { ZipDirectory.endRecordOffset(bytes) != nil }

    static func starts(_ bytes: [UInt8], with prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix
    }
}

/// One entry of a ZIP file as its central directory and local header place it.
public struct ZipEntry: Sendable, Equatable {
    public let name: String
    /// 0 stored, 8 deflated (anything else is refused by whoever reads it).
    public let method: Int
    public let compressedSize: Int
    public let uncompressedSize: Int
    /// Where the entry's compressed bytes lie in the file, checked to lie before the central directory.
    public let data: Range<Int>
}

/// Reads a ZIP file's central directory by hand, so Core tells a DOCX from an XLSX or OFD without an archive
/// library, and a reader can check every offset before it inflates anything: the end record must close the file,
/// the directory must start where it says, and each entry's data must lie between its local header and the
/// directory.
public enum ZipDirectory {
    static func endRecordOffset(_ bytes: [UInt8]) -> Int? {
        // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535.
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 65_535)
        var index = bytes.count - 22
        while index >= lowest {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 {
                let commentLength = Int(uint16(bytes, index + 20))
                if index + 22 + commentLength == bytes.count { return index }
            }
            index -= 1
        }
        return nil
    }

    static func entryNames(_ bytes: [UInt8]) -> Set<String>? {
        entries(bytes).map { Set($0.map(\.name)) }
    }

    /// Every entry, or nil when any offset or size does not fit the file.
    public static func entries(_ bytes: [UInt8]) -> [ZipEntry]? {
        guard let end = endRecordOffset(bytes) else { return nil }
        let count = Int(uint16(bytes, end + 10))
        let directorySize = Int(uint32(bytes, end + 12))
        let directoryOffset = Int(uint32(bytes, end + 16))
        guard directoryOffset + directorySize == end else { return nil }
        var entries: [ZipEntry] = []
        var index = directoryOffset
        for _ in 0..<count {
            guard index + 46 <= end,
                  bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02
            else { return nil }
            let method = Int(uint16(bytes, index + 10))
            let compressed = Int(uint32(bytes, index + 20))
            let uncompressed = Int(uint32(bytes, index + 24))
            let nameLength = Int(uint16(bytes, index + 28))
            let extraLength = Int(uint16(bytes, index + 30))
            let commentLength = Int(uint16(bytes, index + 32))
            let local = Int(uint32(bytes, index + 42))
            guard index + 46 + nameLength <= end else { return nil }
            let name = String(decoding: bytes[(index + 46)..<(index + 46 + nameLength)], as: UTF8.self)
            // The local header: its own signature, name and extra lengths, then the data, all before the directory.
            guard local + 30 <= directoryOffset,
                  bytes[local] == 0x50, bytes[local + 1] == 0x4B, bytes[local + 2] == 0x03, bytes[local + 3] == 0x04
            else { return nil }
            let start = local + 30 + Int(uint16(bytes, local + 26)) + Int(uint16(bytes, local + 28))
            guard start <= directoryOffset, compressed <= directoryOffset - start else { return nil }
            entries.append(ZipEntry(name: name, method: method, compressedSize: compressed, uncompressedSize: uncompressed,
                                    data: start..<(start + compressed)))
            index += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    private static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
