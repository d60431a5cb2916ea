import GRDB
import WagecaseCore
import WagecaseStore

/// Writes audit_log rows inside the caller's transaction, so a change and its record commit or fail together.
struct AuditWriter {
    let db: Database
    let actor: String
    let at: String

    enum Action: String { case insert, update, delete, reveal }

    /// Appends an entry chained to the one before it (see `AuditChain`); writes are serialised, so the entry read
    /// as the head is the one this entry follows.
    func record(_ action: Action, table: String, id: Int64?, before: AuditFields? = nil,
                after: AuditFields? = nil, reason: String? = nil) throws {
        let head = try AuditChain.head(db)
        let entry = AuditChain.Entry(id: (head?.id ?? 0) + 1, at: at, actor: actor, action: action.rawValue, table: table,
                                     recordID: id, before: before?.json, after: after?.json, reason: reason)
        try db.execute(cached: """
                INSERT INTO audit_log (id, at, actor, action, table_name, record_id, before, after, reason, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [entry.id, entry.at, entry.actor, entry.action, entry.table, entry.recordID, entry.before,
                        entry.after, entry.reason,
                        AuditChain.hash(previous: head?.hash ?? AuditChain.origin, entry)])
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

    /// Text fields in the order given (a correction names only the fields it changed).
    init(_ elements: [(String, String?)]) {
        fields = elements.map { ($0.0, $0.1.map { .text($0) } ?? .null) }
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
