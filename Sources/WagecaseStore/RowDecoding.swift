import GRDB
import WagecaseCore

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

    func vocabulary<V: Vocabulary>(_ column: String, as type: V.Type = V.self) throws -> V {
        let text: String = self[column]
        guard let value = V(rawValue: text) else { throw CorruptValue(column: column, value: text) }
        return value
    }

    func fen(_ column: String) -> Fen { Fen(self[column] as Int64) }
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

extension Project {
    static let selection = """
        SELECT p.id, p.name, p.employer_id, e.name AS employer_name, p.location, p.created_at
        FROM project p JOIN employer e ON e.id = p.employer_id
        """

    init(row: Row) {
        self.init(id: row["id"], name: row["name"], employerID: row["employer_id"],
                  employerName: row["employer_name"], location: row["location"], createdAt: row["created_at"])
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

    init(row: Row) throws {
        self.init(id: row["id"], caseNumber: row["case_number"], clueID: row["clue_id"], workerID: row["worker_id"],
                  workerName: row["worker_name"], workerIDNumber: row["worker_id_number"],
                  employerID: row["employer_id"], employerName: row["employer_name"], seriesID: row["series_id"],
                  seriesName: row["series_name"], claimed: row.fen("claimed_fen"), recovered: row.fen("recovered_fen"),
                  stage: try row.vocabulary("stage"), stageDate: try row.date("stage_on"),
                  opened: try row.date("opened_on"), createdAt: row["created_at"])
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
