/// What a partner agency's file holds (数据集类型): one record per row, checked and kept with the original cells.
public enum DatasetKind: String, Vocabulary {
    case arbitrationAwards = "arbitration-awards"
    case courtJudgments = "court-judgments"
    case complaints
    case constructionPermits = "construction-permits"
    case payrollTransfers = "payroll-transfers"

    public var zh: String {
        switch self {
        case .arbitrationAwards: "劳动仲裁裁决/调解书"
        case .courtJudgments: "法院判决与执行"
        case .complaints: "12345/12309工单"
        case .constructionPermits: "施工许可"
        case .payrollTransfers: "农民工工资专用账户代发"
        }
    }

    public var en: String {
        switch self {
        case .arbitrationAwards: "arbitration awards"
        case .courtJudgments: "court judgments and enforcement"
        case .complaints: "hotline complaints"
        case .constructionPermits: "construction permits"
        case .payrollTransfers: "payroll account transfers"
        }
    }

    /// The columns a file of this kind may have, in the order reports list them.
    public var fields: [DatasetField] {
        switch self {
        case .arbitrationAwards: [.number, .personName, .idNumber, .employer, .creditCode, .project, .amount,
                                  .effective, .status, .paid]
        case .courtJudgments: [.number, .personName, .idNumber, .employer, .creditCode, .project, .amount,
                               .effective, .status, .paid]
        case .complaints: [.number, .channel, .received, .personName, .idNumber, .phone, .employer, .creditCode,
                           .project, .content, .headcount, .amount]
        case .constructionPermits: [.number, .project, .employer, .creditCode, .amount, .issued,
                                    .plannedCompletion, .regionCode]
        case .payrollTransfers: [.project, .creditCode, .month, .headcount, .amount]
        }
    }

    /// The columns every row must fill.
    public var required: Set<DatasetField> {
        switch self {
        case .arbitrationAwards, .courtJudgments: [.number, .personName, .idNumber, .employer, .amount, .effective, .status]
        case .complaints: [.number, .received, .employer, .content]
        case .constructionPermits: [.number, .project, .employer, .creditCode, .issued]
        case .payrollTransfers: [.project, .creditCode, .month, .amount]
        }
    }

    /// The field a row's own date is: 生效日期, 受理日期, 发证日期 or 发放月份.
    public var dateField: DatasetField {
        switch self {
        case .arbitrationAwards, .courtJudgments: .effective
        case .complaints: .received
        case .constructionPermits: .issued
        case .payrollTransfers: .month
        }
    }

    /// Fields a model may read beyond the columns: computed from them.
    public var derived: [DatasetField] {
        switch self {
        case .arbitrationAwards, .courtJudgments: [.unpaid]
        default: []
        }
    }

    /// A field's headings in this kind's files (after `ImportText.headingKey`), first the one the issue of record
    /// uses, then the spellings partner agencies use.
    public func headings(_ field: DatasetField) -> [String] {
        switch (self, field) {
        case (.arbitrationAwards, .number): ["仲裁文书号", "仲裁案号", "裁决书编号", "文书号", "案号", "number"]
        case (.courtJudgments, .number): ["案号", "判决书案号", "执行案号", "number"]
        case (.complaints, .number): ["工单号", "工单编号", "诉求编号", "number"]
        case (_, .number): ["许可证编号", "施工许可证编号", "施工许可证号", "number"]
        case (.arbitrationAwards, .personName): ["申请人姓名", "申请人", "劳动者姓名", "name"]
        case (.courtJudgments, .personName): ["原告姓名", "原告", "申请执行人", "name"]
        case (_, .personName): ["诉求人姓名", "诉求人", "来电人", "姓名", "name"]
        case (.arbitrationAwards, .idNumber): ["申请人身份证号", "申请人身份证号码", "身份证号", "公民身份号码", "idnumber"]
        case (.courtJudgments, .idNumber): ["原告身份证号", "原告身份证号码", "身份证号", "公民身份号码", "idnumber"]
        case (_, .idNumber): ["诉求人身份证号", "身份证号", "身份证号码", "公民身份号码", "idnumber"]
        case (_, .phone): ["联系电话", "电话", "手机号码", "phone"]
        case (.arbitrationAwards, .employer): ["被申请人", "被申请人名称", "用人单位", "employer"]
        case (.courtJudgments, .employer): ["被告", "被执行人", "被告名称", "employer"]
        case (.complaints, .employer): ["被反映单位", "被投诉单位", "反映对象", "employer"]
        case (_, .employer): ["施工单位", "施工总承包单位", "建设单位", "employer"]
        case (.arbitrationAwards, .creditCode): ["被申请人统一社会信用代码", "统一社会信用代码", "信用代码", "creditcode"]
        case (.courtJudgments, .creditCode): ["被告统一社会信用代码", "被执行人统一社会信用代码", "统一社会信用代码", "creditcode"]
        case (.complaints, .creditCode): ["统一社会信用代码", "被反映单位统一社会信用代码", "信用代码", "creditcode"]
        case (_, .creditCode): ["施工单位统一社会信用代码", "统一社会信用代码", "信用代码", "creditcode"]
        case (_, .project): ["项目名称", "工程名称", "project"]
        case (.arbitrationAwards, .amount): ["裁决金额", "调解金额", "裁决调解金额", "amount"]
        case (.courtJudgments, .amount): ["判决金额", "执行标的", "执行标的金额", "amount"]
        case (.complaints, .amount): ["涉及金额", "诉求金额", "amount"]
        case (.constructionPermits, .amount): ["合同价款", "合同价", "合同金额", "amount"]
        case (_, .amount): ["发放金额", "代发金额", "amount"]
        case (.arbitrationAwards, .paid): ["已履行金额", "履行金额", "paid"]
        case (_, .paid): ["执行到位金额", "到位金额", "已执行金额", "paid"]
        case (_, .effective): ["生效日期", "裁决生效日期", "判决生效日期", "effective"]
        case (.arbitrationAwards, .status): ["履行状态", "履行情况", "status"]
        case (_, .status): ["执行状态", "执行情况", "结案方式", "status"]
        case (_, .channel): ["渠道", "来源渠道", "受理渠道", "channel"]
        case (_, .received): ["受理日期", "受理时间", "登记日期", "received"]
        case (_, .content): ["诉求内容", "反映内容", "工单内容", "content"]
        case (.complaints, .headcount): ["涉及人数", "人数", "headcount"]
        case (_, .headcount): ["发放人数", "代发人数", "headcount"]
        case (_, .issued): ["发证日期", "核发日期", "issued"]
        case (_, .plannedCompletion): ["计划竣工日期", "合同竣工日期", "plannedcompletion"]
        case (_, .regionCode): ["行政区划代码", "区划代码", "regioncode"]
        case (_, .month): ["发放月份", "代发月份", "工资月份", "month"]
        case (_, .unpaid): []
        }
    }
}

