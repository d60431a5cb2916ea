import ArgumentParser
import WagecaseCore
import WagecasePostgres
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "The audit log: who changed what and when; and a check that nobody changed the log itself.",
            subcommands: [List.self, Verify.self], defaultSubcommand: List.self)
    }
}

extension Wagecase.Audit {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Who changed what and when, with fields before and after (the default).",
            discussion: "ID numbers, bank cards and phones appear masked in the log; reveals are listed as 'reveal' "
                + "with the reason given.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Entries at or after this date or timestamp (Asia/Shanghai).", valueName: "WHEN"))
        var since: String?
        @Option(help: ArgumentHelp("Only changes to this table.", valueName: "TABLE")) var table: String?
        @Option(help: "At most this many entries (oldest first, 1–100000).") var limit: Int = 200

        func validate() throws {
            guard (1...100_000).contains(limit) else { throw ValidationError(RefusalText.usage("--limit must be between 1 and 100000")) }
        }

        func run() async throws {
            try await runReportingAsync {
                if let since, LocalDate.parseISO(String(since.prefix(10))) == nil {
                    throw WagecaseError.invalidField(field: "since", value: since, reason: "is not a date or timestamp",
                                                     allowed: "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
                }
                let entries: [AuditEntry]
                if global.isPostgres {
                    let database = try await PostgresDatabase.open(try global.postgresLocation(), migrate: false)
                    defer { database.close() }
                    entries = try await database.auditEntries(since: since, table: table, limit: limit)
                } else {
                    entries = try global.open(.readOnly).auditEntries(since: since, table: table, limit: limit)
                }
                if global.json { return try Printer.json(entries) }
                let label = Labels(language: global.lang)
                var rows = TextTable([label("At"), label("Actor"), label("Action"),
                                      label("Table"), "ID", label("Change")])
                for e in entries {
                    // The product's own reasons ("merged a clue on the same arrears") in the reader's language.
                    let reason = e.reason.map { global.lang == .zh ? Catalogue.zh[$0] ?? $0 : $0 }
                    let change = [e.before.map { label("before \($0)") }, e.after.map { label("after \($0)") },
                                  reason.map { label("reason: \($0)") }].compactMap { $0 }.joined(separator: " ")
                    rows.add([e.at, e.actor, AuditWords.action(e.action, global.lang), AuditWords.table(e.table, global.lang),
                              e.recordID.map { "\($0)" } ?? "", change])
                }
                rows.print(emptyMessage: label("(none)"))
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the audit log's hash chain; exit 4 naming the first entry changed or removed.",
            discussion: """
                Each entry carries a SHA-256 over its fields and the entry before it. Prints the number of entries \
                and the newest one's id and hash: note them (in a paper register, or with the weekly digest) to \
                detect later that entries were cut off the end, which the chain alone cannot show.
                """)

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await runReportingAsync {
                let result: AuditVerification
                if global.isPostgres {
                    // Reads only: a read replica's URL serves.
                    let database = try await PostgresDatabase.open(try global.postgresLocation(), migrate: false)
                    defer { database.close() }
                    result = try await database.verifyAuditLog()
                } else {
                    result = try global.open(.readOnly).verifyAuditLog()
                }
                if global.json {
                    try Printer.json(result)
                } else {
                    let label = Labels(language: global.lang)
                    let head = result.headID.map { "#\($0) \(result.headHash ?? "")" } ?? "—"
                    if let broken = result.firstBroken {
                        Printer.line(label("audit log check FAILED at entry #\(broken): \(result.problem ?? "")"))
                    } else {
                        Printer.line(label("audit log intact: \(result.entries) entries, newest \(head)"))
                    }
                }
                if !result.isIntact { throw ExitCode(4) }
            }
        }
    }
}
