/// A jurisdiction's wage-guarantee rule (工资保证金规定), versioned by region and effective date. Provinces set
/// the ratio, caps, floors and time limits; the rule in force on a project's start date decides its deposit.
public struct GuaranteeRule: Sendable, Codable, Equatable {
    /// Region code prefix it covers: "" for the whole country, "62" a province, "6204" a city, "620403" a district.
    public var region: String
    public var effectiveFrom: LocalDate
    public var name: String
    /// Share of the contract price, in basis points (200 = 2%).
    public var ratioBasisPoints: Int
    public var cap: Fen?
    public var floor: Fen?
    /// Contracts priced below this need no deposit.
    public var exemptBelow: Fen?
    /// Reduction for a contractor with no arrears for 2 years, in percent (at least 50 by the national rule).
    public var noArrears2yReductionPercent: Int
    /// Whether 3 years without arrears exempts the contractor.
    public var noArrears3yExempt: Bool
    public var arrearsIncreasePercent: Int
    public var dishonestIncreasePercent: Int
    /// The holder is reminded this many months before a letter ends.
    public var reminderMonths: Int
    public var replenishWorkingDays: Int
    public var publicNoticeDays: Int
    public var returnReviewWorkingDays: Int
    public var bankReturnWorkingDays: Int

    public init(region: String, effectiveFrom: LocalDate, name: String, ratioBasisPoints: Int, cap: Fen? = nil,
                floor: Fen? = nil, exemptBelow: Fen? = nil, noArrears2yReductionPercent: Int = 50,
                noArrears3yExempt: Bool = true, arrearsIncreasePercent: Int = 50, dishonestIncreasePercent: Int = 100,
                reminderMonths: Int = 1, replenishWorkingDays: Int = 10, publicNoticeDays: Int = 30,
                returnReviewWorkingDays: Int = 5, bankReturnWorkingDays: Int = 3) throws(WagecaseError) {
        func check(_ ok: Bool, _ field: String, _ value: String, _ allowed: Phrase) throws(WagecaseError) {
            if !ok { throw .invalidField(field: field, value: value, reason: "is out of range", allowed: allowed) }
        }
        try check(LocalDate.inputYears.contains(effectiveFrom.year), "effective_from", effectiveFrom.iso,
                  "a date from \(LocalDate.inputYears.lowerBound) to \(LocalDate.inputYears.upperBound)")
        try check(region.count <= 6 && region.allSatisfy { $0.isASCII && $0.isNumber }, "region", region,
                  "empty (national) or up to 6 digits of a region code")
        try check((0...10_000).contains(ratioBasisPoints), "ratio_bp", "\(ratioBasisPoints)", "0 to 10000 basis points")
        let amounts = 0...Fen.inputLimit.value
        let allowedAmount: Phrase = "an amount in fen from 0 to \(Fen.inputLimit.value)"
        try check(cap.map { amounts.contains($0.value) } ?? true, "cap_fen", "\(cap?.value ?? 0)", allowedAmount)
        try check(floor.map { amounts.contains($0.value) } ?? true, "floor_fen", "\(floor?.value ?? 0)", allowedAmount)
        try check(exemptBelow.map { amounts.contains($0.value) } ?? true, "exempt_below_fen",
                  "\(exemptBelow?.value ?? 0)", allowedAmount)
        let name = name.trimmingWhitespace()
        try check(!name.isEmpty && name.count <= 500, "name", name, "a name of 1 to 500 characters")
        if let cap, let floor { try check(floor <= cap, "floor_fen", "\(floor.value)", "at most cap_fen") }
        try check((0...100).contains(noArrears2yReductionPercent), "no_arrears_2y_reduction_pct",
                  "\(noArrears2yReductionPercent)", "0 to 100")
        try check((0...1000).contains(arrearsIncreasePercent), "arrears_increase_pct", "\(arrearsIncreasePercent)",
                  "0 to 1000")
        try check((0...1000).contains(dishonestIncreasePercent), "dishonest_increase_pct",
                  "\(dishonestIncreasePercent)", "0 to 1000")
        try check((0...24).contains(reminderMonths), "reminder_months", "\(reminderMonths)", "0 to 24")
        for (field, value) in [("replenish_working_days", replenishWorkingDays), ("public_notice_days", publicNoticeDays),
                               ("return_review_working_days", returnReviewWorkingDays),
                               ("bank_return_working_days", bankReturnWorkingDays)] {
            try check((0...365).contains(value), field, "\(value)", "0 to 365")
        }
        self.region = region
        self.effectiveFrom = effectiveFrom
        self.name = name
        self.ratioBasisPoints = ratioBasisPoints
        (self.cap, self.floor, self.exemptBelow) = (cap, floor, exemptBelow)
        self.noArrears2yReductionPercent = noArrears2yReductionPercent
        self.noArrears3yExempt = noArrears3yExempt
        self.arrearsIncreasePercent = arrearsIncreasePercent
        self.dishonestIncreasePercent = dishonestIncreasePercent
        self.reminderMonths = reminderMonths
        self.replenishWorkingDays = replenishWorkingDays
        self.publicNoticeDays = publicNoticeDays
        self.returnReviewWorkingDays = returnReviewWorkingDays
        self.bankReturnWorkingDays = bankReturnWorkingDays
    }

