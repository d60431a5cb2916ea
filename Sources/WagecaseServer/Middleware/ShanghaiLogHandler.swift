import Foundation
import Logging
import WagecaseCore

/// Log lines on stderr stamped like every other time in the product: ISO 8601 in Asia/Shanghai with its offset
/// (2026-11-26T10:26:50+08:00), then level, label, metadata and message — swift-log's stream handler stamps the
/// machine's zone without a colon.
public struct ShanghaiLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "\(Timestamp.shanghai(Date())) \(event.level) \(label):\(fields.isEmpty ? "" : " " + fields) "
            + "[\(event.source)] \(event.message)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
