import Foundation
import WagecaseCore
import ZIPFoundation

/// Reads the entries of a ZIP file from outside (a partner's workbook, an office's DOCX template) without trusting
/// it: every offset is checked first (Core's `ZipDirectory`), entries are stored or deflated only, each is stopped
/// past `limit` bytes whatever its header claims, and the inflater is fed exactly the entry's bytes, so a
/// truncated stream ends in a refusal. (ZIPFoundation's own reader reads on past an entry's end and loops at the
/// end of the file on such a stream, found by fuzzing.)
public enum SafeZip {
    public enum Failure: Error, Equatable {
        /// The directory's offsets or sizes do not fit the file, or a method other than stored or deflated.
        case notAZip
        /// An entry inflates to more than the limit.
        case tooLarge(entry: String)
        /// An entry's compressed stream is damaged or ends early.
        case damaged(entry: String)
    }

    /// The entries `wanted` accepts, in the directory's order.
    public static func entries(_ data: Data, limit: Int, wanted: (String) -> Bool = { _ in true }) throws(Failure)
        -> [(name: String, bytes: Data)] {
        guard let entries = ZipDirectory.entries([UInt8](data)) else { throw .notAZip }
        var result: [(name: String, bytes: Data)] = []
        for entry in entries where !entry.name.hasSuffix("/") && wanted(entry.name) {
            result.append((entry.name, try inflate(entry, of: data, limit: limit)))
        }
        return result
    }

    static func inflate(_ entry: ZipEntry, of data: Data, limit: Int) throws(Failure) -> Data {
        let compressed = data.subdata(in: (data.startIndex + entry.data.lowerBound)..<(data.startIndex + entry.data.upperBound))
        switch entry.method {
        case 0:
            guard compressed.count <= limit else { throw .tooLarge(entry: entry.name) }
            return compressed
        case 8:
            let bufferSize = 64 * 1024
            var output = Data()
            do {
                _ = try Data.decompress(size: Int64(compressed.count), bufferSize: bufferSize, skipCRC32: true,
                                        provider: { position, _ in
                    // The inflater hands zlib a full buffer whatever the chunk's length: the last chunk is padded,
                    // and nothing is given past the entry's end.
                    let offset = Int(position)
                    guard offset < compressed.count else { throw Failure.damaged(entry: entry.name) }
                    var chunk = compressed.subdata(in: offset..<min(offset + bufferSize, compressed.count))
                    if chunk.count < bufferSize { chunk.append(Data(count: bufferSize - chunk.count)) }
                    return chunk
                }, consumer: { piece in
                    guard output.count + piece.count <= limit else { throw Failure.tooLarge(entry: entry.name) }
                    output.append(piece)
                })
            } catch let failure as Failure {
                throw failure
            } catch {
                throw .damaged(entry: entry.name)
            }
            return output
        default:
            throw .notAZip
        }
    }
}
