import ArgumentParser
import Foundation
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase.CaseCommand {
    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attach",
            abstract: "Keep an evidence file with a case (欠条, 考勤表, 工资表, 合同, 裁决书, 判决书, 身份证复印件, 照片).",
            discussion: """
                The file's type is told by its bytes: PDF, JPEG, PNG, HEIC, DOCX, XLSX or OFD; anything else is \
                refused, as is a file larger than the attachment_max_mb setting (50 MB by default). The same file \
                attached twice is stored once.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String
        @Argument(help: ArgumentHelp("The evidence file.", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("What it is: \(EvidenceKind.identifiers).", valueName: "KIND")) var kind: String
        @Option(help: "A note on it.") var note: String?

        func run() throws {
            try runReporting {
                let input = NewAttachment(
                    reference: CaseReference(caseReference), kind: try EvidenceKind.parse(kind, field: "kind"),
                    fileName: URL(fileURLWithPath: file).lastPathComponent, note: note,
                    bytes: try FileOutput.read(file, field: "file"))
                let attachment = try global.open().attach(input, actor: global.actorName)
                if global.json { return try Printer.json(attachment) }
                AttachmentListView(global: global).show([attachment])
            }
        }
    }

    struct Attachments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attachments", abstract: "A case's evidence files, removed ones marked.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case number or id.") var caseReference: String

        func run() throws {
            try runReporting {
                let attachments = try global.open().attachments(CaseReference(caseReference))
                if global.json { return try Printer.json(attachments) }
                AttachmentListView(global: global).show(attachments)
            }
        }
    }

    struct AttachmentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attachment", abstract: "One evidence file: write it out, or remove it with a reason.",
            subcommands: [Get.self, Remove.self])
    }
}

extension Wagecase.CaseCommand.AttachmentCommand {
    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Write an evidence file out (audited).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Attachment id.") var id: Int64
        @Option(help: ArgumentHelp("Where to write it (- for stdout).", valueName: "FILE")) var out: String

        func run() throws {
            try runReporting {
                let (_, file) = try global.open().attachmentFile(id: id, actor: global.actorName)
                try FileOutput.write(file, to: out)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take an evidence file off a case, saying why; the file and its audit trail stay.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Attachment id.") var id: Int64
        @Option(help: "Why (required).") var reason: String

        func run() throws {
            try runReporting {
                let attachment = try global.open().removeAttachment(id: id, reason: reason, actor: global.actorName)
                if global.json { return try Printer.json(attachment) }
                AttachmentListView(global: global).show([attachment])
            }
        }
    }
}

struct AttachmentListView {
    let global: GlobalOptions

    func show(_ attachments: [CaseAttachment]) {
        let label = Labels(language: global.lang)
        var table = TextTable(["ID", label("Evidence"), label("File"), label("File type"), label("Size"), label("Uploaded by"),
                               label("Uploaded at"), label("Note"), label("Removed")], rightAligned: [4])
        for attachment in attachments {
            table.add(["\(attachment.id)", attachment.kind.label(global.lang), attachment.fileName,
                       attachment.fileType.rawValue.uppercased(), ByteCount.text(attachment.size),
                       attachment.uploadedBy, attachment.uploadedAt, attachment.note ?? "",
                       attachment.removedReason.map { "\(attachment.removedAt ?? "") \($0)" } ?? ""])
        }
        table.print(emptyMessage: label("(none)"))
    }
}

