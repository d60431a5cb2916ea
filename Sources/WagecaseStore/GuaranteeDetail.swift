import Foundation
import WagecaseCore

/// A guarantee with its history and what that adds up to.
public struct GuaranteeDetail: Sendable, Codable, Equatable {
    public var guarantee: Guarantee
    public var projectName: String
    public var state: GuaranteeState
    public var events: [GuaranteeEvent]
    public var asOf: LocalDate

    public init(guarantee: Guarantee, projectName: String, state: GuaranteeState, events: [GuaranteeEvent],
                asOf: LocalDate) {
        (self.guarantee, self.projectName, self.state, self.events, self.asOf) =
            (guarantee, projectName, state, events, asOf)
    }

    enum CodingKeys: String, CodingKey {
        case guarantee, state, events, projectName = "project_name", asOf = "as_of"
    }
}
