import Foundation
import GRDB
import Testing
import WagecaseCore
import WagecaseImport
import WagecaseSQLite
import WagecaseStore

/// An import reads and checks the whole file before it takes the write lock, so the service's writers wait for
/// the writing alone, however slow the file is to read.
@Suite("Import and the write lock")
struct ImportLockTests {
    @Test func readingAndCheckingTheFileHoldsNoLock() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let csv = directory.appendingPathComponent("workers.csv")
        try Data("姓名,身份证号\n张三,11010519491231002X\n李四,440524188001010014\n王五,620403198203136761\n".utf8).write(to: csv)

        let importer = try AppDatabase.open(path: path, mode: .createIfMissing)
        // Another writer (the service) that gives up at once if the lock is held.
        let service = try AppDatabase.open(path: path, busyTimeout: 0.05)
        let session = try ImportSession(kind: .workers, path: csv.path, fileName: "workers.csv", sheet: nil,
                                        encoding: .auto, mappingFile: nil, defaultSource: nil, dryRun: false,
                                        skipInvalid: false, actor: "import")
        nonisolated(unsafe) var writesDuringReading = 0
        let summary = try importer.importRows(session.request, parser: session.parser, next: {
            guard let row = try session.nextRow() else { return nil }
            if row.number == 3 {
                // While the file is being read: the service writes without waiting.
                _ = try service.addEmployer(NewEmployer.parse(name: "某公司", creditCode: "91350200776049653A"),
                                            actor: "service")
                writesDuringReading += 1
            }
            return row
        }, onIssue: { issue in Issue.record("unexpected issue \(issue)") })
        #expect(writesDuringReading == 1)
        #expect(summary.committed && summary.imported == 3)
        #expect(try importer.workers().count == 3 && importer.employers().count == 1)
    }
}

extension ImportLockTests {
    /// A dry run of a workers file, or one refused for a bad row, never takes the write lock at all: its figures
    /// come from a read while another program holds the lock.
    @Test func aDryRunOfWorkersTakesNoLock() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let csv = directory.appendingPathComponent("workers.csv")
        try Data("姓名,身份证号\n张三,11010519491231002X\n李四,440524188001010014\n张三,11010519491231002X\n".utf8)
            .write(to: csv)
        let database = try AppDatabase.open(path: path, mode: .createIfMissing, busyTimeout: 0.05)
        _ = try database.addWorker(NewWorker.parse(name: "李四", idNumber: "440524188001010014"), actor: "t")
        let session = try ImportSession(kind: .workers, path: csv.path, fileName: "workers.csv", sheet: nil,
                                        encoding: .auto, mappingFile: nil, defaultSource: nil, dryRun: true,
                                        skipInvalid: false, actor: "import")
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let summary = try database.importRows(session.request, parser: session.parser, next: session.nextRow,
                                                  onIssue: { Issue.record("unexpected \($0)") })
            #expect(!summary.committed && summary.dryRun && summary.imported == 1 && summary.merged == 2)
        }
        #expect(try database.workers().count == 1)
    }
}
