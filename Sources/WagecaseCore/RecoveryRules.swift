/// The rules for money recorded as recovered on a case: the same whether it is typed, posted, or comes from a
/// draw on the project's wage guarantee.
public enum RecoveryRules {
    /// Checks one payment against the case as it stands. Past the claim it needs `force` (then it is marked);
    /// a payment from the guarantee is only ever recorded by the draw that paid it (`viaDraw`), so "drawn" and
    /// "recovered by draw" cannot disagree.
    /// Returns whether the payment is forced past the claim.
    public static func check(_ wageCase: WageCase, amount: Fen, paid: LocalDate, route: RecoveryRoute,
                             today: LocalDate, force: Bool, viaDraw: Bool = false) throws(WagecaseError) -> Bool {
        if route == .guaranteeDraw && !viaDraw {
            throw .invalidField(
                field: "route", value: route.rawValue, reason: "is recorded by the draw on the guarantee that paid it",
                allowed: "employer-paid, court-enforcement or emergency-fund here; a payment from the deposit is recorded as a drawn event on the project's guarantee naming this case")
        }
        if paid > today {
            throw .dateOutOfOrder(field: "on", value: paid, reason: "is in the future (today is \(today))")
        }
        if paid < wageCase.opened {
            throw .dateOutOfOrder(field: "on", value: paid,
                                  reason: "is before case \(wageCase.label) was opened (\(wageCase.opened))")
        }
        let exceeds = wageCase.recovered + amount > wageCase.claimed
        if exceeds && (!force || viaDraw) {
            throw .overRecovery(caseLabel: wageCase.label, claimed: wageCase.claimed,
                                alreadyRecovered: wageCase.recovered, amount: amount)
        }
        return exceeds
    }

    /// How a draw's amount is paid out over the cases it names: one case without an amount takes all of it;
    /// otherwise each case says its amount and the amounts add up to the draw.
    public static func split(draw amount: Fen, over cases: [(reference: CaseReference, amount: Fen?)])
        throws(WagecaseError) -> [Fen] {
        guard !cases.isEmpty else { return [] }
        var seen = Set<String>()
        for item in cases where !seen.insert(item.reference.text).inserted {
            throw .invalidField(field: "case", value: item.reference.text, reason: "is named twice",
                                allowed: "each case once per draw")
        }
        if cases.count == 1 && cases[0].amount == nil { return [amount] }
        var amounts: [Fen] = []
        for item in cases {
            guard let share = item.amount, share.value > 0 else {
                throw .invalidField(field: "case", value: item.reference.text, reason: "has no amount",
                                    allowed: "CASE=AMOUNT for each case when a draw pays several")
            }
            amounts.append(share)
        }
        let total = amounts.reduce(Fen.zero, +)
        guard total == amount else {
            throw .invalidField(field: "case", value: total.yuan, reason: "does not add up to the draw (\(amount.yuan))",
                                allowed: "case amounts whose sum is the amount drawn")
        }
        return amounts
    }
}
