import Foundation
import Mustache
import WagecaseCore
import WagecaseImport
import ZIPFoundation

/// Documents as DOCX, the format offices edit and print. A template is a DOCX whose text holds `{{field}}`
/// placeholders, `{{#list}}…{{/list}}` repeats (a table row holding both repeats as a row; paragraphs holding only
/// a marker bound a block) and `{{#field}}…{{/field}}` / `{{^field}}…{{/field}}` conditionals. Each kind has a
/// built-in template drawn from its layout; an office installs its own in its place.
public enum DocxDocument {
    /// The parts whose text is filled: the body, headers and footers.
    static func isFilledPart(_ path: String) -> Bool {
        path == "word/document.xml" || (path.hasPrefix("word/header") || path.hasPrefix("word/footer")) && path.hasSuffix(".xml")
    }

    /// An office's template (or the built-in one) as filling needs it: every entry read, and the text of its
    /// filled parts with placeholders joined and sections lifted, every placeholder a field of the kind (text where
    /// text is printed), sections closed in order and enclosing whole elements.
    static func parts(_ data: Data, kind: DocumentKind) throws -> (entries: [(String, Data)], prepared: [String: String]) {
        let entries = try unpack(data)
        var prepared: [String: String] = [:]
        var placeholders = 0
        for (path, bytes) in entries where isFilledPart(path) {
            let ready = WordXML.prepare(String(decoding: bytes, as: UTF8.self))
            try TemplateCheck.check(ready, kind: kind)
            placeholders += try TemplateCheck.placeholders(ready).count
            guard XMLBalance.sectionsEncloseWholeElements(ready) else { throw brokenStructure(path) }
            prepared[path] = ready
        }
        guard placeholders > 0 else {
            throw WagecaseError.invalidField(field: "template", value: "", reason: "names no field of the record",
                                             allowed: "placeholders such as {{worker_name}} where the record's values go")
        }
        return (entries, prepared)
    }

    /// Checks an office's template before it is installed: `parts`, then filled both ways — every condition true
    /// and every list full, then all false and empty, with values holding line breaks and markup characters —
    /// every part still well-formed. Returns the text of its parts as prepared for filling.
    @discardableResult
    public static func checkTemplate(_ data: Data, kind: DocumentKind) throws -> [String: String] {
        let prepared = try parts(data, kind: kind).prepared
        for trial in [TrialValues.full(kind), TrialValues.empty(kind)] {
            for (path, xml) in prepared {
                guard XMLBalance.isWellFormed(try render(xml, trial)) else { throw brokenStructure(path) }
            }
        }
        return prepared
    }

    static func brokenStructure(_ path: String) -> WagecaseError {
        .invalidField(field: "template", value: path, reason: "breaks its paragraphs or table when filled",
                      allowed: "each {{#…}} and its {{/…}} in one paragraph, alone in their own paragraphs, or opening a row's first cell and closing its last")
    }

    /// Fills `template` (an office's DOCX, or the built-in one) with the document's values.
    /// The template was checked when it was installed (the built-in ones by the tests), so it is read once here
    /// and not filled on trial again.
    public static func fill(_ template: Data, kind: DocumentKind, fields: DocumentFields) throws -> Data {
        let (entries, prepared) = try parts(template, kind: kind)
        var filled: [String: Data] = [:]
        for (path, xml) in prepared {
            filled[path] = Data(try render(xml, fields).utf8)
        }
        return try package(entries.map { path, bytes in (path, filled[path] ?? bytes) })
    }

