/// Which words of the kept alerts a list reads: both languages (JSON, or a caller that keeps the alerts), or only
/// the one it shows.
public enum AlertWords: Sendable {
    case both, chinese, english
}
