import Foundation
import WagecaseCore

/// Markdown: a document (GitHub-style tables) or a chat message for WeCom/DingTalk group robots, whose Markdown
/// has no tables, so figures become list lines there.
struct MarkdownDigest {
    enum Style { case document, chat }

    let digest: Digest
    let words: DigestWords
    let style: Style

    init(_ digest: Digest, _ language: Language, style: Style) {
        (self.digest, words, self.style) = (digest, DigestWords(language: language), style)
    }

    /// The report as blocks (title first); chat delivery splits between blocks.
    func blocks() -> [String] {
        var blocks = ["# \(digest.period.title(words.language))\n\n\(words.subtitle(digest))\n\n> \(digest.headline(words.language))"]
        func list(_ lines: [String], total: Int) -> String {
            if lines.isEmpty { return words.none }
            var text = lines.map { "- " + (style == .document ? escape($0) : $0) }.joined(separator: "\n")
            if let more = words.more(lines.count, of: total) { text += "\n- " + more }
            return text
        }

        var figures = "## \(words.figuresTitle)\n\n"
        switch style {
        case .document:
            let columns = words.columns
            figures += "| " + columns.joined(separator: " | ") + " |\n|:--|--:|--:|--:|--:|\n"
            figures += digest.figures.map { figure in
                "| \(escape(figure.label(words.language).trimmingCharacters(in: .whitespaces)))"
                    + " | \(words.value(figure.current, figure.unit)) | \(words.value(figure.previous, figure.unit))"
                    + " | \(words.change(figure.change, figure.unit)) | \(words.value(figure.yearToDate, figure.unit)) |"
            }.joined(separator: "\n")
        case .chat:
            figures += digest.figures.map { figure in
                "- \(figure.label(words.language).trimmingCharacters(in: .whitespaces))：**\(words.value(figure.current, figure.unit))**"
                    + words.pick(" (previous ") + words.value(figure.previous, figure.unit)
                    + words.pick(", ") + words.change(figure.change, figure.unit)
                    + words.pick("; year to date ") + words.value(figure.yearToDate, figure.unit) + words.pick(")")
            }.joined(separator: "\n")
        }
        blocks.append(figures)
        blocks.append("## \(words.dueSoonTitle(digest.dueSoon.total, days: digest.dueWindowDays))\n\n" + list(digest.dueSoon.items.map(words.deadline), total: digest.dueSoon.total))
        blocks.append("## \(words.overdueTitle(digest.overdue.total))\n\n" + list(digest.overdue.items.map(words.deadline), total: digest.overdue.total))
        var alerts = "## \(words.alertsTitle(digest.alerts.total))\n\n"
        if digest.alerts.total == 0 {
            alerts += words.none
        } else {
            alerts += "**\(words.byCode)**" + words.pick(": ") + words.alertCodes(digest).map { "\($0.code.label(words.language)) \($0.count)" }
                .joined(separator: words.pick("; ")) + "\n\n"
            alerts += "**\(words.byRegion)**" + words.pick(": ") + words.alertRegions(digest).map { "\(words.region($0.region)) \($0.count)" }
                .joined(separator: words.pick("; ")) + "\n\n"
            alerts += "**\(words.mostUrgent)**\n\n" + list(digest.alerts.mostUrgent.map(words.alert), total: digest.alerts.total)
        }
        blocks.append(alerts)
        blocks.append("## \(words.largestTitle(digest.largestOpenCases.total))\n\n"
            + list(digest.largestOpenCases.items.map(words.openCase), total: digest.largestOpenCases.total))
        blocks.append("## \(words.seriesTitle(digest.openSeries.total))\n\n"
            + list(digest.openSeries.items.map(words.series), total: digest.openSeries.total))
        blocks.append("## \(words.returnsTitle(digest.returnsDue.total))\n\n"
            + list(digest.returnsDue.items.map(words.returnDue), total: digest.returnsDue.total))
        for section in words.jointSections(digest) {
            blocks.append("## \(section.title)\n\n" + list(section.lines, total: max(section.total, section.lines.count)))
        }
        let labels = digest.kind == .month ? words.trend(digest).map(\.label) : digest.recoveredByWeek.map(\.weekOf.iso)
        blocks.append("## \(words.trendTitle(digest))\n\n" + zip(labels, words.trend(digest)).map { "- \($0)" + words.pick(": ") + $1.text }
            .joined(separator: "\n"))
        return blocks
    }

    func render() -> String { blocks().joined(separator: "\n\n") + "\n" }

    /// Names and notes are user text: keep them from being read as Markdown.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_|<>".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
