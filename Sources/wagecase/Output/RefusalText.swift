import Foundation
import WagecaseCore

/// What the CLI says when it refuses: the refusal's message in the language of `--lang` (Chinese unless `en`),
/// then, for the refusals a flag can answer, the flag — hints naming flags belong to the CLI alone.
enum RefusalText {
    /// The language of this run's messages, read from the command line itself so a refusal found before the
    /// options are parsed (or by a command without them) is still in the right language.
    static let language: Language = {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { return arguments[index + 1] == "en" ? .en : .zh }
            if argument == "--lang=en" { return .en }
        }
        return .zh
    }()

    /// A mistake in the command line itself, in the run's language.
    static func usage(_ words: Phrase) -> String { words.text(language) }

    /// Any error: a refusal in the run's language, anything else as it describes itself.
    static func of(_ error: any Error) -> String {
        (error as? any Refusal).map { of($0) } ?? String(describing: error)
    }

    static func of(_ error: any Refusal) -> String {
        let message = error.message(language)
        guard let hint = hint(error) else { return message }
        return message + (language == .zh ? "。" : "; ") + hint
    }

    private static func hint(_ error: any Refusal) -> String? {
        let zh = language == .zh
        switch error.code {
        case "recovery.over_claim":
            return zh ? "如确需记录超出诉请金额的部分，请加 --force（记入审计日志）" : "use --force to record it anyway (audited)"
        case "store.missing":
            return zh ? "请先运行 wagecase init 创建数据库，或用 --db（或环境变量 WAGECASE_DB）指定数据库文件"
                : "create it with `wagecase init` (or pass --db / set WAGECASE_DB)"
        case "store.unusable":
            return zh ? "请检查 --db（或 WAGECASE_DB）" : "check --db (or WAGECASE_DB)"
        case "clue.duplicate":
            return zh ? "加 --merge 将本次来源并入该线索，或加 --keep-both 另立一条线索"
                : "use --merge to record this channel on it, or --keep-both to keep both"
        default:
            guard let error = error as? WagecaseError else { return nil }
            if case .notFound(let entity, _) = error, WagecaseError.record(entity) == "worker" {
                return zh ? "请先用 wagecase worker add 登记该农民工" : "add the worker first: wagecase worker add"
            }
            if case .invalidState(let entity, _, _, _, _) = error, WagecaseError.record(entity) == "database" {
                return zh ? "可用 --db demo.sqlite 载入到新文件" : "use --db demo.sqlite"
            }
            if case .invalidField(let field, let value, let reason, _) = error {
                switch (field, value) {
                case ("workers", ""): return zh ? "用 --worker 身份证号=金额 列明" : "give --worker ID_NUMBER=AMOUNT"
                case ("status", "completed"):
                    return zh ? "用 --actual-completion 填写实际竣工日期" : "give --actual-completion DATE"
                case ("number", _) where reason.key.hasPrefix("gives %@ case number"):
                    return zh ? "每名农民工一个 --number，顺序同 clue show" : "one --number per worker, in the order `clue show` lists them"
                default: break
                }
            }
            if case .invalidField(let field, _, _, _) = error, field == "claimed" {
                return zh ? "合并时请用 --amount-stands existing 或 new 说明以哪个金额为准"
                    : "with --merge, say which amount stands: --amount-stands existing or new"
            }
            if case .invalidState(let entity, _, _, _, _) = error, WagecaseError.record(entity) == "rule"
                || WagecaseError.record(entity) == "holiday_schedule" {
                return zh ? "如需替换，请加 --replace --reason 说明理由" : "use --replace --reason to replace it"
            }
            return nil
        }
    }
}
