extension ModelFile {
    /// The model as the YAML file an office copies, changes and loads back (`model show ID`).
    public static func yaml(_ model: SupervisionModel) -> String {
        var lines: [String] = [
            "# \(model.name.zh) / \(model.name.en)",
            "id: \(model.id)",
            "version: \(model.version)",
            "name:",
            "  zh: \(quoted(model.name.zh))",
            "  en: \(quoted(model.name.en))",
        ]
        if let summary = model.summary {
            lines += ["summary:", "  zh: \(quoted(summary.zh))", "  en: \(quoted(summary.en))"]
        }
        lines.append("reads: [\(model.reads.map(\.rawValue).joined(separator: ", "))]")
        lines.append("for: \(model.audience.rawValue)")
        lines.append("caution: \(model.caution)")
        if !model.conditions.isEmpty {
            lines.append("where:")
            for condition in model.conditions { write(condition, indent: "  ", into: &lines) }
        }
        lines.append("find:")
        switch model.finding {
        case let .rows(groups, amount):
            lines.append("  rows:")
            lines.append("    group-by: [\(groups.map(\.rawValue).joined(separator: ", "))]")
            if let amount { lines.append("    amount: \(amount.rawValue)") }
        case let .repeats(key, distinct, atLeast, within):
            lines.append("  repeats:")
            lines.append("    key: \(key.rawValue)")
            if let distinct { lines.append("    distinct: \(distinct.rawValue)") }
            lines.append("    at-least: \(atLeast)")
            lines.append("    within-days: \(within)")
        case let .silent(dataset, months):
            lines += ["  silent:", "    dataset: \(dataset.rawValue)", "    full-months: \(months)"]
        }
        let score = model.score
        lines += ["score:", "  base: \(score.base)", "  per-worker: \(score.perWorker)", "  per-row: \(score.perRow)",
                  "  per-10000-yuan: \(score.perTenThousandYuan)"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func write(_ condition: ModelCondition, indent: String, into lines: inout [String]) {
        switch condition {
        case .any(let items):
            lines.append("\(indent)- any:")
            for item in items { write(item, indent: indent + "    ", into: &lines) }
        case .registry(let test):
            lines.append("\(indent)- registry: {guarantee: \(test.rawValue)}")
        case let .compare(field, comparison):
            lines.append("\(indent)- \(field.rawValue): {\(text(comparison, money: field.valueType == .money))}")
        }
    }

    private static func text(_ comparison: ModelComparison, money: Bool) -> String {
        let number = { (value: Int64) in money ? yuan(value) : "\(value)" }
        let list = { (values: [String]) in "[" + values.map(quoted).joined(separator: ", ") + "]" }
        return switch comparison {
        case .isOneOf(let values): values.count == 1 ? "is: \(quoted(values[0]))" : "in: \(list(values))"
        case .isNoneOf(let values): "not-in: \(list(values))"
        case .containsAny(let words): "contains-any: \(list(words))"
        case .present(let flag): "present: \(flag)"
        case .above(let value): "above: \(number(value))"
        case .atLeast(let value): "at-least: \(number(value))"
        case .below(let value): "below: \(number(value))"
        case .atMost(let value): "at-most: \(number(value))"
        case .before(let date): "before: \(date)"
        case .onOrBefore(let date): "on-or-before: \(date)"
        case .after(let date): "after: \(date)"
        case .onOrAfter(let date): "on-or-after: \(date)"
        }
    }

    /// Fen as yuan the way a model file writes them: 0, 3000, 3000.5.
    static func yuan(_ fen: Int64) -> String {
        let (whole, cents) = (fen / 100, fen % 100)
        if cents == 0 { return "\(whole)" }
        return cents % 10 == 0 ? "\(whole).\(cents / 10)" : "\(whole).\(String(cents).leftPadded(to: 2))"
    }

    /// A YAML double-quoted scalar (JSON's escapes are YAML's).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
