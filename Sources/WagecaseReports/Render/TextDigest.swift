import WagecaseCore

/// Plain text for a terminal or a mail body: columns aligned by display width (CJK characters are two wide).
struct TextDigest {
    let digest: Digest
    let words: DigestWords

    init(_ digest: Digest, _ language: Language) { (self.digest, words) = (digest, DigestWords(language: language)) }

    func render() -> String {
        var out: [String] = [digest.period.title(words.language), words.subtitle(digest), "", digest.headline(words.language)]
        func section(_ title: String) { out += ["", title, String(repeating: "-", count: DisplayWidth.of(title))] }
        func list(_ lines: [String], total: Int) {
            if lines.isEmpty { out.append("  " + words.none); return }
            out += lines.map { "  - " + $0 }
            if let more = words.more(lines.count, of: total) { out.append("  " + more) }
        }

        section(words.figuresTitle)
        let rows = [words.columns] + digest.figures.map { figure in
            [figure.label(words.language), words.value(figure.current, figure.unit), words.value(figure.previous, figure.unit),
             words.change(figure.change, figure.unit), words.value(figure.yearToDate, figure.unit)]
        }
        out += TextDigest.table(rows)

        section(words.dueSoonTitle(digest.dueSoon.total, days: digest.dueWindowDays))
        list(digest.dueSoon.items.map(words.deadline), total: digest.dueSoon.total)
        section(words.overdueTitle(digest.overdue.total))
        list(digest.overdue.items.map(words.deadline), total: digest.overdue.total)

        section(words.alertsTitle(digest.alerts.total))
        if digest.alerts.total == 0 {
            out.append("  " + words.none)
        } else {
            out.append("  " + words.byCode + words.pick(": ")
                + words.alertCodes(digest).map { "\($0.code.label(words.language)) \($0.count)" }.joined(separator: words.pick("; ")))
            out.append("  " + words.byRegion + words.pick(": ")
                + words.alertRegions(digest).map { "\(words.region($0.region)) \($0.count)" }.joined(separator: words.pick("; ")))
            out.append("  " + words.mostUrgent + words.pick(":"))
            list(digest.alerts.mostUrgent.map(words.alert), total: digest.alerts.total)
        }

        section(words.largestTitle(digest.largestOpenCases.total))
        list(digest.largestOpenCases.items.map(words.openCase), total: digest.largestOpenCases.total)
        section(words.seriesTitle(digest.openSeries.total))
        list(digest.openSeries.items.map(words.series), total: digest.openSeries.total)
        section(words.returnsTitle(digest.returnsDue.total))
        list(digest.returnsDue.items.map(words.returnDue), total: digest.returnsDue.total)

        for joint in words.jointSections(digest) {
            section(joint.title)
            list(joint.lines, total: max(joint.total, joint.lines.count))
        }

        section(words.trendTitle(digest))
        let trend = words.trend(digest)
        let peak = trend.map(\.value).max() ?? 0
        let labels = digest.kind == .month ? trend.map(\.label) : digest.recoveredByWeek.map(\.weekOf.iso)
        out += TextDigest.table(zip(labels, trend).map { label, point in
            let bar = peak > 0 ? String(repeating: "#", count: Int((point.value * 30 + peak - 1) / peak)) : ""
            return [label, point.text, bar]
        }, rightAligned: [1])
        return out.joined(separator: "\n") + "\n"
    }

    /// Rows padded to their columns' widths; numeric columns (all but the first) right-aligned by default.
    static func table(_ rows: [[String]], rightAligned: Set<Int>? = nil) -> [String] {
        guard let count = rows.first?.count else { return [] }
        let widths = (0..<count).map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return rows.map { row in
            var line = "  "
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
                let right = rightAligned.map { $0.contains(column) } ?? (column > 0)
                line += (column > 0 ? "  " : "") + (right ? pad + cell : cell + (column == count - 1 ? "" : pad))
            }
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }
}
