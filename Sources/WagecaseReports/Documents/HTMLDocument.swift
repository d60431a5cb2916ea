import Mustache
import WagecaseCore

/// A document as an HTML page that prints on A4 in the official layout (GB/T 9704: type area 156 × 225 mm, top
/// margin 37 mm, binding margin 28 mm; title in 2号 (22 pt) 小标宋, body in 3号 (16 pt) 仿宋, 22 lines a page).
/// Every value is escaped; the page loads nothing and runs nothing.
public enum HTMLDocument {
    public static func render(_ layout: DocumentLayout, fields: DocumentFields) throws -> String {
        let body = layout.blocks.map(html).joined(separator: "\n")
        try TemplateCheck.check(body, kind: layout.kind)
        let template = try MustacheTemplate(string: body)
        let filled = template.render(fields.context)
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLText.escape(fields.text("title") ?? layout.kind.zh)) \(HTMLText.escape(fields.text("number") ?? ""))</title>
            <style>\(style)</style>
            </head>
            <body>
            <article class="document">
            \(filled)
            </article>
            </body>
            </html>

            """
    }

    static func html(_ block: DocumentLayout.Block) -> String {
        switch block {
        case .office(let text): "<p class=\"office\">\(text)</p>"
        case .heading(let text): "<h1 class=\"title\">\(text)</h1>"
        case .number(let text): "<p class=\"number\">\(text)</p>"
        case .addressee(let text): "<p class=\"addressee\">\(text)</p>"
        case .paragraph(let text): "<p class=\"body\">\(text)</p>"
        case .table(let list, let headings, let cells):
            """
            <table><thead><tr>\(headings.map { "<th scope=\"col\">\($0)</th>" }.joined())</tr></thead>
            <tbody>{{#\(list)}}<tr>\(cells.map { "<td>\($0)</td>" }.joined())</tr>{{/\(list)}}</tbody></table>
            """
        case .signature(let lines):
            "<div class=\"signature\">\(lines.map { "<p>\($0)</p>" }.joined())</div>"
        case .conditional(let flag, let inverted, let blocks):
            "{{\(inverted ? "^" : "#")\(flag)}}" + blocks.map(html).joined(separator: "\n") + "{{/\(flag)}}"
        }
    }

    static let style = """
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        html { background: #eee; }
        body { margin: 0; color: #000; }
        .document { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 0 auto; padding: 37mm 26mm 35mm 28mm;
          background: #fff; font-family: "FangSong_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", "Noto Serif CJK", serif;
          font-size: 16pt; line-height: 28.95pt; }
        .office, .title { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", "SimSun", serif;
          font-size: 22pt; line-height: 1.5; font-weight: normal; text-align: center; margin: 0; letter-spacing: 0.1em; }
        .number { text-align: right; margin: 0.5em 0 1em; }
        .addressee { margin: 0; }
        .body { text-indent: 2em; margin: 0; text-align: justify; white-space: pre-line; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 14pt; line-height: 1.5; }
        th, td { border: 1px solid #000; padding: 0 0.3em; text-align: center; font-weight: normal; }
        .signature { margin-top: 2em; text-align: right; padding-right: 2em; }
        .signature p { margin: 0; }
        @media print { html { background: none; } .document { width: auto; min-height: 0; margin: 0; padding: 0; } }
        @media screen and (max-width: 220mm) { .document { width: 100%; min-height: 0; padding: 1.5em; } }
        """
}
