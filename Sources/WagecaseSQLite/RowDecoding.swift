import GRDB
import WagecaseCore
import WagecaseStore

// Decoding rows into the domain's records. Enumerations and dates were checked by the schema on the way in,
// so a value that fails here means the file was changed behind the program's back.

struct CorruptValue: Error, CustomStringConvertible {
    let column: String
    let value: String
    var description: String { "the database holds an unexpected value in \(column): \(value)" }
}

extension Row {
    func date(_ column: String) throws -> LocalDate {
        let text: String = self[column]
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    func vocabulary<V: RawRepresentable<String>>(_ column: String, as type: V.Type = V.self) throws -> V {
        let text: String = self[column]
        guard let value = V(rawValue: text) else { throw CorruptValue(column: column, value: text) }
        return value
    }

    func fen(_ column: String) -> Fen { Fen(self[column] as Int64) }

    func date(at index: Int, column: String) throws -> LocalDate {
        let text: String = self[index]
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    func vocabulary<V: Vocabulary>(at index: Int, column: String, as type: V.Type = V.self) throws -> V {
        let text: String = self[index]
        guard let value = V(rawValue: text) else { throw CorruptValue(column: column, value: text) }
        return value
    }
}

extension Worker {
    static let selection = "id, name, id_number, id_number_override_reason, phone, bank_card, hometown, created_at"

    init(row: Row) {
        self.init(id: row["id"], name: row["name"], idNumber: row["id_number"],
                  idNumberOverrideReason: row["id_number_override_reason"], phone: row["phone"],
                  bankCard: row["bank_card"], hometown: row["hometown"], createdAt: row["created_at"])
    }
}

extension Employer {
    static let selection = "id, name, credit_code, credit_code_override_reason, kind, created_at"

    init(row: Row) throws {
        self.init(id: row["id"], name: row["name"], creditCode: row["credit_code"],
                  creditCodeOverrideReason: row["credit_code_override_reason"],
                  kind: try row.vocabulary("kind"), createdAt: row["created_at"])
    }
}

extension Row {
    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let text: String = self[column] else { return nil }
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    func optionalFen(_ column: String) -> Fen? { (self[column] as Int64?).map(Fen.init) }
}

extension Project {
    static let selection = """
        SELECT p.*, e.name AS employer_name
        FROM project p JOIN employer e ON e.id = p.employer_id
        """

    init(row: Row) throws {
        self.init(id: row["id"], name: row["name"], employerID: row["employer_id"],
                  employerName: row["employer_name"], location: row["location"], regionCode: row["region_code"],
                  contractPrice: row.optionalFen("contract_price_fen"), start: try row.optionalDate("start_on"),
                  plannedCompletion: try row.optionalDate("planned_completion"),
                  actualCompletion: try row.optionalDate("actual_completion"), status: try row.vocabulary("status"),
                  standing: try row.vocabulary("standing"), exemptionReason: row["exemption_reason"],
                  exemptionDocument: row["exemption_document"], createdAt: row["created_at"])
    }
}

extension Guarantee {
    init(row: Row) throws {
        self.init(id: row["id"], projectID: row["project_id"], kind: try row.vocabulary("kind"),
                  amount: row.fen("amount_fen"), issuer: row["issuer"], documentNumber: row["document_number"],
                  effective: try row.date("effective_on"), ends: try row.optionalDate("ends_on"),
                  createdAt: row["created_at"])
    }
}

extension GuaranteeEvent {
    /// `caseIDs` come from guarantee_draw_case, as a comma-separated `case_ids` column.
    init(row: Row) throws {
        let cases: String? = row["case_ids"]
        self.init(id: row["id"], guaranteeID: row["guarantee_id"], kind: try row.vocabulary("kind"),
                  date: try row.date("on_date"), amount: row.optionalFen("amount_fen"),
                  noticeNumber: row["notice_number"], newEnds: try row.optionalDate("new_ends_on"),
                  newDocument: row["new_document"],
                  caseIDs: cases.map { $0.split(separator: ",").compactMap { Int64($0) } } ?? [],
                  note: row["note"], actor: row["actor"])
    }

    static let selection = """
        SELECT ge.*, (SELECT group_concat(case_id) FROM guarantee_draw_case d WHERE d.event_id = ge.id) AS case_ids
        FROM guarantee_event ge
        """
}

extension GuaranteeRule {
    init(row: Row) throws {
        try self.init(
            region: row["region"], effectiveFrom: try row.date("effective_from"), name: row["name"],
            ratioBasisPoints: row["ratio_bp"], cap: row.optionalFen("cap_fen"), floor: row.optionalFen("floor_fen"),
            exemptBelow: row.optionalFen("exempt_below_fen"),
            noArrears2yReductionPercent: row["no_arrears_2y_reduction_pct"],
            noArrears3yExempt: row["no_arrears_3y_exempt"] as Int64 == 1,
            arrearsIncreasePercent: row["arrears_increase_pct"], dishonestIncreasePercent: row["dishonest_increase_pct"],
            reminderMonths: row["reminder_months"], replenishWorkingDays: row["replenish_working_days"],
            publicNoticeDays: row["public_notice_days"], returnReviewWorkingDays: row["return_review_working_days"],
            bankReturnWorkingDays: row["bank_return_working_days"])
    }
}

extension WageCase {
    static let selection = """
        SELECT c.id, c.case_number, c.clue_id, c.worker_id, w.name AS worker_name, w.id_number AS worker_id_number,
               l.employer_id, e.name AS employer_name, c.series_id, s.name AS series_name, c.claimed_fen,
               (SELECT COALESCE(SUM(r.amount_fen), 0) FROM recovery r WHERE r.case_id = c.id) AS recovered_fen,
               c.stage, c.stage_on, c.opened_on, c.created_at
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
                  opened: try row.date(at: 14, column: "opened_on"), createdAt: row[15])
    }
}

extension CaseEvent {
    init(row: Row) throws {
        self.init(id: row["id"], caseID: row["case_id"], stage: try row.vocabulary("stage"),
                  date: try row.date("on_date"), actor: row["actor"], note: row["note"])
    }
}

extension Recovery {
    init(row: Row) throws {
        self.init(id: row["id"], caseID: row["case_id"], paid: try row.date("paid_on"), amount: row.fen("amount_fen"),
                  route: try row.vocabulary("route"), payer: row["payer"], note: row["note"],
                  forced: row["forced"] as Int64 == 1, actor: row["actor"])
    }
}

extension AuditEntry {
    init(row: Row) {
        self.init(id: row["id"], at: row["at"], actor: row["actor"], action: row["action"], table: row["table_name"],
                  recordID: row["record_id"], before: row["before"], after: row["after"], reason: row["reason"])
    }
}
