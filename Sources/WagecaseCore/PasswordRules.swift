/// What a web password must be: long enough to resist guessing, short enough for bcrypt (which reads 72 bytes).
public enum PasswordRules {
    public static let minimumLength = 10
    public static let maximumBytes = 72

    /// Checks a new password (a trailing line break from `--password-stdin` is not part of it).
    public static func check(_ password: String) throws(WagecaseError) -> String {
        var password = password
        while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
        guard password.count >= minimumLength else {
            throw .invalidField(field: "password", value: "", reason: "is too short",
                                allowed: "at least 10 characters")
        }
        guard password.utf8.count <= maximumBytes else {
            throw .invalidField(field: "password", value: "", reason: "is too long",
                                allowed: "at most 72 bytes (about 24 Chinese characters)")
        }
        return password
    }
}
