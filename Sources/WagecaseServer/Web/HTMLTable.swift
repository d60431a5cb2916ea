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
    var head: String {
        "<tr>" + columns.map { "<th scope=\"col\"\($0.numeric ? " class=\"num\"" : "")>\(HTML.escape($0.label))</th>" }
            .joined() + "</tr>"
    }

    /// The rows, for `<tbody>`.
    func body(_ rows: [[Cell]]) -> String {
        var html = ""
        html.reserveCapacity(rows.count * 400)
        let labels = columns.map { HTML.escape($0.label) }
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() where index < columns.count {
                html += columns[index].numeric ? "<td class=\"num\" data-label=\"" : "<td data-label=\""
                html += labels[index]
                html += "\">"
                if let href = cell.href {
                    html += "<a href=\"\(HTML.escape(href))\">\(HTML.escape(cell.text))</a>"
                } else {
                    html += HTML.escape(cell.text)
                }
                if let hint = cell.hint { html += "<br><span class=\"hint\">\(HTML.escape(hint))</span>" }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html
    }

    /// What a template places: `{{{table.head}}}` and `{{{table.body}}}`.
    func render(_ rows: [[Cell]]) -> [String: Any] {
        ["head": head, "body": body(rows), "empty": rows.isEmpty]
    }
}
