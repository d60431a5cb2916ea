import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseReports
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct DocumentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "document",
            abstract: "Documents made from the record (受理通知书, 支持起诉书, 不支持起诉决定书, 检察建议书, 线索移送函).",
            discussion: """
                A document shows ID numbers and phones in full: making or downloading one is audited as a reveal. \
                Numbers come from the settings document_number_KIND ({year}, {n}), per kind and year, never reused; \
                the office name from office_name.
                """,
            subcommands: [Make.self, List.self, Get.self, Void.self, Template.self, Templates.self, Fields.self])
    }
}

/// The record named by --case, --clue or --suggestion (exactly one).
struct DocumentSubjectOptions: ParsableArguments {
    @Option(name: .customLong("case"), help: ArgumentHelp("Case number or id.", valueName: "CASE")) var caseReference: String?
    @Option(help: ArgumentHelp("Clue id (a referral letter).", valueName: "ID")) var clue: Int64?
    @Option(help: ArgumentHelp("Suggestion number or id.", valueName: "ID")) var suggestion: String?

    func subject() throws -> DocumentSubject? {
        let given = [caseReference != nil, clue != nil, suggestion != nil].filter { $0 }.count
        guard given <= 1 else {
            throw WagecaseError.invalidField(field: "case", value: "", reason: "is given with another record",
                                             allowed: "one of --case, --clue or --suggestion")
        }
        if let caseReference { return .wageCase(CaseReference(caseReference)) }
        if let clue { return .clue(clue) }
        if let suggestion { return .suggestion(suggestion) }
        return nil
    }
}

