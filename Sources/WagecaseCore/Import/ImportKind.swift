/// What a spreadsheet holds, one record (or one worker's claim, for clues) per row.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case workers, employers, projects, guarantees, clues

    /// The fields a row of this kind may carry, and which of them it must.
    public var fields: [ImportField] {
        switch self {
        case .workers: [.name, .idNumber, .phone, .bankCard, .hometown, .overrideReason]
        case .employers: [.employerName, .creditCode, .employerKind, .overrideReason]
        case .projects: [.projectName, .employerName, .creditCode, .location, .regionCode, .contractPrice, .start,
                         .plannedCompletion, .actualCompletion, .projectStatus]
        case .guarantees: [.projectName, .employerName, .creditCode, .guaranteeKind, .amount, .issuer,
                           .documentNumber, .effective, .ends]
        case .clues: [.name, .idNumber, .phone, .employerName, .creditCode, .projectName, .claimed, .source,
                      .received, .summary]
        }
    }

    public var required: Set<ImportField> {
        switch self {
        case .workers: [.name, .idNumber]
        case .employers: [.employerName, .creditCode]
        case .projects: [.projectName, .creditCode]
        case .guarantees: [.projectName, .creditCode, .guaranteeKind, .amount, .effective]
        case .clues: [.idNumber, .creditCode, .claimed, .received]  // source may come from --source
        }
    }
}

/// A column's meaning, whatever the heading says.
public enum ImportField: String, HeadedField, Codable {
    case name, idNumber = "id_number", phone, bankCard = "bank_card", hometown
    case employerName = "employer", creditCode = "credit_code", employerKind = "employer_kind"
    case projectName = "project", location, regionCode = "region_code", contractPrice = "contract_price"
    case start, plannedCompletion = "planned_completion", actualCompletion = "actual_completion"
    case projectStatus = "status"
    case guaranteeKind = "guarantee_kind", amount, issuer, documentNumber = "document_number", effective, ends
    case claimed, source, received, summary
    case overrideReason = "override_reason"

    /// Free text (names, addresses, notes), whose full-width punctuation is Chinese punctuation and stays.
    public var isText: Bool {
        switch self {
        case .name, .hometown, .employerName, .projectName, .location, .issuer, .summary, .overrideReason: true
        default: false
        }
    }

    /// The headings partner agencies use for it (after `ImportText.headingKey`: no spaces, brackets' contents
    /// dropped, lower case), Chinese and English.
    public var headings: [String] {
        switch self {
        case .name: ["姓名", "工人姓名", "农民工姓名", "劳动者姓名", "申请人", "申请人姓名", "name", "worker", "workername"]
        case .idNumber: ["身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "居民身份证号码", "idnumber", "id",
                         "idno"]
        case .phone: ["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "phone", "mobile", "tel"]
        case .bankCard: ["银行卡号", "工资卡号", "银行账号", "卡号", "bankcard", "cardnumber"]
        case .hometown: ["籍贯", "户籍地", "户籍所在地", "家庭住址", "hometown"]
        case .employerName: ["用人单位", "施工单位", "单位名称", "企业名称", "被投诉单位", "被申请人", "欠薪单位", "施工总承包单位",
                             "总承包单位", "employer", "company", "employername"]
        case .creditCode: ["统一社会信用代码", "信用代码", "社会信用代码", "单位信用代码", "creditcode", "uscc"]
        case .employerKind: ["单位类型", "企业类型", "employerkind"]
        case .projectName: ["项目名称", "工程名称", "工程项目", "项目", "project", "projectname"]
        case .location: ["项目地址", "工程地址", "项目地点", "location", "address"]
        case .regionCode: ["行政区划代码", "区划代码", "regioncode", "region"]
        case .contractPrice: ["合同价", "合同价款", "合同金额", "中标价", "contractprice"]
        case .start: ["开工日期", "开工时间", "start", "startdate"]
        case .plannedCompletion: ["计划竣工日期", "计划完工日期", "合同竣工日期", "plannedcompletion"]
        case .actualCompletion: ["竣工日期", "实际竣工日期", "完工日期", "actualcompletion"]
        case .projectStatus: ["项目状态", "工程状态", "status"]
        case .guaranteeKind: ["保证金形式", "缴存形式", "保证形式", "类型", "种类", "guaranteekind", "kind"]
        case .amount: ["保证金金额", "金额", "缴存金额", "担保金额", "保函金额", "amount"]
        case .issuer: ["开立银行", "开户银行", "出具机构", "担保机构", "保险公司", "银行", "issuer", "bank"]
        case .documentNumber: ["保函编号", "保单号", "凭证编号", "编号", "documentnumber", "letternumber"]
        case .effective: ["生效日期", "开立日期", "缴存日期", "起始日期", "effective", "effectivedate"]
        case .ends: ["到期日", "到期日期", "截止日期", "失效日期", "ends", "expiry", "enddate"]
        case .claimed: ["欠薪金额", "拖欠工资", "拖欠金额", "欠薪数额", "拖欠工资金额", "涉及金额", "请求金额", "claimed", "amountowed",
                        "arrears"]
        case .source: ["线索来源", "来源", "来源渠道", "source"]
        case .received: ["接收日期", "登记日期", "受理日期", "来信日期", "投诉日期", "received", "receiveddate", "date"]
        case .summary: ["摘要", "案情摘要", "备注", "诉求", "主要诉求", "summary", "note", "notes"]
        case .overrideReason: ["校验例外原因", "overridereason"]
        }
    }
}
