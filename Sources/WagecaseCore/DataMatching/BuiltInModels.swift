/// The models every office has from the start, version 1. An office changes one by loading its copy with a
/// higher version under the same id; a new id adds a model.
public enum BuiltInModels {
    public static let all: [SupervisionModel] = [
        awardUnpaid, judgmentUnenforced, complaintsRepeat, permitNoGuarantee, payrollGap, arrearsDepositUntouched,
        claimantPattern,
    ]

    /// Words that make a hotline ticket a wage complaint.
    public static let wageWords = ["工资", "欠薪", "薪资", "薪水", "劳务费", "工钱", "讨薪", "农民工"]

    static let awardUnpaid = SupervisionModel(
        id: "award-unpaid", version: 1,
        name: ModelText(zh: "劳动仲裁裁决逾期未履行", en: "Arbitration awards left unperformed"),
        summary: ModelText(zh: "裁决或调解书生效满30日仍未履行完毕的，按用人单位和项目汇总未履行金额，作为支持起诉线索。",
                           en: "Awards in force 30 days or more and not fully performed, the unpaid remainder per worker, grouped by employer and project."),
        reads: [.arbitrationAwards], audience: .prosecutor, caution: false,
        conditions: [.compare(.effective, .onOrBefore(.runDays(-30))),
                     .compare(.status, .isNoneOf([AwardPerformance.performed.rawValue])),
                     .compare(.unpaid, .above(0))],
        finding: .rows(groupBy: [.employer, .project], amount: .unpaid),
        score: ModelScore(base: 40, perWorker: 5, perTenThousandYuan: 2))

    static let judgmentUnenforced = SupervisionModel(
        id: "judgment-unenforced", version: 1,
        name: ModelText(zh: "欠薪判决执行不到位", en: "Wage judgments not enforced"),
        summary: ModelText(zh: "终结本次执行而未足额到位，或生效满90日仍未足额到位的欠薪判决，按被告汇总差额。",
                           en: "Judgments whose enforcement ended short, or still short 90 days after taking effect, the shortfall grouped by defendant."),
        reads: [.courtJudgments], audience: .prosecutor, caution: false,
        conditions: [.compare(.unpaid, .above(0)),
                     .any([.compare(.status, .isOneOf([EnforcementStatus.terminated.rawValue])),
                           .compare(.effective, .onOrBefore(.runDays(-90)))])],
        finding: .rows(groupBy: [.employer, .project], amount: .unpaid),
        score: ModelScore(base: 45, perWorker: 5, perTenThousandYuan: 2))

    static let complaintsRepeat = SupervisionModel(
        id: "complaints-repeat", version: 1,
        name: ModelText(zh: "同一单位欠薪投诉反复", en: "Repeated wage complaints about one employer"),
        summary: ModelText(zh: "30日内针对同一单位（统一社会信用代码，无则单位名称）的欠薪工单达3件以上。",
                           en: "Three or more wage complaints about one employer (credit code, else name) within 30 days."),
        reads: [.complaints], audience: .prosecutor, caution: false,
        conditions: [.compare(.content, .containsAny(wageWords))],
        finding: .repeats(key: .employer, distinct: nil, atLeast: 3, withinDays: 30),
        score: ModelScore(base: 30, perWorker: 3, perRow: 5, perTenThousandYuan: 1))

    static let permitNoGuarantee = SupervisionModel(
        id: "permit-no-guarantee", version: 1,
        name: ModelText(zh: "施工许可后未缴存工资保证金", en: "Permit issued, no wage guarantee lodged"),
        summary: ModelText(zh: "施工许可证核发满30日，施工单位在该项目下未在登记簿中存储任何工资保证金，提示人社部门督促缴存（可作检察建议线索）。",
                           en: "A permit issued 30 or more days ago for a contractor and project with no guarantee in the registry: for the labor bureau, and a candidate for a procuratorial suggestion."),
        reads: [.constructionPermits], audience: .laborBureau, caution: false,
        conditions: [.compare(.issued, .onOrBefore(.runDays(-30))), .registry(.none)],
        finding: .rows(groupBy: [.employer, .project], amount: nil),
        score: ModelScore(base: 50, perRow: 0, perTenThousandYuan: 0))

    static let payrollGap = SupervisionModel(
        id: "payroll-gap", version: 1,
        name: ModelText(zh: "在建项目工资专户停发", en: "Project in progress with no payroll transfers"),
        summary: ModelText(zh: "在建项目（许可证核发早于近两个整月、计划竣工不早于本月）的农民工工资专用账户近两个整月无代发记录，存在欠薪风险。",
                           en: "A project in progress (permit before the last two full months, completion not before this month) whose payroll account shows no transfer in the last two full months."),
        reads: [.constructionPermits, .payrollTransfers], audience: .laborBureau, caution: false,
        conditions: [.compare(.issued, .before(.monthStart(-2))),
                     .any([.compare(.plannedCompletion, .present(false)),
                           .compare(.plannedCompletion, .onOrAfter(.monthStart(0)))])],
        finding: .silent(dataset: .payrollTransfers, fullMonths: 2),
        score: ModelScore(base: 45))

    static let arrearsDepositUntouched = SupervisionModel(
        id: "arrears-deposit-untouched", version: 1,
        name: ModelText(zh: "欠薪未清而保证金从未动用", en: "Unpaid award or judgment, guarantee never drawn"),
        summary: ModelText(zh: "生效裁决或判决仍有未付金额，而该项目（未写项目的，该单位）的工资保证金从未动用：列明应动用的保证金。",
                           en: "An award or judgment still unpaid on a project (or employer, where no project is named) whose guarantee has never been drawn: names the guarantee to draw."),
        reads: [.arbitrationAwards, .courtJudgments], audience: .laborBureau, caution: false,
        conditions: [.compare(.effective, .onOrBefore(.runDays(0))), .compare(.unpaid, .above(0)),
                     .compare(.status, .isNoneOf([AwardPerformance.performed.rawValue, EnforcementStatus.completed.rawValue])),
                     .registry(.neverDrawn)],
        finding: .rows(groupBy: [.employer, .project], amount: .unpaid),
        score: ModelScore(base: 50, perWorker: 3, perTenThousandYuan: 2))

    static let claimantPattern = SupervisionModel(
        id: "claimant-pattern", version: 1,
        name: ModelText(zh: "同一人短期内向多家单位主张（虚假诉讼提示）", en: "One claimant against many employers (false-claim caution)"),
        summary: ModelText(zh: "同一身份证号60日内对3家以上单位提出仲裁、诉讼或投诉，提示审查是否虚假诉讼；须经人工审查决定，不自动成为线索。",
                           en: "One ID number claiming against three or more employers within 60 days: a caution to check for false claims, never a clue without a person deciding."),
        reads: [.arbitrationAwards, .courtJudgments, .complaints], audience: .prosecutor, caution: true,
        conditions: [.compare(.idNumber, .present(true))],
        finding: .repeats(key: .claimant, distinct: .employer, atLeast: 3, withinDays: 60),
        score: ModelScore(base: 60, perRow: 5))
}
