import WagecaseCore

/// The digest's parts as the web dashboard shows them, in the same words and charts as the HTML digest.
public enum DigestPanels {
    /// The figure rows: label, this period, the one before, the change, the year so far.
    public static func figureRows(_ digest: Digest, _ language: Language) -> [[String: String]] {
        let words = DigestWords(language: language)
        return digest.figures.map { figure in
            ["label": figure.label(language).trimmingCharacters(in: .whitespaces),
             "current": words.value(figure.current, figure.unit), "previous": words.value(figure.previous, figure.unit),
             "change": words.change(figure.change, figure.unit), "yearToDate": words.value(figure.yearToDate, figure.unit)]
        }
    }

    /// The figure table's column headings.
    public static func columns(_ language: Language) -> [String] { DigestWords(language: language).columns }

    /// Recovered per week, as inline SVG (escaped inside; safe to place unescaped in a page).
    public static func recoveredChart(_ digest: Digest, _ language: Language) -> String {
        let words = DigestWords(language: language)
        return SVGChart.columns(words.trend(digest), axis: words.compactMoney)
    }

    public static func chartTitle(_ digest: Digest, _ language: Language) -> String {
        DigestWords(language: language).trendTitle(digest)
    }

    /// Deadlines as one line each, in the digest's words.
    public static func deadlines(_ items: [Deadline], _ language: Language) -> [String] {
        items.map(DigestWords(language: language).deadline)
    }

    /// The most urgent alerts, one line each.
    public static func alerts(_ digest: Digest, _ language: Language) -> [String] {
        digest.alerts.mostUrgent.map(DigestWords(language: language).alert)
    }

    /// Alerts by code with their counts, most first.
    public static func alertCodes(_ digest: Digest, _ language: Language) -> [(label: String, count: Int)] {
        DigestWords(language: language).alertCodes(digest).map { ($0.code.label(language), $0.count) }
    }

    /// The largest open cases and the open series, one line each.
    public static func largestOpenCases(_ digest: Digest, _ language: Language) -> [String] {
        digest.largestOpenCases.items.map(DigestWords(language: language).openCase)
    }

    public static func openSeries(_ digest: Digest, _ language: Language) -> [String] {
        digest.openSeries.items.map(DigestWords(language: language).series)
    }

    /// The six-monthly review's deposits due for return, one line each.
    public static func returnsDue(_ digest: Digest, _ language: Language) -> [String] {
        digest.returnsDue.items.map(DigestWords(language: language).returnDue)
    }

    /// The joint-work sections (府检联动): a title and its lines each; none when no member unit is recorded.
    public static func jointSections(_ digest: Digest, _ language: Language) -> [[String: Any]] {
        DigestWords(language: language).jointSections(digest).map { ["title": $0.title, "lines": $0.lines] }
    }

    /// The section titles the HTML digest uses, so the page and the file read alike.
    public static func titles(_ digest: Digest, _ language: Language) -> [String: String] {
        let words = DigestWords(language: language)
        return ["dueSoon": words.dueSoonTitle(digest.dueSoon.total, days: digest.dueWindowDays), "overdue": words.overdueTitle(digest.overdue.total),
                "alerts": words.alertsTitle(digest.alerts.total),
                "largest": words.largestTitle(digest.largestOpenCases.total),
                "series": words.seriesTitle(digest.openSeries.total), "figures": words.figuresTitle,
                "returns": words.returnsTitle(digest.returnsDue.total),
                "subtitle": words.subtitle(digest)]
    }
}
