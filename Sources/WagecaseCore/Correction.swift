/// What replaces or amends something already recorded must say so and say why: an explicit flag (`amend`,
/// `replace`) and a reason, which the audit log keeps beside the value it replaced.
public enum Correction {
    /// The reason when `asked` (nil when not); a flag without a reason, or a reason without the flag, is refused.
    public static func reason(asked: Bool, flag: String, reason: String?) throws(WagecaseError) -> String? {
        let reason = try TextField.optional(reason, field: "reason", maxLength: 2000)
        switch (asked, reason) {
        case (true, nil):
            throw .invalidField(field: "reason", value: "", reason: "is missing for \(flag)",
                                allowed: "why the recorded value is being replaced")
        case (false, .some(let text)):
            throw .invalidField(field: "reason", value: text, reason: "is given without \(flag)",
                                allowed: "a reason only together with \(flag)")
        default:
            return reason
        }
    }
}
