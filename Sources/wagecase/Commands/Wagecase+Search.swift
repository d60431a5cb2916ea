import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find workers, employers, projects, cases and clues by name or number.",
            discussion: """
                Workers by name, by the last four characters of the ID number (as shown masked) or by the whole \
                number; employers by name or credit code; projects by name or location; cases by the office's or \
                the court's case number; clues by number or summary. Numbers are shown masked.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "What to look for.") var text: String
        @Option(help: ArgumentHelp("At most this many of each kind (1-500).", valueName: "N")) var limit: Int = 20

        func validate() throws {
            guard (1...500).contains(limit) else { throw ValidationError(RefusalText.usage("--limit must be from 1 to 500")) }
        }

        func run() throws {
            try runReporting {
                // The command line's user holds the database file: a whole ID number is a key here.
                let terms = try SearchTerms.parse(text, mayMatchWholeIDNumbers: true)
                let found = try global.open(.readOnly).search(terms, limit: limit).masked()
                if global.json { return try Printer.json(found) }
                let label = Labels(language: global.lang), language = global.lang
                if found.isEmpty { return Printer.line(label("(none)")) }
                var sections: [(String, TextTable)] = []
                if !found.workers.isEmpty {
                    var table = TextTable(["ID", label("Name"), label("ID number"), label("Phone")])
                    for w in found.workers { table.add(["\(w.id)", w.name, w.idNumber, w.phone ?? ""]) }
                    sections.append((label("Worker list"), table))
                }
                if !found.employers.isEmpty {
                    var table = TextTable(["ID", label("Registered name"), label("Credit code"), label("Kind")])
                    for e in found.employers { table.add(["\(e.id)", e.name, e.creditCode, e.kind.label(language)]) }
                    sections.append((label("Employer list"), table))
                }
                if !found.projects.isEmpty {
                    var table = TextTable(["ID", label("Project"), label("Employer"), label("Location")])
                    for p in found.projects { table.add(["\(p.id)", p.name, p.employerName, p.location ?? ""]) }
                    sections.append((label("Project list"), table))
                }
                if !found.cases.isEmpty {
                    var table = TextTable(["ID", label("Case number"), label("Court case number"), label("Worker"),
                                           label("Stage")])
                    for c in found.cases {
                        table.add(["\(c.id)", c.caseNumber ?? "", c.courtCaseNumber ?? "", c.workerName, c.stage.label(language)])
                    }
                    sections.append((label("Case list"), table))
                }
                if !found.clues.isEmpty {
                    var table = TextTable(["ID", label("Received"), label("Employer"), label("Status"), label("Summary")])
                    for c in found.clues {
                        table.add(["\(c.id)", c.received.iso, c.employerName, c.status.label(language), c.summary ?? ""])
                    }
                    sections.append((label("Clue list"), table))
                }
                for (index, (title, table)) in sections.enumerated() {
                    if index > 0 { Printer.line() }
                    Printer.line(title)
                    table.print(emptyMessage: "")
                }
            }
        }
    }
}
