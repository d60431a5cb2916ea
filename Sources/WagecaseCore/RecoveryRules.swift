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

    /// The balancing entry (冲正) that reverses a payment entered wrongly: the same case, day, route and payer,
    /// the amount negated, the reason as its note. A payment is reversed once; a balancing entry is not itself
    /// reversed (enter the payment again instead); a payment from the guarantee belongs to the draw that made it.
    /// A closed case's payments stand as its closing reason counted them: the case is reopened first.
    public static func reversal(of original: Recovery, in wageCase: WageCase, reason: String) throws(WagecaseError) -> Recovery {
        let reason = try TextField.required(reason, field: "reason", maxLength: 2000)
        let label = "#\(original.id)"
        if wageCase.stage == .closed {
            throw .invalidState(entity: "case", key: wageCase.label, state: "is closed", action: "reverse one of its payments",
                                allowed: "a case not closed; reopen it first, with a reason")
        }
        if original.reverses != nil {
            throw .invalidState(entity: "recovery", key: label, state: "is itself a balancing entry",
                                action: "reverse it", allowed: "a payment; record the payment again instead")
        }
        if let by = original.reversedBy {
            throw .invalidState(entity: "recovery", key: label, state: "was already reversed by #\(by)",
                                action: "reverse it", allowed: "a payment not reversed yet")
        }
        if original.route == .guaranteeDraw {
            throw .invalidState(entity: "recovery", key: label, state: "was paid by a draw on the guarantee",
                                action: "reverse it", allowed: "a payment by another route; a draw's payments follow the draw")
        }
        return Recovery(id: 0, caseID: original.caseID, paid: original.paid, amount: Fen(-original.amount.value),
                        route: original.route, payer: original.payer, note: reason, forced: false,
                        actor: original.actor, reverses: original.id)
    }
}
