/// Runs models over dataset rows as of a date. Rows are handed in one at a time (each kind's current rows, in
/// any order); only those a model keeps are held, so memory follows the leads, not the datasets.
///
/// A model of repeats (three tickets about one employer, one ID number against three employers) would otherwise
/// hold nearly every row, most of whose keys occur once: it takes two passes. The first counts each key (by its
/// hash); the second keeps only the rows whose key came often enough. A store hands every kind's rows in
/// `pass` 1, then the kinds in `secondPassKinds` again in pass 2.
public final class ModelEvaluator {
    public let asOf: LocalDate
    private var models: [Compiled]
    /// 1, then 2 when `secondPassKinds` is not empty.
    public var pass = 1 {
        didSet { for index in models.indices { models[index].pass = pass } }
    }

    /// The kinds read by models of repeats, to be handed again in pass 2.
    public var secondPassKinds: [DatasetKind] {
        DatasetKind.allCases.filter { kind in models.contains { $0.twoPasses && $0.model.reads.contains(kind) } }
    }

    public init(models: [SupervisionModel], asOf: LocalDate, registry: GuaranteeRegistry) {
        self.asOf = asOf
        self.models = models.map { Compiled($0, asOf: asOf, registry: registry) }
    }

    /// The dataset kinds the models read.
    public var kinds: [DatasetKind] {
        DatasetKind.allCases.filter { kind in models.contains { $0.model.reads.contains(kind) } }
    }

    /// The fields of `kind` the models need: what leads are built from, and whatever their conditions test. A
    /// store reads only these columns.
    public func fields(of kind: DatasetKind) -> Set<DatasetField> {
        var needed: Set<DatasetField> = [.personName, .idNumber, .employer, .creditCode, .project, .amount, .paid,
                                         .effective, .received, .issued, .month]
        for compiled in models where compiled.model.reads.contains(kind) {
            for condition in compiled.model.conditions { needed.formUnion(condition.fields) }
        }
        if needed.contains(.unpaid) { needed.formUnion([.amount, .paid]) }
        return needed.intersection(kind.fields)
    }

    /// Rows each model was shown, by model id.
    public var examined: [String: Int] {
        Dictionary(models.map { ($0.model.id, $0.examined) }, uniquingKeysWith: +)
    }

    public func add(_ record: borrowing DatasetRecord) {
        // A row dated after the run date was not yet known on it.
        if let date = record.date, date > asOf { return }
        for index in models.indices where models[index].model.reads.contains(record.kind)
            && (pass == 1 || models[index].twoPasses) {
            models[index].add(record)
        }
    }

    /// Both passes over rows held in memory (tests, small datasets): the leads.
    public func hits(over rows: [DatasetRecord]) -> [ModelHit] {
        pass = 1
        for row in rows { add(row) }
        let again = Set(secondPassKinds)
        if !again.isEmpty {
            pass = 2
            for row in rows where again.contains(row.kind) { add(row) }
        }
        return hits()
    }

    /// Every model's leads, best first.
    public func hits() -> [ModelHit] { Self.ranked(models.flatMap { $0.hits() }) }

    /// Best first: score, then amount, then model and subject (so equal leads always come in one order).
    public static func ranked(_ hits: [ModelHit]) -> [ModelHit] {
        hits.sorted {
            ($0.score, $0.amount.value) != ($1.score, $1.amount.value)
                ? ($0.score, $0.amount.value) > ($1.score, $1.amount.value)
                : ($0.model, $0.subject) < ($1.model, $1.subject)
        }
    }
}

private struct Compiled {
    let model: SupervisionModel
    let asOf: LocalDate
    let registry: GuaranteeRegistry
    let test: (DatasetRecord) -> Bool
    var kept: [DatasetRecord] = []
    var examined = 0
    /// For a silent finding: each project's transfers, as far as the finding needs them.
    var transfers: [String: Transfers] = [:]
    let window: (start: LocalDate, end: LocalDate)?

