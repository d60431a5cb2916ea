import Foundation
import PostgresNIO
import WagecaseCore

/// The workers, employers and projects on record, read as the SQLite store reads them: by id (a project by name
/// too), or listed in id order after a cursor with an optional filter. Values come back as stored (masking is the
/// caller's, by role).
extension PostgresDatabase {
    /// A worker by record id only (never by ID number: a reader who may not see the number must not test it).
    public func worker(id: Int64) async throws -> Worker {
        try await autocommit { connection in
            var binds = PostgresBindings()
            binds.append(id)
            let workers = try await Self.fetchWorkers(where: "id = $1", binds: binds, on: connection)
            guard let worker = workers.first else { throw WagecaseError.notFound(entity: "worker", key: "#\(id)") }
            return worker
        }
    }

    /// Workers in id order after `afterID`, those whose name contains `nameContains` if given; a negative limit
    /// lists them all (as SQLite's `LIMIT -1`).
    public func workers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Worker] {
        try await autocommit { connection in
            try await Self.fetchWorkers(where: "id > $1 AND ($2::text IS NULL OR strpos(name, $2) > 0) ORDER BY id LIMIT $3",
                                        binds: Self.listBinds(afterID: afterID, nameContains: nameContains, limit: limit),
                                        on: connection)
        }
    }

    /// Employers in id order after `afterID`, those whose name contains `nameContains` if given.
    public func employers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Employer] {
        try await autocommit { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                \(EmployerColumns.select) WHERE id > $1 AND ($2::text IS NULL OR strpos(name, $2) > 0) ORDER BY id LIMIT $3
                """, binds: Self.listBinds(afterID: afterID, nameContains: nameContains, limit: limit)), logger: Self.logger)
            var employers: [Employer] = []
            for try await row in rows { employers.append(try EmployerColumns.employer(PostgresCells(row))) }
            return employers
        }
    }

    /// A project by id, or by name (a name two employers' projects share is refused, asking for the id).
    public func project(_ reference: ProjectReference) async throws -> Project {
        try await autocommit { connection in try await Self.fetchProject(reference, on: connection) }
    }

    /// The deposit a project owes under the rule in force for its region on the day its deposit counts from (today
    /// when it does not yet), and when it falls due: Core's decision on what is read, as on the file.
    public func requiredGuarantee(for reference: ProjectReference, now: Date = Date()) async throws -> DepositDuty {
        let today = LocalDate.today(now: now)
        do {
            // The project, the rules and the calendar as of one moment, as the file reads them in one transaction.
            return try await readOnly { connection in
                let project = try await Self.fetchProject(reference, on: connection)
                let rules = try await PostgresMonitorSnapshot.rules(connection)
                let rule = GuaranteeRule.inForce(rules, regionCode: project.regionCode,
                                                 on: project.depositCountsFrom?.date ?? today) ?? .nationalDefault
                let due = GuaranteeMonitor.depositDue(project, calendar: try await PostgresStatistics.calendar(connection))
                return DepositDuty(rule: rule, requirement: DepositRequirement.of(project, rule: rule),
                                   due: due?.date, basis: due?.basis, provisional: due?.provisional ?? false)
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }

    static func fetchProject(_ reference: ProjectReference, on connection: PostgresConnection) async throws -> Project {
        var binds = PostgresBindings()
        let condition: String
        switch reference {
        case .id(let id): condition = "p.id = $1"; binds.append(id)
        case .name(let name): condition = "p.name = $1"; binds.append(name)
        }
        let found = try await fetchProjects(where: condition + " ORDER BY p.id LIMIT 2", binds: binds, on: connection)
        if case .name(let name) = reference, found.count > 1 {
            throw WagecaseError.invalidField(field: "project", value: name, reason: "names projects of more than one employer",
                                             allowed: "the project's id")
        }
        guard let project = found.first else { throw WagecaseError.notFound(entity: "project", key: reference.description) }
        return project
    }

    /// Projects in id order after `afterID`, of one employer (which must exist) and within a region prefix if given.
    public func projects(employer: EmployerReference?, region: String?, limit: Int, afterID: Int64) async throws -> [Project] {
        try await autocommit { connection in
            var employerID: Int64?
            if let employer { employerID = try await Self.fetchEmployer(employer, on: connection).id }
            var binds = PostgresBindings()
            binds.append(afterID)
            binds.append(employerID)
            binds.append(region)
            binds.append(Self.limitBind(limit))
            return try await Self.fetchProjects(where: """
                p.id > $1 AND ($2::bigint IS NULL OR p.employer_id = $2) AND ($3::text IS NULL OR p.region_code LIKE $3 || '%')
                ORDER BY p.id LIMIT $4
                """, binds: binds, on: connection)
        }
    }

    private static func fetchProjects(where condition: String, binds: PostgresBindings,
                                      on connection: PostgresConnection) async throws -> [Project] {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "\(ProjectColumns.select) WHERE \(condition)",
                                                            binds: binds), logger: Self.logger)
        var projects: [Project] = []
        for try await row in rows { projects.append(try ProjectColumns.project(PostgresCells(row))) }
        return projects
    }

    /// A list's cursor, name filter and limit as $1…$3.
    private static func listBinds(afterID: Int64, nameContains: String?, limit: Int) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(afterID)
        // PostgreSQL's text holds no NUL, where the file's store reads a bound text up to its first NUL: the same
        // filter, cut there, lists the same records on both (a refusal at the edge would be for both at once).
        binds.append(nameContains.map { String($0.unicodeScalars.prefix { $0 != "\0" }) })
        binds.append(limitBind(limit))
        return binds
    }

    /// A list's limit: PostgreSQL refuses a negative LIMIT where SQLite reads it as none; NULL is PostgreSQL's none.
    private static func limitBind(_ limit: Int) -> Int64? { limit < 0 ? nil : Int64(limit) }

    private static func fetchWorkers(where condition: String, binds: PostgresBindings,
                                     on connection: PostgresConnection) async throws -> [Worker] {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT id, name, id_number, id_number_override_reason, phone, bank_card, hometown,
                   \(PostgresText.timestamp("created_at"))
            FROM worker WHERE \(condition)
            """, binds: binds), logger: Self.logger)
        var workers: [Worker] = []
        for try await row in rows {
            let cells = PostgresCells(row)
            workers.append(Worker(
                id: try cells.integer(0, "id"), name: try cells.text(1, "name"), idNumber: try cells.text(2, "id_number"),
                idNumberOverrideReason: try cells.optionalText(3), phone: try cells.optionalText(4),
                bankCard: try cells.optionalText(5), hometown: try cells.optionalText(6),
                createdAt: try cells.text(7, "created_at")))
        }
        return workers
    }
}

