import WagecaseCore

/// A built-in document as a sequence of blocks in the official layout (GB/T 9704 where it applies: issuing office,
/// title, number, addressee, body, signature block and date), its text holding the same `{{field}}` placeholders an
/// office's own DOCX template uses. The HTML and the built-in DOCX are both drawn from it.
public struct DocumentLayout: Sendable {
    public enum Block: Sendable, Equatable {
        /// The issuing office's name, centred above the title.
        case office(String)
        case heading(String)
        /// The document number, right-aligned under the title.
        case number(String)
        /// The addressee (主送机关), flush left, ending in a full-width colon.
        case addressee(String)
        /// A body paragraph, its first line indented two characters.
        case paragraph(String)
        /// A table whose second row repeats for each row of a list field: column headings and cell texts.
        case table(list: String, headings: [String], cells: [String])
        /// Right-aligned lines: the signature block and the date (成文日期).
        case signature([String])
        /// A section of blocks shown only when `flag` is true (or, with `inverted`, false).
        case conditional(flag: String, inverted: Bool, blocks: [Block])
    }

    public let kind: DocumentKind
    public let blocks: [Block]

    public static func builtIn(_ kind: DocumentKind) -> DocumentLayout {
        DocumentLayout(kind: kind, blocks: BuiltInLayouts.blocks(kind))
    }
}

/// The built-in text of each kind, in the plain legal language offices use.
enum BuiltInLayouts {
    static let worker = "{{worker_name}}，公民身份号码{{worker_id_number}}{{#worker_address}}，住{{worker_address}}{{/worker_address}}{{#worker_phone}}，联系电话{{worker_phone}}{{/worker_phone}}。"
    static let employer = "{{employer_name}}{{#employer_credit_code}}，统一社会信用代码{{employer_credit_code}}{{/employer_credit_code}}。"
    /// The court when recorded, else a blank for the clerk to fill in.
    static let court = "{{#court}}{{court}}{{/court}}{{^court}}＿＿＿＿人民法院{{/court}}"
    static let seriesTable = DocumentLayout.Block.conditional(flag: "in_series", inverted: false, blocks: [
        .paragraph("本案为系列案件（{{series_name}}）之一，该系列案件共涉及农民工{{series_count}}人，主张工资合计{{series_claimed}}（{{series_claimed_capitals}}），名单如下："),
        .table(list: "series", headings: ["序号", "姓名", "公民身份号码", "主张金额"],
               cells: ["{{index}}", "{{name}}", "{{id_number}}", "{{claimed}}"]),
    ])

