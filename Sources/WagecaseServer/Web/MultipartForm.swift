import Foundation

/// A posted multipart/form-data body (RFC 7578), as the import page's upload sends it: text fields, and at most one
/// file. Only what a browser's form sends is read; anything else is refused rather than guessed at.
struct MultipartForm: Sendable {
    struct File: Sendable {
        let fieldName: String
        let fileName: String
        let data: Data
    }

    var fields = FormData()
    var file: File?

    /// The boundary of a Content-Type header, or nil.
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(value.utf8.count) ? value : nil
            }
        }
        return nil
    }

    init?(body: Data, boundary: String) {
        let delimiter = Data("--\(boundary)".utf8)
        var text: [(String, String)] = []
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else { return nil }
        cursor = first.upperBound
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { return nil }
            cursor += 2
            guard let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: cursor..<body.endIndex),
                  let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex),
                  let headers = String(data: body[cursor..<headerEnd.lowerBound], encoding: .utf8) else { return nil }
            let content = body[headerEnd.upperBound..<next.lowerBound]
            guard let disposition = headers.split(separator: "\r\n")
                .first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = Self.parameter("name", in: String(disposition)) else { return nil }
            if let fileName = Self.parameter("filename", in: String(disposition)) {
                guard file == nil else { return nil }
                file = File(fieldName: name, fileName: fileName, data: Data(content))
            } else {
                guard let value = String(data: content, encoding: .utf8) else { return nil }
                text.append((name, value))
            }
            cursor = next.upperBound
        }
        fields = FormData(pairs: text)
    }

    /// `name="value"` in a Content-Disposition line (quoted, as browsers send it).
    private static func parameter(_ key: String, in line: String) -> String? {
        guard let range = line.range(of: "; \(key)=\"") ?? line.range(of: ";\(key)=\"") else { return nil }
        let rest = line[range.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }
}

extension FormData {
    init(pairs: [(String, String)]) {
        self.init()
        for (name, value) in pairs { append(name, value) }
    }
}
