import ArgumentParser
import WagecaseCore

/// The guarantee-relevant facts of a project, shared by `project add` and `project update`.
struct ProjectDetailOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Administrative division code (行政区划代码), e.g. 620403.", valueName: "CODE"))
    var region: String?
    @Option(name: .customLong("contract-price"), help: ArgumentHelp("Contract price in yuan, e.g. 120000000 or 12000万.",
                                                                    valueName: "AMOUNT"))
    var contractPrice: String?
    @Option(help: ArgumentHelp("Start date (开工日期).", valueName: "DATE")) var start: String?
    @Option(name: .customLong("planned-completion"), help: ArgumentHelp("Planned completion date.", valueName: "DATE"))
    var plannedCompletion: String?
    @Option(name: .customLong("actual-completion"), help: ArgumentHelp("Actual completion date (竣工).", valueName: "DATE"))
    var actualCompletion: String?
    @Option(help: ArgumentHelp("One of: \(ProjectStatus.identifiers).", valueName: "STATUS")) var status: String?
    @Option(help: ArgumentHelp("The contractor's wage record: \(ContractorStanding.identifiers).", valueName: "STANDING"))
    var standing: String?
    @Option(name: .customLong("exemption-reason"), help: "Why the project is exempt from the deposit.")
    var exemptionReason: String?
    @Option(name: .customLong("exemption-document"), help: "Document number granting the exemption.")
    var exemptionDocument: String?
    @Option(name: .customLong("permit-date"),
            help: ArgumentHelp("Construction permit issued (施工许可证): the deposit is due 20 working days after (Art. 8).",
                               valueName: "DATE"))
    var permitDate: String?
    @Option(name: .customLong("contract-signed"),
            help: ArgumentHelp("Contract signed, for works that need no permit: the deposit counts from it.", valueName: "DATE"))
    var contractSigned: String?
    @Option(name: .customLong("prior-year-arrears"),
            help: ArgumentHelp("Whether the contractor had wage arrears in the year before the contract (Art. 11).",
                               valueName: "yes|no"))
    var priorYearArrears: String?
    @Option(name: .customLong("real-name"), help: ArgumentHelp("Real-name management of workers in place (实名制).", valueName: "yes|no"))
    var realNameManagement: String?
    @Option(name: .customLong("wage-account"), help: ArgumentHelp("Wage special account in place (农民工工资专用账户).", valueName: "yes|no"))
    var wageAccount: String?
    @Option(name: .customLong("standing-since"),
            help: ArgumentHelp("Since when the contractor's standing holds (its reductions apply to projects from then).",
                               valueName: "DATE"))
    var standingSince: String?
    @Option(name: .customLong("reduced-ratio-bp"),
            help: ArgumentHelp("Ratio lowered for several projects in the area, in basis points, at least 50 (0.5%); 0 clears it.",
                               valueName: "N"))
    var reducedRatio: String?

    func details(clearExemption: Bool = false) throws(WagecaseError) -> ProjectDetails {
        var details = try ProjectDetails.parse(region: region, contractPrice: contractPrice, start: start,
                                               plannedCompletion: plannedCompletion, actualCompletion: actualCompletion,
                                               status: status, standing: standing, exemptionReason: exemptionReason,
                                               exemptionDocument: exemptionDocument, clearExemption: clearExemption)
        details.deposit = try DepositFactChanges.parse(
            permitDate: permitDate, contractSigned: contractSigned, priorYearArrears: priorYearArrears,
            realNameManagement: realNameManagement, wageAccount: wageAccount, standingSince: standingSince,
            reducedRatio: reducedRatio)
        return details
    }
}
