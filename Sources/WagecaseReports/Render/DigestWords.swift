import WagecaseCore

/// The words and number forms every digest format shares, in one language.
struct DigestWords {
    let language: Language
    var zh: Bool { language == .zh }

    /// Words of the digest, from the catalogue.
    func pick(_ words: Phrase) -> String { words.text(language) }

    /// A figure's value: counts as integers, money in yuan with two decimals, rates as percentages.
    func value(_ value: Int64?, _ unit: DigestFigure.Unit) -> String {
        guard let value else { return "—" }
        switch unit {
        case .count: return String(value)
        case .fen: return zh ? Fen(value).yuan + "元" : "¥" + Fen(value).yuan
        case .basisPoints: return Self.percent(value)
        }
    }

    /// A change: "+3", "−¥1,200.00", "+1.20 pp", "0".
    func change(_ change: Int64?, _ unit: DigestFigure.Unit) -> String {
        guard let change else { return "—" }
        if change == 0 { return "0" }
        let sign = change > 0 ? "+" : "−"
        let magnitude = change.magnitude
        switch unit {
        case .count: return sign + String(magnitude)
        case .fen: return sign + (zh ? Fen(Int64(magnitude)).yuan + "元" : "¥" + Fen(Int64(magnitude)).yuan)
        case .basisPoints: return sign + Self.hundredths(magnitude) + (zh ? "个百分点" : " pp")
        }
    }

    static func percent(_ basisPoints: Int64) -> String {
        (basisPoints < 0 ? "-" : "") + hundredths(basisPoints.magnitude) + "%"
    }

