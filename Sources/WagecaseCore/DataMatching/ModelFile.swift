/// A model file's tree as a YAML (or JSON) reader gives it, each node with the line it starts on, so a refusal
/// can say where.
public indirect enum ModelNode: Sendable {
    case scalar(String, line: Int)
    case list([ModelNode], line: Int)
    case map([(key: String, line: Int, value: ModelNode)], line: Int)

    public var line: Int {
        switch self {
        case .scalar(_, let line), .list(_, let line), .map(_, let line): line
        }
    }
}

/// Why a model file is refused: the line and the reason.
public struct ModelFileError: Refusal, Equatable, CustomStringConvertible {
    public let line: Int
    public let reason: Phrase
    public init(line: Int, reason: Phrase) { (self.line, self.reason) = (line, reason) }
    public var code: String { "model.invalid" }
    public func message(_ language: Language) -> String {
        let phrase: Phrase = "model file, line \(line): \(reason)"
        return phrase.text(language)
    }
    public var description: String { message(.en) }
}

/// Reads a model from its file's tree, checking every key and value, and writes one back as YAML.
public enum ModelFile {
    public static let idPattern: Phrase = "3 to 64 lower-case letters, digits and hyphens, starting with a letter"

    public static func read(_ root: ModelNode) throws(ModelFileError) -> SupervisionModel {
        let top = try Keys(root, allowed: ["id", "version", "name", "summary", "reads", "for", "caution", "where",
                                           "find", "score"])
        let idNode = try top.required("id")
        let id = try scalar(idNode)
        guard isModelID(id) else { throw ModelFileError(line: idNode.line, reason: "id \(id) is not \(idPattern)") }
        let versionNode = try top.required("version")
        guard let version = Int(try scalar(versionNode)), (1...1_000_000).contains(version) else {
            throw ModelFileError(line: versionNode.line, reason: "version must be a whole number from 1 to 1000000")
        }
        let name = try text(try top.required("name"))
        let summary = try top["summary"].map { node throws(ModelFileError) in try text(node) }
        let readsNode = try top.required("reads")
        var reads: [DatasetKind] = []
        for node in try list(readsNode) {
            let value = try scalar(node)
            guard let kind = DatasetKind(rawValue: value) else {
                throw ModelFileError(line: node.line, reason: "\(value) is not a dataset; datasets: \(DatasetKind.identifiers)")
            }
            if !reads.contains(kind) { reads.append(kind) }
        }
        if reads.isEmpty { throw ModelFileError(line: readsNode.line, reason: "reads names no dataset") }
        let audience = try top["for"].map { node throws(ModelFileError) -> ModelAudience in
            let value = try scalar(node)
            guard let audience = ModelAudience(rawValue: value) else {
                throw ModelFileError(line: node.line, reason: "for: \(value) is not one of \(ModelAudience.identifiers)")
            }
            return audience
        } ?? .prosecutor
        let caution = try top["caution"].map { node throws(ModelFileError) in try flag(node) } ?? false
        let conditions = try top["where"].map { node throws(ModelFileError) in
            try list(node).map { item throws(ModelFileError) in try condition(item, reads: reads) }
        } ?? []
        let finding = try self.finding(try top.required("find"), reads: reads)
        let score = try top["score"].map { node throws(ModelFileError) in try self.score(node) } ?? ModelScore(base: 50)
        return SupervisionModel(id: id, version: version, name: name, summary: summary, reads: reads,
                                audience: audience, caution: caution, conditions: conditions, finding: finding,
                                score: score)
    }

