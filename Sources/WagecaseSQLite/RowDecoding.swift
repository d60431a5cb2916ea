import GRDB
import WagecaseCore
import WagecaseStore

// Decoding rows into the domain's records. Enumerations and dates were checked by the schema on the way in,
// so a value that fails here means the file was changed behind the program's back.


extension Row {
    func date(_ column: String) throws -> LocalDate {
        let text: String = try decode(forColumn: column)
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    func vocabulary<V: RawRepresentable<String>>(_ column: String, as type: V.Type = V.self) throws -> V {
        let text: String = try decode(forColumn: column)
        guard let value = V(rawValue: text) else { throw CorruptValue(column: column, value: text) }
        return value
    }

    func fen(_ column: String) throws -> Fen { Fen(try decode(Int64.self, forColumn: column)) }

    func date(at index: Int, column: String) throws -> LocalDate {
        let text: String = try decode(atIndex: index)
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    func optionalDate(at index: Int, column: String) throws -> LocalDate? {
        guard let text: String = try decode(atIndex: index) else { return nil }
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    func vocabulary<V: Vocabulary>(at index: Int, column: String, as type: V.Type = V.self) throws -> V {
        let text: String = try decode(atIndex: index)
        guard let value = V(rawValue: text) else { throw CorruptValue(column: column, value: text) }
        return value
    }
}

extension Worker {
    static let selection = "id, name, id_number, id_number_override_reason, phone, bank_card, hometown, created_at"

    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), name: (try row.decode(forColumn: "name")), idNumber: (try row.decode(forColumn: "id_number")),
                  idNumberOverrideReason: (try row.decode(forColumn: "id_number_override_reason")), phone: (try row.decode(forColumn: "phone")),
                  bankCard: (try row.decode(forColumn: "bank_card")), hometown: (try row.decode(forColumn: "hometown")), createdAt: (try row.decode(forColumn: "created_at")))
    }
}

extension Employer {
    static let selection = "id, name, credit_code, credit_code_override_reason, kind, created_at"

    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), name: (try row.decode(forColumn: "name")), creditCode: (try row.decode(forColumn: "credit_code")),
                  creditCodeOverrideReason: (try row.decode(forColumn: "credit_code_override_reason")),
                  kind: try row.vocabulary("kind"), createdAt: (try row.decode(forColumn: "created_at")))
    }
}

extension Row {
    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let text: String = try decode(forColumn: column) else { return nil }
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    func optionalFen(_ column: String) throws -> Fen? { try decode(Int64?.self, forColumn: column).map(Fen.init) }
}

extension Project {
    static let selection = """
        SELECT p.*, e.name AS employer_name
        FROM project p JOIN employer e ON e.id = p.employer_id
        """

    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), name: (try row.decode(forColumn: "name")), employerID: (try row.decode(forColumn: "employer_id")),
                  employerName: (try row.decode(forColumn: "employer_name")), location: (try row.decode(forColumn: "location")), regionCode: (try row.decode(forColumn: "region_code")),
                  contractPrice: try row.optionalFen("contract_price_fen"), start: try row.optionalDate("start_on"),
                  plannedCompletion: try row.optionalDate("planned_completion"),
                  actualCompletion: try row.optionalDate("actual_completion"), status: try row.vocabulary("status"),
                  standing: try row.vocabulary("standing"), exemptionReason: (try row.decode(forColumn: "exemption_reason")),
                  exemptionDocument: (try row.decode(forColumn: "exemption_document")), createdAt: (try row.decode(forColumn: "created_at")))
        permitDate = try row.optionalDate("permit_on")
        contractSigned = try row.optionalDate("contract_signed_on")
        priorYearArrears = try row.decode(Int64?.self, forColumn: "prior_year_arrears").map { $0 == 1 }
        realNameManagement = try row.decode(Int64.self, forColumn: "real_name_management") == 1
        wageAccount = try row.decode(Int64.self, forColumn: "wage_account") == 1
        standingSince = try row.optionalDate("standing_since")
        reducedRatioBasisPoints = try row.decode(Int?.self, forColumn: "reduced_ratio_bp")
    }
}

extension Guarantee {
    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), projectID: (try row.decode(forColumn: "project_id")), kind: try row.vocabulary("kind"),
                  amount: try row.fen("amount_fen"), issuer: (try row.decode(forColumn: "issuer")), documentNumber: (try row.decode(forColumn: "document_number")),
                  effective: try row.date("effective_on"), ends: try row.optionalDate("ends_on"),
                  createdAt: (try row.decode(forColumn: "created_at")))
        validityOverride = try row.decode(forColumn: "validity_override")
    }
}

extension GuaranteeEvent {
    /// `caseIDs` come from guarantee_draw_case, as a comma-separated `case_ids` column.
    init(row: Row) throws {
        let cases: String? = (try row.decode(forColumn: "case_ids"))
        self.init(id: (try row.decode(forColumn: "id")), guaranteeID: (try row.decode(forColumn: "guarantee_id")), kind: try row.vocabulary("kind"),
                  date: try row.date("on_date"), amount: try row.optionalFen("amount_fen"),
                  noticeNumber: (try row.decode(forColumn: "notice_number")), newEnds: try row.optionalDate("new_ends_on"),
                  newDocument: (try row.decode(forColumn: "new_document")),
                  caseIDs: cases.map { $0.split(separator: ",").compactMap { Int64($0) } } ?? [],
                  note: (try row.decode(forColumn: "note")), actor: (try row.decode(forColumn: "actor")))
        orderNumber = try row.decode(forColumn: "order_number")
        orderDue = try row.optionalDate("order_due_on")
        paidOn = try row.optionalDate("paid_on")
    }

