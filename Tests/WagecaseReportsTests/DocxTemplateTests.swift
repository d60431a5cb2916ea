import Foundation
import Testing
import WagecaseCore
@testable import WagecaseReports
import ZIPFoundation

/// Offices' own DOCX templates: placeholders Word split across runs, rows that repeat, blocks shown on a condition,
/// and fields a kind does not have refused when the template is installed.
@Suite("DOCX templates")
struct DocxTemplateTests {
    static let namespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    /// A minimal DOCX whose body is `body` (WordprocessingML paragraphs and tables).
    static func template(_ body: String) throws -> Data {
        try DocxDocument.package([
            ("[Content_Types].xml", DocxDocument.contentTypes), ("_rels/.rels", DocxDocument.packageRelationships),
            ("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(namespace)><w:body>\(body)</w:body></w:document>"),
        ])
    }

    static func documentXML(_ docx: Data) throws -> String {
        let archive = try Archive(data: docx, accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text a reader sees: every run's text, paragraphs on their own lines.
    static func visibleText(_ xml: String) -> String {
        WordXML.elements("p", in: xml).map { range in
            let paragraph = String(xml[range])
            return WordXML.elements("t", in: paragraph).map { WordXML.content(of: paragraph[$0]) }.joined()
        }.joined(separator: "\n").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static let fields = DocumentFields([
        "office": .text("平川区人民检察院"), "title": .text("支持起诉书"), "number": .text("平检民支〔2026〕3号"),
        "date": .text("2026年11月27日"), "legal_basis": .text("《民事诉讼法》第十五条"),
        "worker_name": .text("张三"), "worker_id_number": .text("110101199003070014"),
        "employer_name": .text("某建筑公司 & 子公司"), "claimed": .text("38,000.00元"),
        "claimed_capitals": .text("人民币叁万捌仟元整"), "in_series": .flag(true),
        "series": .list([
            ["index": .text("1"), "name": .text("张三"), "id_number": .text("110101199003070014"), "claimed": .text("38,000.00元")],
            ["index": .text("2"), "name": .text("李四"), "id_number": .text("110101199104050021"), "claimed": .text("12,350.50元")],
        ]),
    ])

    @Test func aPlaceholderSplitAcrossRunsIsFilled() throws {
        // As Word saves it after a spelling mark and a change of font in the middle of the placeholder.
        let body = """
            <w:p><w:r><w:t xml:space="preserve">原告：{{wor</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>ker_</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>name}}，拖欠{</w:t></w:r><w:r><w:t>{claimed}}（{{claimed_capitals}</w:t></w:r><w:r><w:t>}）。</w:t></w:r></w:p>
            """
        let filled = try DocxDocument.fill(try Self.template(body), kind: .supportLetter, fields: Self.fields)
        let text = Self.visibleText(try Self.documentXML(filled))
        #expect(text == "原告：张三，拖欠38,000.00元（人民币叁万捌仟元整）。")
    }

    @Test func aTableRowRepeatsForEachWorkerAndValuesAreEscaped() throws {
        let cell = { (text: String) in "<w:tc><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>" }
        let body = "<w:p><w:r><w:t>{{employer_name}}</w:t></w:r></w:p><w:tbl><w:tr>\(cell("姓名"))\(cell("金额"))</w:tr>"
            + "<w:tr>\(cell("{{#series}}{{na</w:t></w:r><w:r><w:t>me}}"))\(cell("{{claimed}}{{/series}}"))</w:tr></w:tbl>"
        let xml = try Self.documentXML(try DocxDocument.fill(try Self.template(body), kind: .supportLetter, fields: Self.fields))
        #expect(WordXML.elements("tr", in: xml).count == 3)
        #expect(Self.visibleText(xml) == "某建筑公司 & 子公司\n姓名\n金额\n张三\n38,000.00元\n李四\n12,350.50元")
        #expect(xml.contains("某建筑公司 &amp; 子公司"), "the XML stays well formed")
    }

    @Test func aBlockShowsOnlyWhenItsConditionHolds() throws {
        let body = "<w:p><w:r><w:t>{{#in_series}}</w:t></w:r></w:p><w:p><w:r><w:t>系列案</w:t></w:r></w:p>"
            + "<w:p><w:r><w:t>{{/in_series}}</w:t></w:r></w:p><w:p><w:r><w:t>{{^court}}＿＿人民法院{{/court}}</w:t></w:r></w:p>"
        var fields = Self.fields
        let shown = Self.visibleText(try Self.documentXML(try DocxDocument.fill(try Self.template(body), kind: .supportLetter, fields: fields)))
        #expect(shown == "系列案\n＿＿人民法院")
        fields["in_series"] = .flag(false)
        fields["court"] = .text("平川区人民法院")
        let hidden = Self.visibleText(try Self.documentXML(try DocxDocument.fill(try Self.template(body), kind: .supportLetter, fields: fields)))
        #expect(hidden == "")
    }

    @Test func aFieldTheKindDoesNotHaveIsRefusedByName() throws {
        let misspelt = try Self.template("<w:p><w:r><w:t>{{worker_nmae}}</w:t></w:r></w:p>")
        let error = try #require(throws: WagecaseError.self) { try DocxDocument.checkTemplate(misspelt, kind: .supportLetter) }
        #expect(error.message(.en).contains("{{worker_nmae}}") && error.message(.en).contains("names a field this document does not have"))
        // Split across runs, the name is still found and named whole.
        let split = try Self.template("<w:p><w:r><w:t>{{agen</w:t></w:r><w:r><w:t>cy}}</w:t></w:r></w:p>")
        let splitError = try #require(throws: WagecaseError.self) { try DocxDocument.checkTemplate(split, kind: .acceptanceNotice) }
        #expect(splitError.message(.en).contains("{{agency}}"))
        // A row's field outside its list, an unclosed section, unescaped output.
        for bad in ["{{id_number}}", "{{#series}}{{name}}", "{{{worker_name}}}", "{{/series}}"] {
            #expect(throws: WagecaseError.self, "\(bad)") {
                try DocxDocument.checkTemplate(try Self.template("<w:p><w:r><w:t>\(bad)</w:t></w:r></w:p>"), kind: .supportLetter)
            }
        }
        #expect(throws: WagecaseError.self) { try DocxDocument.checkTemplate(Data("not a zip".utf8), kind: .supportLetter) }
    }

    static func paragraph(_ text: String) -> String { "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>" }
    static func cell(_ text: String) -> String { "<w:tc>\(paragraph(text))</w:tc>" }

    @Test func aSectionThatWouldBreakItsParagraphIsRefusedAtInstall() throws {
        // Opened inside a paragraph's text, closed alone in the next paragraph: filled without a phone, the first
        // paragraph would lose its closing tags.
        let broken = try Self.template(Self.paragraph("{{worker_name}}{{#worker_phone}}，电话{{worker_phone}}")
                                       + Self.paragraph("{{/worker_phone}}"))
        let error = try #require(throws: WagecaseError.self) { try DocxDocument.checkTemplate(broken, kind: .supportLetter) }
        #expect(error.message(.en).contains("breaks its paragraphs or table when filled"))
        // A repeat from one cell to a cell that is not the row's last repeats half a row.
        let halfRow = try Self.template("<w:tbl><w:tr>\(Self.cell("{{#series}}{{name}}"))\(Self.cell("{{claimed}}{{/series}}"))"
                                        + "\(Self.cell("{{office}}"))</w:tr></w:tbl>")
        #expect(throws: WagecaseError.self) { try DocxDocument.checkTemplate(halfRow, kind: .supportLetter) }
        // Lists and yes/no fields open sections; they are not text to print.
        for value in ["{{series}}", "{{in_series}}"] {
            let misuse = try #require(throws: WagecaseError.self) {
                try DocxDocument.checkTemplate(try Self.template(Self.paragraph(value)), kind: .supportLetter)
            }
            #expect(misuse.message(.en).contains("not text to print"))
        }
        // A template naming no field, or typed with full-width braces, is not a template.
        #expect(throws: WagecaseError.self) { try DocxDocument.checkTemplate(try Self.template(Self.paragraph("特此通知")), kind: .supportLetter) }
        #expect(throws: WagecaseError.self) {
            try DocxDocument.checkTemplate(try Self.template(Self.paragraph("｛｛worker_name｝｝{{office}}")), kind: .supportLetter)
        }
    }

    @Test func aConditionInsideOneCellLeavesItsRowInPlace() throws {
        // Only a section opening a row's first cell and closing its last repeats the row: a phone shown or not
        // inside the middle cell keeps the worker's row, name and all.
        let body = "<w:tbl><w:tr>\(Self.cell("{{worker_name}}"))\(Self.cell("{{#worker_phone}}电话{{worker_phone}}{{/worker_phone}}"))"
            + "\(Self.cell("{{claimed}}"))</w:tr></w:tbl>"
        let xml = try Self.documentXML(try DocxDocument.fill(try Self.template(body), kind: .supportLetter, fields: Self.fields))
        #expect(Self.visibleText(xml) == "张三\n\n38,000.00元")
        #expect(XMLBalance.isWellFormed(xml))
    }

    @Test func aTableInsideACellIsReadAsOneElement() throws {
        // The outer row holds a table of its own: its rows repeat, the outer row stays whole.
        let inner = "<w:tbl><w:tr>\(Self.cell("{{#series}}{{name}}"))\(Self.cell("{{claimed}}{{/series}}"))</w:tr></w:tbl>"
        let body = "<w:tbl><w:tr><w:tc>\(Self.paragraph("名单"))\(inner)</w:tc>\(Self.cell("{{office}}"))</w:tr></w:tbl>"
        let xml = try Self.documentXML(try DocxDocument.fill(try Self.template(body), kind: .supportLetter, fields: Self.fields))
        #expect(Self.visibleText(xml) == "名单\n张三\n38,000.00元\n李四\n12,350.50元\n平川区人民检察院")
        #expect(XMLBalance.isWellFormed(xml))
        #expect(WordXML.elements("tbl", in: xml).count == 1, "one outer table, its inner one inside it")
    }

    @Test(arguments: DocumentKind.allCases)
    func everyBuiltInTemplatePassesItsOwnCheck(kind: DocumentKind) throws {
        let template = try DocxDocument.builtInTemplate(kind)
        try DocxDocument.checkTemplate(template, kind: kind)
        #expect(try FileSniffing.detect([UInt8](template), fileName: "t.docx") == .docx)
    }

    @Test func aValueOnSeveralLinesKeepsItsLineBreaks() throws {
        let fields = DocumentFields(["office": .text("院"), "title": .text("检察建议书"), "number": .text("1"), "date": .text("d"),
                                     "legal_basis": .text("l"), "agency": .text("人社局"), "suggestion_number": .text("1"),
                                     "issued": .text("i"), "reply_due": .text("r"), "reply_months": .text("2"),
                                     "body": .text("一、督促补缴。\n二、督促续保。"), "has_projects": .flag(false), "projects": .list([])])
        let xml = try Self.documentXML(try DocumentRendering.render(.suggestion, .docx, fields, nil))
        #expect(xml.contains("一、督促补缴。</w:t><w:br/><w:t xml:space=\"preserve\">二、督促续保。"))
        #expect(!xml.contains("{{"))
    }
}