    static func blocks(_ kind: DocumentKind) -> [DocumentLayout.Block] {
        let head: [DocumentLayout.Block] = [.office("{{office}}"), .heading("{{title}}"), .number("{{number}}")]
        let tail: [DocumentLayout.Block] = [.signature(["{{office}}", "{{date}}"])]
        switch kind {
        case .acceptanceNotice:
            return head + [
                .addressee("{{worker_name}}："),
                .paragraph("你于{{applied_on}}向本院申请支持起诉，请求支持你就{{employer_name}}拖欠劳动报酬一事向人民法院提起诉讼，主张劳动报酬{{claimed}}（{{claimed_capitals}}）。"),
                .paragraph("经审查，本院认为该申请符合受理条件，根据{{legal_basis}}的规定，决定予以受理，受理日期为{{accepted_on}}{{#case_number}}，案件编号{{case_number}}{{/case_number}}。"),
                .paragraph("本院将依法对案件进行审查，并在审查期间视情况调查核实有关情况。请你如实提供劳动关系、工作时间、工资约定及欠薪数额等证据材料，并保持联系方式畅通{{#handler}}。承办检察官：{{handler}}{{/handler}}。"),
                .paragraph("特此通知。"),
            ] + tail
        case .supportLetter:
            return head + [
                .addressee(court + "："),
                .paragraph("支持起诉人：{{office}}。"),
                .paragraph("原告：" + worker),
                .paragraph("被告：" + employer),
                .paragraph("原告{{worker_name}}与被告{{employer_name}}劳动报酬纠纷一案，原告于{{applied_on}}向本院申请支持起诉，本院于{{accepted_on}}受理，并于{{decided_on}}决定支持起诉。"),
                .paragraph("经审查查明：原告{{worker_name}}{{#project_name}}在{{project_name}}项目{{/project_name}}为被告{{employer_name}}提供劳动{{#employment_ended}}，至{{employment_ended}}结束{{/employment_ended}}。被告至今拖欠原告劳动报酬{{outstanding}}（{{outstanding_capitals}}），经原告多次催要未果。"),
                seriesTable,
                .paragraph("本院认为，农民工追索劳动报酬，事关其基本生活和合法权益。原告系进城务工人员，诉讼能力较弱，依靠自身力量难以有效维护合法权益。被告拖欠原告劳动报酬的行为，侵害了原告的合法权益。根据{{legal_basis}}的规定，本院支持原告{{worker_name}}向你院提起诉讼，请求依法判令被告支付所欠劳动报酬{{outstanding}}（{{outstanding_capitals}}）。"),
                .paragraph("此致"),
                .addressee(court),
            ] + tail
        case .declineNotice:
            return head + [
                .addressee("{{worker_name}}："),
                .paragraph("你于{{applied_on}}向本院申请支持起诉，请求支持你就{{employer_name}}拖欠劳动报酬{{claimed}}（{{claimed_capitals}}）一事向人民法院提起诉讼，本院于{{accepted_on}}受理。"),
                .paragraph("经审查，本院于{{decided_on}}决定不支持起诉{{#decline_reason}}，理由如下：{{decline_reason}}{{/decline_reason}}。"),
                .paragraph("根据{{legal_basis}}的规定，特作出本决定。你仍可依法自行向劳动人事争议仲裁委员会申请仲裁或者向人民法院提起诉讼，并可向当地法律援助机构申请法律援助。"),
            ] + tail
        case .suggestion:
            return head + [
                .addressee("{{agency}}："),
                .paragraph("本院在履行法律监督职责中发现，你单位在农民工工资保证金监管工作中存在以下问题："),
                .conditional(flag: "body", inverted: false, blocks: [.paragraph("{{body}}")]),
                .conditional(flag: "has_projects", inverted: false, blocks: [
                    .paragraph("涉及的工程建设项目如下："),
                    .table(list: "projects", headings: ["序号", "项目名称", "施工单位"],
                           cells: ["{{index}}", "{{name}}", "{{employer}}"]),
                ]),
                .paragraph("根据{{legal_basis}}的规定，本院建议你单位依法履行监管职责，督促施工总承包单位按规定存储、补足工资保证金，保障农民工工资支付。"),
                .paragraph("请你单位自收到本检察建议书之日起{{reply_months}}个月内（{{reply_due}}前）将办理情况书面回复本院。"),
            ] + tail
        case .referralLetter:
            return head + [
                .addressee("{{agency}}："),
                .paragraph("本院于{{received}}通过{{source}}渠道收到反映{{employer_name}}{{#project_name}}在{{project_name}}项目中{{/project_name}}拖欠农民工工资的线索，涉及农民工{{worker_count}}人，涉及金额{{claimed}}（{{claimed_capitals}}）。{{#summary}}线索主要内容：{{summary}}{{/summary}}"),
                .table(list: "workers", headings: ["序号", "姓名", "公民身份号码", "主张金额"],
                       cells: ["{{index}}", "{{name}}", "{{id_number}}", "{{claimed}}"]),
                .paragraph("根据{{legal_basis}}的规定，该线索属于你单位职责范围，现移送你单位依法处理。请将处理结果及时函告本院。"),
                .paragraph("特此函告。"),
            ] + tail
        }
    }
}