    struct Transfers {
        var inWindow = false
        var lastBefore: LocalDate?
    }

    var pass = 1
    /// For a finding of repeats: how many kept rows each key's hash has (first pass).
    var keyCounts: [Int: Int] = [:]
    var twoPasses: Bool {
        if case .repeats = model.finding { return true }
        return false
    }

    init(_ model: SupervisionModel, asOf: LocalDate, registry: GuaranteeRegistry) {
        (self.model, self.asOf, self.registry) = (model, asOf, registry)
        let tests = model.conditions.map { ConditionTest.compile($0, asOf: asOf, registry: registry) }
        test = { record in tests.allSatisfy { $0(record) } }
        if case .silent(_, let months) = model.finding {
            window = (RelativeDate.monthStart(-months).resolve(asOf), RelativeDate.monthStart(0).resolve(asOf))
        } else {
            window = nil
        }
    }

    mutating func add(_ record: borrowing DatasetRecord) {
        if case let .repeats(key, _, atLeast, _) = model.finding {
            guard record.date != nil, let value = Self.groupValue(key, record) else {
                if pass == 1 { examined += 1 }
                return
            }
            if pass == 1 {
                examined += 1
                if test(record) { keyCounts[value.hashValue, default: 0] += 1 }
            } else if (keyCounts[value.hashValue] ?? 0) >= atLeast && test(record) {
                kept.append(record.slim)
            }
            return
        }
        examined += 1
        if case .silent(let dataset, _) = model.finding, record.kind == dataset {
            if let window, let key = Self.projectKey(record), let month = record.date, (record.amount?.value ?? 0) > 0 {
                if month >= window.start && month < window.end {
                    transfers[key, default: Transfers()].inWindow = true
                } else if month < window.start {
                    if (transfers[key]?.lastBefore).map({ $0 < month }) ?? true {
                        transfers[key, default: Transfers()].lastBefore = month
                    }
                }
            }
            return
        }
        if test(record) { kept.append(record.slim) }
    }

    static func projectKey(_ record: borrowing DatasetRecord) -> String? {
        guard let employer = record.employerKey, let project = record.projectKey else { return nil }
        return "\(employer)|\(project)"
    }

    func hits() -> [ModelHit] {
        switch model.finding {
        case let .rows(groups, amount):
            let (order, buckets) = grouped { record in groups.map { Self.groupValue($0, record) ?? "" }.joined(separator: "|") }
            return order.compactMap { key in buckets[key].map { hit(subject: key, rows: $0.map { kept[$0] }, amount: amount) } }
        case let .repeats(key, distinct, atLeast, within):
            // Kept in the second pass: rows whose key's hash came often enough (a rare collision keeps a few more).
            let (order, buckets) = grouped { record in record.date == nil ? nil : Self.groupValue(key, record) }
            return order.compactMap { value -> ModelHit? in
                guard let rows = buckets[value].map({ $0.map { kept[$0] } }), rows.count >= atLeast,
                      let window = Self.densestWindow(rows, distinct: distinct, days: within),
                      window.count >= atLeast else { return nil }
                return hit(subject: value, rows: window.rows, amount: .amount)
            }
        case .silent:
            let (order, projects) = grouped { Self.projectKey($0) }
            var found: [ModelHit] = []
            for key in order {
                let paid = transfers[key]
                if paid?.inWindow == true { continue }
                let last = paid?.lastBefore
                var lead = hit(subject: "\(key)|\(last.map { String($0.iso.prefix(7)) } ?? "none")",
                               rows: (projects[key] ?? []).map { kept[$0] }, amount: nil)
                lead.lastActivity = last
                found.append(lead)
            }
            return found
        }
    }

