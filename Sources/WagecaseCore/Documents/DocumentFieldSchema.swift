/// The fields a document kind's template may name: what `document fields KIND` lists and what a template is checked
/// against when an office installs it, so a misspelt field is refused at install, not printed blank.
public struct DocumentFieldSchema: Sendable {
    /// A field absent from a record (no phone, no handler named) is left out of the values, so a template tests it
    /// with a section: {{#handler}}承办检察官：{{handler}}{{/handler}}.
    public struct Field: Sendable {
        public let name: String
        public let zh: String
        public let en: String
        /// For a list: the fields of each of its rows.
        public let rowFields: [Field]
        /// A yes/no, for a section only (`{{#in_series}}…{{/in_series}}`).
        public let isFlag: Bool

        init(_ name: String, _ zh: String, _ en: String, rows: [Field] = [], flag: Bool = false) {
            (self.name, self.zh, self.en, self.rowFields, self.isFlag) = (name, zh, en, rows, flag)
        }

        public var isList: Bool { !rowFields.isEmpty }
        /// Printed as text where `{{name}}` stands (lists and flags only open sections).
        public var isText: Bool { !isList && !isFlag }
    }

    public let fields: [Field]

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    public static func of(_ kind: DocumentKind) -> DocumentFieldSchema {
        var fields = common
        switch kind.subject {
        case .wageCase: fields += employerAndProject + caseFields
        case .clue: fields += employerAndProject + clueFields
        case .suggestion: fields += suggestionFields
        }
        return DocumentFieldSchema(fields: fields)
    }

    private static let personRow: [Field] = [
        Field("name", "姓名", "name"),
        Field("id_number", "公民身份号码", "resident ID number in full"),
        Field("claimed", "主张金额（数字）", "amount claimed in figures"),
        Field("claimed_capitals", "主张金额（大写）", "amount claimed in Chinese capitals"),
        Field("index", "序号", "row number from 1"),
    ]

    private static let common: [Field] = [
        Field("office", "制发机关", "issuing office"),
        Field("title", "文书名称", "document title"),
        Field("number", "文号", "document number"),
        Field("date", "成文日期", "date of the document"),
        Field("legal_basis", "法律依据", "legal basis"),
    ]

    private static let employerAndProject: [Field] = [
        Field("employer_name", "用人单位名称", "employer name"),
        Field("employer_credit_code", "统一社会信用代码", "employer credit code"),
        Field("project_name", "项目名称", "project name"),
        Field("project_location", "项目地点", "project location"),
    ]

    private static let caseFields: [Field] = [
        Field("case_number", "案件编号", "office case number"),
        Field("worker_name", "申请人姓名", "worker name"),
        Field("worker_id_number", "申请人公民身份号码", "worker resident ID number in full"),
        Field("worker_phone", "申请人联系电话", "worker phone number in full"),
        Field("worker_address", "申请人住址（籍贯）", "worker home place"),
        Field("claimed", "主张金额（数字）", "amount claimed in figures"),
        Field("claimed_capitals", "主张金额（大写）", "amount claimed in Chinese capitals"),
        Field("recovered", "已追回金额（数字）", "amount recovered in figures"),
        Field("outstanding", "尚欠金额（数字）", "amount still owed in figures"),
        Field("outstanding_capitals", "尚欠金额（大写）", "amount still owed in Chinese capitals"),
        Field("applied_on", "申请日期", "date the worker applied"),
        Field("accepted_on", "受理日期", "date of acceptance"),
        Field("decided_on", "决定日期", "date of the decision"),
        Field("decline_reason", "不支持起诉理由", "why support was declined"),
        Field("employment_ended", "劳务结束日期", "date the work ended"),
        Field("court", "受诉法院", "court"),
        Field("handler", "承办检察官", "handling prosecutor"),
        Field("in_series", "是否系列案", "whether the case belongs to a series", flag: true),
        Field("series_name", "系列案名称", "series name"),
        Field("series_count", "系列案人数", "workers in the series"),
        Field("series_claimed", "系列案主张总额（数字）", "series total claimed in figures"),
        Field("series_claimed_capitals", "系列案主张总额（大写）", "series total claimed in Chinese capitals"),
        Field("series", "系列案农民工名单", "workers of the series", rows: personRow),
    ]

    private static let clueFields: [Field] = [
        Field("clue_id", "线索编号", "clue number"),
        Field("source", "线索来源", "where the clue came from"),
        Field("received", "收到日期", "date received"),
        Field("summary", "线索摘要", "summary"),
        Field("agency", "移送单位", "agency referred to"),
        Field("worker_count", "涉及人数", "workers named"),
        Field("claimed", "涉及金额（数字）", "amount claimed in figures"),
        Field("claimed_capitals", "涉及金额（大写）", "amount claimed in Chinese capitals"),
        Field("workers", "农民工名单", "workers named", rows: personRow),
    ]

    private static let suggestionFields: [Field] = [
        Field("agency", "被建议单位", "agency addressed"),
        Field("suggestion_number", "登记编号", "suggestion number as recorded"),
        Field("issued", "制发日期", "date issued"),
        Field("reply_due", "回复期限", "reply due"),
        Field("body", "建议内容", "text of the suggestion"),
        Field("reply_months", "回复期限（月）", "months to reply"),
        Field("has_projects", "是否涉及项目", "whether projects are named", flag: true),
        Field("projects", "涉及项目", "projects concerned", rows: [
            Field("name", "项目名称", "project name"),
            Field("employer", "施工单位", "contractor"),
            Field("index", "序号", "row number from 1"),
        ]),
    ]
}