/// A project's columns in `Project`'s order (dates as ISO text) and the project they make: one reading for the
/// directory and the monitor's snapshot.
enum ProjectColumns {
    static let select = """
        SELECT p.id, p.name, p.employer_id, e.name, p.location, p.region_code, p.contract_price_fen, p.start_on::text,
               p.planned_completion::text, p.actual_completion::text, p.status, p.standing, p.exemption_reason,
               p.exemption_document, \(PostgresText.timestamp("p.created_at")), p.permit_on::text,
               p.contract_signed_on::text, p.prior_year_arrears, p.real_name_management, p.wage_account,
               p.standing_since::text, p.reduced_ratio_bp::bigint
        FROM project p JOIN employer e ON e.id = p.employer_id
        """

    static func project(_ c: PostgresCells) throws -> Project {
        var project = Project(
            id: try c.integer(0, "id"), name: try c.text(1, "name"), employerID: try c.integer(2, "employer_id"),
            employerName: try c.text(3, "employer.name"), location: try c.optionalText(4),
            regionCode: try c.optionalText(5), contractPrice: try c.optionalInteger(6).map(Fen.init),
            start: try c.optionalDate(7, "start_on"), plannedCompletion: try c.optionalDate(8, "planned_completion"),
            actualCompletion: try c.optionalDate(9, "actual_completion"), status: try c.vocabulary(10, "status"),
            standing: try c.vocabulary(11, "standing"), exemptionReason: try c.optionalText(12),
            exemptionDocument: try c.optionalText(13), createdAt: try c.text(14, "created_at"))
        project.permitDate = try c.optionalDate(15, "permit_on")
        project.contractSigned = try c.optionalDate(16, "contract_signed_on")
        project.priorYearArrears = try c.optionalBool(17)
        project.realNameManagement = try c.optionalBool(18) == true
        project.wageAccount = try c.optionalBool(19) == true
        project.standingSince = try c.optionalDate(20, "standing_since")
        project.reducedRatioBasisPoints = try c.optionalInteger(21).map { Int(truncatingIfNeeded: $0) }
        return project
    }
}

/// An employer's columns in `Employer`'s order and the employer they make.
enum EmployerColumns {
    static let select = """
        SELECT id, name, credit_code, credit_code_override_reason, kind, \(PostgresText.timestamp("created_at")) FROM employer
        """

    static func employer(_ c: PostgresCells) throws -> Employer {
        Employer(id: try c.integer(0, "id"), name: try c.text(1, "name"), creditCode: try c.text(2, "credit_code"),
                 creditCodeOverrideReason: try c.optionalText(3), kind: try c.vocabulary(4, "kind"),
                 createdAt: try c.text(5, "created_at"))
    }
}