    /// Kept rows by key, as indices, keys in the order first seen; rows with no key are left out.
    func grouped(_ key: (DatasetRecord) -> String?) -> (order: [String], buckets: [String: [Int]]) {
        var order: [String] = []
        var buckets: [String: [Int]] = [:]
        for (index, record) in kept.enumerated() {
            guard let value = key(record) else { continue }
            if buckets[value] == nil { order.append(value) }
            buckets[value, default: []].append(index)
        }
        return (order, buckets)
    }

    static func groupValue(_ group: ModelGroup, _ record: borrowing DatasetRecord) -> String? {
        switch group {
        case .employer: record.employerKey
        case .project: record.projectKey
        case .claimant: record.idNumber
        }
    }

    /// The run of rows dated at most `days` days apart (first to last) with the most rows, or distinct values of
    /// `distinct`; the earliest such run.
    static func densestWindow(_ rows: [DatasetRecord], distinct: ModelGroup?,
                              days: Int) -> (rows: [DatasetRecord], count: Int)? {
        // Rows reach here dated (undated ones are left out when grouping).
        let dated = rows.enumerated()
            .compactMap { item in item.element.date.map { (record: item.element, day: $0.dayNumber, order: item.offset) } }
            .sorted { ($0.day, $0.order) < ($1.day, $1.order) }
        let sorted = dated.map(\.record)
        var best: (start: Int, end: Int, count: Int)?
        var start = 0
        var counts: [String: Int] = [:]
        for end in sorted.indices {
            if let distinct { counts[groupValue(distinct, sorted[end]) ?? "", default: 0] += 1 }
            while dated[end].day - dated[start].day > days {
                if let distinct {
                    let value = groupValue(distinct, sorted[start]) ?? ""
                    counts[value, default: 0] -= 1
                    if counts[value] == 0 { counts[value] = nil }
                }
                start += 1
            }
            let count = distinct == nil ? end - start + 1 : counts.count
            if count > (best?.count ?? 0) { best = (start, end, count) }
        }
        return best.map { (Array(sorted[$0.start...$0.end]), $0.count) }
    }

    func hit(subject: String, rows: [DatasetRecord], amount: DatasetField?) -> ModelHit {
        var workers: [HitWorker] = []
        var index: [String: Int] = [:]
        var total = Fen.zero
        for row in rows {
            let value: Fen = amount.flatMap { field in
                if case .number(let fen)? = row.value(field) { return Fen(fen) }
                return nil
            } ?? .zero
            total = total + value
            guard let person = row.idNumber ?? row.personName else { continue }
            if let at = index[person] {
                workers[at].claimed = workers[at].claimed + value
                if workers[at].name == nil { workers[at].name = row.personName }
            } else {
                index[person] = workers.count
                workers.append(HitWorker(idNumber: row.idNumber, name: row.personName, claimed: value))
            }
        }
        var guarantees: [Int64] = []
        if model.conditions.contains(.registry(.neverDrawn)) || model.conditions.contains(.registry(.lodged)) {
            for row in rows {
                for guarantee in registry.guarantees(creditCode: row.creditCode, projectKey: row.projectKey)
                where !guarantees.contains(guarantee.id) { guarantees.append(guarantee.id) }
            }
        }
        let byClaimant: Bool
        if case .repeats(.claimant, _, _, _) = model.finding { byClaimant = true } else { byClaimant = false }
        let groupsProject: Bool
        switch model.finding {
        case .rows(let groups, _): groupsProject = groups.contains(.project)
        case .silent: groupsProject = true
        case .repeats: groupsProject = false
        }
        let first = rows.first
        return ModelHit(
            model: model.id, version: model.version, subject: subject, caution: model.caution,
            audience: model.audience,
            employer: byClaimant ? nil : first?.employer, creditCode: byClaimant ? nil : rows.lazy.compactMap(\.creditCode).first,
            project: groupsProject ? rows.lazy.compactMap(\.project).first : nil,
            workers: workers, amount: total, evidence: rows.map(\.id),
            score: model.score.of(workers: workers.count, rows: rows.count, amount: total),
            guarantees: guarantees, lastActivity: nil)
    }
}