    static func hundredths(_ value: UInt64) -> String {
        let fraction = value % 100
        return "\(value / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    func money(_ fen: Fen) -> String { zh ? fen.yuan + "元" : "¥" + fen.yuan }

    /// An amount for a chart's axis and bar labels: "3.8万" / "¥38k", whole yuan below ten thousand.
    func compactMoney(_ fen: Int64) -> String {
        let yuan = fen / 100
        if zh { return yuan >= 10_000 ? Fen(fen).wanCompact() + "万" : "\(yuan)" }
        return yuan >= 1_000 ? "¥" + Self.oneDecimal(yuan, per: 1_000) + "k" : "¥\(yuan)"
    }

    private static func oneDecimal(_ value: Int64, per unit: Int64) -> String {
        let tenths = (value * 10 + unit / 2) / unit
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    /// The digest's trend, as the charts and tables show it: months of the year for a monthly summary, the last
    /// weeks for a weekly digest.
    func trend(_ digest: Digest) -> [(label: String, value: Int64, text: String)] {
        if digest.kind == .month {
            return digest.recoveredByMonth.map { (label: zh ? "\($0.month)月" : Self.monthNames[$0.month - 1],
                                                  value: $0.recovered.value, text: money($0.recovered)) }
        }
        return digest.recoveredByWeek.map {
            (label: "\($0.weekOf.month)/\($0.weekOf.day)", value: $0.recovered.value, text: money($0.recovered))
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The trend's title: "Recovered per month, 2026" or "Recovered per week, last 12 weeks".
    func trendTitle(_ digest: Digest) -> String {
        if digest.kind == .month, let year = digest.recoveredByMonth.first?.year {
            return pick("Recovered per month, \(String(year))")
        }
        return chartTitle
    }

    /// "剩3日" / "in 3 days", "今日到期" / "due today", "逾期11日" / "11 days overdue".
    func days(_ daysLeft: Int) -> String {
        switch (daysLeft, zh) {
        case (0, true): "今日到期"
        case (0, false): "due today"
        case (..<0, true): "逾期\(-daysLeft)日"
        case (..<0, false): "\(-daysLeft) day\(daysLeft == -1 ? "" : "s") overdue"
        case (_, true): "剩\(daysLeft)日"
        case (_, false): "in \(daysLeft) day\(daysLeft == 1 ? "" : "s")"
        }
    }

    func deadline(_ item: Deadline) -> String {
        let provisional = item.provisional ? pick(" (provisional: holiday schedule not published)") : ""
        return "\(item.due) \(item.kind.label(language)) · \(zh ? item.record : item.recordEn) · \(days(item.daysLeft))\(provisional)"
    }

    func alert(_ alert: Alert) -> String {
        let severity = alert.severity.label(language)
        var line = "[\(severity)] \(alert.code.label(language))"
        if let name = alert.projectName { line += " · " + name }
        line += pick(": ") + (zh ? alert.detail : alert.detailEn)
        if let days = alert.daysLeft { line += pick(" (") + self.days(days) + pick(")") }
        return line
    }

    func openCase(_ item: Digest.OpenCase) -> String {
        let number = item.caseNumber ?? "#\(item.caseID)"
        let project = item.projectName.map { " · " + $0 } ?? ""
        return "\(number) \(item.workerName) · \(item.employerName)\(project) · \(item.stage.label(language)) · "
            + pick("claimed ") + money(item.claimed) + pick(", recovered ") + money(item.recovered)
            + pick(", unrecovered ") + money(item.unrecovered)
    }

    func series(_ item: Digest.OpenSeries) -> String {
        "\(item.name)" + pick(": \(item.openCases) of \(item.cases) cases open, claimed ")
            + money(item.claimed) + pick(", recovered ") + money(item.recovered)
    }

    /// A deposit due for return, as the six-monthly review lists it.
    func returnDue(_ item: Digest.ReturnDue) -> String {
        let document = item.documentNumber.map { " " + $0 } ?? ""
        let step: String
        switch (item.step, zh) {
        case (.notStarted, true): step = "尚未启动返还"
        case (.inNotice, true): step = "公示中"
        case (.applied, true): step = "已书面申请，待审核"
        case (.notStarted, false): step = "return not started"
        case (.inNotice, false): step = "in public notice"
        case (.applied, false): step = "applied for, under review"
        }
        let held = item.pastAReview ? (zh ? "（已超过半年）" : " (held past a six-monthly review)") : ""
        return zh
            ? "\(item.projectName) · \(item.kind.zh)\(document) · 余额\(money(item.balance)) · \(item.completed)竣工，已\(item.monthsSinceCompletion)个月\(held) · \(step)"
            : "\(item.projectName) · \(item.kind.en)\(document) · balance \(money(item.balance)) · completed \(item.completed), \(item.monthsSinceCompletion) months ago\(held) · \(step)"
    }

    func region(_ code: String) -> String { code.isEmpty ? pick("(no region)") : code }

    /// The ranges under the title: as-of date, previous period, year to date.
    func subtitle(_ digest: Digest) -> String {
        let previous = digest.previous.range, ytd = digest.yearToDate.range
        return zh
            ? "截至\(digest.asOf) · 上期 \(previous.from!)—\(previous.to!) · 本年累计 \(ytd.from!)—\(ytd.to!)"
            : "As of \(digest.asOf) · previous \(previous.from!) to \(previous.to!) · year to date \(ytd.from!) to \(ytd.to!)"
    }

    // Section titles, in report order.
    var figuresTitle: String { pick("Figures") }
    var columns: [String] { zh ? ["项目", "本期", "上期", "变化", "本年累计"] : ["Figure", "Period", "Previous", "Change", "Year to date"] }
    func dueSoonTitle(_ total: Int, days: Int = Digest.dueWindowDays) -> String { pick("Due in the next \(days) days (\(total))") }
    func overdueTitle(_ total: Int) -> String { pick("Overdue (\(total))") }
    func alertsTitle(_ total: Int) -> String { pick("Alerts on guarantees and time limits (\(total))") }
    var byCode: String { pick("By code") }
    var byRegion: String { pick("By region") }
    var mostUrgent: String { pick("Most urgent") }
    func largestTitle(_ total: Int) -> String { pick("Largest open cases by unrecovered amount (\(total) open)") }
    func seriesTitle(_ total: Int) -> String { pick("Series still open (\(total))") }
    func returnsTitle(_ total: Int) -> String {
        zh ? "半年清查：已竣工、无在办欠薪案件、尚未返还的保证金（\(total)项）"
            : "Six-monthly review: deposits due for return on completed projects without open cases (\(total))"
    }
    var chartTitle: String { pick("Recovered per week, last \(Digest.chartWeeks) weeks") }
    var cluesChartTitle: String { pick("Clues by source this period") }
    var alertsChartTitle: String { pick("Alerts by code") }
    var none: String { pick("None") }
    func more(_ shown: Int, of total: Int) -> String? {
        total > shown ? pick("… and \(total - shown) more") : nil
    }

    /// Codes with at least one alert, in the monitor's order.
    func alertCodes(_ digest: Digest) -> [(code: AlertCode, count: Int)] {
        AlertCode.allCases.compactMap { code in
            let count = digest.alerts.byCode[code.rawValue] ?? 0
            return count > 0 ? (code, count) : nil
        }
    }

    /// Regions by alert count, most first.
    func alertRegions(_ digest: Digest) -> [(region: String, count: Int)] {
        digest.alerts.byRegion.map { ($0.key, $0.value) }.sorted { ($1.count, $0.region) < ($0.count, $1.region) }
    }
}
