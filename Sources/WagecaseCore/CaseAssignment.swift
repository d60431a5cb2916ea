/// Who handles a case: the handling prosecutor (承办检察官) and, optionally, an assistant — users of the service
/// with the prosecutor's role whose access has not been revoked.
public struct CaseAssignment: Sendable, Equatable {
    public var handler: String
    public var assistant: String?

    public init(handler: String, assistant: String? = nil) { (self.handler, self.assistant) = (handler, assistant) }

    /// Checks the names as typed: present, one line, and two different people.
    public static func parse(handler: String, assistant: String?) throws(WagecaseError) -> CaseAssignment {
        let handler = try TextField.name(handler, field: "handler", maxLength: 100)
        let assistant = try TextField.optional(assistant, field: "assistant", maxLength: 100, multiline: false)
        if assistant == handler {
            throw .invalidField(field: "assistant", value: handler, reason: "is the handling prosecutor too",
                                allowed: "another prosecutor, or no assistant")
        }
        return CaseAssignment(handler: handler, assistant: assistant)
    }

    /// A user may handle or assist on cases when the user exists, has the prosecutor's role and is not revoked.
    public static func check(_ name: String, field: String, role: Role?, revoked: Bool) throws(WagecaseError) {
        guard let role else { throw .notFound(entity: "user", key: name) }
        if role != .prosecutor || revoked {
            throw .invalidField(field: field, value: name,
                                reason: revoked ? "is a user whose access was revoked" : "is not a prosecutor",
                                allowed: "a user with the prosecutor role")
        }
    }
}
