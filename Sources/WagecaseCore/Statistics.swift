/// An inclusive range of calendar dates; open ends cover all time.
public struct DateRange: Sendable, Equatable, Codable {
    public var from: LocalDate?
    public var to: LocalDate?

    public init(from: LocalDate? = nil, to: LocalDate? = nil) throws(WagecaseError) {
        if let from, let to, to < from {
            throw .dateOutOfOrder(field: "to", value: to, reason: "is before from (\(from))")
        }
        (self.from, self.to) = (from, to)
    }

    /// A range whose ends are known to be in order (built from other dates, not from input).
    init(ordered from: LocalDate, _ to: LocalDate) {
        (self.from, self.to) = (from, max(from, to))
    }

    /// Bounds as ISO strings for queries: "0000-00-00"…"9999-99-99" when open.
    public var lowerBound: String { from?.iso ?? "0000-00-00" }
    public var upperBound: String { to?.iso ?? "9999-99-99" }
}

/// The figures the procuratorate reports for a date range. Each counts what happened in the range: clues by
/// received date, stages by event date, recoveries by payment date, claims by the date the case was opened.
public struct Statistics: Sendable, Equatable, Codable {
    public struct Clues: Sendable, Equatable, Codable {
        public var total: Int
        /// Keyed by source identifier, every source present (zero when none).
        public var bySource: [String: Int]

        enum CodingKeys: String, CodingKey { case total, bySource = "by_source" }
    }

    public struct Cases: Sendable, Equatable, Codable {
        public var opened = 0
        public var supportDecided = 0
        public var declined = 0
        public var settled = 0
        public var judgment = 0
        public var mediated = 0
        public var withdrawn = 0
        public var enforcement = 0
        public var closed = 0

        enum CodingKeys: String, CodingKey {
            case opened, declined, settled, judgment, mediated, withdrawn, enforcement, closed
            case supportDecided = "support_decided"
        }

        public init() {}

        /// Counts of cases that reached `stage` in the range (accepted is "opened").
        public mutating func add(_ count: Int, reaching stage: CaseStage) {
            switch stage {
            case .accepted: opened += count
            case .supportDecided: supportDecided += count
            case .declined: declined += count
            case .settled: settled += count
            case .judgment: judgment += count
            case .mediated: mediated += count
            case .withdrawn: withdrawn += count
            case .enforcement: enforcement += count
            case .closed: closed += count
            // The steps between, and the paths through arbitration, payment orders and appeal, are not reported.
            case .investigating, .letterIssued, .courtFiled, .arbitrationFiled, .award, .paymentOrder, .claimDismissed,
                 .suitDismissed, .appealed, .supportWithdrawn, .enforcementEnded, .enforcementResumed: break
            }
        }
    }

    /// Guarantees as they stand at the end of the range (today when open-ended), and draws within it.
    public struct Guarantees: Sendable, Equatable, Codable {
        public var total = 0
        /// Keyed by kind identifier, every kind present.
        public var byKind: [String: Int] = Dictionary(uniqueKeysWithValues: GuaranteeKind.allCases.map { ($0.rawValue, 0) })
        /// Keyed by status identifier, every status present.
        public var byStatus: [String: Int] =
            Dictionary(uniqueKeysWithValues: GuaranteeStatus.allCases.map { ($0.rawValue, 0) })
        /// Balance of the guarantees that are valid (not expired, not returned).
        public var held = Fen.zero
        /// Drawn in the range.
        public var drawn = Fen.zero

        public init() {}

        /// The guarantees in force by `asOf` counted by kind and status, and the valid ones' balance; `drawn` is
        /// left for the caller, who knows the range.
        public static func standing(_ guarantees: [Guarantee], events: [Int64: [GuaranteeEvent]],
                                    asOf: LocalDate) -> Guarantees {
            var figures = Guarantees()
            for guarantee in guarantees where guarantee.effective <= asOf {
                let state = GuaranteeState.derive(guarantee, events: events[guarantee.id] ?? [], asOf: asOf)
                figures.total += 1
                figures.byKind[guarantee.kind.rawValue, default: 0] += 1
                figures.byStatus[state.status.rawValue, default: 0] += 1
                if state.isValid { figures.held = figures.held + state.balance }
            }
            return figures
        }

