import WagecaseCore

/// The lists' tables, written straight to HTML: a list page renders fifty rows of six cells, and a template engine
/// that looks every cell up through `Any` costs more than the query behind it. Every table is the same markup —
/// a card per row on a phone, each cell named by its column (`data-label`) — and every value is escaped here.
struct HTMLTable {
    struct Column {
        let label: String
        var numeric = false
    }

    struct Cell {
        var text: String
        var href: String?
        /// A second, quieter line under the text (a project under its employer).
        var hint: String?

        init(_ text: String, href: String? = nil, hint: String? = nil) {
            (self.text, self.href, self.hint) = (text, href, hint?.isEmpty == true ? nil : hint)
        }
    }

    let columns: [Column]
    /// `<tr>` of the headings, for `<thead>`.
    let head: String
    /// Each column's opening `<td …>`, its label escaped once.
    private let cellOpenings: [String]

    init(columns: [Column]) {
        self.columns = columns
        head = "<tr>" + columns.map { "<th scope=\"col\"\($0.numeric ? " class=\"num\"" : "")>\(HTML.escape($0.label))</th>" }
            .joined() + "</tr>"
        cellOpenings = columns.map { "<td\($0.numeric ? " class=\"num\"" : "") data-label=\"\(HTML.escape($0.label))\">" }
    }

    /// The same table in each language (a list page builds its table once, not per request).
    static func inEachLanguage(_ make: (Language) -> HTMLTable) -> [Language: HTMLTable] {
        Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, make($0)) })
    }

    /// The rows, for `<tbody>`.
    func body(_ rows: [[Cell]]) -> String {
        var html = HTMLWriter(capacity: rows.count * 600)
        for row in rows {
            html.markup("<tr>")
            for (index, cell) in zip(cellOpenings.indices, row) {
                html.markup(cellOpenings[index])
                if let href = cell.href {
                    html.markup("<a href=\"")
                    html.text(href)
                    html.markup("\">")
                    html.text(cell.text)
                    html.markup("</a>")
                } else {
                    html.text(cell.text)
                }
                if let hint = cell.hint {
                    html.markup("<br><span class=\"hint\">")
                    html.text(hint)
                    html.markup("</span>")
                }
                html.markup("</td>")
            }
            html.markup("</tr>\n")
        }
        return html.html
    }

    /// What a template places: `{{{table.head}}}` and `{{{table.body}}}`.
    func render(_ rows: [[Cell]]) -> [String: Any] {
        ["head": head, "body": body(rows), "empty": rows.isEmpty]
    }
}
