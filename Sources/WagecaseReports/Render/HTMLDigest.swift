import Foundation
import WagecaseCore

/// One self-contained HTML page: inline CSS, inline SVG charts, no scripts or outside resources. Narrow screens
/// get one column; print drops the colours that waste toner.
struct HTMLDigest {
    let digest: Digest
    let words: DigestWords

    init(_ digest: Digest, _ language: Language) { (self.digest, words) = (digest, DigestWords(language: language)) }

    func render() -> String {
        let title = digest.period.title(words.language)
        var body = "<header><h1>\(escape(title))</h1><p class=\"sub\">\(escape(words.subtitle(digest)))</p>"
            + "<p class=\"headline\">\(escape(digest.headline(words.language)))</p></header>\n"

        body += "<section><h2>\(escape(words.figuresTitle))</h2><div><table class=\"figs\"><thead><tr>"
            + words.columns.enumerated().map { "<th\($0.offset > 0 ? " class=\"n\"" : "")>\(escape($0.element))</th>" }.joined()
            + "</tr></thead><tbody>\n"
        let columns = words.columns.map(escape)
        for figure in digest.figures {
            let change = figure.change ?? 0
            let changeClass = change > 0 ? "n up" : change < 0 ? "n down" : "n"
            let label = figure.label(words.language)
            let sub = label.hasPrefix("　") || label.hasPrefix("  ")
            // data-label: on a phone each row is a card whose values name their column.
            body += "<tr\(sub ? " class=\"sub\"" : "")><td>\(escape(label.trimmingCharacters(in: .whitespaces)))</td>"
                + "<td class=\"n\" data-label=\"\(columns[1])\">\(escape(words.value(figure.current, figure.unit)))</td>"
                + "<td class=\"n\" data-label=\"\(columns[2])\">\(escape(words.value(figure.previous, figure.unit)))</td>"
                + "<td class=\"\(changeClass)\" data-label=\"\(columns[3])\">\(escape(words.change(figure.change, figure.unit)))</td>"
                + "<td class=\"n\" data-label=\"\(columns[4])\">\(escape(words.value(figure.yearToDate, figure.unit)))</td></tr>\n"
        }
        body += "</tbody></table></div></section>\n"

        body += "<section class=\"charts\">"
        body += figure(words.trendTitle(digest), SVGChart.columns(words.trend(digest), axis: words.compactMoney))
        // Every source, those with no clue this period too: a channel that went quiet is news.
        let sources = ClueSource.allCases.map { source -> (label: String, value: Int64, text: String) in
            let count = digest.current.clues.bySource[source.rawValue] ?? 0
            return (source.label(words.language), Int64(count), String(count))
        }
        body += figure(words.cluesChartTitle, SVGChart.bars(sources))
        let codes = words.alertCodes(digest).map { (label: $0.code.label(words.language), value: Int64($0.count), text: String($0.count)) }
        body += figure(words.alertsChartTitle, codes.isEmpty ? nil : SVGChart.bars(codes))
        body += "</section>\n"

        body += list(words.dueSoonTitle(digest.dueSoon.total, days: digest.dueWindowDays), digest.dueSoon.items.map(words.deadline), total: digest.dueSoon.total)
        body += list(words.overdueTitle(digest.overdue.total), digest.overdue.items.map(words.deadline),
                     total: digest.overdue.total, className: "overdue")
        var alerts = "<section><h2>\(escape(words.alertsTitle(digest.alerts.total)))</h2>"
        if digest.alerts.total == 0 {
            alerts += "<p>\(escape(words.none))</p>"
        } else {
            alerts += "<p><b>\(escape(words.byCode))</b>" + words.pick(": ")
                + escape(words.alertCodes(digest).map { "\($0.code.label(words.language)) \($0.count)" }.joined(separator: words.pick("; ")))
                + "</p><p><b>\(escape(words.byRegion))</b>" + words.pick(": ")
                + escape(words.alertRegions(digest).map { "\(words.region($0.region)) \($0.count)" }.joined(separator: words.pick("; ")))
                + "</p><h3>\(escape(words.mostUrgent))</h3>" + items(digest.alerts.mostUrgent.map(words.alert), total: digest.alerts.total)
        }
        body += alerts + "</section>\n"
        body += list(words.largestTitle(digest.largestOpenCases.total), digest.largestOpenCases.items.map(words.openCase),
                     total: digest.largestOpenCases.total)
        body += list(words.seriesTitle(digest.openSeries.total), digest.openSeries.items.map(words.series),
                     total: digest.openSeries.total)
        body += list(words.returnsTitle(digest.returnsDue.total), digest.returnsDue.items.map(words.returnDue),
                     total: digest.returnsDue.total)
        for section in words.jointSections(digest) {
            body += list(section.title, section.lines, total: max(section.total, section.lines.count))
        }

        return """
            <!DOCTYPE html>
            <html lang="\(words.zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private func figure(_ caption: String, _ svg: String?) -> String {
        "<figure><figcaption>\(escape(caption))</figcaption>\(svg ?? "<p>\(escape(words.none))</p>")</figure>"
    }

    private func list(_ title: String, _ lines: [String], total: Int, className: String? = nil) -> String {
        "<section\(className.map { " class=\"\($0)\"" } ?? "")><h2>\(escape(title))</h2>\(items(lines, total: total))</section>\n"
    }

    private func items(_ lines: [String], total: Int) -> String {
        if lines.isEmpty { return "<p>\(escape(words.none))</p>" }
        var html = "<ul>" + lines.map { "<li>\(escape($0))</li>" }.joined()
        if let more = words.more(lines.count, of: total) { html += "<li class=\"more\">\(escape(more))</li>" }
        return html + "</ul>"
    }

    static let css = """
        body{font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1a1a1a;\
        max-width:960px;margin:0 auto;padding:12px}h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;\
        border-bottom:2px solid #b22;padding-bottom:2px;margin-top:1.4em}h3{font-size:1em}.sub{color:#555;margin:0}\
        .headline{font-weight:600;background:#fff4f0;border-left:4px solid #b22;padding:8px 10px}\
        table{border-collapse:collapse;width:100%}th,td{padding:4px 8px;\
        border-bottom:1px solid #ddd}td.n,th.n{white-space:nowrap}th{text-align:left;background:#f4f4f4}.n{text-align:right;\
        font-variant-numeric:tabular-nums}tr.sub td:first-child{padding-left:24px;color:#555}.up{color:#1a7f37}\
        .down{color:#b22}ul{padding-left:20px}li{margin:3px 0}.overdue li{color:#8b0000}.more{list-style:none;color:#555}\
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}figure{margin:0}\
        figcaption{font-weight:600;margin:1em 0 4px}svg{width:100%;height:auto}svg text{font-size:11px;fill:#333}\
        @media (max-width:600px){body{padding:8px}table.figs thead{display:none}table.figs tr{display:grid;\
        grid-template-columns:1fr 1fr;border-bottom:1px solid #ddd;padding:4px 0}table.figs td{border:0;padding:1px 4px;\
        text-align:left}table.figs td:first-child{grid-column:1/3;font-weight:600}tr.sub td:first-child{padding-left:12px}\
        table.figs td.n::before{content:attr(data-label) " ";color:#666}}@media print{body{max-width:none;font-size:11pt}.headline{background:none}h2{break-after:avoid}\
        section{break-inside:avoid}}
        """
}

/// Text made safe for HTML element content and attribute values.
func escape(_ text: String) -> String { HTMLText.escape(text) }
