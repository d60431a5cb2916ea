/// What a document is made from: the records as they stand, the office and the date, and its number (nil for a
/// preview). The store loads them in the transaction that records the document.
public struct DocumentFacts: Sendable {
    public var office: String
    public var date: LocalDate
    public var number: String?
    public var caseDetail: CaseDetail?
    public var worker: Worker?
    public var employer: Employer?
    public var project: Project?
    /// The cases of the case's series, the case itself among them (empty when it is alone).
    public var series: [WageCase] = []
    public var clue: Clue?
    public var suggestion: Suggestion?
    public var suggestionProjects: [Project] = []

    public init(office: String, date: LocalDate, number: String?) {
        (self.office, self.date, self.number) = (office, date, number)
    }

    /// The day the record begins: a document cannot be dated before it.
    public var recordDate: LocalDate? {
        caseDetail?.wageCase.opened ?? clue?.received ?? suggestion?.issued
    }

    /// A document is dated today or earlier (its number's year is the date's), never before its record.
    public func checkDate(today: LocalDate) throws(WagecaseError) {
        if date > today {
            throw .dateOutOfOrder(field: "date", value: date, reason: "is after today (\(today.iso))")
        }
        if let recordDate, date < recordDate {
            throw .dateOutOfOrder(field: "date", value: date, reason: "is before the record it is made from (\(recordDate.iso))")
        }
    }
}

/// Fills a document's fields from its records, refusing a document the record does not support yet (a support
/// letter for a case nobody decided to support, a decision not to support for a case still open).
public enum DocumentContent {
    public static let pendingNumber = "（文号待定）"

    public static func fields(_ kind: DocumentKind, _ facts: DocumentFacts) throws(WagecaseError) -> DocumentFields {
        guard !facts.office.isEmpty else {
            throw .invalidField(field: Setting.officeName.rawValue, value: "", reason: "is not set",
                                allowed: "the office's full name, set once with `wagecase setting set office_name 平川区人民检察院`")
        }
        var fields = DocumentFields([
            "office": .text(facts.office),
            "title": .text(kind.zh),
            "number": .text(facts.number ?? pendingNumber),
            "date": .text(chineseDate(facts.date)),
            "legal_basis": .text(legalBasis(kind)),
        ])
        switch kind.subject {
        case .wageCase: try fillCase(kind, facts, into: &fields)
        case .clue: try fillClue(facts, into: &fields)
        case .suggestion: try fillSuggestion(facts, into: &fields)
        }
        return fields
    }

    /// The kinds a case's record supports now: the acceptance notice always, the support letter once support is
    /// decided (and neither declined nor withdrawn), the decision not to support once declined.
    public static func kinds(for detail: CaseDetail) -> [DocumentKind] {
        let stage = detail.wageCase.stage
        var kinds: [DocumentKind] = [.acceptanceNotice]
        if detail.events.contains(where: { $0.stage == .supportDecided }), stage != .declined, stage != .supportWithdrawn {
            kinds.append(.supportLetter)
        }
        if stage == .declined, detail.events.contains(where: { $0.stage == .declined }) { kinds.append(.declineNotice) }
        return kinds
    }

    /// A referral letter once the clue is referred.
    public static func kinds(for clue: Clue) -> [DocumentKind] { clue.status == .referred ? [.referralLetter] : [] }

    /// 2026年11月27日, as GB/T 9704 writes a date: Arabic numerals, year, month and day in full.
    public static func chineseDate(_ date: LocalDate) -> String {
        "\(date.year)年\(date.month)月\(date.day)日"
    }

    /// A value a template may test with a section ({{#handler}}…{{/handler}}): absent when not recorded.
    static func optional(_ text: String?) -> DocumentValue? {
        guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
        return .text(text)
    }

    /// "38,000.00元".
    public static func figures(_ amount: Fen) -> String { amount.yuan + "元" }

    static func legalBasis(_ kind: DocumentKind) -> String {
        switch kind {
        case .acceptanceNotice, .supportLetter, .declineNotice:
            "《中华人民共和国民事诉讼法》第十五条、《保障农民工工资支付条例》第三条"
        case .suggestion:
            "《中华人民共和国人民检察院组织法》第二十一条、《人民检察院检察建议工作规定》、《保障农民工工资支付条例》第三十二条"
        case .referralLetter:
            "《保障农民工工资支付条例》第十条、第四十八条"
        }
    }

    private static func fillEmployer(_ facts: DocumentFacts, employerName: String, projectName: String?,
                                     into fields: inout DocumentFields) {
        fields["employer_name"] = .text(facts.employer?.name ?? employerName)
        fields["employer_credit_code"] = optional(facts.employer?.creditCode)
        fields["project_name"] = optional(facts.project?.name ?? projectName)
        fields["project_location"] = optional(facts.project?.location)
    }

    private static func person(_ index: Int, name: String, idNumber: String, claimed: Fen) -> [String: DocumentValue] {
        ["index": .text(String(index)), "name": .text(name), "id_number": .text(idNumber),
         "claimed": .text(figures(claimed)), "claimed_capitals": .text(ChineseCapitals.amount(claimed))]
    }

