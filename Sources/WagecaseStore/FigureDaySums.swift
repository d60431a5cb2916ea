import WagecaseCore

/// The figures kept by day (figure_day, kept by the schema's triggers on either engine), summed over a range by
/// figure and key, read into the reported figures: one reading for every store.
public struct FigureDaySums: Sendable {
    private var cluesBySource: [ClueSource: Int] = [:]
    private var cases = Statistics.Cases()
    private var claimed = Fen.zero
    private var byRoute: [RecoveryRoute: Fen] = [:]
    private var suggestions = Statistics.Suggestions()
    /// Drawn from guarantees in the range (the guarantees' standing is derived apart; this goes beside it).
    public private(set) var drawn = Fen.zero

    public init() {}

    /// One summed row: a figure, its key (a source, a stage, a route, or empty), and its sums.
    public mutating func add(figure: String, key: String, count: Int, amount: Int64, letters: Int) throws(CorruptValue) {
        // A day whose records were all corrected away keeps a row of zeros: it counts nothing.
        guard count != 0 || amount != 0 else { return }
        func vocabulary<V: RawRepresentable<String>>(_: V.Type) throws(CorruptValue) -> V {
            guard let value = V(rawValue: key) else { throw CorruptValue(column: "figure_day.key", value: key) }
            return value
        }
        switch figure {
        case "clue": cluesBySource[try vocabulary(ClueSource.self)] = count
        case "stage": cases.add(count, reaching: try vocabulary(CaseStage.self))
        case "opened": claimed = Fen(amount)
        // A payment and its balancing entry on one day leave nothing recovered by that route.
        case "recovered": if amount != 0 { byRoute[try vocabulary(RecoveryRoute.self)] = Fen(amount) }
        case "drawn": drawn = Fen(amount)
        case "suggestion-issued": suggestions.issued = count
        case "suggestion-replied":
            suggestions.replied = count
            suggestions.secured = Fen(amount)
            suggestions.lettersRenewed = letters
        default: throw CorruptValue(column: "figure_day.figure", value: figure)
        }
    }

    /// The figures for `range` with `workers` helped; guarantees and the rest are the caller's to add.
    public func statistics(range: DateRange, workers: Int) -> Statistics {
        var statistics = Statistics(range: range, cluesBySource: cluesBySource, cases: cases, workers: workers,
                                    claimed: claimed, recovered: byRoute.values.reduce(.zero, +),
                                    recoveredByRoute: byRoute)
        statistics.suggestions = suggestions
        return statistics
    }
}