    /// A prepared part filled: every value escaped by Mustache, a value's line breaks as breaks within its run.
    static func render(_ xml: String, _ fields: DocumentFields) throws -> String {
        let context = fields.values.mapValues { value in
            value.mapText { $0.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: lineBreakMarker) }
                .contextValue
        }
        return try MustacheTemplate(string: xml).render(context)
            .replacingOccurrences(of: lineBreakMarker, with: "</w:t><w:br/><w:t xml:space=\"preserve\">")
    }

    /// A part's XML with its placeholders joined and its block sections lifted, as it is filled.
    public static func prepared(_ xml: String) -> String { WordXML.prepare(xml) }

    /// The built-in template of a kind: what `document template KIND --export` writes for an office to start from.
    public static func builtInTemplate(_ kind: DocumentKind) throws -> Data {
        let layout = DocumentLayout.builtIn(kind)
        let body = layout.blocks.map(paragraphs).joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(wordNamespace)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr></w:body></w:document>
            """
        return try package([
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelationships),
            ("docProps/core.xml", coreProperties(title: kind.zh)),
            ("word/_rels/document.xml.rels", documentRelationships), ("word/styles.xml", styles),
            ("word/document.xml", document),
        ])
    }

    // MARK: - Values

    /// A value's newlines become line breaks inside the run: marked by a NUL, which neither a value (control
    /// characters are refused on input) nor a template's XML can hold.
    static let lineBreakMarker = "\u{0}br\u{0}"

    // MARK: - Built-in layout as WordprocessingML

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func paragraph(_ text: String, style: String) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }

    static func paragraphs(_ block: DocumentLayout.Block) -> String {
        switch block {
        case .office(let text): paragraph(text, style: "OfficeName")
        case .heading(let text): paragraph(text, style: "DocumentTitle")
        case .number(let text): paragraph(text, style: "DocumentNumber")
        case .addressee(let text): paragraph(text, style: "Addressee")
        case .paragraph(let text): paragraph(text, style: "BodyText")
        case .signature(let lines): lines.map { paragraph($0, style: "Signature") }.joined()
        case .conditional(let flag, let inverted, let blocks):
            paragraph("{{\(inverted ? "^" : "#")\(flag)}}", style: "BodyText") + blocks.map(paragraphs).joined()
                + paragraph("{{/\(flag)}}", style: "BodyText")
        case .table(let list, let headings, let cells):
            table(list: list, headings: headings, cells: cells)
        }
    }

    static func table(list: String, headings: [String], cells: [String]) -> String {
        let width = 8844 / max(1, headings.count)
        func cell(_ text: String) -> String {
            "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>\(paragraph(text, style: "TableText"))</w:tc>"
        }
        var repeated = cells
        if !repeated.isEmpty {
            repeated[0] = "{{#\(list)}}" + repeated[0]
            repeated[repeated.count - 1] += "{{/\(list)}}"
        }
        let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
        return "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/><w:tblBorders>\(borders)</w:tblBorders></w:tblPr>"
            + "<w:tblGrid>\(headings.map { _ in "<w:gridCol w:w=\"\(width)\"/>" }.joined())</w:tblGrid>"
            + "<w:tr><w:trPr><w:tblHeader/></w:trPr>\(headings.map(cell).joined())</w:tr>"
            + "<w:tr>\(repeated.map(cell).joined())</w:tr></w:tbl>"
    }

    // MARK: - Package parts

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """

    static func coreProperties(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(title)</dc:title><dc:language>zh-CN</dc:language></cp:coreProperties>
        """
    }

    /// Children in the order the WordprocessingML schema fixes (Word refuses a file whose pPr has jc before spacing).
    /// GB/T 9704 sizes: 2号 = 22 pt (w:sz 44), 3号 = 16 pt (32), 4号 = 14 pt (28); 28.95 pt lines (579 twips);
    /// a first-line indent of two 3号 characters (640 twips).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="579" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="OfficeName"><w:name w:val="Office Name"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="720" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="DocumentTitle"><w:name w:val="Document Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="720" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:spacing w:val="20"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="DocumentNumber"><w:name w:val="Document Number"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="240" w:line="579" w:lineRule="exact"/><w:jc w:val="right"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Addressee"><w:name w:val="Addressee"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="left"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="400" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature Block"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:right="640"/><w:jc w:val="right"/></w:pPr></w:style></w:styles>
        """

    // MARK: - Zip

    /// Every entry of an office's DOCX, read without trusting it (`SafeZip`), each part at most 50 MB and all of
    /// them 200 MB.
    static func unpack(_ data: Data) throws -> [(String, Data)] {
        let entries: [(name: String, bytes: Data)]
        do {
            entries = try SafeZip.entries(data, limit: partLimit)
        } catch .tooLarge(let name) {
            throw WagecaseError.invalidField(field: "template", value: name, reason: "is too large for a document part",
                                             allowed: "a template under 50 MB")
        } catch .damaged(let name) {
            throw WagecaseError.invalidField(field: "template", value: name, reason: "is damaged",
                                             allowed: "a .docx file saved by Word, WPS or LibreOffice")
        } catch {
            throw notDocx
        }
        guard entries.contains(where: { $0.name == "word/document.xml" }) else { throw notDocx }
        guard entries.reduce(0, { $0 + $1.bytes.count }) <= partLimit * 4 else {
            throw WagecaseError.invalidField(field: "template", value: "", reason: "is too large for a document part",
                                             allowed: "a template under 50 MB")
        }
        return entries.map { ($0.name, $0.bytes) }
    }

    static let notDocx = WagecaseError.invalidField(field: "template", value: "", reason: "is not a DOCX file",
                                                    allowed: "a .docx file saved by Word, WPS or LibreOffice")
    static let partLimit = 50_000_000

    /// The template with `filled` parts in place of its own, every other part copied as it was.
    static func rewrite(_ template: Data, replacing filled: [String: Data]) throws -> Data {
        try package(try unpack(template).map { path, bytes in (path, filled[path] ?? bytes) })
    }

    static func package(_ parts: [(String, String)]) throws -> Data {
        try package(parts.map { ($0.0, Data($0.1.utf8)) })
    }

    /// A zip with a fixed timestamp, so the same document made twice is the same bytes.
    static func package(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: Date(timeIntervalSince1970: 315_532_800), compressionMethod: .deflate,
                                 provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
