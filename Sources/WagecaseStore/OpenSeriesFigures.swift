import WagecaseCore

/// The digest's open series (crews with a case open on the day, by what is still unpaid across the series, largest
/// first) from the series figures kept by schema v27. Today's are the kept rows in the kept order. On a past day a
/// series none of whose cases was opened, moved or paid since stood then as it stands now, so only the few others
/// ("affected") are counted again from their cases; each store reads the rows its own way and puts them together
/// here.
public enum OpenSeriesFigures {
    /// One series' figures: its cases (opened by the day), those open then, their claims and what was recovered
    /// for them by the day.
    public struct Figure: Sendable, Equatable {
        public var seriesID: Int64
        public var cases: Int
        public var openCases: Int
        public var claimed: Int64
        public var recovered: Int64

        public init(seriesID: Int64, cases: Int, openCases: Int, claimed: Int64, recovered: Int64) {
            (self.seriesID, self.cases, self.openCases, self.claimed, self.recovered) =
                (seriesID, cases, openCases, claimed, recovered)
        }

        /// Exact whatever the sums (they are never compared through a difference that could overflow).
        var unpaid: Int128 { Int128(claimed) - Int128(recovered) }

        public func named(_ name: String) -> Digest.OpenSeries {
            Digest.OpenSeries(seriesID: seriesID, name: name, cases: cases, openCases: openCases,
                              claimed: Fen(claimed), recovered: Fen(recovered))
        }
    }

    /// The digest's order: most unpaid first, then by series id (as the kept index reads).
    public static func inOrder(_ a: Figure, _ b: Figure) -> Bool {
        a.unpaid != b.unpaid ? a.unpaid > b.unpaid : a.seriesID < b.seriesID
    }

    /// The series open on a past day and the first `limit` of them.
    /// - Parameters:
    ///   - keptOpen: kept series with an open case now.
    ///   - keptFirst: the first kept series with an open case now that are not affected, in the kept order, at
    ///     least `limit` of them when there are that many.
    ///   - affectedKeptOpen: how many of the affected series have an open case now (they are in `keptOpen`).
    ///   - affectedThen: every affected series' figures on the day (those with no case opened by then may be left
    ///     out).
    public static func onPastDay(keptOpen: Int, keptFirst: [Figure], affectedKeptOpen: Int, affectedThen: [Figure],
                                 limit: Int) -> (total: Int, first: [Figure]) {
        let openThen = affectedThen.filter { $0.openCases > 0 }
        let total = keptOpen - affectedKeptOpen + openThen.count
        let first = (keptFirst.prefix(limit) + openThen).sorted(by: inOrder).prefix(limit)
        return (total, Array(first))
    }
}
