/// The national floor under every provincial rule: 工程建设领域农民工工资保证金规定 (人社部发〔2021〕65号). A province may be
/// stricter, never laxer; a rule file that goes below one of these is refused when it is loaded, naming the field
/// and the article.
public enum GuaranteeRegulation {
    /// Working days from the permit (or the contract) within which the deposit is lodged (Art. 8).
    public static let depositWorkingDays = 20
    /// Ratios outside 1%–3% need an explicit provincial basis (Art. 11).
    public static let ratioInPrinciple = 100...300
    public static let lowestNoArrearsReduction = 50
    public static let lowestArrearsIncrease = 50
    public static let lowestDishonestIncrease = 100
    public static let longestReplenishment = 10
    public static let shortestPublicNotice = 30
    public static let longestReturnReview = 5
    public static let longestReturnConfirmation = 3
    public static let longestBankPayment = 5
    public static let shortestReminderMonths = 1
    /// A letter is valid at least a year (Art. 17).
    public static let shortestLetterMonths = 12

    /// "人社部发〔2021〕65号第十二条" / "Art. 12 of 人社部发〔2021〕65号".
    public static func article(_ number: Int) -> Phrase {
        let zh = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
                  "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四"]
        let numeral = zh.indices.contains(number) ? zh[number] : "\(number)"
        let document = "人社部发〔2021〕65号", articleEn = ["Art.", String(number), "of", document].joined(separator: " ")
        return .both(zh: document + "第" + numeral + "条", en: articleEn)
    }
}

extension GuaranteeRule {
    /// Refuses a rule that goes below the regulation. Whether the cap and floor come before or after the standing
    /// adjustment is the rule's own choice (`limits_apply`), not checked here.
    public func checkAgainstRegulation() throws(WagecaseError) {
        typealias Law = GuaranteeRegulation
        func belowLaw(_ field: String, _ value: Int, _ article: Int, allowed: Phrase) -> WagecaseError {
            .invalidField(field: field, value: "\(value)", reason: "goes below the regulation (\(Law.article(article)))",
                          allowed: allowed)
        }
        if !Law.ratioInPrinciple.contains(ratioBasisPoints) && ratioBasis == nil {
            throw .invalidField(
                field: "ratio_bp", value: "\(ratioBasisPoints)",
                reason: "is outside 1%–3% of the contract price without a provincial basis (\(Law.article(11)))",
                allowed: "100 to 300 basis points, or ratio_basis naming the provincial document that sets it")
        }
        if noArrears2yReductionPercent < Law.lowestNoArrearsReduction {
            throw belowLaw("no_arrears_2y_reduction_pct", noArrears2yReductionPercent, 12,
                         allowed: "a reduction of at least \(Law.lowestNoArrearsReduction)%")
        }
        if arrearsIncreasePercent < Law.lowestArrearsIncrease {
            throw belowLaw("arrears_increase_pct", arrearsIncreasePercent, 12,
                         allowed: "an increase of at least \(Law.lowestArrearsIncrease)%")
        }
        if dishonestIncreasePercent < Law.lowestDishonestIncrease {
            throw belowLaw("dishonest_increase_pct", dishonestIncreasePercent, 12,
                         allowed: "an increase of at least \(Law.lowestDishonestIncrease)%")
        }
        if reminderMonths < Law.shortestReminderMonths {
            throw belowLaw("reminder_months", reminderMonths, 17, allowed: "at least \(Law.shortestReminderMonths) month before a letter ends")
        }
        if bankPaymentWorkingDays > Law.longestBankPayment {
            throw belowLaw("bank_payment_working_days", bankPaymentWorkingDays, 19,
                         allowed: "at most \(Law.longestBankPayment) working days")
        }
        if replenishWorkingDays > Law.longestReplenishment {
            throw belowLaw("replenish_working_days", replenishWorkingDays, 20, allowed: "at most \(Law.longestReplenishment) working days")
        }
        if publicNoticeDays < Law.shortestPublicNotice {
            throw belowLaw("public_notice_days", publicNoticeDays, 22, allowed: "at least \(Law.shortestPublicNotice) days")
        }
        if returnReviewWorkingDays > Law.longestReturnReview {
            throw belowLaw("return_review_working_days", returnReviewWorkingDays, 22,
                         allowed: "at most \(Law.longestReturnReview) working days")
        }
        if bankReturnWorkingDays > Law.longestReturnConfirmation {
            throw belowLaw("bank_return_working_days", bankReturnWorkingDays, 22,
                         allowed: "at most \(Law.longestReturnConfirmation) working days")
        }
    }
}

/// Why a project owes no deposit.
public enum DepositExemption: String, Sendable, Codable {
    /// A document of the bureau grants it (recorded on the project).
    case granted
    /// A contract below the rule's line, the contractor without arrears in the year before (Art. 11 ¶3).
    case smallContract = "small-contract"
    /// Three years without arrears, real-name management and the wage special account, a new project (Art. 12).
    case threeYearsNoArrears = "three-years-no-arrears"

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.granted, .zh): "经批准免于存储"
        case (.smallContract, .zh): "合同价款低于免缴标准且签订合同前一年无拖欠（第十一条）"
        case (.threeYearsNoArrears, .zh): "连续3年无拖欠且落实实名制管理和工资专用账户的新增工程（第十二条）"
        case (.granted, .en): "exempt by a recorded decision"
        case (.smallContract, .en): "contract below the exemption line, no arrears in the year before (Art. 11)"
        case (.threeYearsNoArrears, .en): "new project of a contractor 3 years without arrears, real-name management and wage account (Art. 12)"
        }
    }
}

