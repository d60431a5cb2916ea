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

    func details(clearExemption: Bool = false) throws(WagecaseError) -> ProjectDetails {
        try ProjectDetails.parse(region: region, contractPrice: contractPrice, start: start,
                                 plannedCompletion: plannedCompletion, actualCompletion: actualCompletion,
                                 status: status, standing: standing, exemptionReason: exemptionReason,
                                 exemptionDocument: exemptionDocument, clearExemption: clearExemption)
    }
}
