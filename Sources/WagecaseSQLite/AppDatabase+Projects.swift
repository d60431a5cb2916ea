import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    public func addProject(_ input: NewProject, actor: String) throws -> Project {
        try write(actor: actor) { db, audit in
            try Self.fetchProject(db, .id(Self.insertProject(db, audit: audit, input)), employerID: nil)
        }
    }

    /// The one insert of a project, inside the caller's transaction (the use-case above, and an import's rows,
    /// which need no savepoint or read-back of their own).
    static func insertProject(_ db: Database, audit: AuditWriter, _ input: NewProject) throws -> Int64 {
        let employer = try fetchEmployer(db, input.employer)
        if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM project WHERE employer_id = ? AND name = ?",
                                              arguments: [employer.id, input.name]) {
            throw WagecaseError.duplicate(entity: "project", key: "\"\(input.name)\" of \(employer.name)",
                                          existingID: existing, hint: "")
        }
        let blank = Project(id: 0, name: input.name, employerID: employer.id, employerName: employer.name,
                            location: input.location, createdAt: audit.at)
        let project = try input.details.applied(to: blank)
        try db.execute(
            cached: """
                INSERT INTO project (name, employer_id, location, region_code, contract_price_fen, start_on,
                                     planned_completion, actual_completion, status, standing, exemption_reason,
                                     exemption_document, permit_on, contract_signed_on, prior_year_arrears,
                                     real_name_management, wage_account, standing_since, reduced_ratio_bp, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [project.name, employer.id, project.location] + detailArguments(project) + [audit.at])
        let id = db.lastInsertedRowID
        try audit.record(.insert, table: "project", id: id, after: auditFields(project))
        return id
    }

    /// Changes a project's guarantee-relevant facts (status, completion, contract price, exemption …), saying
    /// why (kept in the audit entry). `expect` runs inside the transaction on the current record (the HTTP
    /// service checks If-Match there).
    public func updateProject(_ reference: ProjectReference, _ changes: ProjectDetails, reason: String?, actor: String,
                              expect: (Project) throws -> Void = { _ in }) throws -> Project {
        let reason = try TextField.required(reason ?? "", field: "reason", maxLength: 2000)
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchProject(db, reference, employerID: nil)
            try expect(current)
            let updated = try changes.applied(to: current)
            guard updated != current else { return current }
            try db.execute(
                cached: """
                    UPDATE project SET region_code = ?, contract_price_fen = ?, start_on = ?, planned_completion = ?,
                        actual_completion = ?, status = ?, standing = ?, exemption_reason = ?, exemption_document = ?,
                        permit_on = ?, contract_signed_on = ?, prior_year_arrears = ?, real_name_management = ?,
                        wage_account = ?, standing_since = ?, reduced_ratio_bp = ?
                    WHERE id = ?
                    """,
                arguments: Self.detailArguments(updated) + [current.id])
            try audit.record(.update, table: "project", id: current.id, before: Self.auditFields(current),
                             after: Self.auditFields(updated), reason: reason)
            return try Self.fetchProject(db, .id(current.id), employerID: nil)
        }
    }

    private static func detailArguments(_ p: Project) -> StatementArguments {
        [p.regionCode, p.contractPrice?.value, p.start?.iso, p.plannedCompletion?.iso, p.actualCompletion?.iso,
         p.status.rawValue, p.standing.rawValue, p.exemptionReason, p.exemptionDocument, p.permitDate?.iso,
         p.contractSigned?.iso, p.priorYearArrears.map { $0 ? 1 : 0 }, p.realNameManagement ? 1 : 0,
         p.wageAccount ? 1 : 0, p.standingSince?.iso, p.reducedRatioBasisPoints]
    }

    private static func auditFields(_ p: Project) -> AuditFields {
        ["name": p.name, "employer_id": p.employerID, "location": p.location, "region_code": p.regionCode,
         "contract_price_fen": p.contractPrice?.value, "start_on": p.start?.iso,
         "planned_completion": p.plannedCompletion?.iso, "actual_completion": p.actualCompletion?.iso,
         "status": p.status.rawValue, "standing": p.standing.rawValue, "exemption_reason": p.exemptionReason,
         "exemption_document": p.exemptionDocument, "permit_on": p.permitDate?.iso,
         "contract_signed_on": p.contractSigned?.iso, "prior_year_arrears": p.priorYearArrears,
         "real_name_management": p.realNameManagement, "wage_account": p.wageAccount,
         "standing_since": p.standingSince?.iso, "reduced_ratio_bp": p.reducedRatioBasisPoints]
    }
}

// MARK: - Reads

extension AppDatabase {
    public func projects(employer: EmployerReference? = nil, region: String? = nil, limit: Int = 100,
                         afterID: Int64 = 0) throws -> [Project] {
        try read { db in
            let employerID = try employer.map { try Self.fetchEmployer(db, $0).id }
            return try Row.fetchAll(
                db,
                cached: """
                    \(Project.selection)
                    WHERE p.id > ? AND (? IS NULL OR p.employer_id = ?) AND (? IS NULL OR p.region_code LIKE ? || '%')
                    ORDER BY p.id LIMIT ?
                    """,
                arguments: [afterID, employerID, employerID, region, region, limit]
            ).map(Project.init(row:))
        }
    }

    public func project(_ reference: ProjectReference) throws -> Project {
        try read { db in try Self.fetchProject(db, reference, employerID: nil) }
    }

    /// A project by id, or by name (within `employerID` when given; a name shared by two employers is ambiguous).
    static func fetchProject(_ db: Database, _ reference: ProjectReference, employerID: Int64?) throws -> Project {
        switch reference {
        case .id(let id):
            if let project = try Row.decodeFirst(db, cached: projectByID, arguments: [id], Project.init(row:)) {
                return project
            }
        case .name(let name):
            let rows = try Row.fetchAll(
                db, cached: "\(Project.selection) WHERE p.name = ? AND (? IS NULL OR p.employer_id = ?) LIMIT 2",
                arguments: [name, employerID, employerID])
            if rows.count > 1 {
                throw WagecaseError.invalidField(field: "project", value: name,
                                                 reason: "names projects of more than one employer",
                                                 allowed: "the project's id")
            }
            if let row = rows.first { return try Project(row: row) }
        }
        throw WagecaseError.notFound(entity: "project", key: reference.description)
    }

    private static let projectByID = "\(Project.selection) WHERE p.id = ?"
}
