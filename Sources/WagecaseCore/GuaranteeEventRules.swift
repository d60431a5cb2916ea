/// What a guarantee's history allows next (Regulations on Guaranteeing Payment of Wages to Migrant Workers,
/// 人社部发〔2021〕65号 Art. 19–22; domain.md §4): what each kind of event needs is checked when the input is made
/// (`NewGuaranteeEvent`); whether it may happen now depends on the state the events derive — nothing is drawn past
/// the balance or replenished past what was drawn, a bank pays a notice once, cash is not renewed, a return needs a
/// completed project, a 30-day notice completed before the written application and the application before the
/// answer, nothing follows a return, and no event is dated before the last or in the future.
public enum GuaranteeEventRules {
    public static func check(_ input: NewGuaranteeEvent, guarantee: Guarantee, events: [GuaranteeEvent],
                             state: GuaranteeState, projectStatus: ProjectStatus?, rule: GuaranteeRule,
                             today: LocalDate) throws(WagecaseError) {
        let label: Phrase = "guarantee #\(input.guaranteeID)"
        let amount = input.amount ?? .zero
        if input.date > today {
            throw .dateOutOfOrder(field: "on", value: input.date, reason: "is in the future (today is \(today))")
        }
        if let paid = input.paidOn, paid > today {
            throw .dateOutOfOrder(field: "paid_on", value: paid, reason: "is after today (\(today))")
        }
        if let last = events.map(\.date).max(), input.date < last {
            throw .dateOutOfOrder(field: "on", value: input.date, reason: "is before \(label)'s last event (\(last))")
        }
        func refuse(_ allowed: Phrase) -> WagecaseError {
            .invalidState(entity: "guarantee", key: "#\(input.guaranteeID)", state: "is \(state.status)",
                          action: "record \(input.kind)", allowed: allowed)
        }
        if state.status == .returned { throw refuse("it has not been returned") }
        switch input.kind {
        case .drawn:
            if events.contains(where: { $0.kind == .drawn && $0.noticeNumber == input.noticeNumber }) {
                throw .invalidField(field: "notice", value: input.noticeNumber ?? "",
                                    reason: "is the payment notice of an earlier draw of \(label)",
                                    allowed: "the number of this draw's own payment notice")
            }
            if amount > state.balance {
                throw .invalidField(
                    field: "amount", value: amount.yuan, reason: "is more than the balance of \(label) (\(state.balance.yuan))",
                    allowed: "at most \(state.balance.yuan)")
            }
        case .renewed:
            guard guarantee.kind.hasEndDate else { throw refuse("it is a letter or insurance, not cash") }
            if let ends = state.ends, let newEnds = input.newEnds, newEnds <= ends {
                throw .dateOutOfOrder(field: "ends", value: newEnds, reason: "is not after the current end date (\(ends))")
            }
        case .replaced:
            if !guarantee.kind.hasEndDate, let newEnds = input.newEnds {
                throw .invalidField(field: "ends", value: newEnds.iso, reason: "is given for a cash deposit", allowed: "no end date")
            }
            if let newEnds = input.newEnds, newEnds < input.date {
                throw .dateOutOfOrder(field: "ends", value: newEnds, reason: "is before the replacement itself (\(input.date))")
            }
        case .noticeStarted:
            if state.noticeStarted != nil || state.returnRequested != nil {
                throw refuse("no notice has started and no return is applied for")
            }
            if let projectStatus, projectStatus != .completed {
                throw .invalidState(
                    entity: "project", key: "#\(guarantee.projectID)", state: "is \(projectStatus)",
                    action: "publish the notice for the return of its guarantee",
                    allowed: "it is completed (\(GuaranteeRegulation.article(22)))")
            }
        case .returnRequested:
            if state.returnRequested != nil { throw refuse("no return application is awaiting an answer") }
            // Art. 22: the 30-day notice of no arrears comes first, then the written application.
            guard let notice = state.noticeStarted else {
                throw refuse("the public notice of no arrears was published first (\(GuaranteeRegulation.article(22)))")
            }
            // The notice's days count from the day after it starts (民法典 Art. 201), so it runs through start + days.
            let lastNoticeDay = notice.adding(days: rule.publicNoticeDays)
            if input.date <= lastNoticeDay {
                throw .dateOutOfOrder(
                    field: "on", value: input.date,
                    reason: "is not after the \(rule.publicNoticeDays)-day notice from \(notice), which runs through \(lastNoticeDay); the written application follows it (\(GuaranteeRegulation.article(22)))")
            }
        case .arrearsNotified, .returned:
            if state.returnRequested == nil { throw refuse("a return was applied for in writing") }
        case .bankPaid:
            if !state.unpaidDraws.contains(where: { $0.noticeNumber == input.noticeNumber }) {
                throw .invalidField(
                    field: "notice", value: input.noticeNumber ?? "",
                    reason: "names no payment notice of \(label) the bank has yet to pay",
                    allowed: state.unpaidDraws.isEmpty ? "none: every draw is paid"
                        : "one of \(state.unpaidDraws.compactMap(\.noticeNumber).joined(separator: ", "))")
            }
        case .replenished:
            // A replenishment restores what a draw took (Art. 20); with nothing drawn it would raise the
            // balance above the amount lodged.
            if amount > state.unreplenished {
                throw .invalidField(
                    field: "amount", value: amount.yuan,
                    reason: state.unreplenished == .zero
                        ? "replenishes \(label), which has no draw awaiting replenishment"
                        : "is more than \(label) awaits (\(state.unreplenished.yuan) drawn and not yet replenished)",
                    allowed: "at most the amount drawn and not yet replenished (\(state.unreplenished.yuan))")
            }
        case .lodged:
            break
        }
    }
}
