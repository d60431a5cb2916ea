import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The case list (`GET /api/v1/cases`, the cases page) and the employers it filters by, on PostgreSQL: the same
/// filters, order and values as the SQLite store's.
extension PostgresDatabase {
    /// Cases by id after `filter.afterID`, at most `filter.limit`, narrowed by each filter given.
    ///
    /// The page of case ids is found first, in the cases' own table (the filters that name a series or an
    /// employer as lookups of theirs), and only its rows are joined to their workers, clues and employers; the
    /// statement names only the filters given, so PostgreSQL plans each shape for what it is. On the province's
    /// 5,000,000 cases, joining before the page was cut took 4 ms a page, the page first 0.8 ms; one statement
    /// with `$n IS NULL OR …` for every filter, once planned for all shapes, read the whole table (20 s).
    public func cases(_ filter: CaseFilter) async throws -> [WageCase] {
        try await autocommit { connection in
            var employerID: Int64?
            if let employer = filter.employer { employerID = try await Self.fetchEmployer(employer, on: connection).id }
            var binds = PostgresBindings()
            var conditions: [String] = []
            func bind(_ condition: (String) -> String, _ append: (inout PostgresBindings) -> Void) {
                append(&binds)
                conditions.append(condition("$\(binds.count)"))
            }
            if let workerID = filter.workerID { bind({ "worker_id = \($0)" }, { $0.append(workerID) }) }
            bind({ "id > \($0)" }, { $0.append(filter.afterID) })
            if let stage = filter.stage { bind({ "stage = \($0)" }, { $0.append(stage.rawValue) }) }
            if let series = filter.series {
                bind({ "series_id IN (SELECT id FROM case_series WHERE name = \($0))" }, { $0.append(series) })
            }
            if let clueID = filter.clueID { bind({ "clue_id = \($0)" }, { $0.append(clueID) }) }
            if let employerID { bind({ "clue_id IN (SELECT id FROM clue WHERE employer_id = \($0))" }, { $0.append(employerID) }) }
            if filter.openOnly { conditions.append("stage NOT IN \(PostgresCases.finishedSQL)") }
            if let handler = filter.handler { bind({ "(handler = \($0) OR assistant = \($0))" }, { $0.append(handler) }) }
            binds.append(Int64(filter.limit))
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                \(Self.caseSelection(from: """
                    (SELECT * FROM wage_case WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT $\(binds.count))
                    """))
                ORDER BY c.id
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
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "\(EmployerColumns.select) WHERE \(condition)",
                                                            binds: binds), logger: logger)
        for try await row in rows { return try EmployerColumns.employer(PostgresCells(row)) }
        throw WagecaseError.notFound(entity: "employer", key: reference.description)
    }

    /// A case's columns in `wageCase`'s order: the SQLite store's `WageCase.selection`, dates and times as text;
    /// `cases` is the table, or a subquery of its rows.
    static func caseSelection(from cases: String = "wage_case") -> String { """
        SELECT c.id, c.case_number, c.clue_id, c.worker_id, w.name, w.id_number, l.employer_id, e.name, c.series_id,
               s.name, c.claimed_fen,
               (SELECT COALESCE(SUM(r.amount_fen), 0)::bigint FROM recovery r WHERE r.case_id = c.id),
               c.stage, c.stage_on::text, c.opened_on::text, \(PostgresText.timestamp("c.created_at")),
               c.employment_ended_on::text, c.payment_due_on::text, c.handler, c.assistant, c.closing_reason, c.court,
               c.court_case_number, c.awarded_fen
        FROM \(cases) c
        JOIN worker w ON w.id = c.worker_id
        JOIN clue l ON l.id = c.clue_id
        JOIN employer e ON e.id = l.employer_id
        LEFT JOIN case_series s ON s.id = c.series_id
        """
    }

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
