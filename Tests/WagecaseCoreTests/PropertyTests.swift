import PropertyBased
import Testing
@testable import WagecaseCore

/// Laws that hold for every input, checked on generated ones (the seed of a failure is printed to replay it).
@Suite("Properties")
struct PropertyTests {
    // MARK: Money

    @Test func everyAmountReadsBackExactlyAsItIsWritten() async {
        await propertyCheck(count: 2_000, input: Gen.int64(in: 0...Fen.inputLimit.value)) { value in
            let amount = Fen(value)
            #expect((try? Fen.parse(amount.yuan, field: "amount")) == amount)
            #expect((try? Fen.parse(amount.yuan.replacingOccurrences(of: ",", with: ""), field: "amount")) == amount)
        }
    }

    @Test func amountsIn万ReadExactlyToTheFen() async {
        // Any whole number of fen written as 万 with six decimals is that number of fen.
        await propertyCheck(count: 2_000, input: Gen.int64(in: 0...99_999_999_999)) { value in
            let whole = value / 1_000_000, fraction = value % 1_000_000
            let digits = String(fraction)
            let text = "\(whole).\(String(repeating: "0", count: 6 - digits.count))\(digits)万"
            #expect((try? Fen.parse(text, field: "amount")) == Fen(value))
        }
    }

    @Test func sumsAreExactUntilTheySaturateAndNeverTrap() async {
        await propertyCheck(count: 2_000, input: Gen.int64(in: Int64.min...Int64.max), Gen.int64(in: Int64.min...Int64.max)) { a, b in
            // The exact sum in 128 bits, held at Int64's ends: what saturating arithmetic must give.
            #expect(Fen(a) + Fen(b) == Fen(Int64(clamping: Int128(a) + Int128(b))))
            #expect(Fen(a) - Fen(b) == Fen(Int64(clamping: Int128(a) - Int128(b))))
        }
    }

    @Test func theRecoveryRateIsTheRoundedRatioForAnyTotals() async {
        await propertyCheck(count: 2_000, input: Gen.int64(in: 1 ... .max), Gen.int64(in: 0 ... .max)) { claimed, recovered in
            let statistics = Statistics(range: DateRange(ordered: LocalDate(year: 2025, month: 1, day: 1)!,
                                                         LocalDate(year: 2025, month: 12, day: 31)!),
                                        cluesBySource: [:], cases: Statistics.Cases(), workers: 0,
                                        claimed: Fen(claimed), recovered: Fen(recovered), recoveredByRoute: [:])
            let rate = Int128(statistics.recoveryRateBasisPoints ?? -1)
            // rate ≈ recovered / claimed × 10,000, rounded half up: within half a basis point.
            let scaled = Int128(recovered) * 10_000
            #expect(abs(rate * Int128(claimed) - scaled) * 2 <= Int128(claimed))
        }
    }

    // MARK: Text shown

