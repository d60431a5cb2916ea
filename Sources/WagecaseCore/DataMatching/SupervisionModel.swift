/// A big-data supervision model (大数据法律监督模型): which datasets it reads, which rows it keeps, how it groups
/// them into leads and how it ranks them. Models are data: an office copies one (`model show ID`), changes it and
/// loads it as a new version.
public struct SupervisionModel: Sendable, Equatable, Codable {
    public var id: String
    public var version: Int
    public var name: ModelText
    public var summary: ModelText?
    public var reads: [DatasetKind]
    /// Who acts on its leads.
    public var audience: ModelAudience
    /// A caution lead (a guard against false claims) is never a clue without a person deciding it with a reason.
    public var caution: Bool
    /// All must hold for a row to count.
    public var conditions: [ModelCondition]
    public var finding: ModelFinding
    public var score: ModelScore

    public func name(_ language: Language) -> String { language == .zh ? name.zh : name.en }
}

public struct ModelText: Sendable, Equatable, Codable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) { (self.zh, self.en) = (zh, en) }
}

/// Who a model's leads go to.
public enum ModelAudience: String, Vocabulary {
    case prosecutor
    case laborBureau = "labor-bureau"
    public var zh: String { self == .prosecutor ? "检察机关" : "人社部门" }
    public var en: String { self == .prosecutor ? "procuratorate" : "labor bureau" }
}

/// One test a row must pass.
public indirect enum ModelCondition: Sendable, Equatable, Codable {
    case compare(DatasetField, ModelComparison)
    /// At least one holds.
    case any([ModelCondition])
    /// What the guarantee registry holds for the row's employer and project.
    case registry(RegistryTest)
}

public enum ModelComparison: Sendable, Equatable, Codable {
    case isOneOf([String])
    case isNoneOf([String])
    case containsAny([String])
    case present(Bool)
    case above(Int64), atLeast(Int64), below(Int64), atMost(Int64)
    case before(RelativeDate), onOrBefore(RelativeDate), after(RelativeDate), onOrAfter(RelativeDate)
}

/// A date in a model, fixed or counted from the date the model is run on.
public enum RelativeDate: Sendable, Equatable, Codable, CustomStringConvertible {
    case fixed(LocalDate)
    /// The run date moved by days (negative: earlier).
    case runDays(Int)
    /// The first day of the run date's month, moved by whole months ("month-2": two full months back).
    case monthStart(Int)

    public func resolve(_ run: LocalDate) -> LocalDate {
        switch self {
        case .fixed(let date): date
        case .runDays(let days): run.adding(days: days)
        case .monthStart(let months):
            LocalDate(year: run.year, month: run.month, day: 1).map { $0.adding(months: months) } ?? run
        }
    }

    public var description: String {
        switch self {
        case .fixed(let date): date.iso
        case .runDays(0): "run"
        case .runDays(let days): days < 0 ? "run-\(-days)d" : "run+\(days)d"
        case .monthStart(0): "month"
        case .monthStart(let months): months < 0 ? "month-\(-months)" : "month+\(months)"
        }
    }

    public static func parse(_ text: String) -> RelativeDate? {
        if let date = LocalDate.parseISO(text) { return .fixed(date) }
        for (prefix, make) in [("run", { RelativeDate.runDays($0) }), ("month", { RelativeDate.monthStart($0) })]
        where text.hasPrefix(prefix) {
            var rest = Substring(text.dropFirst(prefix.count))
            if rest.isEmpty { return make(0) }
            guard let sign = rest.first, sign == "-" || sign == "+" else { return nil }
            rest = rest.dropFirst()
            if prefix == "run" {
                guard rest.hasSuffix("d") else { return nil }
                rest = rest.dropLast()
            }
            guard (1...4).contains(rest.count), rest.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(rest)
            else { return nil }
            return make(sign == "-" ? -count : count)
        }
        return nil
    }
}

/// What the registry must (not) hold for the row's employer and project.
public enum RegistryTest: String, Sendable, Equatable, Codable, CaseIterable {
    /// No guarantee of any kind lodged.
    case none
    /// At least one lodged, and none ever drawn.
    case neverDrawn = "never-drawn"
    /// At least one lodged.
    case lodged
}

/// How kept rows become leads.
public enum ModelFinding: Sendable, Equatable, Codable {
    /// Every kept row is evidence; rows are grouped into one lead per group; `amount` sums per worker.
    case rows(groupBy: [ModelGroup], amount: DatasetField?)
    /// Kept rows grouped by `key`: a lead where at least `atLeast` rows (or distinct values of `distinct`) are
    /// dated at most `withinDays` days apart.
    case repeats(key: ModelGroup, distinct: ModelGroup?, atLeast: Int, withinDays: Int)
    /// A kept row's project (employer and name) with no row of `dataset` (amount above zero) in the `fullMonths`
    /// whole months before the run date's month.
    case silent(dataset: DatasetKind, fullMonths: Int)
}

public enum ModelGroup: String, Sendable, Equatable, Codable, CaseIterable {
    case employer, project
    case claimant = "id_number"
}

/// Rank: base + per worker + per evidence row + per ¥10,000, kept within 0…100.
public struct ModelScore: Sendable, Equatable, Codable {
    public var base: Int
    public var perWorker: Int
    public var perRow: Int
    public var perTenThousandYuan: Int

    public init(base: Int, perWorker: Int = 0, perRow: Int = 0, perTenThousandYuan: Int = 0) {
        (self.base, self.perWorker, self.perRow, self.perTenThousandYuan) = (base, perWorker, perRow, perTenThousandYuan)
    }

    public func of(workers: Int, rows: Int, amount: Fen) -> Int {
        let tenThousands = amount.value / 1_000_000
        let total = Int64(base) + Int64(perWorker) * Int64(min(workers, 10_000)) + Int64(perRow) * Int64(min(rows, 10_000))
            + Int64(perTenThousandYuan) * min(tenThousands, 1_000_000)
        return Int(min(100, max(0, total)))
    }
}
