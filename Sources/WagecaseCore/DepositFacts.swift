/// Changes to the facts a project's deposit duty is decided on (人社部发〔2021〕65号 Art. 8, 11, 12), as
/// `project add|update` and the forms give them. Each nil leaves its fact as it is.
public struct DepositFactChanges: Sendable, Equatable {
    public var permitDate: LocalDate?
    public var contractSigned: LocalDate?
    public var priorYearArrears: Bool?
    public var realNameManagement: Bool?
    public var wageAccount: Bool?
    public var standingSince: LocalDate?
    /// 0 clears a lowered ratio.
    public var reducedRatioBasisPoints: Int?

    public init(permitDate: LocalDate? = nil, contractSigned: LocalDate? = nil, priorYearArrears: Bool? = nil,
                realNameManagement: Bool? = nil, wageAccount: Bool? = nil, standingSince: LocalDate? = nil,
                reducedRatioBasisPoints: Int? = nil) {
        (self.permitDate, self.contractSigned, self.priorYearArrears) = (permitDate, contractSigned, priorYearArrears)
        (self.realNameManagement, self.wageAccount) = (realNameManagement, wageAccount)
        (self.standingSince, self.reducedRatioBasisPoints) = (standingSince, reducedRatioBasisPoints)
    }

    /// The lowest ratio a contractor with several projects may be allowed (Art. 11 ¶2): 0.5%.
    public static let lowestReducedRatio = 50

    /// Parses the text users give; every value is checked here.
    public static func parse(permitDate: String? = nil, contractSigned: String? = nil, priorYearArrears: String? = nil,
                             realNameManagement: String? = nil, wageAccount: String? = nil,
                             standingSince: String? = nil, reducedRatio: String? = nil) throws(WagecaseError) -> Self {
        func date(_ text: String?, _ field: String) throws(WagecaseError) -> LocalDate? {
            try text.map { t throws(WagecaseError) in try LocalDate.parse(t, field: field) }
        }
        func flag(_ text: String?, _ field: String) throws(WagecaseError) -> Bool? {
            try text.map { t throws(WagecaseError) in try YesNo.parse(t, field: field) }
        }
        var changes = DepositFactChanges(
            permitDate: try date(permitDate, "permit_date"), contractSigned: try date(contractSigned, "contract_signed"),
            priorYearArrears: try flag(priorYearArrears, "prior_year_arrears"),
            realNameManagement: try flag(realNameManagement, "real_name_management"),
            wageAccount: try flag(wageAccount, "wage_account"), standingSince: try date(standingSince, "standing_since"))
        if let reducedRatio {
            let text = normalizeWidth(reducedRatio.trimmingWhitespace())
            guard let points = Int(text), points == 0 || (lowestReducedRatio...10_000).contains(points) else {
                throw .invalidField(
                    field: "reduced_ratio_bp", value: reducedRatio,
                    reason: "is below 0.5% of the contract price or not a whole number of basis points (Art. 11)",
                    allowed: "\(lowestReducedRatio) to 10000 basis points (50 = 0.5%), or 0 to clear it")
            }
            changes.reducedRatioBasisPoints = points
        }
        return changes
    }

    func apply(to project: inout Project) {
        if let permitDate { project.permitDate = permitDate }
        if let contractSigned { project.contractSigned = contractSigned }
        if let priorYearArrears { project.priorYearArrears = priorYearArrears }
        if let realNameManagement { project.realNameManagement = realNameManagement }
        if let wageAccount { project.wageAccount = wageAccount }
        if let standingSince { project.standingSince = standingSince }
        if let reducedRatioBasisPoints {
            project.reducedRatioBasisPoints = reducedRatioBasisPoints == 0 ? nil : reducedRatioBasisPoints
        }
    }
}

/// A yes-or-no fact as users type it: yes/no, true/false, 1/0, 是/否, 有/无.
public enum YesNo {
    public static func parse(_ text: String, field: String) throws(WagecaseError) -> Bool {
        switch normalizeWidth(text.trimmingWhitespace()).lowercased() {
        case "yes", "y", "true", "1", "是", "有": return true
        case "no", "n", "false", "0", "否", "无", "没有": return false
        default:
            throw .invalidField(field: field, value: text, reason: "is not yes or no", allowed: "yes or no (是/否)")
        }
    }
}