    @Test func textLeftAsItIsHoldsNoControlDirectionOrInvisibleCharacter() {
        // Every character the quick path of `escaped` returns untouched, checked one by one.
        for range in [0x20...0x7E, 0x4E00...0x9FFF, 0x3001...0x303F, 0xFF01...0xFF60, 0x2010...0x2027] as [ClosedRange<UInt32>] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = "a" + String(Character(scalar)) + "b"
                #expect(TextField.escaped(text) == text, "U+\(String(value, radix: 16))")
                #expect(!scalar.properties.isDefaultIgnorableCodePoint && !TextField.isBidiControl(scalar)
                        && scalar.properties.generalCategory != .control, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func escapingWritesEveryHiddenCharacterAsItsCode() async {
        let pieces = ["张三", "a", " ", "\u{202E}", "\u{200B}", "\u{00AD}", "\n", "\t", "\u{7F}", "〔2024〕", "é", "\u{0301}",
                      "\u{FEFF}", "—", "\u{2028}", "１"]
        await propertyCheck(count: 1_000, input: Gen.int(in: 0..<pieces.count).array(of: 0...12)) { picks in
            let text = picks.map { pieces[$0] }.joined()
            var expected = ""
            for scalar in text.unicodeScalars {
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || TextField.isBidiControl(scalar)
                    || scalar.properties.isDefaultIgnorableCodePoint {
                    expected += "\\u{" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count))
                        + String(scalar.value, radix: 16).uppercased() + "}"
                } else {
                    expected.unicodeScalars.append(scalar)
                }
            }
            #expect(TextField.escaped(text) == expected)
        }
    }

    // MARK: The stage machine

    @Test func noSequenceOfRequestsLeavesTheMachine() async {
        await propertyCheck(count: 1_000, input: Gen<CaseStage>.case.array(of: 1...30)) { requests in
            var stage = CaseStage.accepted
            var visited: [CaseStage] = [stage]
            for requested in requests {
                do {
                    let next = try CaseStageMachine.transition(caseLabel: "#1", from: stage, to: requested)
                    #expect(CaseStageMachine.allowedNext(from: stage).contains(next) && next == requested)
                    stage = next
                    visited.append(stage)
                } catch {
                    #expect(!CaseStageMachine.allowedNext(from: stage).contains(requested))
                }
            }
            // Closed is final; a settlement never follows an outcome; a stage is visited again only where the
            // work really goes back: a suit filed again after its dismissal, an appeal's new outcome, enforcement
            // ended and resumed.
            if visited.contains(.closed) { #expect(visited.last == .closed) }
            // (An appeal reopens the dispute, and so does a suit filed after an award or a dismissal: the parties may
            // settle in the second instance or the new suit.)
            for (index, stage) in visited.enumerated() where CaseStageMachine.outcomes.contains(stage) && stage != .settled {
                let after = visited[(index + 1)...].prefix { $0 != .appealed && $0 != .courtFiled }
                #expect(!after.contains(.settled), "\(visited)")
            }
            let reentered: Set<CaseStage> = [.courtFiled, .judgment, .mediated, .claimDismissed, .suitDismissed, .appealed,
                                             .withdrawn, .enforcementEnded, .enforcementResumed]
            var seen: Set<CaseStage> = []
            for stage in visited where !seen.insert(stage).inserted { #expect(reentered.contains(stage), "\(visited)") }
            #expect(visited.filter { $0 == .supportDecided }.count <= 1 && visited.filter { $0 == .accepted }.count == 1)
        }
    }

    // MARK: Guarantee state

    /// A history of draws and replenishments as the store allows them (a draw at most the balance, a
    /// replenishment at most what is drawn and not yet replenished), from random amounts and choices.
    private static func history(lodged: Int64, steps: [Int64]) -> (Guarantee, [GuaranteeEvent]) {
        let start = LocalDate(year: 2024, month: 3, day: 1)!
        let guarantee = Guarantee(id: 1, projectID: 1, kind: .cashDeposit, amount: Fen(lodged), issuer: nil,
                                  documentNumber: nil, effective: start, ends: nil, createdAt: "t")
        var events = [GuaranteeEvent(id: 1, guaranteeID: 1, kind: .lodged, date: start, amount: Fen(lodged), actor: "t")]
        var balance = lodged, open: Int64 = 0
        for (index, step) in steps.enumerated() {
            let date = start.adding(days: index + 1)
            if step > 0, balance > 0 {
                let amount = min(step, balance)
                events.append(GuaranteeEvent(id: Int64(index + 2), guaranteeID: 1, kind: .drawn, date: date,
                                             amount: Fen(amount), noticeNumber: "N", actor: "t"))
                balance -= amount
                open += amount
            } else if step < 0, open > 0 {
                let amount = min(-step, open)
                events.append(GuaranteeEvent(id: Int64(index + 2), guaranteeID: 1, kind: .replenished, date: date,
                                             amount: Fen(amount), actor: "t"))
                balance += amount
                open -= amount
            }
        }
        return (guarantee, events)
    }

    @Test func theBalanceIsWhatWasLodgedLessWhatIsStillDrawn() async {
        await propertyCheck(count: 1_000, input: Gen.int64(in: 1...Fen.inputLimit.value),
                            Gen.int64(in: -Fen.inputLimit.value...Fen.inputLimit.value).array(of: 0...25)) { lodged, steps in
            let (guarantee, events) = Self.history(lodged: lodged, steps: steps)
            let asOf = LocalDate(year: 2030, month: 1, day: 1)!
            let state = GuaranteeState.derive(guarantee, events: events, asOf: asOf)
            let drawn = events.filter { $0.kind == .drawn }.reduce(Int64(0)) { $0 + ($1.amount?.value ?? 0) }
            let replenished = events.filter { $0.kind == .replenished }.reduce(Int64(0)) { $0 + ($1.amount?.value ?? 0) }
            #expect(state.balance.value == lodged - drawn + replenished)
            #expect((0...lodged).contains(state.balance.value))
            #expect(state.unreplenished.value == drawn - replenished && state.drawnTotal.value == drawn)
            #expect((state.unreplenished == .zero) == (state.unreplenishedSince == nil))
            #expect(state.everDrawn == (drawn > 0))
            // Event order as stored does not matter, only dates.
            #expect(GuaranteeState.derive(guarantee, events: events.reversed(), asOf: asOf) == state)
        }
    }

    @Test func theStateOnADayDependsOnlyOnEventsUpToThatDay() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 1...1_000_000),
                            Gen.int64(in: -1_000_000...1_000_000).array(of: 1...20), Gen.int(in: 0...25)) { lodged, steps, cut in
            let (guarantee, events) = Self.history(lodged: lodged, steps: steps)
            let day = LocalDate(year: 2024, month: 3, day: 1)!.adding(days: cut)
            let state = GuaranteeState.derive(guarantee, events: events, asOf: day)
            #expect(state == GuaranteeState.derive(guarantee, events: events.filter { $0.date <= day }, asOf: day))
        }
    }
}
