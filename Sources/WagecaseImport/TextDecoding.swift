import Foundation

/// A text file as Chinese offices save it: UTF-8 (with or without a byte-order mark), else GB18030/GBK.
public enum TextDecoding {
    public static func decode(_ data: Data) -> String? {
        if let text = String(data: data, encoding: .utf8) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        guard let transcoder = Transcoder(from: "GB18030"),
              case .success(let bytes) = transcoder.convert([UInt8](data), final: true) else { return nil }
        return String(data: Data(bytes), encoding: .utf8)
    }
}
