import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The case list (`GET /api/v1/cases`, the cases page) and the employers it filters by, on PostgreSQL: the same
/// filters, order and values as the SQLite store's.
extension PostgresDatabase {
    /// Cases by id after `filter.afterID`, at most `filter.limit`, narrowed by each filter given.
    public func cases(_ filter: CaseFilter) async throws -> [WageCase] {
        try await autocommit { connection in
            var employerID: Int64?
            if let employer = filter.employer { employerID = try await Self.fetchEmployer(employer, on: connection).id }
            var binds = PostgresBindings()
            binds.append(filter.afterID)
            binds.append(filter.stage?.rawValue)
            binds.append(filter.series)
            binds.append(filter.clueID)
            binds.append(employerID)
            binds.append(filter.handler)
            binds.append(Int64(filter.limit))
            if let workerID = filter.workerID { binds.append(workerID) }
            // A worker's few cases come from the worker index; the other filters then apply to those.
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                \(Self.caseSelection)
                WHERE \(filter.workerID == nil ? "" : "c.worker_id = $8 AND ")c.id > $1
                  AND ($2::text IS NULL OR c.stage = $2::text) AND ($3::text IS NULL OR s.name = $3::text)
                  AND ($4::bigint IS NULL OR c.clue_id = $4::bigint) AND ($5::bigint IS NULL OR l.employer_id = $5::bigint)
                  \(filter.openOnly ? "AND c.stage NOT IN \(PostgresCases.finishedSQL)" : "")
                  AND ($6::text IS NULL OR c.handler = $6::text OR c.assistant = $6::text)
                ORDER BY c.id LIMIT $7
                """, binds: binds), logger: Self.logger)
            var cases: [WageCase] = []
            for try await row in rows { cases.append(try Self.wageCase(PostgresCells(row))) }
            return cases
        }
    }

    /// An employer by id or credit code.
    public func employer(_ reference: EmployerReference) async throws -> Employer {
        try await autocommit { connection in try await Self.fetchEmployer(reference, on: connection) }
    }

    static func fetchEmployer(_ reference: EmployerReference, on connection: PostgresConnection) async throws -> Employer {
        var binds = PostgresBindings()
        let condition: String
        switch reference {
        case .id(let id): condition = "id = $1"; binds.append(id)
        case .creditCode(let code): condition = "credit_code = $1"; binds.append(code)
        }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT id, name, credit_code, credit_code_override_reason, kind, \(PostgresText.timestamp("created_at"))
            FROM employer WHERE \(condition)
            """, binds: binds), logger: logger)
        for try await row in rows {
            let cells = PostgresCells(row)
            return Employer(id: try cells.integer(0, "id"), name: try cells.text(1, "name"),
                            creditCode: try cells.text(2, "credit_code"), creditCodeOverrideReason: try cells.optionalText(3),
                            kind: try cells.vocabulary(4, "kind"), createdAt: try cells.text(5, "created_at"))
        }
        throw WagecaseError.notFound(entity: "employer", key: reference.description)
    }

    /// A case's columns in `wageCase`'s order: the SQLite store's `WageCase.selection`, dates and times as text.
    static let caseSelection = """
        SELECT c.id, c.case_number, c.clue_id, c.worker_id, w.name, w.id_number, l.employer_id, e.name, c.series_id,
               s.name, c.claimed_fen,
               (SELECT COALESCE(SUM(r.amount_fen), 0)::bigint FROM recovery r WHERE r.case_id = c.id),
               c.stage, c.stage_on::text, c.opened_on::text, \(PostgresText.timestamp("c.created_at")),
               c.employment_ended_on::text, c.payment_due_on::text, c.handler, c.assistant, c.closing_reason, c.court,
               c.court_case_number, c.awarded_fen
        FROM wage_case c
        JOIN worker w ON w.id = c.worker_id
        JOIN clue l ON l.id = c.clue_id
        JOIN employer e ON e.id = l.employer_id
        LEFT JOIN case_series s ON s.id = c.series_id
        """

    static func wageCase(_ cells: PostgresCells) throws -> WageCase {
        WageCase(id: try cells.integer(0, "id"), caseNumber: try cells.optionalText(1), clueID: try cells.integer(2, "clue_id"),
                 workerID: try cells.integer(3, "worker_id"), workerName: try cells.text(4, "name"),
                 workerIDNumber: try cells.text(5, "id_number"), employerID: try cells.integer(6, "employer_id"),
                 employerName: try cells.text(7, "name"), seriesID: try cells.optionalInteger(8),
                 seriesName: try cells.optionalText(9), claimed: Fen(try cells.integer(10, "claimed_fen")),
                 recovered: Fen(try cells.integer(11, "recovered_fen")), stage: try cells.vocabulary(12, "stage"),
                 stageDate: try cells.date(13, "stage_on"), opened: try cells.date(14, "opened_on"),
                 createdAt: try cells.text(15, "created_at"),
                 employmentEnded: try cells.optionalDate(16, "employment_ended_on"),
                 paymentDue: try cells.optionalDate(17, "payment_due_on"), handler: try cells.optionalText(18),
                 assistant: try cells.optionalText(19),
                 closingReason: try cells.optionalText(20).map { try PostgresStatistics.vocabulary($0, "closing_reason") },
                 court: try cells.optionalText(21), courtCaseNumber: try cells.optionalText(22),
                 awarded: try cells.optionalInteger(23).map(Fen.init))
    }
}

extension PostgresDatabase {
    /// The time limits of the cases `handler` handles or assists on, as of `asOf` (today by default): the
    /// overview page's own list, as on the file.
    public func caseDeadlines(handler: String, asOf: LocalDate? = nil, now: Date = Date()) async throws -> [Deadline] {
        let today = LocalDate.today(now: now)
        let asOf = asOf ?? today
        do {
            return try await readOnly { connection in
                var mine = Set<Int64>()
                for try await id in try await connection.query(
                    "SELECT id FROM wage_case WHERE handler = \(handler) OR assistant = \(handler)", logger: Self.logger
                ).decode(Int64.self) { mine.insert(id) }
                guard !mine.isEmpty else { return [] }
                let watched = try await PostgresCases.underWatch(connection, asOf: asOf, today: today, changed: nil)
                    .filter { mine.contains($0.id) }
                return CaseTimeLimits.watch(watched, calendar: try await PostgresStatistics.calendar(connection),
                                            asOf: asOf).deadlines
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }
}
