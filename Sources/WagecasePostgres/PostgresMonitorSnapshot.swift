import PostgresNIO
import WagecaseCore
import WagecaseStore

/// What the guarantee monitor looks at, read from PostgreSQL as the SQLite store reads it (`fetchSnapshot`):
/// projects, their guarantees and events, every rule, and (unless left out) every suggestion. Core finds the
/// alerts and duties in it.
enum PostgresMonitorSnapshot {
    /// Everything, or (given `only`) those projects with their guarantees and events.
    static func read(_ connection: PostgresConnection, projects only: Set<Int64>?,
                     withSuggestions: Bool = true) async throws -> MonitorSnapshot {
        let values = only.map { [PostgresStatistics.idArray($0)] } ?? []
        func filtered(_ filter: String) -> String { only == nil ? "" : filter }
        let projects = try await PostgresStatistics.rows("""
            \(ProjectColumns.select) \(filtered("WHERE p.id = ANY($1::bigint[])")) ORDER BY p.id
            """, values, on: connection, ProjectColumns.project)
        let guarantees = try await PostgresStatistics.rows("""
            SELECT id, project_id, kind, amount_fen, issuer, document_number, effective_on::text, ends_on::text,
                   \(PostgresText.timestamp("created_at"))
            FROM guarantee \(filtered("WHERE project_id = ANY($1::bigint[])")) ORDER BY id
            """, values, on: connection) { c in
            Guarantee(id: try c.integer(0, "id"), projectID: try c.integer(1, "project_id"), kind: try c.vocabulary(2, "kind"),
                      amount: Fen(try c.integer(3, "amount_fen")), issuer: try c.optionalText(4),
                      documentNumber: try c.optionalText(5), effective: try c.date(6, "effective_on"),
                      ends: try c.optionalDate(7, "ends_on"), createdAt: try c.text(8, "created_at"))
        }
        var events: [Int64: [GuaranteeEvent]] = [:]
        for event in try await PostgresStatistics.rows("""
            SELECT ge.id, ge.guarantee_id, ge.kind, ge.on_date::text, ge.amount_fen, ge.notice_number, ge.new_ends_on::text,
                   ge.new_document,
                   (SELECT string_agg(case_id::text, ',' ORDER BY case_id) FROM guarantee_draw_case d WHERE d.event_id = ge.id),
                   ge.note, ge.actor, ge.order_number, ge.order_due_on::text, ge.paid_on::text
            FROM guarantee_event ge
            \(filtered("WHERE ge.guarantee_id IN (SELECT id FROM guarantee WHERE project_id = ANY($1::bigint[]))"))
            ORDER BY ge.guarantee_id, ge.on_date, ge.id
            """, values, on: connection, { c in
            var event = GuaranteeEvent(
                id: try c.integer(0, "id"), guaranteeID: try c.integer(1, "guarantee_id"), kind: try c.vocabulary(2, "kind"),
                date: try c.date(3, "on_date"), amount: try c.optionalInteger(4).map(Fen.init),
                noticeNumber: try c.optionalText(5), newEnds: try c.optionalDate(6, "new_ends_on"),
                newDocument: try c.optionalText(7),
                caseIDs: try c.optionalText(8).map { $0.split(separator: ",").compactMap { Int64($0) } } ?? [],
                note: try c.optionalText(9), actor: try c.text(10, "actor"))
            (event.orderNumber, event.orderDue, event.paidOn) = (try c.optionalText(11), try c.optionalDate(12, "order_due_on"),
                                                                 try c.optionalDate(13, "paid_on"))
            return event
        }) {
            events[event.guaranteeID, default: []].append(event)
        }
        // Every suggestion: one answered since may have been waiting on the day asked.
        return MonitorSnapshot(projects: projects, guarantees: guarantees, events: events, openCases: [:],
                               suggestions: withSuggestions ? try await suggestions(connection) : [],
                               rules: try await rules(connection))
    }

