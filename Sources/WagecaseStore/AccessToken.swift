import Crypto
import Foundation
import WagecaseCore

/// Bearer tokens and session cookies: random values given out once, of which only a SHA-256 is kept.
public enum AccessToken {
    /// A random URL-safe token of 32 bytes from the system's generator (getrandom(2) on Linux).
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A new user's bearer token.
    public static func bearer() -> String { "wc_" + random() }

    /// What is stored of a token: its SHA-256 in hex.
    public static func hash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }
}