    public static func isModelID(_ id: String) -> Bool {
        (3...64).contains(id.count) && id.first.map { $0.isASCII && $0.isLowercase } == true
            && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    // MARK: reading

    private static func condition(_ node: ModelNode, reads: [DatasetKind]) throws(ModelFileError) -> ModelCondition {
        let keys = try Keys(node, allowed: nil)
        guard keys.pairs.count == 1, let (key, value) = keys.pairs.first.map({ ($0.key, $0.value) }) else {
            throw ModelFileError(line: node.line, reason: "a condition is one field (or any, or registry) with its test")
        }
        if key == "any" {
            let items = try list(value).map { item throws(ModelFileError) in try condition(item, reads: reads) }
            if items.count < 2 { throw ModelFileError(line: value.line, reason: "any needs two or more conditions") }
            return .any(items)
        }
        if key == "registry" {
            let test = try Keys(value, allowed: ["guarantee"])
            let node = try test.required("guarantee")
            let name = try scalar(node)
            guard let registry = RegistryTest(rawValue: name) else {
                throw ModelFileError(line: node.line, reason: "guarantee: \(name) is not one of none, never-drawn, lodged")
            }
            return .registry(registry)
        }
        guard let field = DatasetField(rawValue: key) else {
            throw ModelFileError(line: node.line, reason: "\(key) is not a field; fields: \(DatasetField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard reads.contains(where: { $0.fields.contains(field) || $0.derived.contains(field) }) else {
            throw ModelFileError(line: node.line, reason: "\(key) is not a field of \(reads.map(\.rawValue).joined(separator: ", "))")
        }
        let test = try Keys(value, allowed: nil)
        guard test.pairs.count == 1, let pair = test.pairs.first else {
            throw ModelFileError(line: value.line, reason: "\(key) needs exactly one test, e.g. {above: 0}")
        }
        return .compare(field, try comparison(pair.key, pair.value, field: field, reads: reads))
    }

    private static func comparison(_ name: String, _ node: ModelNode, field: DatasetField,
                                   reads: [DatasetKind]) throws(ModelFileError) -> ModelComparison {
        let type = field.valueType
        let wrong = { (allowed: String) in
            ModelFileError(line: node.line, reason: "\(name) does not apply to \(field.rawValue); it takes \(allowed)")
        }
        switch name {
        case "present": return .present(try flag(node))
        case "is", "in", "not-in":
            guard type == .text || type == .status else { throw wrong(tests(type)) }
            let values = try strings(node, single: name == "is").map { value throws(ModelFileError) in
                type == .status ? try status(value, line: node.line, reads: reads) : value
            }
            return name == "not-in" ? .isNoneOf(values) : .isOneOf(values)
        case "contains-any":
            guard type == .text else { throw wrong(tests(type)) }
            let words = try strings(node, single: false)
            if words.contains(where: \.isEmpty) { throw ModelFileError(line: node.line, reason: "an empty word matches everything") }
            return .containsAny(words)
        case "above", "at-least", "below", "at-most":
            guard type == .money || type == .count else { throw wrong(tests(type)) }
            let text = try scalar(node)
            let number: Int64
            if type == .money {
                do { number = try Fen.parse(text, field: field.rawValue).value } catch {
                    throw ModelFileError(line: node.line, reason: "\(text) is not an amount in yuan (e.g. 0, 3000 or 3.8万)")
                }
            } else {
                guard let count = Int64(text), (0...10_000_000).contains(count) else {
                    throw ModelFileError(line: node.line, reason: "\(text) is not a whole number from 0 to 10000000")
                }
                number = count
            }
            switch name {
            case "above": return .above(number)
            case "at-least": return .atLeast(number)
            case "below": return .below(number)
            default: return .atMost(number)
            }
        case "before", "on-or-before", "after", "on-or-after":
            guard type == .date else { throw wrong(tests(type)) }
            let text = try scalar(node)
            guard let date = RelativeDate.parse(text) else {
                throw ModelFileError(line: node.line, reason: "\(text) is not a date: write 2026-03-05, run, run-30d (days before the run date), run+7d, month (the run month's first day) or month-2")
            }
            switch name {
            case "before": return .before(date)
            case "on-or-before": return .onOrBefore(date)
            case "after": return .after(date)
            default: return .onOrAfter(date)
            }
        default:
            throw ModelFileError(line: node.line, reason: "\(name) is not a test for \(field.rawValue); it takes \(tests(type))")
        }
    }

    private static func tests(_ type: DatasetValueType) -> String {
        switch type {
        case .text: "is, in, not-in, contains-any, present"
        case .status: "is, in, not-in, present"
        case .money, .count: "above, at-least, below, at-most, present"
        case .date: "before, on-or-before, after, on-or-after, present"
        }
    }

    private static func status(_ value: String, line: Int, reads: [DatasetKind]) throws(ModelFileError) -> String {
        if reads.contains(.arbitrationAwards), let status = try? AwardPerformance.parse(value, field: "status") {
            return status.rawValue
        }
        if reads.contains(.courtJudgments), let status = try? EnforcementStatus.parse(value, field: "status") {
            return status.rawValue
        }
        throw ModelFileError(line: line, reason: "\(value) is not a status of \(reads.map(\.rawValue).joined(separator: ", ")): \(AwardPerformance.identifiers), \(EnforcementStatus.identifiers)")
    }

    private static func finding(_ node: ModelNode, reads: [DatasetKind]) throws(ModelFileError) -> ModelFinding {
        let keys = try Keys(node, allowed: ["rows", "repeats", "silent"])
        guard keys.pairs.count == 1, let pair = keys.pairs.first else {
            throw ModelFileError(line: node.line, reason: "find is one of rows, repeats, silent")
        }
        switch pair.key {
        case "rows":
            let options = try Keys(pair.value, allowed: ["group-by", "amount"])
            let groups = try options["group-by"].map { node throws(ModelFileError) in try groupList(node) } ?? [.employer]
            if groups.isEmpty { throw ModelFileError(line: pair.value.line, reason: "group-by names nothing") }
            let amount = try options["amount"].map { node throws(ModelFileError) in try moneyField(node, reads: reads) }
            return .rows(groupBy: groups, amount: amount)
        case "repeats":
            let options = try Keys(pair.value, allowed: ["key", "distinct", "at-least", "within-days"])
            let key = try group(try options.required("key"))
            let distinct = try options["distinct"].map { node throws(ModelFileError) in try group(node) }
            let atLeast = try whole(try options.required("at-least"), in: 2...1000)
            let within = try whole(try options.required("within-days"), in: 1...3660)
            return .repeats(key: key, distinct: distinct, atLeast: atLeast, withinDays: within)
        default:
            let options = try Keys(pair.value, allowed: ["dataset", "full-months"])
            let datasetNode = try options.required("dataset")
            let name = try scalar(datasetNode)
            guard let dataset = DatasetKind(rawValue: name), reads.contains(dataset) else {
                throw ModelFileError(line: datasetNode.line, reason: "\(name) is not one of the datasets the model reads")
            }
            guard reads.contains(where: { $0 != dataset }) else {
                throw ModelFileError(line: datasetNode.line, reason: "silent needs another dataset to name the projects")
            }
            return .silent(dataset: dataset, fullMonths: try whole(try options.required("full-months"), in: 1...24))
        }
    }

    private static func moneyField(_ node: ModelNode, reads: [DatasetKind]) throws(ModelFileError) -> DatasetField {
        let name = try scalar(node)
        guard let field = DatasetField(rawValue: name), field.valueType == .money,
              reads.contains(where: { $0.fields.contains(field) || $0.derived.contains(field) }) else {
            throw ModelFileError(line: node.line, reason: "amount: \(name) is not an amount field of the datasets read (amount, paid, unpaid)")
        }
        return field
    }

    private static func groupList(_ node: ModelNode) throws(ModelFileError) -> [ModelGroup] {
        var groups: [ModelGroup] = []
        for item in try list(node) {
            let group = try group(item)
            if !groups.contains(group) { groups.append(group) }
        }
        return groups
    }

    private static func group(_ node: ModelNode) throws(ModelFileError) -> ModelGroup {
        let name = try scalar(node)
        guard let group = ModelGroup(rawValue: name) else {
            throw ModelFileError(line: node.line, reason: "\(name) is not one of employer, project, id_number")
        }
        return group
    }

    private static func score(_ node: ModelNode) throws(ModelFileError) -> ModelScore {
        let keys = try Keys(node, allowed: ["base", "per-worker", "per-row", "per-10000-yuan"])
        let value = { (key: String) throws(ModelFileError) -> Int in
            try keys[key].map { node throws(ModelFileError) in try whole(node, in: 0...100) } ?? 0
        }
        return ModelScore(base: try value("base"), perWorker: try value("per-worker"), perRow: try value("per-row"),
                          perTenThousandYuan: try value("per-10000-yuan"))
    }

    private static func whole(_ node: ModelNode, in range: ClosedRange<Int>) throws(ModelFileError) -> Int {
        let text = try scalar(node)
        guard let value = Int(text), range.contains(value) else {
            throw ModelFileError(line: node.line, reason: "\(text) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private static func text(_ node: ModelNode) throws(ModelFileError) -> ModelText {
        let keys = try Keys(node, allowed: ["zh", "en"])
        let zh = try scalar(try keys.required("zh"))
        let en = try scalar(try keys.required("en"))
        for (value, line) in [(zh, keys.line("zh")), (en, keys.line("en"))] where value.isEmpty || value.count > 200 {
            throw ModelFileError(line: line, reason: "a name is 1 to 200 characters")
        }
        return ModelText(zh: zh, en: en)
    }

    private static func flag(_ node: ModelNode) throws(ModelFileError) -> Bool {
        switch try scalar(node) {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw ModelFileError(line: node.line, reason: "\(other) is not true or false")
        }
    }

    private static func strings(_ node: ModelNode, single: Bool) throws(ModelFileError) -> [String] {
        if case .scalar(let value, _) = node { return [value] }
        if single { throw ModelFileError(line: node.line, reason: "is takes one value; in takes a list") }
        let values = try list(node).map { item throws(ModelFileError) in try scalar(item) }
        if values.isEmpty || values.count > 200 { throw ModelFileError(line: node.line, reason: "a list of 1 to 200 values") }
        return values
    }

    private static func scalar(_ node: ModelNode) throws(ModelFileError) -> String {
        guard case .scalar(let value, _) = node else {
            throw ModelFileError(line: node.line, reason: "expected a single value, not a list or a block")
        }
        guard value.count <= 500 else { throw ModelFileError(line: node.line, reason: "a value is at most 500 characters") }
        return value
    }

    private static func list(_ node: ModelNode) throws(ModelFileError) -> [ModelNode] {
        guard case .list(let items, _) = node else { throw ModelFileError(line: node.line, reason: "expected a list") }
        return items
    }

    /// A block's keys, each allowed at most once.
    private struct Keys {
        let pairs: [(key: String, line: Int, value: ModelNode)]
        let line: Int

        init(_ node: ModelNode, allowed: Set<String>?) throws(ModelFileError) {
            guard case .map(let pairs, let line) = node else {
                throw ModelFileError(line: node.line, reason: "expected a block of key: value lines")
            }
            var seen = Set<String>()
            for pair in pairs {
                if let allowed, !allowed.contains(pair.key) {
                    throw ModelFileError(line: pair.line, reason: "\(pair.key) is not a key here; keys: \(allowed.sorted().joined(separator: ", "))")
                }
                if !seen.insert(pair.key).inserted {
                    throw ModelFileError(line: pair.line, reason: "\(pair.key) is given twice")
                }
            }
            (self.pairs, self.line) = (pairs, line)
        }

        subscript(key: String) -> ModelNode? { pairs.first { $0.key == key }?.value }

        func required(_ key: String) throws(ModelFileError) -> ModelNode {
            guard let node = self[key] else { throw ModelFileError(line: line, reason: "\(key) is missing") }
            return node
        }

        func line(_ key: String) -> Int { self[key]?.line ?? line }
    }
}