    /// Every suggestion in id order, with its projects and guarantees.
    static func suggestions(_ connection: PostgresConnection) async throws -> [Suggestion] {
        func links(_ sql: String) async throws -> [Int64: [Int64]] {
            var links: [Int64: [Int64]] = [:]
            for (owner, id) in try await PostgresStatistics.rows(sql, on: connection, {
                (try $0.integer(0, "suggestion_id"), try $0.integer(1, "id"))
            }) { links[owner, default: []].append(id) }
            return links
        }
        let projects = try await links("SELECT suggestion_id, project_id FROM suggestion_project ORDER BY 1, 2")
        let guarantees = try await links("SELECT suggestion_id, guarantee_id FROM suggestion_guarantee ORDER BY 1, 2")
        return try await PostgresStatistics.rows("""
            SELECT id, number, issued_on::text, agency, text, reply_due_on::text, replied_on::text, reply_summary,
                   secured_fen, letters_renewed, \(PostgresText.timestamp("created_at"))
            FROM suggestion ORDER BY id
            """, on: connection) { c in
            let id = try c.integer(0, "id")
            return Suggestion(id: id, number: try c.text(1, "number"), issued: try c.date(2, "issued_on"),
                              agency: try c.text(3, "agency"), text: try c.optionalText(4),
                              replyDue: try c.date(5, "reply_due_on"), replied: try c.optionalDate(6, "replied_on"),
                              replySummary: try c.optionalText(7), secured: Fen(try c.integer(8, "secured_fen")),
                              lettersRenewed: Int(truncatingIfNeeded: try c.integer(9, "letters_renewed")),
                              projectIDs: projects[id] ?? [], guaranteeIDs: guarantees[id] ?? [],
                              createdAt: try c.text(10, "created_at"))
        }
    }

    /// The jurisdiction rules, national first, then by region and the day each took effect (as SQLite orders
    /// them: region codes are digits, so the collation cannot reorder them).
    static func rules(_ connection: PostgresConnection) async throws -> [GuaranteeRule] {
        try await PostgresStatistics.rows("""
            SELECT region, effective_from::text, name, ratio_bp::bigint, cap_fen, floor_fen, exempt_below_fen,
                   no_arrears_2y_reduction_pct, no_arrears_3y_exempt, arrears_increase_pct, dishonest_increase_pct,
                   reminder_months, replenish_working_days, public_notice_days, return_review_working_days,
                   bank_return_working_days, bank_payment_working_days, ratio_basis, limits_apply
            FROM guarantee_rule ORDER BY length(region), region COLLATE "C", effective_from
            """, on: connection) { c in
            func number(_ index: Int, _ column: String) throws -> Int { Int(truncatingIfNeeded: try c.integer(index, column)) }
            return try GuaranteeRule(
                region: try c.text(0, "region"), effectiveFrom: try c.date(1, "effective_from"), name: try c.text(2, "name"),
                ratioBasisPoints: try number(3, "ratio_bp"), cap: try c.optionalInteger(4).map(Fen.init),
                floor: try c.optionalInteger(5).map(Fen.init), exemptBelow: try c.optionalInteger(6).map(Fen.init),
                noArrears2yReductionPercent: try number(7, "no_arrears_2y_reduction_pct"),
                noArrears3yExempt: try c.optionalBool(8) == true,
                arrearsIncreasePercent: try number(9, "arrears_increase_pct"),
                dishonestIncreasePercent: try number(10, "dishonest_increase_pct"),
                reminderMonths: try number(11, "reminder_months"), replenishWorkingDays: try number(12, "replenish_working_days"),
                publicNoticeDays: try number(13, "public_notice_days"),
                returnReviewWorkingDays: try number(14, "return_review_working_days"),
                bankReturnWorkingDays: try number(15, "bank_return_working_days"),
                bankPaymentWorkingDays: try number(16, "bank_payment_working_days"),
                ratioBasis: try c.optionalText(17), limitsApply: try c.vocabulary(18, "limits_apply"))
        }
    }

    /// Every setting as rules use it (`Setting.inUse`).
    static func settings(_ connection: PostgresConnection) async throws -> [Setting: String] {
        let stored = try await PostgresDatabase.storedSettings(on: connection)
        var values: [Setting: String] = [:]
        for setting in Setting.allCases { values[setting] = setting.inUse(stored: stored[setting.rawValue]) }
        return values
    }
}
