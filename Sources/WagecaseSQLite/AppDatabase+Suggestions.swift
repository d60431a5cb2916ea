import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    public func addSuggestion(_ input: NewSuggestion, actor: String) throws -> Suggestion {
        let today = self.today
        return try write(actor: actor) { db, audit in
            if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM suggestion WHERE number = ?",
                                                  arguments: [input.number]) {
                throw WagecaseError.duplicate(entity: "suggestion", key: input.number, existingID: existing,
                                              hint: "suggestion numbers are unique")
            }
            let months = try input.replyMonths ?? Self.settingValue(db, .suggestionReplyMonths).flatMap { Int($0) }
                ?? Int(Setting.suggestionReplyMonths.defaultValue) ?? 2
            let projectIDs = try input.projects.map { try Self.fetchProject(db, $0, employerID: nil).id }
            for id in input.guaranteeIDs { _ = try Self.fetchGuaranteeDetail(db, id: id, asOf: today) }
            let due = try SuggestionRules.replyDue(issued: input.issued, months: months, today: today)
            try db.execute(
                cached: """
                    INSERT INTO suggestion (number, issued_on, agency, text, reply_due_on, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [input.number, input.issued.iso, input.agency, input.text, due.iso, audit.at])
            let id = db.lastInsertedRowID
            for projectID in Set(projectIDs) {
                try db.execute(cached: "INSERT INTO suggestion_project VALUES (?, ?)", arguments: [id, projectID])
            }
            for guaranteeID in Set(input.guaranteeIDs) {
                try db.execute(cached: "INSERT INTO suggestion_guarantee VALUES (?, ?)", arguments: [id, guaranteeID])
            }
            try audit.record(.insert, table: "suggestion", id: id, after: [
                "number": input.number, "issued_on": input.issued.iso, "agency": input.agency,
                "reply_due_on": due.iso, "project_ids": projectIDs.map(String.init).joined(separator: ","),
                "guarantee_ids": input.guaranteeIDs.map(String.init).joined(separator: ","),
            ])
            return try Self.fetchSuggestion(db, id: id)
        }
    }

    /// Records the agency's reply. A suggestion is answered once: a second reply is refused unless it is an
    /// amendment (`amendReason`), which replaces the reply's facts and keeps the first in the audit log with why.
    /// `expect` runs inside the transaction on the current record (the HTTP service checks If-Match there).
    public func replySuggestion(_ reference: String, _ reply: SuggestionReply, amendReason: String? = nil,
                                actor: String, expect: (Suggestion) throws -> Void = { _ in }) throws -> Suggestion {
        let today = self.today
        let amendReason = try TextField.optional(amendReason, field: "reason", maxLength: 2000)
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchSuggestion(db, reference: reference)
            try expect(current)
            try SuggestionRules.checkReply(current, replied: reply.replied, amendReason: amendReason, today: today)
            try db.execute(
                cached: """
                    UPDATE suggestion SET replied_on = ?, reply_summary = ?, secured_fen = ?, letters_renewed = ?
                    WHERE id = ?
                    """,
                arguments: [reply.replied.iso, reply.summary, reply.secured.value, reply.lettersRenewed, current.id])
            try audit.record(
                .update, table: "suggestion", id: current.id,
                before: ["replied_on": current.replied?.iso, "reply_summary": current.replySummary,
                         "secured_fen": current.secured.value, "letters_renewed": current.lettersRenewed],
                after: ["replied_on": reply.replied.iso, "reply_summary": reply.summary,
                        "secured_fen": reply.secured.value, "letters_renewed": reply.lettersRenewed],
                reason: amendReason.map { "reply amended: " + $0 })
            return try Self.fetchSuggestion(db, id: current.id)
        }
    }
}

// MARK: - Reads

extension AppDatabase {
    public func suggestions(openOnly: Bool = false, limit: Int = 100, afterID: Int64 = 0) throws -> [Suggestion] {
        try read { db in
            try Int64.fetchAll(
                db, cached: "SELECT id FROM suggestion WHERE id > ? AND (? = 0 OR replied_on IS NULL) ORDER BY id LIMIT ?",
                arguments: [afterID, openOnly ? 1 : 0, limit]
            ).map { try Self.fetchSuggestion(db, id: $0) }
        }
    }

    public func suggestion(_ reference: String) throws -> Suggestion {
        try read { db in try Self.fetchSuggestion(db, reference: reference) }
    }

    /// By number, else by id.
    static func fetchSuggestion(_ db: Database, reference: String) throws -> Suggestion {
        if let id = try Int64.fetchOne(db, cached: "SELECT id FROM suggestion WHERE number = ?", arguments: [reference]) {
            return try fetchSuggestion(db, id: id)
        }
        if let id = Int64(reference.hasPrefix("#") ? String(reference.dropFirst()) : reference) {
            return try fetchSuggestion(db, id: id)
        }
        throw WagecaseError.notFound(entity: "suggestion", key: reference)
    }

    static func fetchSuggestion(_ db: Database, id: Int64) throws -> Suggestion {
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM suggestion WHERE id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "suggestion", key: "#\(id)")
        }
        let projects = try Int64.fetchAll(db, cached: "SELECT project_id FROM suggestion_project WHERE suggestion_id = ? ORDER BY 1",
                                          arguments: [id])
        let guarantees = try Int64.fetchAll(
            db, cached: "SELECT guarantee_id FROM suggestion_guarantee WHERE suggestion_id = ? ORDER BY 1", arguments: [id])
        return try Suggestion(row: row, projectIDs: projects, guaranteeIDs: guarantees)
    }

    /// Every suggestion in id order, with its projects and guarantees: three reads whatever their number (the
    /// monitor judges past days, so it needs the answered ones too).
    static func fetchAllSuggestions(_ db: Database) throws -> [Suggestion] {
        func links(_ sql: String) throws -> [Int64: [Int64]] {
            var links: [Int64: [Int64]] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql))
            while let row = try rows.next() { links[row[0] as Int64, default: []].append(row[1] as Int64) }
            return links
        }
        let projects = try links("SELECT suggestion_id, project_id FROM suggestion_project ORDER BY 1, 2")
        let guarantees = try links("SELECT suggestion_id, guarantee_id FROM suggestion_guarantee ORDER BY 1, 2")
        return try Row.fetchAll(db, cached: "SELECT * FROM suggestion ORDER BY id").map { row in
            let id: Int64 = try row.decode(forColumn: "id")
            return try Suggestion(row: row, projectIDs: projects[id] ?? [], guaranteeIDs: guarantees[id] ?? [])
        }
    }

    static func setting(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, cached: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    /// A setting as rules may use it (`Setting.inUse`).
    static func settingValue(_ db: Database, _ setting: Setting) throws -> String? {
        setting.inUse(stored: try Self.setting(db, setting.rawValue))
    }
}

// MARK: - Settings

extension AppDatabase {
    public func settings() throws -> [Setting: String] {
        try read { db in
            var values: [Setting: String] = [:]
            for setting in Setting.allCases { values[setting] = try Self.setting(db, setting.rawValue) ?? setting.defaultValue }
            return values
        }
    }

    public func setSetting(_ setting: Setting, to value: String, actor: String) throws -> String {
        let value = try setting.validate(value)
        return try write(actor: actor) { db, audit in
            let before = try Self.setting(db, setting.rawValue)
            if DocumentKind.allCases.contains(where: { $0.numberSetting == setting }) {
                var current: [Setting: String] = [:]
                for kind in DocumentKind.allCases {
                    current[kind.numberSetting] = try Self.setting(db, kind.numberSetting.rawValue)
                }
                try DocumentNumber.checkDistinct(value, for: setting, current: current)
            }
            try db.execute(cached: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                           arguments: [setting.rawValue, value])
            try audit.record(before == nil ? .insert : .update, table: "setting", id: nil,
                             before: before.map { [setting.rawValue: $0] }, after: [setting.rawValue: value])
            return value
        }
    }
}

extension Suggestion {
    init(row: Row, projectIDs: [Int64], guaranteeIDs: [Int64]) throws {
        self.init(id: try row.decode(forColumn: "id"), number: (try row.decode(forColumn: "number")),
                  issued: try row.date("issued_on"), agency: (try row.decode(forColumn: "agency")),
                  text: (try row.decode(forColumn: "text")), replyDue: try row.date("reply_due_on"),
                  replied: try row.optionalDate("replied_on"), replySummary: (try row.decode(forColumn: "reply_summary")),
                  secured: try row.fen("secured_fen"), lettersRenewed: (try row.decode(forColumn: "letters_renewed")),
                  projectIDs: projectIDs, guaranteeIDs: guaranteeIDs, createdAt: (try row.decode(forColumn: "created_at")))
    }
}