/// What a project owes as its wage guarantee under a rule.
public enum DepositRequirement: Sendable, Equatable {
    case required(Fen)
    case exempt(DepositExemption)
    /// The contract is below the exemption line but whether the contractor had arrears in the year before is not
    /// recorded: the exemption can be neither granted nor refused.
    case undetermined

    public var amount: Fen? {
        switch self {
        case .required(let amount): amount
        case .exempt: .zero
        case .undetermined: nil
        }
    }

    /// The deposit `project` needs under `rule` (Art. 11–12): nil without a contract price.
    public static func of(_ project: Project, rule: GuaranteeRule) -> DepositRequirement? {
        if project.isExempt { return .exempt(.granted) }
        guard let price = project.contractPrice else { return nil }
        // The standing's reductions and exemption are for projects that arose once it held (新增工程).
        let isNew = project.standingSince.map { since in project.depositCountsFrom.map { $0.date >= since } ?? true } ?? true
        if let line = rule.exemptBelow, price < line {
            let arrears = project.priorYearArrears
                ?? (project.standing == .noArrears2y || project.standing == .noArrears3y ? false
                    : project.standing == .standard ? nil : true)
            switch arrears {
            case false?: return .exempt(.smallContract)
            case nil: return .undetermined
            case true?: break
            }
        }
        if project.standing == .noArrears3y && rule.noArrears3yExempt && isNew && project.realNameManagement
            && project.wageAccount {
            return .exempt(.threeYearsNoArrears)
        }
        var ratio = rule.ratioBasisPoints
        if let lowered = project.reducedRatioBasisPoints {
            // Lowered, never raised, and not below 0.5% by this reduction (a rule's own lower ratio stands).
            ratio = min(ratio, max(lowered, DepositFactChanges.lowestReducedRatio))
        }
        let percent: Int
        switch project.standing {
        case .standard: percent = 100
        // Three years without arrears is at least two: without the exemption's conditions, the reduction holds.
        case .noArrears2y, .noArrears3y: percent = isNew ? 100 - rule.noArrears2yReductionPercent : 100
        case .arrears2y: percent = 100 + rule.arrearsIncreasePercent
        case .dishonest: percent = 100 + rule.dishonestIncreasePercent
        }
        return .required(rule.amount(contractPrice: price, ratioBasisPoints: ratio, adjustedPercent: percent))
    }
}

/// A project's deposit duty as `project required-guarantee` (and the project page) tells it: the rule, what is
/// owed, and by when.
public struct DepositDuty: Sendable, Equatable {
    public var rule: GuaranteeRule
    /// nil without a contract price.
    public var requirement: DepositRequirement?
    /// The 20th working day after `basis` (Art. 8); nil when no date is recorded.
    public var due: LocalDate?
    public var basis: DepositBasis?
    public var provisional: Bool

    public init(rule: GuaranteeRule, requirement: DepositRequirement?, due: LocalDate?, basis: DepositBasis?,
                provisional: Bool) {
        (self.rule, self.requirement, self.due, self.basis, self.provisional) = (rule, requirement, due, basis, provisional)
    }

    /// The amount owed: zero when exempt, nil when it cannot be told.
    public var required: Fen? { requirement?.amount }
}

extension DepositDuty {
    private enum CodingKeys: String, CodingKey {
        case rule, requiredFen = "required_fen", exemption, depositDue = "deposit_due", depositBasis = "deposit_basis"
        case provisional = "deposit_due_provisional"
    }

    /// Writes the duty's fields beside a project's own (`required_fen`, `rule`, `exemption`, `deposit_due` …).
    public func encodeFields(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(required, forKey: .requiredFen)
        try container.encode(rule.name, forKey: .rule)
        if case .exempt(let why)? = requirement { try container.encode(why, forKey: .exemption) }
        else { try container.encodeNil(forKey: .exemption) }
        try container.encode(due, forKey: .depositDue)
        try container.encode(basis, forKey: .depositBasis)
        try container.encode(provisional, forKey: .provisional)
    }

    /// The duty in a sentence: "应于2026-01-15前存储或提交360,000.00元（取得施工许可证后20个工作日）" / exempt / undetermined.
    public func text(_ language: Language) -> String {
        switch requirement {
        case nil: return language == .zh ? "缺少合同价款，无法核定" : "no contract price: cannot be told"
        case .undetermined?:
            return language == .zh ? "合同价款低于免缴标准，需记录承包单位签订合同前一年有无拖欠"
                : "below the exemption line: record whether the contractor had arrears in the year before the contract"
        case .exempt(let why)?: return (language == .zh ? "免于存储：" : "exempt: ") + why.label(language)
        case .required(let amount)?:
            let yuan = language == .zh ? amount.yuan + "元" : "¥" + amount.yuan
            guard let due, let basis else { return yuan }
            let days = GuaranteeRegulation.depositWorkingDays
            return language == .zh ? "\(yuan)，应于\(due)前存储或提交（\(basis.label(.zh))后\(days)个工作日）"
                : "\(yuan), due by \(due) (\(days) working days after \(basis.label(.en)))"
        }
    }
}
