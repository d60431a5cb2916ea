import NIOCore
import PostgresNIO
import WagecaseStore

/// A one-dimensional bigint[] or text[] value in PostgreSQL's binary form, read in one pass over its bytes.
/// postgres-nio's own decoder is generic and runs unspecialised here, element by element through witness tables
/// (a third of a province's past-week digest went to it); the form is PostgreSQL's documented `array_send`:
/// dimensions, a flag for NULLs, the element type, each dimension's length and lower bound, then each element as
/// its length (−1 for NULL) and its bytes.
enum PostgresBinaryArray {
    static let bigint: UInt32 = 20
    static let text: UInt32 = 25

    /// The elements of a bigint[] cell (none for NULL); a NULL element is a corrupt value.
    static func integers(_ cell: PostgresCell, _ column: String) throws -> [Int64] {
        try elements(cell, column, of: bigint) { buffer, length in
            guard length == 8, let value = buffer.readInteger(endianness: .big, as: Int64.self) else { return nil }
            return value
        }
    }

    /// The elements of a text[] cell (none for NULL); a NULL element is a corrupt value.
    static func texts(_ cell: PostgresCell, _ column: String) throws -> [String] {
        try elements(cell, column, of: text) { buffer, length in buffer.readString(length: length) }
    }

    /// How many elements a bigint[] or text[] cell holds, from its header alone.
    static func count(_ cell: PostgresCell, _ column: String) throws -> Int {
        guard var buffer = cell.bytes else { return 0 }
        return try header(&buffer, column, of: nil)
    }

    /// Reads the header of a one-dimensional array of `elementType` (any, if nil) and gives its length.
    private static func header(_ buffer: inout ByteBuffer, _ column: String, of elementType: UInt32?) throws -> Int {
        func corrupt(_ why: String) -> CorruptValue { CorruptValue(column: column, value: why) }
        guard let (dimensions, _, type) = buffer.readMultipleIntegers(endianness: .big, as: (Int32, Int32, UInt32).self)
        else { throw corrupt("an array cut short") }
        if let elementType, type != elementType { throw corrupt("an array of type \(type)") }
        guard dimensions != 0 else { return 0 }
        guard dimensions == 1 else { throw corrupt("an array of \(dimensions) dimensions") }
        guard let (count, _) = buffer.readMultipleIntegers(endianness: .big, as: (Int32, Int32).self), count >= 0,
              Int(count) <= buffer.readableBytes / 4 else { throw corrupt("an array cut short") }
        return Int(count)
    }

    private static func elements<T>(_ cell: PostgresCell, _ column: String, of elementType: UInt32,
                                    _ read: (inout ByteBuffer, Int) -> T?) throws -> [T] {
        guard var buffer = cell.bytes else { return [] }
        func corrupt(_ why: String) -> CorruptValue { CorruptValue(column: column, value: why) }
        guard cell.format == .binary else { throw corrupt("an array not in binary form") }
        let count = try header(&buffer, column, of: elementType)
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = buffer.readInteger(endianness: .big, as: Int32.self) else { throw corrupt("an array cut short") }
            guard length >= 0 else { throw corrupt("NULL in an array") }
            guard Int(length) <= buffer.readableBytes, let element = read(&buffer, Int(length)) else {
                throw corrupt("an element that does not read as type \(elementType)")
            }
            result.append(element)
        }
        guard buffer.readableBytes == 0 else { throw corrupt("bytes after an array's last element") }
        return result
    }
}
