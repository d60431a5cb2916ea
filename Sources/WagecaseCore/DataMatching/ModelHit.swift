/// A lead a model found: who it is about, the rows that show it, and how it ranks.
public struct ModelHit: Sendable, Equatable {
    public var model: String
    public var version: Int
    /// What the lead is about within its model (employer and project, a claimant, a project and its last
    /// transfer): a re-run that finds the same subject finds the same lead.
    public var subject: String
    public var caution: Bool
    public var audience: ModelAudience
    public var employer: String?
    public var creditCode: String?
    public var project: String?
    public var workers: [HitWorker]
    public var amount: Fen
    /// The dataset rows that matched, by id.
    public var evidence: [Int64]
    public var score: Int
    /// Guarantees in the registry the lead names (to draw).
    public var guarantees: [Int64]
    /// For a silent project: the last month with a transfer, if any.
    public var lastActivity: LocalDate?

    public init(model: String, version: Int, subject: String, caution: Bool, audience: ModelAudience, employer: String?,
                creditCode: String?, project: String?, workers: [HitWorker], amount: Fen, evidence: [Int64], score: Int,
                guarantees: [Int64], lastActivity: LocalDate?) {
        (self.model, self.version, self.subject, self.caution, self.audience) = (model, version, subject, caution, audience)
        (self.employer, self.creditCode, self.project, self.workers, self.amount) = (employer, creditCode, project, workers, amount)
        (self.evidence, self.score, self.guarantees, self.lastActivity) = (evidence, score, guarantees, lastActivity)
    }
}

public struct HitWorker: Sendable, Equatable, Codable {
    public var idNumber: String?
    public var name: String?
    public var claimed: Fen

    enum CodingKeys: String, CodingKey { case name, idNumber = "id_number", claimed = "claimed_fen" }

    public init(idNumber: String?, name: String?, claimed: Fen) { (self.idNumber, self.name, self.claimed) = (idNumber, name, claimed) }
}

/// A guarantee in the registry as the models see it.
public struct RegistryGuarantee: Sendable, Equatable {
    public var id: Int64
    public var creditCode: String
    public var projectName: String
    public var drawn: Bool
    public init(id: Int64, creditCode: String, projectName: String, drawn: Bool) {
        (self.id, self.creditCode, self.projectName, self.drawn) = (id, creditCode, projectName, drawn)
    }
}

/// The registry's guarantees by employer and project (names compared as `MatchKey` cleans them).
public struct GuaranteeRegistry: Sendable {
    private var byProject: [String: [RegistryGuarantee]] = [:]
    private var byEmployer: [String: [RegistryGuarantee]] = [:]

    public init(_ guarantees: [RegistryGuarantee]) {
        for guarantee in guarantees {
            byProject["\(guarantee.creditCode)|\(MatchKey.name(guarantee.projectName))", default: []].append(guarantee)
            byEmployer[guarantee.creditCode, default: []].append(guarantee)
        }
    }

    /// The project's guarantees; the employer's, when the row names no project.
    public func guarantees(creditCode: String?, projectKey: String?) -> [RegistryGuarantee] {
        guard let creditCode else { return [] }
        if let projectKey { return byProject["\(creditCode)|\(projectKey)"] ?? [] }
        return byEmployer[creditCode] ?? []
    }

    func holds(_ test: RegistryTest, for record: DatasetRecord) -> Bool {
        let found = guarantees(creditCode: record.creditCode, projectKey: record.projectKey)
        switch test {
        case .none: return found.isEmpty
        case .lodged: return !found.isEmpty
        case .neverDrawn: return !found.isEmpty && !found.contains(where: \.drawn)
        }
    }
}
