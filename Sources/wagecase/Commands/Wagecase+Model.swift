import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseImport
import WagecaseSQLite
import WagecaseStore

extension HitStatus: ExpressibleByArgument {}

extension Wagecase {
    struct ModelCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "model",
            abstract: "Big-data supervision models (大数据法律监督模型): load, list, run, and review what they find.",
            discussion: """
                A model is a YAML file: the datasets it reads, the conditions a row must meet, how rows become a lead \
                (rows grouped by employer and project; repeats within days; projects silent for months) and how leads \
                rank. `model show ID` prints one to copy; change it, raise its version and `model load` it. Leads are \
                reviewed with `model hits`, `model accept` (makes a clue from the lead) and `model dismiss`.
                """,
            subcommands: [Load.self, List.self, Show.self, Run.self, Hits.self, Hit.self, Accept.self, Dismiss.self])
    }
}

extension Wagecase.ModelCommand {
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "Load a model file (YAML): a new model, or a higher version of one.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The model file.", valueName: "FILE")) var file: String

        func run() throws {
            try runReporting {
                let (model, source) = try ModelFileReader.read(path: file)
                let info = try global.open().loadModel(model, source: source, actor: global.actorName)
                if global.json { return try Printer.json(info.model) }
                Printer.line(Labels(language: global.lang)("model \(info.model.id) version \(info.model.version) loaded: \(info.model.name(global.lang))"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The models, built in and loaded.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let models = try global.open(.readOnly).models()
                if global.json { return try Printer.json(models.map(\.model)) }
                let label = Labels(language: global.lang)
                var table = TextTable([label("Model"), label("Version"), label("Model name"), label("Reads"), label("For"),
                                       label("In use"), label("Loaded by")], rightAligned: [1])
                for info in models {
                    table.add([info.model.id, "\(info.model.version)", info.model.name(global.lang),
                               info.model.reads.map { $0.label(global.lang) }.joined(separator: "、"),
                               info.model.audience.label(global.lang), label(info.current ? "yes" : "no"),
                               info.builtIn ? label("built in") : info.loadedBy ?? ""])
                }
                table.print(emptyMessage: label("No models"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print a model's file (the version in use), to copy and change.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The model's id.", valueName: "ID")) var id: String

        func run() throws {
            try runReporting {
                let info = try global.open(.readOnly).model(id: id)
                if global.json { return try Printer.json(info.model) }
                print(info.source, terminator: "")
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run the models (all in use, or those named) over the datasets as of a date, and keep the leads.",
            discussion: """
                A lead found before is found again, not added: an open one is refreshed with what it rests on now, a \
                reviewed one stays as reviewed. A lead about arrears already on a clue names that clue. --json prints \
                every lead with its evidence; ID numbers are masked unless --reveal --reason.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("model"), help: ArgumentHelp("A model id (repeatable; default: every model).", valueName: "ID"))
        var models: [String] = []
        @Option(help: ArgumentHelp("Run as of this date (default: today).", valueName: "DATE")) var on: String?
        @Flag(name: .customLong("dry-run"), help: "Find the leads and print them, keeping nothing.") var dryRun = false
        @OptionGroup var reveal: RevealOptions

        /// Leads a run prints as a table: the best of them.
        static let shown = 50

        func run() throws {
            try runReporting {
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                let disclosure = try reveal.disclosure(global)
                let database = try global.open()
                var result = try database.runModels(ModelRunRequest(models: models, asOf: asOf, dryRun: dryRun,
                                                                    withEvidence: global.json, actor: global.actorName))
                if global.json {
                    result.hits = try database.disclose(result.hits, disclosure)
                    return try Printer.json(result)
                }
                let label = Labels(language: global.lang)
                Printer.line(label("as of \(result.asOf.iso): \(result.models.count) model(s), \(result.recordsExamined) record(s) examined, \(result.hits.count) lead(s): \(result.new) new, \(result.refreshed) found again, \(result.reviewed) already reviewed") + (dryRun ? label(" (dry run, nothing kept)") : ""))
                // The best leads here; all of them with `model hits` (or --json).
                let shown = Array(result.hits.prefix(Self.shown))
                HitTable(language: global.lang).print(try database.disclose(shown, disclosure))
                if result.hits.count > shown.count {
                    Printer.line(label("… \(result.hits.count - shown.count) more: wagecase model hits"))
                }
            }
        }
    }

    struct Hits: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hits", abstract: "Leads to review, best first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this model's leads.", valueName: "ID")) var model: String?
        @Option(help: ArgumentHelp("Only leads in this state: \(HitStatus.identifiers).", valueName: "STATUS"))
        var status: HitStatus?
        @OptionGroup var paging: ListOptions
        @OptionGroup var reveal: RevealOptions

        func run() throws {
            try runReporting {
                let hits = try global.open().hits(HitFilter(model: model, status: status, limit: paging.limit,
                                                            afterID: paging.after), disclosure: reveal.disclosure(global))
                if global.json { return try Printer.json(hits) }
                HitTable(language: global.lang).print(hits)
            }
        }
    }

    struct Hit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hit", abstract: "One lead with its evidence rows.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The lead's number.", valueName: "HIT")) var id: Int64
        @OptionGroup var reveal: RevealOptions

        func run() throws {
            try runReporting {
                let hit = try global.open().hit(id: id, disclosure: reveal.disclosure(global))
                if global.json { return try Printer.json(hit) }
                HitView(language: global.lang).print(hit)
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "Make a lead a clue (source data-matching), through the same intake rules as every clue.",
            discussion: """
                The employer, project and workers the lead names are added to the register where they are not on it; \
                complete what the data lacks with --credit-code, --employer or --project. A lead on arrears already \
                on a clue is refused as a duplicate, naming that clue. A caution lead (possible false claim) needs \
                --reason.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The lead's number.", valueName: "HIT")) var id: Int64
        @Option(help: ArgumentHelp("The clue's received date (default: today).", valueName: "DATE")) var received: String?
        @Option(name: .customLong("credit-code"), help: ArgumentHelp("The employer's credit code, when the lead lacks it.", valueName: "CODE"))
        var creditCode: String?
        @Option(help: ArgumentHelp("The employer's name, when it is not on record and the lead lacks it.", valueName: "NAME"))
        var employer: String?
        @Option(help: ArgumentHelp("The project's name, when the lead lacks it.", valueName: "NAME")) var project: String?
        @Option(help: "What the clue says (default: the model and its evidence).") var summary: String?
        @Option(help: ArgumentHelp("Why (required for a caution lead).", valueName: "TEXT")) var reason: String?
        @Option(name: .customLong("amount-stands"), help: "When a worker's amount differs from a clue merged into: existing or new.")
        var amountStands: ClueIntake.AmountStands?

        func run() throws {
            try runReporting {
                let input = AcceptHit(
                    hitID: id, received: try received.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "received") },
                    employerName: employer, creditCode: try creditCode.map { c throws(WagecaseError) in try CreditCode.parse(c) },
                    project: project, summary: summary, reason: reason, amountStands: amountStands)
                let (hit, clue) = try global.open().acceptHit(input, actor: global.actorName)
                if global.json { return try Printer.json(hit) }
                Printer.line(Labels(language: global.lang)("lead #\(id) accepted: clue #\(clue.clue.id)"))
                _ = hit
            }
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dismiss", abstract: "Set a lead aside, saying why; re-runs leave it dismissed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The lead's number.", valueName: "HIT")) var id: Int64
        @Option(help: ArgumentHelp("Why it is not a clue (recorded).", valueName: "TEXT")) var reason: String

        func run() throws {
            try runReporting {
                let hit = try global.open().dismissHit(id: id, reason: reason, actor: global.actorName)
                if global.json { return try Printer.json(hit) }
                Printer.line(Labels(language: global.lang)("lead #\(id) dismissed"))
            }
        }
    }
}

/// Leads as a table: number, model, who, amount, score, state.
struct HitTable {
    let language: Language

    func print(_ hits: [StoredHit]) {
        let label = Labels(language: language)
        var table = TextTable([label("Lead"), label("Model"), label("Employer"), label("Project"), label("Workers"),
                               label("Amount (yuan)"), label("Score"), label("Evidence rows"), label("On record"), label("State")],
                              rightAligned: [0, 4, 5, 6, 7])
        for hit in hits {
            let onRecord = hit.existingClue.map { label("clue #\($0)") + (hit.existingCase.map { label(", case #\($0)") } ?? "") } ?? ""
            table.add([hit.id.map { "\($0)" } ?? "—", hit.model + (hit.caution ? label(" (caution)") : ""),
                       hit.employer ?? hit.workers.first.map { $0.name ?? $0.idNumber ?? "" } ?? "", hit.project ?? "",
                       "\(hit.workers.count)", hit.amount.yuan, "\(hit.score)", "\(hit.evidenceRows)", onRecord,
                       hit.status.label(language)])
        }
        table.print(emptyMessage: label("No leads"))
    }
}

/// One lead in full, its evidence rows as the partners' files had them.
struct HitView {
    let language: Language

    func print(_ hit: StoredHit) {
        let label = Labels(language: language)
        Printer.line(label("Lead #\(hit.id ?? 0): \(hit.modelName) (\(hit.model) v\(hit.modelVersion)), score \(hit.score), \(hit.status.label(language))"))
        if let employer = hit.employer { Printer.line(label("Employer: ") + employer + (hit.creditCode.map { " \($0)" } ?? "")) }
        if let project = hit.project { Printer.line(label("Project: ") + project) }
        Printer.line(label("Amount: ") + hit.amount.yuan)
        if let clue = hit.existingClue { Printer.line(label("Already on record: clue #\(clue)")) }
        if let reason = hit.statusReason { Printer.line(label("Reason: ") + reason) }
        if !hit.guarantees.isEmpty { Printer.line(label("Guarantees to draw: ") + hit.guarantees.map { "#\($0)" }.joined(separator: ", ")) }
        if !hit.workers.isEmpty {
            var workers = TextTable([label("Name"), label("ID number"), label("Amount (yuan)")], rightAligned: [2])
            for worker in hit.workers { workers.add([worker.name ?? "", worker.idNumber ?? "", worker.claimed.yuan]) }
            workers.print(emptyMessage: "")
        }
        var evidence = TextTable([label("Dataset"), label("Sent by"), label("File"), label("Row"), label("Number"),
                                  label("Date"), label("Amount (yuan)")], rightAligned: [3, 6])
        for row in hit.evidence {
            evidence.add([row.dataset.label(language), row.unit ?? "", row.fileName, "\(row.rowNumber)", row.number ?? "",
                          row.date?.iso ?? "", row.amount?.yuan ?? ""])
        }
        evidence.print(emptyMessage: "")
    }
}
