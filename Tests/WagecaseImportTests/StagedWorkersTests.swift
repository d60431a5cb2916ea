import GRDB
import PropertyBased
import Testing
import WagecaseCore
@testable import WagecaseSQLite

/// Workers staged in sorted runs and merged into `worker` end as one statement over the whole file, sorted then
/// inserted, would leave them: each new ID number once, with the first row's record, ids given in ID-number
/// order; a number on record left as it is.
@Suite("Staged workers")
struct StagedWorkersTests {
    /// Twelve valid ID numbers, not in order of their index.
    static let ids: [String] = (0..<12).map { index in
        let first17 = String(format: "%06d19%02d0101%03d", [440524, 110105, 350203][index % 3], 50 + (index * 7) % 40, index)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    @Test func mergedRunsInsertWhatOneSortedStatementWould() async throws {
        await propertyCheck(count: 150, input: Gen.int(in: 0..<12).array(of: 0...60), Gen.int(in: 1...7),
                            Gen.int(in: 0..<4096), Gen.int(in: 1...9)) { picks, runLength, onRecordMask, batchSize in
            do {
                let database = try AppDatabase.inMemory()
                for (index, id) in Self.ids.enumerated() where onRecordMask & (1 << index) != 0 {
                    _ = try database.addWorker(NewWorker.parse(name: "已有\(index)", idNumber: id), actor: "t")
                }
                let before = try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM worker") } ?? 0

                let staged = try StagedWorkers(runLength: runLength)
                let rows = try picks.enumerated().map { offset, pick in
                    (row: offset + 2, worker: try NewWorker.parse(name: "工人\(offset + 2)", idNumber: Self.ids[pick],
                                                                   phone: offset % 3 == 0 ? nil : "1391234\(String(format: "%04d", offset))"))
                }
                for start in stride(from: 0, to: rows.count, by: batchSize) {
                    try staged.append(Array(rows[start..<min(start + batchSize, rows.count)]))
                }
                try staged.seal()

                // The reference: the first row of each number not on record, in ID-number order.
                var firstRow: [String: (row: Int, worker: NewWorker)] = [:]
                for row in rows where firstRow[row.worker.idNumber.value] == nil { firstRow[row.worker.idNumber.value] = row }
                let expected = firstRow.keys.sorted()
                    .filter { id in onRecordMask & (1 << (Self.ids.firstIndex(of: id) ?? 0)) == 0 }
                    .enumerated().map { offset, id in
                        "\(before + Int64(offset) + 1) \(id) \(firstRow[id]!.worker.name) \(firstRow[id]!.worker.phone ?? "-")"
                    }

                let counted = try database.read { db in try staged.countNew(db) }
                #expect(counted == expected.count)
                let moved = try database.writer.write { db in try staged.moveIn(db, createdAt: "2026-11-28T12:00:00+08:00") }
                #expect(moved.imported == expected.count)
                #expect(moved.first == (expected.isEmpty ? nil : before + 1))
                #expect(moved.last == (expected.isEmpty ? nil : before + Int64(expected.count)))
                let written = try database.read { db in
                    try Row.fetchAll(db, sql: "SELECT id, id_number, name, phone FROM worker WHERE id > ? ORDER BY id",
                                     arguments: [before]).map { row -> String in
                        let phone: String? = row["phone"]
                        return "\(row["id"] as Int64) \(row["id_number"] as String) \(row["name"] as String) \(phone ?? "-")"
                    }
                }
                #expect(written == expected)
                let untouched = try database.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM worker WHERE id <= ? AND name LIKE '已有%'", arguments: [before])
                }
                #expect(untouched == Int(before))
            } catch {
                Issue.record(error)
            }
        }
    }

    @Test func keysOrderAsSQLiteOrdersText() async {
        let alphabet = Array("0129X x".utf8)
        await propertyCheck(count: 2_000, input: Gen.int(in: 0..<alphabet.count).array(of: 0...26),
                            Gen.int(in: 0..<alphabet.count).array(of: 0...26)) { a, b in
            let (x, y) = (String(decoding: a.map { alphabet[$0] }, as: UTF8.self),
                          String(decoding: b.map { alphabet[$0] }, as: UTF8.self))
            let (keyX, keyY) = (StagingKey(bytes: x.utf8, row: 1, index: 0), StagingKey(bytes: y.utf8, row: 2, index: 1))
            #expect(keyX.packed == (a.count <= 24))
            #expect(keyY.packed == (b.count <= 24))
            guard keyX.packed && keyY.packed else { return }
            let bytesFirst = x.utf8.lexicographicallyPrecedes(y.utf8) || x.utf8.elementsEqual(y.utf8)
            #expect((keyX < keyY) == bytesFirst, "\(x) \(y)")
        }
    }
}
