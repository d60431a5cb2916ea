import WagecaseCore

/// The words and number forms every digest format shares, in one language.
struct DigestWords {
    let language: Language
    var zh: Bool { language == .zh }

    func pick(_ zh: String, _ en: String) -> String { self.zh ? zh : en }

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
        let provisional = item.provisional ? pick("（暂定：该年节假日安排未公布）", " (provisional: holiday schedule not published)") : ""
        return "\(item.due) \(item.kind.label(language)) · \(zh ? item.record : item.recordEn) · \(days(item.daysLeft))\(provisional)"
    }

    func alert(_ alert: Alert) -> String {
        let severity = zh ? ["critical": "严重", "high": "高", "warning": "提示"][alert.severity.rawValue]! : alert.severity.rawValue
        var line = "[\(severity)] \(alert.code.label(language))"
        if let name = alert.projectName { line += " · " + name }
        line += pick("：", ": ") + (zh ? alert.detail : alert.detailEn)
        if let days = alert.daysLeft { line += pick("（", " (") + self.days(days) + pick("）", ")") }
        return line
    }

    func openCase(_ item: Digest.OpenCase) -> String {
        let number = item.caseNumber ?? "#\(item.caseID)"
        let project = item.projectName.map { " · " + $0 } ?? ""
        return "\(number) \(item.workerName) · \(item.employerName)\(project) · \(item.stage.label(language)) · "
            + pick("请求", "claimed ") + money(item.claimed) + pick("，已追回", ", recovered ") + money(item.recovered)
            + pick("，未追回", ", unrecovered ") + money(item.unrecovered)
    }

    func series(_ item: Digest.OpenSeries) -> String {
        "\(item.name)" + pick("：在办\(item.openCases)/\(item.cases)件，请求", ": \(item.openCases) of \(item.cases) cases open, claimed ")
            + money(item.claimed) + pick("，已追回", ", recovered ") + money(item.recovered)
    }

    func region(_ code: String) -> String { code.isEmpty ? pick("（无地区）", "(no region)") : code }

    /// The ranges under the title: as-of date, previous period, year to date.
    func subtitle(_ digest: Digest) -> String {
        let previous = digest.previous.range, ytd = digest.yearToDate.range
        return zh
            ? "截至\(digest.asOf) · 上期 \(previous.from!)—\(previous.to!) · 本年累计 \(ytd.from!)—\(ytd.to!)"
            : "As of \(digest.asOf) · previous \(previous.from!) to \(previous.to!) · year to date \(ytd.from!) to \(ytd.to!)"
    }

    // Section titles, in report order.
    var figuresTitle: String { pick("主要数据", "Figures") }
    var columns: [String] { zh ? ["项目", "本期", "上期", "变化", "本年累计"] : ["Figure", "Period", "Previous", "Change", "Year to date"] }
    func dueSoonTitle(_ total: Int) -> String { pick("未来\(Digest.dueWindowDays)日到期（\(total)项）", "Due in the next \(Digest.dueWindowDays) days (\(total))") }
    func overdueTitle(_ total: Int) -> String { pick("已逾期（\(total)项）", "Overdue (\(total))") }
    func alertsTitle(_ total: Int) -> String { pick("保证金监测预警（\(total)条）", "Guarantee monitor alerts (\(total))") }
    var byCode: String { pick("按类型", "By code") }
    var byRegion: String { pick("按地区", "By region") }
    var mostUrgent: String { pick("最紧急", "Most urgent") }
    func largestTitle(_ total: Int) -> String { pick("未追回金额最大的在办案件（在办\(total)件）", "Largest open cases by unrecovered amount (\(total) open)") }
    func seriesTitle(_ total: Int) -> String { pick("未结系列案（\(total)个）", "Series still open (\(total))") }
    var chartTitle: String { pick("近\(Digest.chartWeeks)周追回金额", "Recovered per week, last \(Digest.chartWeeks) weeks") }
    var cluesChartTitle: String { pick("本期线索来源", "Clues by source this period") }
    var alertsChartTitle: String { pick("预警类型", "Alerts by code") }
    var none: String { pick("无", "None") }
    func more(_ shown: Int, of total: Int) -> String? {
        total > shown ? pick("……另有\(total - shown)项", "… and \(total - shown) more") : nil
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
