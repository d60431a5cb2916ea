import Foundation
import WagecaseCore

/// CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel on Chinese Windows reads it as UTF-8) in one table:
/// figures first, then the dated items, alerts and open cases, each row tagged with its section. Money is yuan
/// with two decimals, rates are percentages, so a spreadsheet sums them as they are.
struct CSVDigest {
    let digest: Digest
    let words: DigestWords

    init(_ digest: Digest, _ language: Language) { (self.digest, words) = (digest, DigestWords(language: language)) }

    static let header = ["section", "key", "label", "unit", "period", "previous", "change", "year_to_date", "due",
                         "days_left", "detail"]

    func render() -> String {
        var rows = [Self.header]
        func row(_ section: String, _ key: String, _ label: String, unit: String = "", period: String = "",
                 previous: String = "", change: String = "", ytd: String = "", due: String = "", days: String = "",
                 detail: String = "") {
            rows.append([section, key, label, unit, period, previous, change, ytd, due, days, detail])
        }
        for figure in digest.figures {
            func number(_ value: Int64?) -> String {
                guard let value else { return "" }
                switch figure.unit {
                case .count: return String(value)
                case .fen: return Self.plainYuan(value)
                case .basisPoints: return (value < 0 ? "-" : "") + DigestWords.hundredths(value.magnitude)
                }
            }
            let unit = figure.unit == .count ? "count" : figure.unit == .fen ? "yuan" : "percent"
            row("figure", figure.key, figure.label(words.language).trimmingPadding(), unit: unit,
                period: number(figure.current), previous: number(figure.previous), change: number(figure.change),
                ytd: number(figure.yearToDate))
        }
        for (section, listing) in [("due_soon", digest.dueSoon), ("overdue", digest.overdue)] {
            for item in listing.items {
                row(section, item.kind.rawValue, words.zh ? item.record : item.recordEn, due: item.due.iso,
                    days: String(item.daysLeft), detail: item.kind.label(words.language))
            }
        }
        for code in AlertCode.allCases {
            row("alerts_by_code", code.rawValue, code.label(words.language), unit: "count",
                period: String(digest.alerts.byCode[code.rawValue] ?? 0))
        }
        for (region, count) in words.alertRegions(digest) {
            row("alerts_by_region", region, words.region(region), unit: "count", period: String(count))
        }
        for alert in digest.alerts.mostUrgent {
            row("alert", alert.code.rawValue, alert.projectName ?? "", due: alert.due?.iso ?? "",
                days: alert.daysLeft.map(String.init) ?? "", detail: words.zh ? alert.detail : alert.detailEn)
        }
        for item in digest.largestOpenCases.items {
            row("open_case", item.caseNumber ?? "#\(item.caseID)", "\(item.workerName) · \(item.employerName)",
                unit: "yuan", period: Self.plainYuan(item.unrecovered.value), detail: words.openCase(item))
        }
        for item in digest.openSeries.items {
            row("open_series", String(item.seriesID), item.name, unit: "yuan",
                period: Self.plainYuan(item.claimed.value - item.recovered.value), detail: words.series(item))
        }
        for item in digest.returnsDue.items {
            row("return_due", String(item.guaranteeID), item.projectName, unit: "yuan",
                period: Self.plainYuan(item.balance.value), detail: words.returnDue(item))
        }
        for line in digest.jointWork.referrals.items {
            row("referral", String(line.id), words.zh ? line.record : line.recordEn, period: line.received.iso,
                due: line.replyDue.iso, detail: line.state.label(words.language))
        }
        for line in digest.jointWork.tasks {
            row("unit_tasks", line.unit, line.unit, unit: "count", period: String(line.open + line.overdue),
                detail: words.unitTasks(line))
        }
        for line in digest.jointWork.reports {
            row("monthly_report", line.unit, line.standing.label(words.language), period: line.submitted?.iso ?? "",
                due: line.due.iso, detail: line.text ?? "")
        }
        for week in digest.recoveredByWeek {
            row("recovered_by_week", week.weekOf.iso, week.weekOf.iso, unit: "yuan", period: Self.plainYuan(week.recovered.value))
        }
        for month in digest.recoveredByMonth {
            row("recovered_by_month", month.key, month.key, unit: "yuan", period: Self.plainYuan(month.recovered.value))
        }
        return "\u{FEFF}" + rows.map(CSVText.record).joined()
    }

    /// "38000.00": exact yuan without grouping, for spreadsheets.
    static func plainYuan(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        return (fen < 0 ? "-" : "") + "\(magnitude / 100)." + (magnitude % 100 < 10 ? "0" : "") + "\(magnitude % 100)"
    }

}

extension String {
    /// Without the indentation (ASCII or full-width spaces) that marks a sub-figure.
    func trimmingPadding() -> String {
        String(drop(while: { $0 == " " || $0 == "\u{3000}" }))
    }
}
