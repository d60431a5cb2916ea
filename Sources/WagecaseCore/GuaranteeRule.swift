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
    /// Working days after the review for the return confirmation (Art. 22).
    public var bankReturnWorkingDays: Int
    /// Working days the bank has to pay out a payment notice (Art. 19).
    public var bankPaymentWorkingDays: Int
    /// The provincial document that sets a ratio outside 1%–3% (Art. 11 allows it only on such a basis).
    public var ratioBasis: String?
    /// Whether the cap and floor hold the amount before or after the standing adjustment: provinces differ.
    public var limitsApply: LimitsOrder

    public init(region: String, effectiveFrom: LocalDate, name: String, ratioBasisPoints: Int, cap: Fen? = nil,
                floor: Fen? = nil, exemptBelow: Fen? = nil, noArrears2yReductionPercent: Int = 50,
                noArrears3yExempt: Bool = true, arrearsIncreasePercent: Int = 50, dishonestIncreasePercent: Int = 100,
                reminderMonths: Int = 1, replenishWorkingDays: Int = 10, publicNoticeDays: Int = 30,
                returnReviewWorkingDays: Int = 5, bankReturnWorkingDays: Int = 3, bankPaymentWorkingDays: Int = 5,
                ratioBasis: String? = nil, limitsApply: LimitsOrder = .beforeAdjustment) throws(WagecaseError) {
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
                               ("bank_return_working_days", bankReturnWorkingDays),
                               ("bank_payment_working_days", bankPaymentWorkingDays)] {
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
        self.bankPaymentWorkingDays = bankPaymentWorkingDays
        self.ratioBasis = try TextField.optional(ratioBasis, field: "ratio_basis", maxLength: 500, multiline: false)
        self.limitsApply = limitsApply
    }

    /// The national default: 2% of the contract price, no cap, the national time limits.
    public static let nationalDefault = try! GuaranteeRule(
        region: "", effectiveFrom: LocalDate(year: 2021, month: 11, day: 1)!,
        name: "工程建设领域农民工工资保证金规定（人社部发〔2021〕65号）默认", ratioBasisPoints: 200)

    /// The ratio of the contract price, held between floor and cap, adjusted by `percent` (100: none), with
    /// the cap and floor applied before or after the adjustment as the rule says. Rounded half up to the fen.
    func amount(contractPrice: Fen, ratioBasisPoints: Int, adjustedPercent percent: Int) -> Fen {
        // 128-bit: a contract price read back from an edited database is not bounded like typed input.
        var amount = Int64(clamping: (Int128(contractPrice.value) * Int128(ratioBasisPoints) * 2 + 10_000) / 20_000)
        func limited(_ value: Int64) -> Int64 {
            var value = value
            if let floor, value < floor.value { value = floor.value }
            if let cap, value > cap.value { value = cap.value }
            return value
        }
        func adjusted(_ value: Int64) -> Int64 { Int64(clamping: (Int128(value) * Int128(percent) * 2 + 100) / 200) }
        switch limitsApply {
        case .beforeAdjustment: amount = adjusted(limited(amount))
        case .afterAdjustment: amount = limited(adjusted(amount))
        }
        return Fen(amount)
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
        case bankPaymentWorkingDays = "bank_payment_working_days", ratioBasis = "ratio_basis", limitsApply = "limits_apply"
    }

    /// Decodes a rule file entry; omitted limits take the national defaults, every value is range-checked, and a
    /// rule that would go below the regulation is refused (see `checkAgainstRegulation`).
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
            bankReturnWorkingDays: c.decodeIfPresent(Int.self, forKey: .bankReturnWorkingDays) ?? 3,
            bankPaymentWorkingDays: c.decodeIfPresent(Int.self, forKey: .bankPaymentWorkingDays) ?? 5,
            ratioBasis: c.decodeIfPresent(String.self, forKey: .ratioBasis),
            limitsApply: c.decodeIfPresent(String.self, forKey: .limitsApply).map { t throws(WagecaseError) in
                try LimitsOrder.parse(t, field: "limits_apply")
            } ?? .beforeAdjustment)
        try checkAgainstRegulation()
    }
}

/// When a rule's cap and floor hold the deposit: on the ratio's amount before the standing adjustment, or on the
/// adjusted amount.
public enum LimitsOrder: String, Vocabulary {
    case beforeAdjustment = "before-adjustment"
    case afterAdjustment = "after-adjustment"

    public var zh: String { self == .beforeAdjustment ? "先封顶保底后调整" : "先调整后封顶保底" }
    public var en: String { self == .beforeAdjustment ? "cap and floor before the adjustment" : "cap and floor after the adjustment" }
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
