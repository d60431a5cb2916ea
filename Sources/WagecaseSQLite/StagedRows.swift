import WagecaseCore
import Foundation
#if canImport(Glibc)
import Glibc
import WagecaseStore
#endif

/// The rows of an import that passed their checks, kept in an anonymous temporary file (gone when closed, even
/// after a crash) between reading the file and writing the database: the write lock is taken only once the whole
/// file has been read and checked, and memory stays flat however long the file is.
///
/// Each row: its number and cell count (UInt32 each), then each cell as a UInt32 byte length and its UTF-8 bytes.
final class StagedRows {
    private let file: UnsafeMutablePointer<FILE>
    private(set) var count = 0

    init() throws {
        guard let file = tmpfile() else { throw StagingError(reason: .verbatim(String(cString: strerror(errno)))) }
        self.file = file
    }

    deinit { fclose(file) }

    func append(row: Int, cells: [String]) throws {
        guard let rowNumber = UInt32(exactly: row), let cellCount = UInt32(exactly: cells.count) else {
            throw StagingError(reason: "row \(row) with \(cells.count) cells is past what a file can hold")
        }
        var header = (rowNumber, cellCount)
        try write(&header)
        for cell in cells {
            var cell = cell
            try cell.withUTF8 { bytes in
                guard var length = UInt32(exactly: bytes.count) else {
                    throw StagingError(reason: "a cell of row \(row) is longer than 4 GiB")
                }
                try write(&length)
                if bytes.count > 0, fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count { throw failure() }
            }
        }
        count += 1
    }

    /// Reads the rows back from the start, in the order they were appended; one reader at a time.
    func reader() throws -> () throws -> (number: Int, cells: [String])? {
        guard fflush(file) == 0, fseek(file, 0, SEEK_SET) == 0 else { throw failure() }
        var remaining = count
        return { [self] in
            guard remaining > 0 else { return nil }
            remaining -= 1
            var header: (row: UInt32, cells: UInt32) = (0, 0)
            try read(&header)
            var cells: [String] = []
            cells.reserveCapacity(Int(header.cells))
            var buffer: [UInt8] = []
            for _ in 0..<header.cells {
                var length: UInt32 = 0
                try read(&length)
                buffer.removeAll(keepingCapacity: true)
                buffer.append(contentsOf: repeatElement(0, count: Int(length)))
                if length > 0, fread(&buffer, 1, Int(length), file) != Int(length) { throw failure() }
                cells.append(String(decoding: buffer, as: UTF8.self))
            }
            return (Int(header.row), cells)
        }
    }

    private func write<T>(_ value: inout T) throws {
        let size = MemoryLayout<T>.size
        let written = withUnsafeBytes(of: &value) { fwrite($0.baseAddress, 1, size, file) }
        if written != size { throw failure() }
    }

    private func read<T>(_ value: inout T) throws {
        let size = MemoryLayout<T>.size
        let got = withUnsafeMutableBytes(of: &value) { fread($0.baseAddress, 1, size, file) }
        if got != size { throw failure() }
    }

    private func failure() -> StagingError {
        StagingError(reason: ferror(file) != 0 ? .verbatim(String(cString: strerror(errno))) : "unexpected end of the staged rows")
    }
}

/// The temporary file that holds checked rows could not be written or read back (a full disk, usually).
public struct StagingError: Refusal, CustomStringConvertible {
    public let reason: Phrase
    public var code: String { "import.staging_failed" }
    public func message(_ language: Language) -> String {
        ("could not stage the checked rows in a temporary file: \(reason)" as Phrase).text(language)
    }
    public var description: String { message(.en) }
}
