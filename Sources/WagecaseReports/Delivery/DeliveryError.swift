import WagecaseCore
/// Why a report could not be written or delivered, said so that a cron mail explains it.
public enum DeliveryError: Refusal, Equatable, CustomStringConvertible {
    case file(path: String, reason: Phrase)
    case webhook(attempts: Int, reason: Phrase)
    case mail(attempts: Int, reason: Phrase)
    case invalidWebhookURL(String)

    /// A mistake in the command line (exit 2), not a failed delivery (exit 1).
    public var isUsageError: Bool {
        if case .invalidWebhookURL = self { return true }
        return false
    }

    public var code: String {
        switch self {
        case .file: "delivery.file_failed"
        case .webhook: "delivery.webhook_failed"
        case .mail: "delivery.mail_failed"
        case .invalidWebhookURL: "field.invalid"
        }
    }

    public func message(_ language: Language) -> String {
        let phrase: Phrase = switch self {
        case .file(let path, let reason): "cannot write \(path): \(reason)"
        case .webhook(let attempts, let reason):
            attempts == 1 ? "webhook delivery failed after \(attempts) attempt: \(reason)"
                : "webhook delivery failed after \(attempts) attempts: \(reason)"
        case .mail(let attempts, let reason):
            attempts == 1 ? "mail delivery failed after \(attempts) attempt: \(reason)"
                : "mail delivery failed after \(attempts) attempts: \(reason)"
        case .invalidWebhookURL(let url): "--webhook: \(url) is not an http(s) URL"
        }
        return phrase.text(language)
    }

    public var description: String { message(.en) }
}
