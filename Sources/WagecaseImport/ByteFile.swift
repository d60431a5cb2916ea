import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file read in large chunks with read(2): the CSV reader's input, and the import's SHA-256 pass.
final class ByteFile {
    let path: String
    let size: Int
    private let descriptor: Int32
    private(set) var offset = 0
    static let chunkSize = 1 << 20

    init(path: String) throws(ImportFileError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: .verbatim(String(cString: strerror(errno)))) }
        var info = stat()
        fstat(descriptor, &info)
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `chunkSize` more bytes; empty at the end.
    func read() throws(ImportFileError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, Self.chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotOpen(path: path, reason: .verbatim(String(cString: strerror(errno))))
            }
            buffer.removeSubrange(count...)
            offset += count
            return buffer
        }
    }

    func rewind() {
        lseek(descriptor, 0, SEEK_SET)
        offset = 0
    }
}