    static let selection = """
        SELECT ge.*, (SELECT group_concat(case_id) FROM guarantee_draw_case d WHERE d.event_id = ge.id) AS case_ids
        FROM guarantee_event ge
        """
}

extension GuaranteeRule {
    init(row: Row) throws {
        try self.init(
            region: (try row.decode(forColumn: "region")), effectiveFrom: try row.date("effective_from"), name: (try row.decode(forColumn: "name")),
            ratioBasisPoints: (try row.decode(forColumn: "ratio_bp")), cap: row.optionalFen("cap_fen"), floor: row.optionalFen("floor_fen"),
            exemptBelow: row.optionalFen("exempt_below_fen"),
            noArrears2yReductionPercent: row["no_arrears_2y_reduction_pct"],
            noArrears3yExempt: row["no_arrears_3y_exempt"] as Int64 == 1,
            arrearsIncreasePercent: (try row.decode(forColumn: "arrears_increase_pct")), dishonestIncreasePercent: (try row.decode(forColumn: "dishonest_increase_pct")),
            reminderMonths: (try row.decode(forColumn: "reminder_months")), replenishWorkingDays: (try row.decode(forColumn: "replenish_working_days")),
            publicNoticeDays: (try row.decode(forColumn: "public_notice_days")), returnReviewWorkingDays: (try row.decode(forColumn: "return_review_working_days")),
            bankReturnWorkingDays: (try row.decode(forColumn: "bank_return_working_days")),
            bankPaymentWorkingDays: (try row.decode(forColumn: "bank_payment_working_days")),
            ratioBasis: (try row.decode(forColumn: "ratio_basis")), limitsApply: try row.vocabulary("limits_apply"))
    }
}

extension WageCase {
    static let selection = """
        SELECT c.id, c.case_number, c.clue_id, c.worker_id, w.name AS worker_name, w.id_number AS worker_id_number,
               l.employer_id, e.name AS employer_name, c.series_id, s.name AS series_name, c.claimed_fen,
               (SELECT COALESCE(SUM(r.amount_fen), 0) FROM recovery r WHERE r.case_id = c.id) AS recovered_fen,
               c.stage, c.stage_on, c.opened_on, c.created_at, c.employment_ended_on, c.payment_due_on, c.handler, c.assistant,
               c.closing_reason, c.court, c.court_case_number, c.awarded_fen
        FROM wage_case c
        JOIN worker w ON w.id = c.worker_id
        JOIN clue l ON l.id = c.clue_id
        JOIN employer e ON e.id = l.employer_id
        LEFT JOIN case_series s ON s.id = c.series_id
        """

    /// Decoded by position, in `selection`'s column order: lists decode thousands of these per second and a
    /// lookup by name costs a case-insensitive string comparison per column.
    init(row: Row) throws {
        self.init(id: row[0], caseNumber: row[1], clueID: row[2], workerID: row[3], workerName: row[4],
                  workerIDNumber: row[5], employerID: row[6], employerName: row[7], seriesID: row[8],
                  seriesName: row[9], claimed: Fen(row[10] as Int64), recovered: Fen(row[11] as Int64),
                  stage: try row.vocabulary(at: 12, column: "stage"), stageDate: try row.date(at: 13, column: "stage_on"),
                  opened: try row.date(at: 14, column: "opened_on"), createdAt: row[15],
                  employmentEnded: try row.optionalDate(at: 16, column: "employment_ended_on"),
                  paymentDue: try row.optionalDate(at: 17, column: "payment_due_on"), handler: row[18], assistant: row[19],
                  closingReason: try (row[20] as String?).map { text in
                      guard let reason = ClosingReason(rawValue: text) else { throw CorruptValue(column: "closing_reason", value: text) }
                      return reason
                  },
                  court: row[21], courtCaseNumber: row[22], awarded: (row[23] as Int64?).map(Fen.init))
    }
}

extension CaseActivity {
    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), caseID: (try row.decode(forColumn: "case_id")),
                  kind: try row.vocabulary("kind"), date: try row.date("on_date"), note: (try row.decode(forColumn: "note")),
                  actor: (try row.decode(forColumn: "actor")))
    }
}

extension CaseEvent {
    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), caseID: (try row.decode(forColumn: "case_id")), stage: try row.vocabulary("stage"),
                  date: try row.date("on_date"), actor: (try row.decode(forColumn: "actor")), note: (try row.decode(forColumn: "note")))
    }
}

extension Recovery {
    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), caseID: (try row.decode(forColumn: "case_id")), paid: try row.date("paid_on"), amount: try row.fen("amount_fen"),
                  route: try row.vocabulary("route"), payer: (try row.decode(forColumn: "payer")), note: (try row.decode(forColumn: "note")),
                  forced: (try row.decode(Int64.self, forColumn: "forced")) == 1, actor: (try row.decode(forColumn: "actor")),
                  reverses: (try row.decode(forColumn: "reverses_id")),
                  reversedBy: row.hasColumn("reversed_by_id") ? (try row.decode(forColumn: "reversed_by_id")) : nil)
    }

    /// A recovery's columns with the balancing entry that reverses it, if any.
    static let selection = "r.*, (SELECT b.id FROM recovery b WHERE b.reverses_id = r.id) AS reversed_by_id FROM recovery r"
}

extension AuditEntry {
    init(row: Row) throws {
        self.init(id: (try row.decode(forColumn: "id")), at: (try row.decode(forColumn: "at")), actor: (try row.decode(forColumn: "actor")), action: (try row.decode(forColumn: "action")), table: (try row.decode(forColumn: "table_name")),
                  recordID: (try row.decode(forColumn: "record_id")), before: (try row.decode(forColumn: "before")), after: (try row.decode(forColumn: "after")), reason: (try row.decode(forColumn: "reason")))
    }
}
