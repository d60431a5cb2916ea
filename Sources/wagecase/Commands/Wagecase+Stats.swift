import ArgumentParser
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

extension Wagecase {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The reported figures for a date range (all time by default).",
            discussion: """
                Each figure counts what happened in the range: clues by received date, case stages by event date, \
                claims by the date the case was opened, recoveries by payment date. "workers" counts distinct \
                workers whose case had support decided or a settlement reached in the range.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("First day (inclusive).", valueName: "DATE")) var from: String?
        @Option(help: ArgumentHelp("Last day (inclusive).", valueName: "DATE")) var to: String?

        func run() throws {
            try runReporting {
                let range = try DateRange(
                    from: try from.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "from") },
                    to: try to.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "to") })
                let statistics = try global.open(.readOnly).statistics(range)
                if global.json { return try Printer.json(statistics) }
                StatisticsView(statistics: statistics, language: global.lang).print()
            }
        }
    }
}

struct StatisticsView {
    let statistics: Statistics
    let language: Language

    func print() {
        let label = Labels(language: language)
        let s = statistics
        let period = "\(s.range.from?.iso ?? label("最早", "beginning")) — \(s.range.to?.iso ?? label("至今", "now"))"
        Printer.line(label("统计区间：", "Period: ") + period)
        Printer.line(s.headline(language) + s.guaranteeHeadline(language))
        Printer.line()
        var clues = TextTable([label("线索来源", "Clue source"), label("件数", "Clues")], rightAligned: [1])
        for source in ClueSource.allCases {
            let count = s.clues.bySource[source.rawValue] ?? 0
            if count > 0 { clues.add([source.label(language), "\(count)"]) }
        }
        clues.add([label("合计", "Total"), "\(s.clues.total)"])
        clues.print(emptyMessage: "")
        Printer.line()
        var cases = TextTable([label("案件", "Cases"), label("件数", "Count")], rightAligned: [1])
        let c = s.cases
        for (name, count) in [
            (label("受理", "opened"), c.opened), (label("提出支持起诉", "support decided"), c.supportDecided),
            (label("不支持起诉", "declined"), c.declined), (label("达成检察和解", "procuratorial settlements"), c.settled),
            (label("判决", "judgments"), c.judgment), (label("法院调解", "court mediations"), c.mediated),
            (label("撤诉", "withdrawn"), c.withdrawn), (label("进入执行", "entered enforcement"), c.enforcement),
            (label("结案", "closed"), c.closed), (label("帮助农民工（人）", "workers helped"), s.workers),
        ] {
            cases.add([name, "\(count)"])
        }
        cases.print(emptyMessage: "")
        Printer.line()
        var money = TextTable([label("金额", "Money"), label("元", "Yuan")], rightAligned: [1])
        money.add([label("诉请金额", "claimed"), s.claimed.yuan])
        money.add([label("挽回损失", "recovered"), s.recovered.yuan])
        for route in RecoveryRoute.allCases {
            if let amount = s.recoveredByRoute[route.rawValue], amount.value > 0 {
                money.add(["  " + route.label(language), amount.yuan])
            }
        }
        money.add([label("追回率", "recovery rate"), s.recoveryRateText])
        money.print(emptyMessage: "")
        let g = s.guarantees, sg = s.suggestions
        guard g.total > 0 || sg.issued > 0 || sg.replied > 0 else { return }
        Printer.line()
        var guarantees = TextTable([label("工资保证金", "Wage guarantees"), label("数量/金额", "Count / yuan")],
                                   rightAligned: [1])
        for kind in GuaranteeKind.allCases where (g.byKind[kind.rawValue] ?? 0) > 0 {
            guarantees.add([kind.label(language), "\(g.byKind[kind.rawValue]!)"])
        }
        for status in GuaranteeStatus.allCases where (g.byStatus[status.rawValue] ?? 0) > 0 {
            guarantees.add(["  " + status.label(language), "\(g.byStatus[status.rawValue]!)"])
        }
        guarantees.add([label("有效保证金余额", "held (valid)"), g.held.yuan])
        guarantees.add([label("区间内动用", "drawn in period"), g.drawn.yuan])
        guarantees.add([label("发出检察建议（份）", "suggestions issued"), "\(sg.issued)"])
        guarantees.add([label("收到回复（份）", "replies received"), "\(sg.replied)"])
        guarantees.add([label("建议后抵存保证金", "secured after suggestions"), sg.secured.yuan])
        guarantees.add([label("建议后续期保函（份）", "letters renewed after suggestions"), "\(sg.lettersRenewed)"])
        guarantees.print(emptyMessage: "")
    }
}