/// A dataset column's meaning; also the names a model's conditions use.
public enum DatasetField: String, HeadedField, Codable {
    case number, personName = "person_name", idNumber = "id_number", phone, employer, creditCode = "credit_code"
    case project, amount, paid, effective, status, channel, received, content, headcount, issued
    case plannedCompletion = "planned_completion", regionCode = "region_code", month
    /// amount − paid, never below zero: what an award or judgment still owes.
    case unpaid

    public var isText: Bool {
        switch self {
        case .personName, .employer, .project, .content, .channel: true
        default: false
        }
    }

    /// What a condition compares it as.
    public var valueType: DatasetValueType {
        switch self {
        case .amount, .paid, .unpaid: .money
        case .headcount: .count
        case .effective, .received, .issued, .plannedCompletion, .month: .date
        case .status: .status
        default: .text
        }
    }

    public var zh: String {
        switch self {
        case .number: "文书号/编号"
        case .personName: "姓名"
        case .idNumber: "身份证号"
        case .phone: "联系电话"
        case .employer: "单位"
        case .creditCode: "统一社会信用代码"
        case .project: "项目名称"
        case .amount: "金额"
        case .paid: "已履行/到位金额"
        case .effective: "生效日期"
        case .status: "履行/执行状态"
        case .channel: "渠道"
        case .received: "受理日期"
        case .content: "诉求内容"
        case .headcount: "人数"
        case .issued: "发证日期"
        case .plannedCompletion: "计划竣工日期"
        case .regionCode: "行政区划代码"
        case .month: "发放月份"
        case .unpaid: "未履行金额"
        }
    }
}

/// How a field's values compare.
public enum DatasetValueType: String, Sendable {
    case text, money, count, date, status
}

/// 履行状态 of an award.
public enum AwardPerformance: String, Vocabulary {
    case performed, partial, unperformed
    public var zh: String {
        switch self {
        case .performed: "已履行"
        case .partial: "部分履行"
        case .unperformed: "未履行"
        }
    }
    public var en: String {
        switch self {
        case .performed: "performed"
        case .partial: "partly performed"
        case .unperformed: "not performed"
        }
    }
    public static var aliases: [String: AwardPerformance] {
        ["履行完毕": .performed, "已履行完毕": .performed, "部分": .partial, "未履行完毕": .partial, "未执行": .unperformed]
    }
}

/// 执行状态 of a judgment.
public enum EnforcementStatus: String, Vocabulary {
    case ongoing, terminated, completed
    public var zh: String {
        switch self {
        case .ongoing: "执行中"
        case .terminated: "终结本次执行"
        case .completed: "执行完毕"
        }
    }
    public var en: String {
        switch self {
        case .ongoing: "enforcement under way"
        case .terminated: "enforcement ended for now"
        case .completed: "enforced in full"
        }
    }
    public static var aliases: [String: EnforcementStatus] {
        ["终本": .terminated, "终本结案": .terminated, "终结执行": .terminated, "已执行完毕": .completed, "未执行": .ongoing,
         "立案执行": .ongoing]
    }
}