/// A condition made into a test of one row, its dates fixed to the run date.
enum ConditionTest {
    static func compile(_ condition: ModelCondition, asOf: LocalDate,
                        registry: GuaranteeRegistry) -> (DatasetRecord) -> Bool {
        switch condition {
        case .any(let items):
            let tests = items.map { compile($0, asOf: asOf, registry: registry) }
            return { record in tests.contains { $0(record) } }
        case .registry(let test):
            return { record in registry.holds(test, for: record) }
        case let .compare(field, comparison):
            return compare(field, comparison, asOf: asOf)
        }
    }

    private static func compare(_ field: DatasetField, _ comparison: ModelComparison,
                                asOf: LocalDate) -> (DatasetRecord) -> Bool {
        switch comparison {
        case .present(let wanted):
            return { ($0.value(field) != nil) == wanted }
        case .isOneOf(let values):
            let set = Set(values)
            return { if case .text(let text)? = $0.value(field) { set.contains(text) } else { false } }
        case .isNoneOf(let values):
            let set = Set(values)
            return { if case .text(let text)? = $0.value(field) { !set.contains(text) } else { false } }
        case .containsAny(let words):
            let needles = words.map { Array($0.utf8) }
            return { record in
                guard case .text(let text)? = record.value(field) else { return false }
                return needles.contains { TextSearch.contains(text, $0) }
            }
        case .above(let limit): return number(field) { $0 > limit }
        case .atLeast(let limit): return number(field) { $0 >= limit }
        case .below(let limit): return number(field) { $0 < limit }
        case .atMost(let limit): return number(field) { $0 <= limit }
        case .before(let date): return day(field, date.resolve(asOf)) { $0 < $1 }
        case .onOrBefore(let date): return day(field, date.resolve(asOf)) { $0 <= $1 }
        case .after(let date): return day(field, date.resolve(asOf)) { $0 > $1 }
        case .onOrAfter(let date): return day(field, date.resolve(asOf)) { $0 >= $1 }
        }
    }

    private static func number(_ field: DatasetField, _ holds: @escaping (Int64) -> Bool) -> (DatasetRecord) -> Bool {
        { if case .number(let value)? = $0.value(field) { holds(value) } else { false } }
    }

    private static func day(_ field: DatasetField, _ limit: LocalDate,
                            _ holds: @escaping (LocalDate, LocalDate) -> Bool) -> (DatasetRecord) -> Bool {
        { if case .date(let value)? = $0.value(field) { holds(value, limit) } else { false } }
    }
}

extension ModelCondition {
    /// The fields a condition reads.
    var fields: Set<DatasetField> {
        switch self {
        case .compare(let field, _): [field]
        case .any(let items): items.reduce(into: Set<DatasetField>()) { $0.formUnion($1.fields) }
        case .registry: [.creditCode, .project]
        }
    }
}

extension DatasetRecord {
    /// The row as a lead needs it once its conditions held: who, what, when and how much; the rest (a ticket's
    /// text, numbers, statuses) dropped, so rows kept for grouping cost little memory.
    var slim: DatasetRecord {
        var copy = DatasetRecord(kind: kind)
        (copy.id, copy.personName, copy.idNumber, copy.employer, copy.creditCode) = (id, personName, idNumber, employer, creditCode)
        (copy.project, copy.amount, copy.paid, copy.date) = (project, amount, paid, date)
        return copy
    }
}

/// Substring search over UTF-8 bytes: texts and words are both as the file gave them (normalized on the way in),
/// so a byte match is a character match, without the cost of comparing by grapheme.
enum TextSearch {
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count, length = needle.count
            guard length <= count else { return false }
            var index = 0
            while index <= count - length {
                if bytes[index] == first {
                    var matched = 1
                    while matched < length && bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == length { return true }
                }
                index += 1
            }
            return false
        }
    }
}
