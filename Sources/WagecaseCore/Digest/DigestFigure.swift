/// One headline figure of a digest: the period's value, the previous period's, the change, and the year to date.
public struct DigestFigure: Sendable, Encodable, Equatable {
    public enum Unit: String, Sendable, Codable {
        case count
        case fen
        /// Basis points (1/100 of a percent).
        case basisPoints = "bp"
    }

    public var key: String
    public var unit: Unit
    public var current: Int64?
    public var previous: Int64?
    public var yearToDate: Int64?
    public var labelZh: String
    public var labelEn: String

    /// current − previous; nil when either is unknown (a rate with nothing claimed).
    public var change: Int64? {
        guard let current, let previous else { return nil }
        return current - previous
    }

    public func label(_ language: Language) -> String { language == .zh ? labelZh : labelEn }

    enum CodingKeys: String, CodingKey {
        case key, unit, current, previous, change, yearToDate = "year_to_date", labelZh = "label_zh", labelEn = "label_en"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(unit, forKey: .unit)
        try c.encode(current, forKey: .current)
        try c.encode(previous, forKey: .previous)
        try c.encode(change, forKey: .change)
        try c.encode(yearToDate, forKey: .yearToDate)
        try c.encode(labelZh, forKey: .labelZh)
        try c.encode(labelEn, forKey: .labelEn)
    }

    init(_ key: String, _ unit: Unit, _ zh: String, _ en: String, _ value: (Statistics) -> Int64?,
         _ digest: Digest) {
        (self.key, self.unit, labelZh, labelEn) = (key, unit, zh, en)
        (current, previous, yearToDate) = (value(digest.current), value(digest.previous), value(digest.yearToDate))
    }
}

extension Digest {
    /// The headline figures in report order. Clue sources appear when any of the three ranges has one.
    public var figures: [DigestFigure] {
        var figures = [DigestFigure("clues", .count, "新增线索", "New clues", { Int64($0.clues.total) }, self)]
        for source in ClueSource.allCases {
            let key = source.rawValue
            let figure = DigestFigure("clues." + key, .count, "　其中" + source.zh, "  from " + source.en,
                                      { Int64($0.clues.bySource[key] ?? 0) }, self)
            if figure.current != 0 || figure.previous != 0 || figure.yearToDate != 0 { figures.append(figure) }
        }
        figures += [
            DigestFigure("cases.opened", .count, "受理案件", "Cases opened", { Int64($0.cases.opened) }, self),
            DigestFigure("cases.support_decided", .count, "提出支持起诉", "Support for litigation decided",
                         { Int64($0.cases.supportDecided) }, self),
            DigestFigure("cases.settled", .count, "达成检察和解", "Procuratorial settlements", { Int64($0.cases.settled) }, self),
            DigestFigure("cases.judgment", .count, "判决", "Judgments", { Int64($0.cases.judgment) }, self),
            DigestFigure("cases.mediated", .count, "法院调解", "Court mediations", { Int64($0.cases.mediated) }, self),
            DigestFigure("cases.closed", .count, "结案", "Cases closed", { Int64($0.cases.closed) }, self),
            DigestFigure("workers", .count, "帮助农民工（人）", "Workers helped", { Int64($0.workers) }, self),
            DigestFigure("claimed_fen", .fen, "诉请金额", "Claimed", { $0.claimed.value }, self),
            DigestFigure("recovered_fen", .fen, "挽回损失", "Recovered", { $0.recovered.value }, self),
            DigestFigure("recovery_rate_bp", .basisPoints, "追回率", "Recovery rate", { $0.recoveryRateBasisPoints }, self),
            DigestFigure("guarantees.held_fen", .fen, "在保保证金余额（期末）", "Guarantees held (at period end)",
                         { $0.guarantees.held.value }, self),
            DigestFigure("guarantees.drawn_fen", .fen, "动用保证金", "Guarantees drawn", { $0.guarantees.drawn.value }, self),
            DigestFigure("suggestions.issued", .count, "发出检察建议", "Suggestions issued", { Int64($0.suggestions.issued) }, self),
            DigestFigure("suggestions.secured_fen", .fen, "建议后抵存保证金", "Deposits secured after suggestions",
                         { $0.suggestions.secured.value }, self),
        ]
        return figures
    }
}