    private static func fillCase(_ kind: DocumentKind, _ facts: DocumentFacts,
                                 into fields: inout DocumentFields) throws(WagecaseError) {
        guard let detail = facts.caseDetail else {
            throw .notFound(entity: "case", key: "")
        }
        let wageCase = detail.wageCase
        let decided = detail.events.last { $0.stage == .supportDecided }
        let declined = detail.events.last { $0.stage == .declined }
        switch kind {
        case .supportLetter:
            guard kinds(for: detail).contains(.supportLetter) else {
                throw .invalidState(entity: "case", key: wageCase.label, state: "is \(wageCase.stage)",
                                    action: "make a support letter",
                                    allowed: "a case the office has decided to support (support-decided or later)")
            }
        case .declineNotice:
            guard kinds(for: detail).contains(.declineNotice) else {
                throw .invalidState(entity: "case", key: wageCase.label, state: "is \(wageCase.stage)",
                                    action: "make a decision not to support",
                                    allowed: "a case the office has declined to support")
            }
        default: break
        }
        fillEmployer(facts, employerName: wageCase.employerName, projectName: nil, into: &fields)
        let worker = facts.worker
        fields["case_number"] = optional(wageCase.caseNumber)
        fields["worker_name"] = .text(worker?.name ?? wageCase.workerName)
        fields["worker_id_number"] = .text(worker?.idNumber ?? wageCase.workerIDNumber)
        fields["worker_phone"] = optional(worker?.phone)
        fields["worker_address"] = optional(worker?.hometown)
        fields["claimed"] = .text(figures(wageCase.claimed))
        fields["claimed_capitals"] = .text(ChineseCapitals.amount(wageCase.claimed))
        fields["recovered"] = .text(figures(wageCase.recovered))
        fields["outstanding"] = .text(figures(wageCase.outstanding))
        fields["outstanding_capitals"] = .text(ChineseCapitals.amount(wageCase.outstanding))
        let applied = detail.activities.first { $0.kind == .application }?.date ?? facts.clue?.received ?? wageCase.opened
        fields["applied_on"] = .text(chineseDate(applied))
        fields["accepted_on"] = .text(chineseDate(wageCase.opened))
        let decision = kind == .declineNotice ? declined : decided
        fields["decided_on"] = optional(decision.map { chineseDate($0.date) })
        fields["decline_reason"] = optional(declined?.note)
        fields["employment_ended"] = optional(wageCase.employmentEnded.map(chineseDate))
        fields["court"] = optional(wageCase.court)
        fields["handler"] = optional(wageCase.handler)
        let series = facts.series.isEmpty ? [wageCase] : facts.series
        fields["in_series"] = .flag(wageCase.seriesID != nil && series.count > 1)
        fields["series_name"] = optional(wageCase.seriesName)
        fields["series_count"] = .text(String(series.count))
        let total = series.reduce(Fen.zero) { $0 + $1.claimed }
        fields["series_claimed"] = .text(figures(total))
        fields["series_claimed_capitals"] = .text(ChineseCapitals.amount(total))
        fields["series"] = .list(series.enumerated().map { offset, member in
            person(offset + 1, name: member.workerName, idNumber: member.workerIDNumber, claimed: member.claimed)
        })
    }

    private static func fillClue(_ facts: DocumentFacts, into fields: inout DocumentFields) throws(WagecaseError) {
        guard let clue = facts.clue else { throw .notFound(entity: "clue", key: "") }
        guard kinds(for: clue).contains(.referralLetter) else {
            throw .invalidState(entity: "clue", key: "#\(clue.id)", state: "is \(clue.status)",
                                action: "make a referral letter",
                                allowed: "a clue referred to another agency (`wagecase clue refer`)")
        }
        fillEmployer(facts, employerName: clue.employerName, projectName: clue.projectName, into: &fields)
        fields["clue_id"] = .text(String(clue.id))
        fields["source"] = .text(clue.source.zh)
        fields["received"] = .text(chineseDate(clue.received))
        fields["summary"] = optional(clue.summary)
        fields["agency"] = .text(clue.statusReason ?? "")
        fields["worker_count"] = .text(String(clue.workers.count))
        fields["claimed"] = .text(figures(clue.claimedTotal))
        fields["claimed_capitals"] = .text(ChineseCapitals.amount(clue.claimedTotal))
        fields["workers"] = .list(clue.workers.enumerated().map { offset, worker in
            person(offset + 1, name: worker.name, idNumber: worker.idNumber, claimed: worker.claimed)
        })
    }

    private static func fillSuggestion(_ facts: DocumentFacts, into fields: inout DocumentFields) throws(WagecaseError) {
        guard let suggestion = facts.suggestion else { throw .notFound(entity: "suggestion", key: "") }
        fields["agency"] = .text(suggestion.agency)
        fields["suggestion_number"] = .text(suggestion.number)
        fields["issued"] = .text(chineseDate(suggestion.issued))
        fields["reply_due"] = .text(chineseDate(suggestion.replyDue))
        fields["body"] = optional(suggestion.text)
        let months = max(0, (suggestion.replyDue.year - suggestion.issued.year) * 12
            + suggestion.replyDue.month - suggestion.issued.month)
        fields["reply_months"] = .text(String(months))
        fields["has_projects"] = .flag(!facts.suggestionProjects.isEmpty)
        fields["projects"] = .list(facts.suggestionProjects.enumerated().map { offset, project in
            ["index": .text(String(offset + 1)), "name": .text(project.name), "employer": .text(project.employerName)]
        })
    }
}
