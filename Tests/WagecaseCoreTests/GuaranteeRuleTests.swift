import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("Jurisdiction rules and the required deposit")
struct GuaranteeRuleTests {
    static let province = try! GuaranteeRule(region: "62", effectiveFrom: LocalDate(year: 2022, month: 1, day: 1)!,
                                             name: "2% cap 500万", ratioBasisPoints: 200, cap: Fen(500_000_000),
                                             exemptBelow: Fen(300_000_000))
    static let other = try! GuaranteeRule(region: "41", effectiveFrom: LocalDate(year: 2022, month: 3, day: 1)!,
                                          name: "3% cap 300万 floor 5万", ratioBasisPoints: 300, cap: Fen(300_000_000),
                                          floor: Fen(5_000_000))

    static func project(_ price: Fen, _ standing: ContractorStanding = .standard) -> Project {
        Project(id: 1, name: "p", employerID: 1, employerName: "e", location: nil, contractPrice: price,
                standing: standing, createdAt: "2024-01-01T00:00:00+08:00")
    }

    func project(_ price: Fen, _ standing: ContractorStanding = .standard) -> Project { Self.project(price, standing) }

    func required(_ rule: GuaranteeRule, _ price: Fen, _ standing: ContractorStanding) -> Fen? {
        DepositRequirement.of(Self.project(price, standing), rule: rule)?.amount
    }

    @Test func nationalDefaultIsTwoPercentWithoutCap() {
        let rule = GuaranteeRule.nationalDefault
        #expect(required(rule, Fen(100_000_000_000), .standard) == Fen(2_000_000_000))
        #expect(rule.reminderMonths == 1 && rule.replenishWorkingDays == 10)
    }

    @Test func capFloorAndExemptionThreshold() {
        // ¥1.8亿 × 2% = ¥360万, under the ¥500万 cap.
        #expect(required(Self.province, Fen(18_000_000_000), .standard) == Fen(360_000_000))
        // ¥5亿 × 2% = ¥1000万, capped.
        #expect(required(Self.province, Fen(50_000_000_000), .standard) == Fen(500_000_000))
        // Below ¥300万: exempt when the contractor had no arrears in the year before the contract (Art. 11 ¶3),
        // owed like any other when it had, and not told while that is not recorded.
        var small = project(Fen(299_999_999))
        small.priorYearArrears = false
        #expect(DepositRequirement.of(small, rule: Self.province) == .exempt(.smallContract))
        small.priorYearArrears = true
        #expect(DepositRequirement.of(small, rule: Self.province) == .required(Fen(6_000_000)))
        small.priorYearArrears = nil
        #expect(DepositRequirement.of(small, rule: Self.province) == .undetermined)
        small.standing = .arrears2y
        #expect(required(Self.province, Fen(299_999_999), .arrears2y) == Fen(9_000_000))
        // ¥100万 × 3% = ¥3万, raised to the ¥5万 floor.
        #expect(required(Self.other, Fen(100_000_000), .standard) == Fen(5_000_000))
    }

    @Test("the contractor's record adjusts it", arguments: [
        (ContractorStanding.standard, Int64(360_000_000)), (.noArrears2y, 180_000_000), (.noArrears3y, 180_000_000),
        (.arrears2y, 540_000_000), (.dishonest, 720_000_000),
    ])
    func standing(standing: ContractorStanding, expected: Int64) {
        let uncapped = try! GuaranteeRule(region: "62", effectiveFrom: LocalDate(year: 2022, month: 1, day: 1)!,
                                          name: "2%", ratioBasisPoints: 200)
        #expect(required(uncapped, Fen(18_000_000_000), standing) == Fen(expected))
    }

    @Test func roundsHalfUpToTheFen() {
        // 12,345 fen × 2% = 246.9 fen → 247.
        #expect(required(GuaranteeRule.nationalDefault, Fen(12_345), .standard) == Fen(247))
    }

    @Test func theMostSpecificRuleInForceOnTheStartDateApplies() throws {
        let district = try GuaranteeRule(region: "620403", effectiveFrom: LocalDate(year: 2024, month: 6, day: 1)!,
                                         name: "district", ratioBasisPoints: 150)
        let rules = [GuaranteeRule.nationalDefault, Self.province, Self.other, district]
        let before = LocalDate(year: 2024, month: 5, day: 31)!, after = LocalDate(year: 2024, month: 6, day: 1)!
        #expect(GuaranteeRule.inForce(rules, regionCode: "620403", on: before)?.name == Self.province.name)
        #expect(GuaranteeRule.inForce(rules, regionCode: "620403", on: after)?.name == "district")
        #expect(GuaranteeRule.inForce(rules, regionCode: "110105", on: after) == .nationalDefault)
        #expect(GuaranteeRule.inForce(rules, regionCode: nil, on: after) == .nationalDefault)
        #expect(GuaranteeRule.inForce([Self.province], regionCode: "620403", on: LocalDate(year: 2021, month: 1, day: 1)!) == nil)
    }

    @Test func rulesAreRangeChecked() {
        expectRefused(.field("region")) {
            try GuaranteeRule(region: "6x", effectiveFrom: LocalDate(year: 2022, month: 1, day: 1)!, name: "x",
                              ratioBasisPoints: 200)
        }
        expectRefused(.field("floor_fen")) {
            try GuaranteeRule(region: "62", effectiveFrom: LocalDate(year: 2022, month: 1, day: 1)!, name: "x",
                              ratioBasisPoints: 200, cap: Fen(1), floor: Fen(2))
        }
        // Found by the API contract check: a negative threshold reached the database's CHECK and answered 500.
        expectRefused(.field("exempt_below_fen")) {
            try GuaranteeRule(region: "62", effectiveFrom: LocalDate(year: 2022, month: 1, day: 1)!, name: "x",
                              ratioBasisPoints: 200, exemptBelow: Fen(-1))
        }
        expectRefused(.field("name")) {
            try GuaranteeRule(region: "62", effectiveFrom: LocalDate(year: 2022, month: 1, day: 1)!, name: " ",
                              ratioBasisPoints: 200)
        }
    }

    @Test func monthsClampToTheMonthsEnd() {
        #expect(LocalDate(year: 2024, month: 1, day: 31)!.adding(months: 1) == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate(year: 2025, month: 3, day: 31)!.adding(months: -1) == LocalDate(year: 2025, month: 2, day: 28))
        #expect(LocalDate(year: 2024, month: 11, day: 15)!.adding(months: 2) == LocalDate(year: 2025, month: 1, day: 15))
    }
}