    /// The national default: 2% of the contract price, no cap, the national time limits.
    public static let nationalDefault = try! GuaranteeRule(
        region: "", effectiveFrom: LocalDate(year: 2021, month: 11, day: 1)!,
        name: "工程建设领域农民工工资保证金规定（人社部发〔2021〕65号）默认", ratioBasisPoints: 200)

    /// The deposit a project needs: ratio of the contract price, held between floor and cap, then adjusted for
    /// the contractor's record. Rounded half up to the fen. Zero when the contract or the record exempts it.
    public func requiredAmount(contractPrice: Fen, standing: ContractorStanding) -> Fen {
        if let exemptBelow, contractPrice < exemptBelow { return .zero }
        if standing == .noArrears3y && noArrears3yExempt { return .zero }
        // 128-bit: a contract price read back from an edited database is not bounded like typed input.
        var amount = Int64(clamping: (Int128(contractPrice.value) * Int128(ratioBasisPoints) * 2 + 10_000) / 20_000)
        if let floor, amount < floor.value { amount = floor.value }
        if let cap, amount > cap.value { amount = cap.value }
        let percent: Int64
        switch standing {
        case .standard, .noArrears3y: percent = 100
        case .noArrears2y: percent = Int64(100 - noArrears2yReductionPercent)
        case .arrears2y: percent = Int64(100 + arrearsIncreasePercent)
        case .dishonest: percent = Int64(100 + dishonestIncreasePercent)
        }
        return Fen(Int64(clamping: (Int128(amount) * Int128(percent) * 2 + 100) / 200))
    }

    /// The rule in force for a project: the most specific region that covers `regionCode`, and among those the
    /// latest effective on or before `date`.
    public static func inForce(_ rules: [GuaranteeRule], regionCode: String?, on date: LocalDate) -> GuaranteeRule? {
        rules.filter { $0.effectiveFrom <= date && (regionCode ?? "").hasPrefix($0.region) }
            .max { ($0.region.count, $0.effectiveFrom) < ($1.region.count, $1.effectiveFrom) }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case region, name
        case effectiveFrom = "effective_from", ratioBasisPoints = "ratio_bp", cap = "cap_fen", floor = "floor_fen"
        case exemptBelow = "exempt_below_fen", noArrears2yReductionPercent = "no_arrears_2y_reduction_pct"
        case noArrears3yExempt = "no_arrears_3y_exempt", arrearsIncreasePercent = "arrears_increase_pct"
        case dishonestIncreasePercent = "dishonest_increase_pct", reminderMonths = "reminder_months"
        case replenishWorkingDays = "replenish_working_days", publicNoticeDays = "public_notice_days"
        case returnReviewWorkingDays = "return_review_working_days", bankReturnWorkingDays = "bank_return_working_days"
    }

    /// Decodes a rule file entry; omitted limits take the national defaults, and every value is range-checked.
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a rule")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            region: c.decodeIfPresent(String.self, forKey: .region) ?? "",
            effectiveFrom: c.decode(LocalDate.self, forKey: .effectiveFrom),
            name: c.decode(String.self, forKey: .name),
            ratioBasisPoints: c.decode(Int.self, forKey: .ratioBasisPoints),
            cap: c.decodeIfPresent(Fen.self, forKey: .cap), floor: c.decodeIfPresent(Fen.self, forKey: .floor),
            exemptBelow: c.decodeIfPresent(Fen.self, forKey: .exemptBelow),
            noArrears2yReductionPercent: c.decodeIfPresent(Int.self, forKey: .noArrears2yReductionPercent) ?? 50,
            noArrears3yExempt: c.decodeIfPresent(Bool.self, forKey: .noArrears3yExempt) ?? true,
            arrearsIncreasePercent: c.decodeIfPresent(Int.self, forKey: .arrearsIncreasePercent) ?? 50,
            dishonestIncreasePercent: c.decodeIfPresent(Int.self, forKey: .dishonestIncreasePercent) ?? 100,
            reminderMonths: c.decodeIfPresent(Int.self, forKey: .reminderMonths) ?? 1,
            replenishWorkingDays: c.decodeIfPresent(Int.self, forKey: .replenishWorkingDays) ?? 10,
            publicNoticeDays: c.decodeIfPresent(Int.self, forKey: .publicNoticeDays) ?? 30,
            returnReviewWorkingDays: c.decodeIfPresent(Int.self, forKey: .returnReviewWorkingDays) ?? 5,
            bankReturnWorkingDays: c.decodeIfPresent(Int.self, forKey: .bankReturnWorkingDays) ?? 3)
    }
}

/// A rule file: `{"rules": [ … ]}`.
public struct GuaranteeRuleFile: Sendable, Codable {
    public var rules: [GuaranteeRule]

    private enum CodingKeys: String, CodingKey, CaseIterable { case rules }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a rule file")
        rules = try decoder.container(keyedBy: CodingKeys.self).decode([GuaranteeRule].self, forKey: .rules)
    }
}
