import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// Workers by name or the last four characters of their ID number (a whole number only when the terms carry
    /// one), employers by name or credit code, projects by name, cases by the office's or the court's case
    /// number, clues by number or summary. `caseFiles` false leaves out what only case readers see.
    public func search(_ terms: SearchTerms, caseFiles: Bool = true, limit: Int = 20) throws -> SearchResults {
        try read { db in
            var results = SearchResults()
            let text = terms.text
            results.employers = try Row.fetchAll(db, cached: """
                SELECT \(Employer.selection) FROM employer WHERE instr(name, ?) > 0 OR credit_code = ? ORDER BY id LIMIT ?
                """, arguments: [text, terms.creditCode, limit]).map(Employer.init(row:))
            results.projects = try Row.fetchAll(db, cached: """
                \(Project.selection) WHERE instr(p.name, ?) > 0 OR instr(p.location, ?) > 0 ORDER BY p.id LIMIT ?
                """, arguments: [text, text, limit]).map(Project.init(row:))
            guard caseFiles else { return results }
            results.workers = try Row.fetchAll(db, cached: """
                SELECT \(Worker.selection) FROM worker
                WHERE instr(name, ?) > 0 OR substr(id_number, 15) = ? OR id_number = ? ORDER BY id LIMIT ?
                """, arguments: [text, terms.idSuffix, terms.idNumber, limit]).map(Worker.init(row:))
            let caseStatement = try db.cachedStatement(sql: """
                \(WageCase.selection)
                WHERE instr(c.case_number, ?) > 0 OR instr(c.court_case_number, ?) > 0 ORDER BY c.id LIMIT ?
                """)
            caseStatement.arguments = [text, text, limit]
            results.cases = try WageCase.fetchAll(caseStatement)
            let clueRows = try Row.fetchAll(db, cached: """
                \(Self.clueSelection) WHERE l.id = ? OR instr(l.summary, ?) > 0 ORDER BY l.id LIMIT ?
                """, arguments: [terms.recordID, text, limit])
            results.clues = try Self.assembleClues(db, rows: clueRows)
            return results
        }
    }
}
