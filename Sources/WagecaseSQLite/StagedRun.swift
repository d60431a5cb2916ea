#if canImport(Glibc)
import Glibc
#endif

/// One sorted run of `StagedWorkers` read back from its start, record by record, through a buffer of its own
/// (the runs of a file are read side by side, each in order). A field's bytes are valid until `advance`.
final class StagedRun {
    private let descriptor: Int32
    /// The part of the file not yet read into the buffer.
    private var next: Int
    private let end: Int
    private var buffer: UnsafeMutableRawBufferPointer
    /// The current record's start and the end of what the buffer holds.
    private var start = 0
    private var filled = 0
    private(set) var row: Int64 = 0
    private var onRecord = false
    private var lengths: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0)
    private static let header = StagedWorkers.header

    init(descriptor: Int32, range: Range<Int>) {
        (self.descriptor, next, end) = (descriptor, range.lowerBound, range.upperBound)
        buffer = .allocate(byteCount: 64 << 10, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Moves to the next record; false at the end of the run.
    func advance() throws -> Bool {
        if onRecord { start += Self.header + recordBytes }
        onRecord = false
        if start == filled && next >= end { return false }
        try load(Self.header)
        row = buffer.loadUnaligned(fromByteOffset: start, as: Int64.self)
        let base = start + 8
        lengths = (buffer.loadUnaligned(fromByteOffset: base, as: UInt32.self),
                   buffer.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self),
                   buffer.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self),
                   buffer.loadUnaligned(fromByteOffset: base + 12, as: UInt32.self),
                   buffer.loadUnaligned(fromByteOffset: base + 16, as: UInt32.self),
                   buffer.loadUnaligned(fromByteOffset: base + 20, as: UInt32.self))
        // The lengths are this process's own, but a damaged file must end in an error, not a huge allocation.
        guard Self.header + recordBytes <= filled - start + end - next else {
            throw StagingError(reason: "the staged rows end inside a record")
        }
        try load(Self.header + recordBytes)
        onRecord = true
        return true
    }

    /// Field 0 ID number, 1 name, 2 override reason, 3 phone, 4 bank card, 5 hometown; nil for none.
    func field(_ index: Int) -> UnsafeRawBufferPointer? {
        var offset = start + Self.header
        for earlier in 0..<index { offset += Self.bytes(length(earlier)) }
        let size = length(index)
        guard size != StagedWorkers.nullLength else { return nil }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + Int(size))])
    }

    private func length(_ index: Int) -> UInt32 {
        switch index {
        case 0: lengths.0
        case 1: lengths.1
        case 2: lengths.2
        case 3: lengths.3
        case 4: lengths.4
        default: lengths.5
        }
    }

    private static func bytes(_ length: UInt32) -> Int { length == StagedWorkers.nullLength ? 0 : Int(length) }

    private var recordBytes: Int {
        Self.bytes(lengths.0) + Self.bytes(lengths.1) + Self.bytes(lengths.2) + Self.bytes(lengths.3)
            + Self.bytes(lengths.4) + Self.bytes(lengths.5)
    }

    /// Makes `count` bytes from `start` present in the buffer, reading more of the run as needed.
    private func load(_ count: Int) throws {
        if filled - start >= count { return }
        // Keep the unread tail, at the front; grow for a record larger than the buffer.
        let kept = filled - start
        let target = count > buffer.count ? UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 2 * buffer.count),
                                                                                   alignment: 8) : buffer
        if kept > 0 { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start..<filled])) }
        if target.baseAddress != buffer.baseAddress {
            buffer.deallocate()
            buffer = target
        }
        (start, filled) = (0, kept)
        while filled < count {
            guard next < end else { throw StagingError(reason: "the staged rows end inside a record") }
            let wanted = min(buffer.count - filled, end - next)
            let got = pread(descriptor, UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]).baseAddress, wanted,
                            off_t(next))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                if got < 0 { throw StagingError(reason: .verbatim(String(cString: strerror(errno)))) }
                throw StagingError(reason: "the staged rows end inside a record")
            }
            (filled, next) = (filled + got, next + got)
        }
    }
}
