import PropertyBased
import Testing
import WagecaseTestSupport
@testable import WagecaseCore

/// A guarantee's standing kept as spans is, on every day, what the events derive on that day.
@Suite("Guarantee standing as spans")
struct GuaranteeTimelineTests {
    private let base = LocalDate(year: 2024, month: 1, day: 1)!

    /// A random guarantee and history: any kind, events of every kind on random days (before the effective day
    /// too), renewals and replacements moving the end, amounts that overdraw.
    private func history(seed: UInt64) -> (Guarantee, [GuaranteeEvent]) {
        var random = SplitMix(state: seed)
        let kind = GuaranteeKind.allCases.randomElement(using: &random) ?? .bankLetter
        let effective = base.adding(days: Int.random(in: 0..<200, using: &random))
        let ends = kind == .cashDeposit ? nil : effective.adding(days: Int.random(in: -10..<400, using: &random))
        let guarantee = Guarantee(id: 1, projectID: 1, kind: kind, amount: Fen(1_000_000), issuer: nil,
                                  documentNumber: "D-1", effective: effective, ends: ends, createdAt: "2024-01-01T00:00:00+08:00")
        var events: [GuaranteeEvent] = []
        for id in 0..<Int.random(in: 0...9, using: &random) {
            let eventKind = GuaranteeEventKind.allCases.randomElement(using: &random) ?? .lodged
            let day = effective.adding(days: Int.random(in: -20..<500, using: &random))
            let amount: Fen? = [.lodged, .drawn, .replenished, .replaced].contains(eventKind) && Bool.random(using: &random)
                ? Fen(Int64.random(in: 1...2_000_000, using: &random)) : nil
            let newEnds = [.renewed, .replaced].contains(eventKind) && Bool.random(using: &random)
                ? day.adding(days: Int.random(in: -30..<400, using: &random)) : nil
            events.append(GuaranteeEvent(id: Int64(id + 1), guaranteeID: 1, kind: eventKind, date: day, amount: amount,
                                         noticeNumber: "N-\(id % 3)", newEnds: newEnds, actor: "test"))
        }
        return (guarantee, events.sorted { ($0.date, $0.id) < ($1.date, $1.id) })
    }

    @Test func theSpanOnAnyDayIsWhatTheEventsDeriveThatDay() async {
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 0 ... .max)) { seed in
            let (guarantee, events) = history(seed: seed)
            let spans = GuaranteeTimeline.spans(guarantee, events: events)
            for offset in stride(from: -5, through: 800, by: 1) {
                let day = base.adding(days: offset)
                let derived = Statistics.Guarantees.standing([guarantee], events: [1: events], asOf: day)
                #expect(Statistics.Guarantees.standing(spans: spans, on: day) == derived, "seed \(seed), \(day)")
                if Statistics.Guarantees.standing(spans: spans, on: day) != derived { return }
            }
        }
    }

    @Test func spansFollowOneAnotherWithoutGapsOrRepeats() async {
        await propertyCheck(count: 2_000, input: Gen.uint64(in: 0 ... .max)) { seed in
            let (guarantee, events) = history(seed: seed)
            let spans = GuaranteeTimeline.spans(guarantee, events: events)
            #expect(spans.first?.from == guarantee.effective)
            #expect(spans.last?.until == nil)
            for (earlier, later) in zip(spans, spans.dropFirst()) {
                #expect(earlier.until == later.from && earlier.from < later.from)
                #expect(earlier.status != later.status || earlier.held != later.held, "seed \(seed): equal neighbours")
            }
        }
    }

    @Test func aLetterExpiresTheDayAfterItsRenewedEnd() throws {
        let letter = Guarantee(id: 1, projectID: 1, kind: .bankLetter, amount: Fen(500_000), issuer: "银行",
                               documentNumber: "BH-1", effective: base, ends: base.adding(days: 30), createdAt: "")
        let events = [
            GuaranteeEvent(id: 1, guaranteeID: 1, kind: .lodged, date: base, amount: Fen(500_000), actor: "t"),
            GuaranteeEvent(id: 2, guaranteeID: 1, kind: .renewed, date: base.adding(days: 20), newEnds: base.adding(days: 90), actor: "t"),
        ]
        let spans = GuaranteeTimeline.spans(letter, events: events)
        #expect(spans == [
            GuaranteeSpan(from: base, until: base.adding(days: 91), kind: .bankLetter, status: .active, held: Fen(500_000)),
            GuaranteeSpan(from: base.adding(days: 91), until: nil, kind: .bankLetter, status: .expired, held: .zero),
        ])
    }
}
