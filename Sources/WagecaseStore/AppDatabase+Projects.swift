import GRDB
import WagecaseCore

// MARK: - Writes

extension AppDatabase {
    public func addProject(_ input: NewProject, actor: String) throws -> Project {
        try write(actor: actor) { db, audit in
            let employer = try Self.fetchEmployer(db, input.employer)
            if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM project WHERE employer_id = ? AND name = ?",
                                                  arguments: [employer.id, input.name]) {
                throw WagecaseError.duplicate(entity: "project", key: "\"\(input.name)\" of \(employer.name)",
                                              existingID: existing, hint: "")
            }
            try db.execute(cached: "INSERT INTO project (name, employer_id, location, created_at) VALUES (?, ?, ?, ?)",
                arguments: [input.name, employer.id, input.location, audit.at])
            let id = db.lastInsertedRowID
            try audit.record(.insert, table: "project", id: id, after: [
                "name": input.name, "employer_id": employer.id, "location": input.location,
            ])
            return try Self.fetchProject(db, .id(id), employerID: nil)
        }
    }
}

// MARK: - Reads

extension AppDatabase {
    public func projects(employer: EmployerReference? = nil, limit: Int = 100, afterID: Int64 = 0) throws -> [Project] {
        try read { db in
            let employerID = try employer.map { try Self.fetchEmployer(db, $0).id }
            return try Row.fetchAll(db, cached: "\(Project.selection) WHERE p.id > ? AND (? IS NULL OR p.employer_id = ?) ORDER BY p.id LIMIT ?",
                arguments: [afterID, employerID, employerID, limit]
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
            if let row = try Row.fetchOne(db, cached: "\(Project.selection) WHERE p.id = ?", arguments: [id]) {
                return Project(row: row)
            }
        case .name(let name):
            let rows = try Row.fetchAll(db, cached: "\(Project.selection) WHERE p.name = ? AND (? IS NULL OR p.employer_id = ?) LIMIT 2",
                arguments: [name, employerID, employerID])
            if rows.count > 1 {
                throw WagecaseError.invalidField(field: "project", value: name,
                                                 reason: "names projects of more than one employer",
                                                 allowed: "the project's id")
            }
            if let row = rows.first { return Project(row: row) }
        }
        throw WagecaseError.notFound(entity: "project", key: reference.description)
    }
}
