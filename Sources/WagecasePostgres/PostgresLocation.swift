import Foundation
import WagecaseCore

/// Where a PostgreSQL database is, from `postgres://user[:password]@host[:port]/database?sslmode=…` (or
/// `postgresql://`). The password comes from the URL, else `PGPASSWORD`, else the password file (`PGPASSFILE`,
/// else `~/.pgpass`, whose lines are `host:port:database:user:password` with `*` for any), as libpq finds it.
public struct PostgresLocation: Sendable, Equatable {
    /// libpq's modes: `prefer` and `require` encrypt without checking the server's certificate (a self-signed
    /// one is accepted, as libpq does); `verify-full` checks it against the system's trust store and the host name
    /// (`verify-ca` is taken as `verify-full`, the stricter).
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// Connections this process keeps at most (`pool_size`, default 20).
    public var poolSize: Int
    /// A statement running longer than this is cancelled (`statement_timeout` in milliseconds; 0: no limit).
    public var statementTimeoutMilliseconds: Int
    /// How long to wait for the server to answer a new connection (`connect_timeout`, seconds, default 10).
    public var connectTimeoutSeconds: Int
    /// The name the server shows for these connections (`application_name`, default wagecase).
    public var applicationName: String

    /// Whether `text` names a PostgreSQL database rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The URL without its password, for messages and logs.
    public var redacted: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw LocationRefused(url: text, reason: "is not a postgres:// URL")
        }
        guard let host = components.host, !host.isEmpty else { throw LocationRefused(url: text, reason: "names no host") }
        self.host = host
        self.port = components.port ?? Int(environment["PGPORT"] ?? "") ?? 5432
        guard (1...65_535).contains(port) else { throw LocationRefused(url: text, reason: "has a port outside 1–65535") }
        let user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
            ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        self.user = user
        let path = components.percentEncodedPath.dropFirst()
        let database = String(path).removingPercentEncoding ?? ""
        self.database = database.isEmpty ? (environment["PGDATABASE"] ?? user) : database
        guard !self.database.contains("/") else { throw LocationRefused(url: text, reason: "names more than one database") }
        tlsMode = .prefer
        poolSize = 20
        statementTimeoutMilliseconds = 0
        connectTimeoutSeconds = 10
        applicationName = "wagecase"
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                switch value {
                case "disable": tlsMode = .disable
                case "allow", "prefer": tlsMode = .prefer
                case "require": tlsMode = .require
                case "verify-ca", "verify-full": tlsMode = .verifyFull
                default: throw LocationRefused(url: text, reason: "has an unknown sslmode (disable, prefer, require, verify-full)")
                }
            case "pool_size":
                guard let size = Int(value), (1...500).contains(size) else {
                    throw LocationRefused(url: text, reason: "has a pool_size outside 1–500")
                }
                poolSize = size
            case "statement_timeout":
                guard let milliseconds = Int(value), (0...86_400_000).contains(milliseconds) else {
                    throw LocationRefused(url: text, reason: "has a statement_timeout outside 0–86400000 milliseconds")
                }
                statementTimeoutMilliseconds = milliseconds
            case "connect_timeout":
                guard let seconds = Int(value), (0...3600).contains(seconds) else {
                    throw LocationRefused(url: text, reason: "has a connect_timeout outside 0–3600 seconds")
                }
                // libpq's 0 is "wait as long as it takes": an hour here.
                connectTimeoutSeconds = seconds == 0 ? 3600 : seconds
            case "application_name":
                guard (1...63).contains(value.utf8.count), !value.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                    throw LocationRefused(url: text, reason: "has an application_name that is empty, too long or holds control characters")
                }
                applicationName = value
            default:
                throw LocationRefused(url: text, reason: "has an unknown parameter (sslmode, pool_size, statement_timeout, connect_timeout, application_name)")
            }
        }
        // An empty password in the URL counts as none, as libpq has it.
        if let password = components.percentEncodedPassword?.removingPercentEncoding, !password.isEmpty {
            self.password = password
        } else if let password = environment["PGPASSWORD"], !password.isEmpty {
            self.password = password
        } else {
            let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
            self.password = Self.readablePasswordFile(file).flatMap {
                Self.passwordFileEntry($0, host: host, port: port, database: self.database, user: user)
            }
        }
    }

    /// A password file's text, or nil when there is none or others may read it (libpq ignores such a file too).
    static func readablePasswordFile(_ path: String) -> String? {
        var status = stat()
        guard !path.isEmpty, stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              status.st_mode & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The password of the first line of a password file that matches, as libpq reads it.
    static func passwordFileEntry(_ contents: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in contents.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            // Each field with whether it was exactly an unescaped * (a wildcard; an escaped \* is a star).
            var fields: [(text: String, wildcard: Bool)] = [], current = "", escapedAny = false, escaped = false
            for character in line {
                if escaped { current.append(character); escaped = false; escapedAny = true }
                else if character == "\\" { escaped = true }
                else if character == ":" {
                    // The password ends at the next unescaped colon too, as libpq reads it.
                    fields.append((current, current == "*" && !escapedAny)); current = ""; escapedAny = false
                    if fields.count == 5 { break }
                } else { current.append(character) }
            }
            if escaped { current.append("\\") }  // a backslash ending the line is itself
            if fields.count < 5 { fields.append((current, current == "*" && !escapedAny)) }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0.wildcard || $0.text == $1 }) { return fields[4].text }
        }
        return nil
    }

    /// A database URL that cannot be used, with why. The URL is shown without its password.
    public struct LocationRefused: Refusal, CustomStringConvertible {
        public let url: String
        public let reason: Phrase
        public var code: String { "store.unusable" }
        public func message(_ language: Language) -> String {
            ("the database URL \(Self.hidingPassword(url)) \(reason.text(language))" as Phrase).text(language)
        }
        public var description: String { message(.en) }

        /// The URL with whatever stands between `://` and the last `@` before the host hidden but the user name:
        /// also when the URL does not parse (a password with a space in it must not be printed either).
        static func hidingPassword(_ url: String) -> String {
            guard let scheme = url.range(of: "://") else { return "***" }
            let rest = url[scheme.upperBound...]
            // The last @ anywhere: a password may hold @, / or ?, and hiding too much is safe.
            guard let at = rest.lastIndex(of: "@") else { return url }
            let credentials = rest[..<at]
            let user = credentials.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            return url[..<scheme.upperBound] + user + (credentials.contains(":") ? ":***" : "") + rest[at...]
        }
    }
}
