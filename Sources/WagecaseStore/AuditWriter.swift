import GRDB
import WagecaseCore

/// Writes audit_log rows inside the caller's transaction, so a change and its record commit or fail together.
struct AuditWriter {
    let db: Database
    let actor: String
    let at: String

    enum Action: String { case insert, update, delete, reveal }

    func record(_ action: Action, table: String, id: Int64?, before: AuditFields? = nil,
                after: AuditFields? = nil, reason: String? = nil) throws {
        try db.execute(cached: """
                INSERT INTO audit_log (at, actor, action, table_name, record_id, before, after, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [at, actor, action.rawValue, table, id, before?.json, after?.json, reason])
    }
}

/// An ordered set of field values rendered as a JSON object for the audit log.
struct AuditFields: ExpressibleByDictionaryLiteral {
    enum Scalar {
        case text(String), integer(Int64), bool(Bool), null
    }

    typealias Key = String
    typealias Value = (any AuditValue)?

    private(set) var fields: [(String, Scalar)]

    init(dictionaryLiteral elements: (String, (any AuditValue)?)...) {
        fields = elements.map { ($0.0, $0.1?.auditValue ?? .null) }
    }

    var json: String {
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

protocol AuditValue { var auditValue: AuditFields.Scalar { get } }
extension String: AuditValue { var auditValue: AuditFields.Scalar { .text(self) } }
extension Int64: AuditValue { var auditValue: AuditFields.Scalar { .integer(self) } }
extension Int: AuditValue { var auditValue: AuditFields.Scalar { .integer(Int64(self)) } }
extension Bool: AuditValue { var auditValue: AuditFields.Scalar { .bool(self) } }
