import Foundation
import Testing
import WagecaseCore
@testable import WagecasePostgres

@Suite("PostgreSQL addresses")
struct PostgresLocationTests {
    @Test("a URL gives host, port, user, database and TLS; a path is not a URL")
    func parsesURL() throws {
        let location = try PostgresLocation(url: "postgres://city%40ops:s%3Acret@db.example.cn:6432/wage_2026?sslmode=require&pool_size=40&statement_timeout=5000",
                                            environment: [:])
        #expect(location.host == "db.example.cn")
        #expect(location.port == 6432)
        #expect(location.user == "city@ops")
        #expect(location.password == "s:cret")
        #expect(location.database == "wage_2026")
        #expect(location.tlsMode == .require)
        #expect(try PostgresLocation(url: "postgres://h/d?sslmode=verify-ca", environment: [:]).tlsMode == .verifyFull)
        #expect(location.poolSize == 40)
        #expect(location.statementTimeoutMilliseconds == 5000)
        let named = try PostgresLocation(url: "postgres://h/d?application_name=city-digest&connect_timeout=3", environment: [:])
        #expect(named.applicationName == "city-digest" && named.connectTimeoutSeconds == 3)
        #expect(try PostgresLocation(url: "postgres://h/d?connect_timeout=0", environment: [:]).connectTimeoutSeconds == 3600)
        #expect(location.redacted == "postgres://city@ops@db.example.cn:6432/wage_2026")
        #expect(!location.redacted.contains("cret"))
        #expect(PostgresLocation.isURL("postgresql://h/d"))
        #expect(!PostgresLocation.isURL("/var/lib/wagecase/district.sqlite"))
        #expect(!PostgresLocation.isURL("postgres.sqlite"))
    }

    @Test("the password comes from the URL, else PGPASSWORD, else the password file")
    func passwordSources() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pgpass").path
        try """
            # host:port:database:user:password
            other.example.cn:5432:*:wage:not-this-one
            db.example.cn:5432:wage:wage:from\\:file
            *:*:*:wage:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let environment = ["PGPASSFILE": file]
        #expect(try PostgresLocation(url: "postgres://wage:inline@db.example.cn/wage", environment: environment).password == "inline")
        #expect(try PostgresLocation(url: "postgres://wage@db.example.cn/wage",
                                     environment: environment.merging(["PGPASSWORD": "from-env"]) { $1 }).password == "from-env")
        #expect(try PostgresLocation(url: "postgres://wage@db.example.cn/wage", environment: environment).password == "from:file")
        #expect(try PostgresLocation(url: "postgres://wage@elsewhere.example.cn/other", environment: environment).password == "fallback")
        // The password ends at an unescaped colon; an escaped one is part of it.
        #expect(PostgresLocation.passwordFileEntry("h:5432:d:u:pa\\:ss:trailing", host: "h", port: 5432, database: "d", user: "u") == "pa:ss")
        // An escaped star is a star, not a wildcard; a backslash ending the line is kept.
        #expect(PostgresLocation.passwordFileEntry("h:5432:\\*:u:one", host: "h", port: 5432, database: "d", user: "u") == nil)
        #expect(PostgresLocation.passwordFileEntry("h:5432:\\*:u:one", host: "h", port: 5432, database: "*", user: "u") == "one")
        #expect(PostgresLocation.passwordFileEntry("h:5432:d:u:ends\\", host: "h", port: 5432, database: "d", user: "u") == "ends\\")
        // A password "file" that is a folder is no password file.
        #expect(PostgresLocation.readablePasswordFile(directory.path) == nil)
        #expect(try PostgresLocation(url: "postgres://nobody@db.example.cn/wage", environment: environment).password == nil)
        // An empty password in the URL counts as none.
        #expect(try PostgresLocation(url: "postgres://wage:@db.example.cn/wage", environment: environment).password == "from:file")
        // A password file others may read is ignored, as libpq ignores it.
        chmod(file, 0o644)
        #expect(try PostgresLocation(url: "postgres://wage@db.example.cn/wage", environment: environment).password == nil)
        // Defaults as libpq has them: port 5432, the database named after the user.
        let defaults = try PostgresLocation(url: "postgres://wage@db.example.cn", environment: [:])
        #expect(defaults.port == 5432 && defaults.database == "wage" && defaults.tlsMode == .prefer)
    }

    @Test("a bad URL is refused saying what is wrong, never showing the password",
          arguments: [
            ("postgres:///wage", "names no host"),
            ("postgres://u:topsecret@h:70000/wage", "has a port outside 1–65535"),
            ("postgres://u:topsecret@h/wage?sslmode=sometimes", "has an unknown sslmode"),
            ("postgres://u:topsecret@h/wage?pool_size=0", "has a pool_size outside 1–500"),
            ("postgres://u:topsecret@h/wage?statement_timeout=-1", "has a statement_timeout outside"),
            ("postgres://u:topsecret@h/wage?fast=yes", "has an unknown parameter"),
            ("postgres://u:top/secret@h/wage", "is not a postgres:// URL"),
            // A password holding @ then / or ?: the URL parses as something else, and still nothing of it shows.
            ("postgres://u:se@cret/x9@h/db", "names more than one database"),
            ("postgres://u:sec@ret?x@h/db", "has an unknown parameter"),
            ("postgres://u:secret@h/wage?connect_timeout=-1", "has a connect_timeout outside 0–3600 seconds"),
          ])
    func refusesBadURL(url: String, reason: String) {
        #expect {
            _ = try PostgresLocation(url: url, environment: [:])
        } throws: { error in
            let message = (error as? any Refusal)?.message(.en) ?? ""
            let chinese = (error as? any Refusal)?.message(.zh) ?? ""
            return message.contains(reason) && !message.contains("secret") && !chinese.contains("secret")
                && !message.contains("cret") && !message.contains("ret?")
                && chinese.contains("数据库地址")
        }
    }

    @Test("a schema section splits into statements at the semicolons that end them")
    func splitsStatements() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE t (a text CHECK (a ~ '^[0-9;]{6}$'));
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'no; never';
                RETURN NULL;
            END $$;
            INSERT INTO t VALUES ('it''s;');
            """
        let statements = PostgresMigrations.statements(of: sql)
        #expect(statements.count == 3)
        #expect(statements[0] == "CREATE TABLE t (a text CHECK (a ~ '^[0-9;]{6}$'))")
        #expect(statements[1].hasSuffix("END $$"))
        #expect(statements[2] == "INSERT INTO t VALUES ('it''s;')")
    }
}