        enum CodingKeys: String, CodingKey {
            case total, byKind = "by_kind", byStatus = "by_status", held = "held_fen", drawn = "drawn_fen"
        }
    }

    /// Procuratorial suggestions issued and replied to in the range, and what the replies secured.
    public struct Suggestions: Sendable, Equatable, Codable {
        public var issued = 0
        public var replied = 0
        public var secured = Fen.zero
        public var lettersRenewed = 0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case issued, replied, secured = "secured_fen", lettersRenewed = "letters_renewed"
        }
    }

    /// Big-data supervision in the range (大数据法律监督): models applied, partner records they read, leads found,
    /// clues made from leads, cases opened from those clues.
    public struct DataMatching: Sendable, Equatable, Codable {
        public var modelsApplied = 0
        public var recordsExamined = 0
        public var hits = 0
        public var clues = 0
        public var cases = 0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case hits, clues, cases, modelsApplied = "models_applied", recordsExamined = "records_examined"
        }

        /// The seed report's line: "应用大数据监督模型25个，调取各部门数据共计20000余条，…发现案件线索26条，成案15件"; empty when no
        /// model was applied and no lead found.
        public func headline(_ language: Language) -> String {
            guard modelsApplied > 0 || hits > 0 else { return "" }
            switch language {
            case .zh:
                return "应用大数据监督模型\(modelsApplied)个，调取各部门数据共计\(recordsExamined)条，通过大数据碰撞、对比、智能筛查等手段，"
                    + "发现案件线索\(hits)条，转为线索\(clues)条，成案\(cases)件。"
            case .en:
                return "\(modelsApplied) data-matching models applied to \(recordsExamined) partner records: \(hits) leads found, "
                    + "\(clues) made clues, \(cases) cases opened."
            }
        }
    }

    public var range: DateRange
    public var clues: Clues
    public var dataMatching = DataMatching()
    public var referrals = Referrals()
    public var guarantees = Guarantees()
    public var suggestions = Suggestions()
    public var cases: Cases
    /// Distinct workers whose case had support decided or a settlement reached in the range.
    public var workers: Int
    public var claimed: Fen
    public var recovered: Fen
    public var recoveredByRoute: [String: Fen]

    public init(range: DateRange, cluesBySource: [ClueSource: Int], cases: Cases, workers: Int, claimed: Fen,
                recovered: Fen, recoveredByRoute: [RecoveryRoute: Fen]) {
        self.range = range
        var bySource: [String: Int] = [:]
        for source in ClueSource.allCases { bySource[source.rawValue] = cluesBySource[source] ?? 0 }
        clues = Clues(total: bySource.values.reduce(0, +), bySource: bySource)
        self.cases = cases
        (self.workers, self.claimed, self.recovered) = (workers, claimed, recovered)
        var byRoute: [String: Fen] = [:]
        for route in RecoveryRoute.allCases { byRoute[route.rawValue] = recoveredByRoute[route] ?? .zero }
        self.recoveredByRoute = byRoute
    }

    /// Recovered over claimed in basis points (1/100 of a percent), rounded half-up; nil when nothing is claimed.
    public var recoveryRateBasisPoints: Int64? { Self.rateBasisPoints(recovered, of: claimed) }

    /// `part` over `whole` in basis points, rounded half-up; nil when `whole` is not positive.
    public static func rateBasisPoints(_ part: Fen, of whole: Fen) -> Int64? {
        guard whole.value > 0 else { return nil }
        // 128-bit: totals over a whole province times 20,000 would not fit in 64 bits.
        let rate = (Int128(part.value) * 20_000 + Int128(whole.value)) / (Int128(whole.value) * 2)
        return Int64(clamping: rate)
    }

    /// "42.13%" or "—".
    public var recoveryRateText: String { Self.rateText(recoveryRateBasisPoints) }

    public static func rateText(_ basisPoints: Int64?) -> String {
        guard let bp = basisPoints else { return "—" }
        let fraction = bp % 100
        return "\(bp / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    /// The report line in the seed documents' own style.
    public func headline(_ language: Language) -> String {
        let sources = ClueSource.allCases.filter { (clues.bySource[$0.rawValue] ?? 0) > 0 }
        switch language {
        case .zh:
            let from = sources.isEmpty ? "" : "从" + sources.map(\.zh).joined(separator: "、") + "等渠道"
            return "\(from)摸排拖欠农民工工资案件线索\(clues.total)件，提出支持起诉\(cases.supportDecided)件，"
                + "达成检察和解\(cases.settled)件，为农民工挽回损失\(recovered.wanYuan)。"
        case .en:
            let from = sources.isEmpty ? "" : " from " + sources.map(\.en).joined(separator: ", ")
            return "\(clues.total) wage-arrears clues\(from); \(cases.supportDecided) support-for-litigation; "
                + "\(cases.settled) procuratorial settlements; ¥\(recovered.yuan) recovered."
        }
    }

    /// The guarantee side in the seeds' style: "发出检察建议2份，抵存农民工工资保证金2803.9万元。"; empty when none.
    public func guaranteeHeadline(_ language: Language) -> String {
        guard suggestions.issued > 0 || suggestions.secured.value > 0 else { return "" }
        switch language {
        case .zh:
            return "发出检察建议\(suggestions.issued)份，抵存农民工工资保证金\(suggestions.secured.wanYuan)。"
        case .en:
            return "\(suggestions.issued) procuratorial suggestions; ¥\(suggestions.secured.yuan) of wage deposits secured."
        }
    }

    enum CodingKeys: String, CodingKey {
        case clues, cases, workers, from, to, guarantees, suggestions, dataMatching = "data_matching", referrals
        case claimed = "claimed_fen", recovered = "recovered_fen", recoveredByRoute = "recovered_by_route_fen"
        case recoveryRate = "recovery_rate_bp"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(range.from, forKey: .from)
        try container.encode(range.to, forKey: .to)
        try container.encode(clues, forKey: .clues)
        try container.encode(cases, forKey: .cases)
        try container.encode(workers, forKey: .workers)
        try container.encode(claimed, forKey: .claimed)
        try container.encode(recovered, forKey: .recovered)
        try container.encode(recoveredByRoute, forKey: .recoveredByRoute)
        try container.encode(recoveryRateBasisPoints, forKey: .recoveryRate)
        try container.encode(guarantees, forKey: .guarantees)
        try container.encode(suggestions, forKey: .suggestions)
        try container.encode(dataMatching, forKey: .dataMatching)
        try container.encode(referrals, forKey: .referrals)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        range = try DateRange(from: container.decodeIfPresent(LocalDate.self, forKey: .from),
                              to: container.decodeIfPresent(LocalDate.self, forKey: .to))
        clues = try container.decode(Clues.self, forKey: .clues)
        cases = try container.decode(Cases.self, forKey: .cases)
        workers = try container.decode(Int.self, forKey: .workers)
        claimed = try container.decode(Fen.self, forKey: .claimed)
        recovered = try container.decode(Fen.self, forKey: .recovered)
        recoveredByRoute = try container.decode([String: Fen].self, forKey: .recoveredByRoute)
        guarantees = try container.decodeIfPresent(Guarantees.self, forKey: .guarantees) ?? Guarantees()
        suggestions = try container.decodeIfPresent(Suggestions.self, forKey: .suggestions) ?? Suggestions()
        dataMatching = try container.decodeIfPresent(DataMatching.self, forKey: .dataMatching) ?? DataMatching()
        referrals = try container.decodeIfPresent(Referrals.self, forKey: .referrals) ?? Referrals()
    }
}
