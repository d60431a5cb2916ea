import Foundation
import WagecaseCore
import WagecaseImport
import WagecaseReports
import WagecaseSQLite
import WagecaseStore

/// The rejection report: CSV (UTF-8 with a byte-order mark, for Excel) of row, column, value and reason, written
/// to a temporary file as problems are found and renamed into place at the end (removed if the import fails).
/// ID and card numbers in it are masked as on screen.
final class ImportReport {
    private let file: AtomicFile
    private let language: Language

    init(path: String, language: Language) throws {
        file = try AtomicFile(path: path)
        self.language = language
        let headings = language == .zh ? ["行号", "列", "内容", "原因", "代码"] : ["row", "column", "value", "reason", "code"]
        try file.write("\u{FEFF}" + CSVText.record(headings))
    }

    func add(_ issue: ImportIssue) throws {
        try file.write(CSVText.record([String(issue.row), issue.column, issue.value, issue.reason.text(language),
                                       issue.code]))
    }

    func commit() throws { try file.commit() }
}

struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A progress line on stderr when it is a terminal — rows, rows/s, percent of the file, time left — redrawn at
/// most four times a second; nothing when stderr is a file or a pipe (cron, scripts).
final class ProgressLine {
    private let source: any TableSource
    private let enabled = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var lastDrawn = Date.distantPast

    init(source: any TableSource) { self.source = source }

    func update(_ rows: Int) {
        guard enabled, Date().timeIntervalSince(lastDrawn) >= 0.25 else { return }
        lastDrawn = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let fraction = source.fractionRead
        let left = fraction > 0.01 ? elapsed / fraction - elapsed : 0
        let line = String(format: "\r%@ rows · %.0f rows/s · %3.0f%% · %d:%02d left  ",
                          String(rows), Double(rows) / elapsed, fraction * 100, Int(left) / 60, Int(left) % 60)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled, lastDrawn != .distantPast else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// The summary printed after every import.
struct ImportSummaryView {
    let summary: ImportSummary
    let unknownColumns: [String]
    let language: Language
    let sha256: String

    func print() {
        let label = Labels(language: language)
        let s = summary
        Printer.line(label("read \(s.rowsRead) rows: imported \(s.imported), merged with existing records \(s.merged), rejected \(s.rejected)"))
        if s.skipped > 0 {
            Printer.line(label("skipped \(s.skipped) rows that are not records (totals, signatures, notes under the table)"))
        }
        if !unknownColumns.isEmpty {
            Printer.line(label("columns not imported: ") + unknownColumns.joined(separator: "、"))
        }
        if s.dryRun {
            Printer.line(label("dry run: nothing written"))
        } else if !s.committed {
            Printer.line(label("nothing written because rows are invalid: fix them (see the report) and import again, or use --skip-invalid"))
        } else if let id = s.importID {
            Printer.line(label("recorded as import #\(id) (SHA-256 \(sha256.prefix(12))…)"))
        }
        if let previous = s.previousImport {
            let nothingNew = s.imported == 0
            Printer.line(label(nothingNew
                ? "this file was imported before: #\(previous.id) on \(previous.finishedAt) by \(previous.actor); nothing changed, every row is already on record"
                : "this file was imported before: #\(previous.id) on \(previous.finishedAt) by \(previous.actor)"))
        }
    }
}
