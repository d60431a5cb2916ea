/// How a payment's line reads beside its note: a balancing entry (冲正) names the payment it reverses, and a
/// reversed payment names the entry that reverses it, so neither is read alone as money that stands.
public enum RecoveryNote {
    public static func text(_ recovery: Recovery, _ language: Language) -> String {
        var parts: [String] = []
        if let original = recovery.reverses {
            let phrase: Phrase = "reverses payment #\(original)"
            parts.append(phrase.text(language))
        }
        if let entry = recovery.reversedBy {
            let phrase: Phrase = "reversed by #\(entry)"
            parts.append(phrase.text(language))
        }
        if let note = recovery.note, !note.isEmpty { parts.append(note) }
        return parts.joined(separator: language == .zh ? "；" : "; ")
    }
}
