import Foundation

/// A file size as people read it: 1.2 MB, 340 KB, 88 B.
public enum ByteCount {
    public static func text(_ bytes: Int64) -> String {
        if bytes >= 1_048_576 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes) B"
    }
}
