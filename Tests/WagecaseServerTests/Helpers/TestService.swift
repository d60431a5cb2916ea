import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import WagecaseCore
import WagecaseServer
@testable import WagecaseSQLite
import WagecaseStore

/// A service over an in-memory database with the sample loaded and one user per role.
struct TestService {
    let database: AppDatabase
    let tokens: [Role: String]

    init() throws {
        database = try AppDatabase.inMemory(clock: { Date(timeIntervalSince1970: 1_795_572_000) })
        _ = try database.loadSample(actor: "sample")
        // Clue 23: a new clue (the sample's clues have all been screened or decided).
        _ = try database.addClue(
            NewClue(source: .hotline12345, received: LocalDate(year: 2025, month: 1, day: 2)!, employer: .id(1),
                    claims: [ClaimInput(idNumber: try ResidentID.parse("620403198203136761"), claimed: Fen(100_000))],
                    onDuplicate: .keepBoth), actor: "setup")
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            tokens[role] = try database.addUser(name: "user-\(role.rawValue)", role: role, actor: "setup").token
        }
        self.tokens = tokens
    }

    var app: some ApplicationProtocol {
        buildApplication(store: SQLiteStore(database), configuration: ServerConfiguration(host: "127.0.0.1", port: 0))
    }

    func headers(_ role: Role?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let role { fields[.authorization] = "Bearer \(tokens[role]!)" }
        fields.append(contentsOf: extra)
        return fields
    }

    /// Changes the database behind the service's back (to set up what no route would write).
    func execute(_ sql: String) throws {
        try database.writer.write { db in try db.execute(sql: sql) }
    }

    func count(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    /// Every row of every table: equal digests mean equal content.
    func digest() throws -> String {
        try database.writer.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").count
                let order = (1...columns).map(String.init).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") { out += "\(row)\n" }
            }
            return out
        }
    }
}

func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

func object(_ response: TestResponse) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
}
