/// A refusal a person reads: a stable code for programs, and the message in the reader's language. The CLI
/// prints `message` in `--lang` (Chinese by default) and adds hints naming its own flags; the API sends it as
/// problem+json in the language of `Accept-Language` (Chinese unless English is asked for).
public protocol Refusal: Error {
    /// Stable and documented: `field.invalid`, `clue.duplicate`, `case.stage_not_allowed`, …
    var code: String { get }
    func message(_ language: Language) -> String
}