extension Wagecase.DocumentCommand {
    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make",
            abstract: "Make, number and record a document from a case, clue or suggestion.",
            discussion: "Writes the file to --out (default: its own name, e.g. 支持起诉书_检民支〔2026〕1号.docx; - for stdout).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Kind: \(DocumentKind.identifiers).", valueName: "KIND")) var kind: String
        @OptionGroup var record: DocumentSubjectOptions
        @Option(help: ArgumentHelp("docx (default) or html.", valueName: "FORMAT")) var format: String = "docx"
        @Option(help: ArgumentHelp("Date of the document (default today).", valueName: "DATE")) var date: String?
        @Option(help: ArgumentHelp("Where to write the file.", valueName: "FILE")) var out: String?
        @Flag(help: "Show the document as it would be made (HTML, unnumbered, not recorded) instead.")
        var preview = false

        func run() throws {
            try runReporting {
                let kind = try DocumentKind.parse(kind, field: "kind")
                guard let subject = try record.subject() else {
                    throw WagecaseError.invalidField(field: kind.subject.rawValue, value: "", reason: "is missing",
                                                     allowed: kind.subject.option)
                }
                let request = DocumentRequest(
                    kind: kind, subject: subject, format: try DocumentFormat.parse(format, field: "format"),
                    date: try date.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "date") })
                let database = try global.open()
                if preview {
                    var html = request
                    html.format = .html
                    let file = try database.previewDocument(html, actor: global.actorName, render: DocumentRendering.render)
                    return try FileOutput.write(file, to: out ?? "-")
                }
                let made = try database.makeDocument(request, actor: global.actorName, render: DocumentRendering.render)
                let path = out ?? made.document.fileName
                try FileOutput.write(made.file, to: path)
                if global.json { return try Printer.json(made.document) }
                if path != "-" { DocumentView(global: global).show(made.document, path: path) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The register of documents issued, in the order they were made.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var record: DocumentSubjectOptions
        @OptionGroup var paging: ListOptions

        func run() throws {
            try runReporting {
                let documents = try global.open().documents(subject: try record.subject(), limit: paging.limit,
                                                            afterID: paging.after)
                if global.json { return try Printer.json(documents) }
                let label = Labels(language: global.lang)
                var table = TextTable(["ID", label("Number"), label("Document kind"), label("Record"), label("Made on"),
                                       label("Made by"), label("Format"), "SHA-256", label("Void")])
                for document in documents {
                    table.add(["\(document.id)", document.number, document.kind.label(global.lang), document.record,
                               document.madeOn.iso, document.madeBy, document.format.rawValue.uppercased(),
                               document.fileSHA256, document.voidReason ?? ""])
                }
                table.print(emptyMessage: label("(none)"))
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Write an issued document's file again (audited).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Document id.") var id: Int64
        @Option(help: ArgumentHelp("Where to write it (default its own name; - for stdout).", valueName: "FILE"))
        var out: String?

        func run() throws {
            try runReporting {
                let (document, file) = try global.open().documentFile(id: id, actor: global.actorName)
                try FileOutput.write(file, to: out ?? document.fileName)
            }
        }
    }

    struct Void: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Mark a document void, saying why; it keeps its number.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Document id.") var id: Int64
        @Option(help: "Why it is void (required).") var reason: String

        func run() throws {
            try runReporting {
                let document = try global.open().voidDocument(id: id, reason: reason, actor: global.actorName)
                if global.json { return try Printer.json(document) }
                DocumentView(global: global).show(document, path: nil)
            }
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Install the office's own DOCX template for a kind, export the one in use, or go back to the built-in.",
            discussion: """
                Placeholders: {{field}}; {{#list}}…{{/list}} repeats (a table row holding both repeats the row); \
                {{#field}}…{{/field}} shows text only when the field is recorded, {{^field}}…{{/field}} when not. \
                `wagecase document fields KIND` lists the fields. A template naming an unknown field is refused.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Kind: \(DocumentKind.identifiers).", valueName: "KIND")) var kind: String
        @Argument(help: ArgumentHelp("The office's template (.docx) to install.", valueName: "FILE")) var file: String?
        @Option(help: ArgumentHelp("Write the template in use (the office's, else the built-in) to FILE.", valueName: "FILE"))
        var export: String?
        @Flag(name: .customLong("built-in"), help: "Go back to the built-in template (the office's stays on record).")
        var builtIn = false

        func run() throws {
            try runReporting {
                let kind = try DocumentKind.parse(kind, field: "kind")
                let database = try global.open()
                if let export {
                    let bytes = try database.documentTemplate(kind)?.bytes ?? DocxDocument.builtInTemplate(kind)
                    return try FileOutput.write(bytes, to: export)
                }
                if builtIn {
                    try database.removeDocumentTemplate(kind, actor: global.actorName)
                    return Printer.line(Labels(language: global.lang)("\(kind): the built-in template is in use again"))
                }
                guard let file else {
                    throw WagecaseError.invalidField(field: "file", value: "", reason: "is missing",
                                                     allowed: "a .docx template, --export FILE or --built-in")
                }
                let info = try database.installDocumentTemplate(
                    kind, fileName: URL(fileURLWithPath: file).lastPathComponent,
                    bytes: try FileOutput.read(file, field: "file"), actor: global.actorName,
                    check: DocumentRendering.checkTemplate(kind))
                if global.json { return try Printer.json(info) }
                TemplateListView(global: global).show([info])
            }
        }
    }

    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "templates", abstract: "Which template each kind uses.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runReporting {
                let installed = try global.open().documentTemplates()
                if global.json { return try Printer.json(installed) }
                TemplateListView(global: global).show(installed, allKinds: true)
            }
        }
    }

    struct Fields: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fields", abstract: "The fields a kind's template may name.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Kind: \(DocumentKind.identifiers).", valueName: "KIND")) var kind: String

        func run() throws {
            try runReporting {
                let kind = try DocumentKind.parse(kind, field: "kind")
                let label = Labels(language: global.lang)
                var table = TextTable([label("Field"), label("Meaning")])
                for field in DocumentFieldSchema.of(kind).fields {
                    let meaning = global.lang == .zh ? field.zh : field.en
                    table.add(["{{\(field.name)}}", meaning])
                    for row in field.rowFields {
                        table.add(["  {{#\(field.name)}} {{\(row.name)}}", global.lang == .zh ? row.zh : row.en])
                    }
                }
                table.print(emptyMessage: label("(none)"))
            }
        }
    }
}

extension DocumentSubjectKind {
    var option: Phrase {
        switch self {
        case .wageCase: "--case CASE"
        case .clue: "--clue ID"
        case .suggestion: "--suggestion ID"
        }
    }
}

/// One document as the CLI shows it after making or voiding it.
struct DocumentView {
    let global: GlobalOptions

    func show(_ document: IssuedDocument, path: String?) {
        let label = Labels(language: global.lang)
        Printer.fields([
            (label("Number"), document.number), (label("Document kind"), document.kind.label(global.lang)),
            (label("Record"), document.record), (label("Made on"), document.madeOn.iso),
            (label("Made by"), document.madeBy), ("SHA-256", document.fileSHA256),
            (label("File"), path), (label("Void"), document.voidReason),
        ].filter { $0.1 != nil })
    }
}

/// Installed templates, and with `allKinds` the built-in ones in use for the rest.
struct TemplateListView {
    let global: GlobalOptions

    func show(_ installed: [DocumentTemplateInfo], allKinds: Bool = false) {
        let label = Labels(language: global.lang)
        var table = TextTable([label("Document kind"), label("Template"), label("Installed by"), label("Installed at"), "SHA-256"])
        for kind in DocumentKind.allCases {
            if let info = installed.first(where: { $0.kind == kind }) {
                table.add([kind.label(global.lang), info.fileName, info.installedBy, info.installedAt, info.sha256])
            } else if allKinds {
                table.add([kind.label(global.lang), label("built-in"), "", "", ""])
            }
        }
        table.print(emptyMessage: label("(none)"))
    }
}
