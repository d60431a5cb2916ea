import Testing
import WagecaseCore
import WagecaseStore

/// A range read as whole months and part-month days covers each of its days exactly once, and no other day.
@Suite struct FigureRangePartsTests {
    @Test("whole months and end days cover the range exactly, for every kind of end")
    func coversEachDayOnce() throws {
        var seed: UInt64 = 0x2026_1127
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let origin = try #require(LocalDate(year: 2023, month: 1, day: 1))
        let window = 0..<(365 * 3)
        for round in 0..<400 {
            let a = origin.adding(days: next(window.count)), b = origin.adding(days: next(window.count))
            // Ends on a month's first or last day, open ends and single days all come up.
            var from: LocalDate? = [min(a, b), min(a, b).adding(days: 1 - min(a, b).day), nil][round % 3]
            let nextMonth = max(a, b).adding(months: 1)
            var to: LocalDate? = [max(a, b), nextMonth.adding(days: -nextMonth.day), nil][round % 5 % 3]
            if round % 7 == 0 { (from, to) = (a, a) }
            if let f = from, let t = to, t < f { to = f }
            let range = try DateRange(from: from, to: to)
            let parts = FigureRangeParts(range)
            for offset in -40..<(window.count + 40) {
                let day = origin.adding(days: offset)
                let inRange = (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
                let month = String(day.iso.prefix(7))
                let byMonth = parts.months.map { month >= $0.first && month <= $0.last } ?? false
                let byDays = parts.days.filter { day >= $0.from && day <= $0.to }.count
                #expect((byMonth ? 1 : 0) + byDays == (inRange ? 1 : 0),
                        "\(range.lowerBound)…\(range.upperBound): \(day) months \(byMonth) days \(byDays)")
                if (byMonth ? 1 : 0) + byDays != (inRange ? 1 : 0) { return }
            }
        }
    }

    @Test func examples() throws {
        let all = FigureRangeParts(try DateRange())
        #expect(all.months?.first == "0000-00" && all.months?.last == "9999-99" && all.days.isEmpty)
        let d = { (text: String) in LocalDate.parseISO(text)! }
        let year = FigureRangeParts(try DateRange(from: d("2025-11-23"), to: d("2026-11-22")))
        #expect(year.months?.first == "2025-12" && year.months?.last == "2026-10")
        #expect(year.days.map(\.from) == [d("2025-11-23"), d("2026-11-01")])
        #expect(year.days.map(\.to) == [d("2025-11-30"), d("2026-11-22")])
        let inside = FigureRangeParts(try DateRange(from: d("2026-02-03"), to: d("2026-02-27")))
        #expect(inside.months == nil && inside.days.map(\.from) == [d("2026-02-03")])
    }
}
