import Foundation

/// Writing CSV fields for spreadsheets (RFC 4180).
public enum CSVText {
    /// A field quoted when it holds a comma, quote or line break; a leading =, +, - or @ is prefixed with a quote
    /// mark so a spreadsheet never runs user text as a formula (a plain negative number stays as it is).
    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+@".contains(first) || (first == "-" && Double(text) == nil) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CRLF-terminated record.
    public static func record(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
