import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file or nothing: into a new temporary file beside it, flushed to disk, then renamed over the
/// target, so a reader (a mail job, a web server) never sees half a report.
///
/// Safe in a shared folder: the temporary file has an unpredictable name and is created exclusively without
/// following links (a link planted at that name is refused, never written through), and the target is replaced
/// only when it is missing or a regular file — never a device such as /dev/full, a folder, a pipe or a link.
/// Abandoned (not committed), the temporary file is removed.
public final class AtomicFile {
    public let path: String
    private let temporary: String
    private var descriptor: Int32
    private var committed = false

    public init(path: String) throws(DeliveryError) {
        self.path = path
        var target = stat()
        if lstat(path, &target) == 0 && (target.st_mode & S_IFMT) != S_IFREG {
            throw .file(path: path, reason: "it exists and is not a regular file; give a new file name")
        }
        let url = URL(fileURLWithPath: path)
        var generator = SystemRandomNumberGenerator()
        temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-"
            + String(UInt64.random(in: .min ... .max, using: &generator), radix: 16)
        // Reports name workers and employers: readable by the owner and its group, not by everyone.
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .file(path: path, reason: .verbatim(String(cString: strerror(errno)))) }
    }

    deinit {
        if !committed {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporary)
        }
    }

    public func write(_ text: String) throws(DeliveryError) { try write(bytes: Array(text.utf8)) }

    public func write(bytes: [UInt8]) throws(DeliveryError) {
        var bytes = bytes
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            written += count
        }
    }

    /// Flushes the file to disk and puts it in place.
    public func commit() throws(DeliveryError) {
        let flushed = fsync(descriptor) == 0
        let closed = close(descriptor) == 0
        descriptor = -1
        guard flushed && closed else { throw failure() }
        guard rename(temporary, path) == 0 else { throw failure() }
        committed = true
    }

    private func failure() -> DeliveryError { .file(path: path, reason: .verbatim(String(cString: strerror(errno)))) }

    /// The whole of `text` at `path`, or nothing.
    public static func write(_ text: String, to path: String) throws(DeliveryError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// The whole of `bytes` at `path`, or nothing.
    public static func write(bytes: [UInt8], to path: String) throws(DeliveryError) {
        let file = try AtomicFile(path: path)
        try file.write(bytes: bytes)
        try file.commit()
    }
}
