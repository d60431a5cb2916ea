import WagecaseCore

/// What an audit entry records of a record.
public enum AuditAction: String, Sendable { case insert, update, delete, reveal }

/// The fields of an audit entry's before or after, in the order given, written as a JSON object: the same text on
/// every engine, since the hash chain (AuditSeal) covers these exact bytes.
public struct AuditFields: ExpressibleByDictionaryLiteral, Sendable {
    public enum Scalar: Sendable {
        case text(String), integer(Int64), bool(Bool), null
    }

    public typealias Key = String
    public typealias Value = (any AuditValue)?

    private(set) var fields: [(String, Scalar)]

    public init(dictionaryLiteral elements: (String, (any AuditValue)?)...) {
        fields = elements.map { ($0.0, $0.1?.auditValue ?? .null) }
    }

    /// Text fields in the order given (a correction names only the fields it changed).
    public init(_ elements: [(String, String?)]) {
        fields = elements.map { ($0.0, $0.1.map { .text($0) } ?? .null) }
    }

    public var json: String {
        var json = JSONBuffer(capacity: 256)
        json.beginObject()
        for (key, value) in fields {
            json.key(key)
            switch value {
            case .text(let text): json.value(text)
            case .integer(let number): json.value(number)
            case .bool(let flag): json.value(flag)
            case .null: json.null()
            }
        }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}

public protocol AuditValue { var auditValue: AuditFields.Scalar { get } }
extension String: AuditValue { public var auditValue: AuditFields.Scalar { .text(self) } }
extension Int64: AuditValue { public var auditValue: AuditFields.Scalar { .integer(self) } }
extension Int: AuditValue { public var auditValue: AuditFields.Scalar { .integer(Int64(self)) } }
extension Bool: AuditValue { public var auditValue: AuditFields.Scalar { .bool(self) } }
