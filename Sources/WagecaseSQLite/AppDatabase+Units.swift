import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

// Member units of the joint work (府检联动) and the unit a user works for.
extension AppDatabase {
    public func addUnit(_ input: NewMemberUnit, actor: String) throws -> MemberUnit {
        try write(actor: actor) { db, audit in
            if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM member_unit WHERE code = ?", arguments: [input.code]) {
                throw WagecaseError.duplicate(entity: "member unit", key: input.code, existingID: existing,
                                              hint: "unit codes are unique")
            }
            if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM member_unit WHERE name = ?", arguments: [input.name]) {
                throw WagecaseError.duplicate(entity: "member unit", key: input.name, existingID: existing,
                                              hint: "unit names are unique")
            }
            try db.execute(cached: """
                INSERT INTO member_unit (code, name, kind, liaison, contact, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [input.code, input.name, input.kind.rawValue, input.liaison, input.contact, audit.actor, audit.at])
            let id = db.lastInsertedRowID
            try audit.record(.insert, table: "member_unit", id: id, after: [
                "code": input.code, "name": input.name, "kind": input.kind.rawValue, "liaison": input.liaison,
                "contact": input.contact,
            ])
            return try Self.fetchUnit(db, id: id)
        }
    }

    /// Changes a unit's liaison or contact (people move on); what was there stays in the audit log.
    public func updateUnit(_ reference: String, liaison: String?, contact: String?, actor: String) throws -> MemberUnit {
        let liaison = try TextField.optional(liaison, field: "liaison", maxLength: 100)
        let contact = try TextField.optional(contact, field: "contact", maxLength: 200)
        return try write(actor: actor) { db, audit in
            let unit = try Self.fetchUnit(db, reference: reference)
            let newLiaison = liaison ?? unit.liaison, newContact = contact ?? unit.contact
            guard newLiaison != unit.liaison || newContact != unit.contact else { return unit }
            try db.execute(cached: "UPDATE member_unit SET liaison = ?, contact = ? WHERE id = ?",
                           arguments: [newLiaison, newContact, unit.id])
            try audit.record(.update, table: "member_unit", id: unit.id,
                             before: ["liaison": unit.liaison, "contact": unit.contact],
                             after: ["liaison": newLiaison, "contact": newContact])
            return try Self.fetchUnit(db, id: unit.id)
        }
    }

    public func units() throws -> [MemberUnit] {
        try read { db in try Self.fetchUnits(db) }
    }

    public func unit(_ reference: String) throws -> MemberUnit {
        try read { db in try Self.fetchUnit(db, reference: reference) }
    }

    /// Names the unit a user works for (nil: none), audited.
    public func setUserUnit(_ name: String, unit reference: String?, actor: String) throws -> (user: APIUser, unit: MemberUnit?) {
        try write(actor: actor) { db, audit in
            guard let row = try Row.fetchOne(db, cached: "SELECT id, unit_id FROM api_user WHERE name = ?", arguments: [name]) else {
                throw WagecaseError.notFound(entity: "user", key: name)
            }
            let userID: Int64 = row["id"], before: Int64? = row["unit_id"]
            let unit = try reference.map { try Self.fetchUnit(db, reference: $0) }
            try db.execute(cached: "UPDATE api_user SET unit_id = ? WHERE id = ?", arguments: [unit?.id, userID])
            try audit.record(.update, table: "api_user", id: userID, before: ["unit_id": before], after: ["unit_id": unit?.id])
            return (try Self.fetchUser(db, id: userID), unit)
        }
    }

    /// The unit a user works for, if any.
    public func unitOfUser(id: Int64) throws -> MemberUnit? {
        try read { db in
            try Int64.fetchOne(db, cached: "SELECT unit_id FROM api_user WHERE id = ?", arguments: [id])
                .map { try Self.fetchUnit(db, id: $0) }
        }
    }

    static func fetchUnits(_ db: Database) throws -> [MemberUnit] {
        try Row.fetchAll(db, cached: "SELECT * FROM member_unit ORDER BY id").map(MemberUnit.init(row:))
    }

    static func fetchUnit(_ db: Database, id: Int64) throws -> MemberUnit {
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM member_unit WHERE id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "member unit", key: "#\(id)")
        }
        return try MemberUnit(row: row)
    }

    /// By code, exact name, or id ("#3" or "3").
    static func fetchUnit(_ db: Database, reference: String) throws -> MemberUnit {
        let text = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if let row = try Row.fetchOne(db, cached: "SELECT * FROM member_unit WHERE code = ? OR name = ? ORDER BY code = ? DESC LIMIT 1",
                                      arguments: [text.lowercased(), text, text.lowercased()]) {
            return try MemberUnit(row: row)
        }
        if let id = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text) { return try fetchUnit(db, id: id) }
        throw WagecaseError.notFound(entity: "member unit", key: text)
    }

    static func unitRefs(_ db: Database) throws -> [Int64: UnitRef] {
        Dictionary(uniqueKeysWithValues: try fetchUnits(db).map { ($0.id, UnitRef($0)) })
    }
}

extension MemberUnit {
    init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), code: try row.decode(forColumn: "code"),
                  name: try row.decode(forColumn: "name"), kind: try row.vocabulary("kind"),
                  liaison: try row.decode(forColumn: "liaison"), contact: try row.decode(forColumn: "contact"),
                  createdAt: try row.decode(forColumn: "created_at"))
    }
}
