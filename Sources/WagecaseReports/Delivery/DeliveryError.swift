/// Why a report could not be written or delivered, said so that a cron mail explains it.
public enum DeliveryError: Error, Equatable, CustomStringConvertible {
    case file(path: String, reason: String)
    case webhook(attempts: Int, reason: String)
    case mail(attempts: Int, reason: String)
    case invalidWebhookURL(String)

    /// A mistake in the command line (exit 2), not a failed delivery (exit 1).
    public var isUsageError: Bool {
        if case .invalidWebhookURL = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .file(let path, let reason): "cannot write \(path): \(reason)"
        case .webhook(let attempts, let reason):
            "webhook delivery failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)"
        case .mail(let attempts, let reason):
            "mail delivery failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)"
        case .invalidWebhookURL(let url): "--webhook: \(url) is not an http(s) URL"
        }
    }
}
