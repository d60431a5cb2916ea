import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct WorkerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker", abstract: "Migrant workers: one record per resident ID number.",
            subcommands: [Add.self, Update.self, List.self, Show.self])
    }
}

extension Wagecase.WorkerCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a worker.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Full name.") var name: String
        @Option(name: .customLong("id-number"), help: "Resident ID number (18 characters; 15-digit numbers are upgraded).")
        var idNumber: String
        @Option(help: "Phone number.") var phone: String?
        @Option(name: .customLong("bank-card"), help: "Bank card number for wage payments.") var bankCard: String?
        @Option(help: "Hometown (籍贯/户籍地).") var hometown: String?
        @Option(name: .customLong("override-reason"),
                help: "Record an ID number whose check digit fails, saying why (audited).")
        var overrideReason: String?

        func run() throws {
            try runReporting {
                let input = try NewWorker.parse(name: name, idNumber: idNumber, overrideReason: overrideReason,
                                                phone: phone, bankCard: bankCard, hometown: hometown)
                let worker = try global.open().addWorker(input, actor: global.actorName)
                try WorkerView(global: global).show(worker.masked())
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Correct a worker's record, saying why (audited before and after, numbers masked).",
            discussion: "A corrected ID number or bank card is checked again; a fault in its check digit needs --override-reason.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Worker id or resident ID number.") var worker: String
        @Option(help: "Full name.") var name: String?
        @Option(name: .customLong("id-number"), help: "Resident ID number (18 characters).") var idNumber: String?
        @Option(help: "Phone number.") var phone: String?
        @Option(name: .customLong("bank-card"), help: "Bank card number for wage payments.") var bankCard: String?
        @Option(help: "Hometown (籍贯/户籍地).") var hometown: String?
        @Option(name: .customLong("override-reason"),
                help: "Record an ID number or bank card whose check digit fails, saying why (audited).")
        var overrideReason: String?
        @Option(help: ArgumentHelp("Remove a recorded value: \(WorkerChanges.Field.allCases.map(\.rawValue).joined(separator: ", ")) (repeatable).",
                                   valueName: "FIELD"))
        var clear: [String] = []
        @Option(help: "Why the record is corrected (required; kept in the audit log).") var reason: String?

        func run() throws {
            try runReporting {
                let changes = try WorkerChanges.parse(name: name, idNumber: idNumber, overrideReason: overrideReason,
                                                      phone: phone, bankCard: bankCard, hometown: hometown,
                                                      clear: clear, reason: reason)
                let database = try global.open()
                let worker = try database.updateWorker(id: try database.worker(worker).id, changes, actor: global.actorName)
                try WorkerView(global: global).show(worker.masked())
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List workers (ID numbers masked).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var paging: ListOptions
        @Option(help: "Only names containing this text.") var name: String?
        @OptionGroup var reveal: RevealOptions

        func run() throws {
            try runReporting {
                let database = try global.open()
                let found = try database.workers(nameContains: name, limit: paging.limit, afterID: paging.after)
                let workers = try database.disclose(found, reveal.disclosure(global), workerIDs: found.map(\.id),
                                                    fields: Worker.hiddenFields)
                if global.json { return try Printer.json(workers) }
                let label = Labels(language: global.lang)
                var table = TextTable(["ID", label("Name"), label("ID number"),
                                       label("Phone"), label("Bank card"), label("Hometown")])
                for w in workers {
                    table.add(["\(w.id)", w.name, w.idNumber, w.phone ?? "", w.bankCard ?? "", w.hometown ?? ""])
                }
                table.print(emptyMessage: label("(none)"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one worker by id or ID number.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Worker id or resident ID number.") var worker: String
        @OptionGroup var reveal: RevealOptions

        func run() throws {
            try runReporting {
                let database = try global.open()
                let found = try database.worker(worker)
                let record = try database.disclose(found, reveal.disclosure(global), workerIDs: [found.id],
                                                   fields: Worker.hiddenFields)
                try WorkerView(global: global).show(record)
            }
        }
    }
}

struct WorkerView {
    let global: GlobalOptions

    func show(_ worker: Worker) throws {
        if global.json { return try Printer.json(worker) }
        let label = Labels(language: global.lang)
        Printer.fields([
            ("ID", "\(worker.id)"), (label("Name"), worker.name),
            (label("ID number"), worker.idNumber),
            (label("Check-digit override"), worker.idNumberOverrideReason),
            (label("Phone"), worker.phone), (label("Bank card"), worker.bankCard),
            (label("Hometown"), worker.hometown), (label("Created"), worker.createdAt),
        ])
    }
}
