import WagecaseCore

/// What clue intake writes, the same on every engine: the clue as created (returned without reading it back) and
/// the fields its audit entries carry.
public enum ClueWritten {
    /// The new clue as the stores return it: its workers in the order of their records, its one channel.
    public static func created(id: Int64, input: NewClue, employer: (id: Int64, name: String),
                               project: (id: Int64, name: String)?, claims: [ClueIntake.Claim],
                               found: [(name: String, idNumber: String)], follows: Int64?, at: String) -> Clue {
        let workers = zip(claims, found).map { claim, worker in
            ClueWorker(workerID: claim.workerID, name: worker.name, idNumber: worker.idNumber, claimed: claim.claimed)
        }.sorted { $0.workerID < $1.workerID }
        return Clue(id: id, source: input.source, received: input.received, employerID: employer.id,
                    employerName: employer.name, projectID: project?.id, projectName: project?.name,
                    summary: input.summary, status: .new, statusReason: nil, createdAt: at,
                    workers: workers, channels: [ClueChannel(source: input.source, received: input.received)],
                    followsClueID: follows)
    }

    /// A clue's project must be its employer's: refused naming whose it is.
    public static func checkProject(_ reference: ProjectReference?, ofEmployer owner: (id: Int64, name: String)?,
                                    employer: (id: Int64, name: String)) throws(WagecaseError) {
        guard let owner, owner.id != employer.id else { return }
        throw .invalidField(field: "project", value: reference?.description ?? "",
                            reason: "belongs to \(owner.name) (#\(owner.id)), not \(employer.name)",
                            allowed: "a project of employer #\(employer.id)")
    }

    /// The workers a new clue names, as its audit entry lists them: masked ID number = fen, in claim order.
    public static func workersField(_ claims: [ClueIntake.Claim]) -> String {
        claims.map { "\($0.label)=\($0.claimed.value)" }.joined(separator: ",")
    }

    /// A new clue's audit fields.
    public static func insertFields(source: ClueSource, received: LocalDate, employerID: Int64, projectID: Int64?,
                                    summary: String?, follows: Int64?, workers: String?) -> AuditFields {
        ["source": source.rawValue, "received_on": received.iso, "employer_id": employerID, "project_id": projectID,
         "summary": summary, "status": "new", "follows_clue_id": follows, "workers": workers]
    }

    /// A merge's claims whose amount changes (`changedAmounts`, indexes into `claims`), each with its audit fields
    /// before and after (the amount the clue recorded for that worker, and the new one).
    public static func amountChanges(existing: Clue, claims: [ClueIntake.Claim], changedAmounts: [Int])
        -> [(claim: ClueIntake.Claim, before: AuditFields, after: AuditFields)] {
        let recorded = Dictionary(existing.workers.map { ($0.workerID, $0.claimed) }, uniquingKeysWith: { a, _ in a })
        return changedAmounts.map { index in
            let claim = claims[index]
            return (claim, ["worker_id": claim.workerID, "claimed_fen": recorded[claim.workerID]?.value],
                    ["worker_id": claim.workerID, "claimed_fen": claim.claimed.value])
        }
    }

    /// Why a merged claim's amount was written.
    public static let amountStandsReason = "the merged claim's amount stands"

    /// A merge's audit fields, before and after: the clue's channels and how many workers it names.
    public static func mergeFields(existing: Clue, adding channel: ClueChannel?, newWorkers: Int)
        -> (before: AuditFields, after: AuditFields) {
        func listed(_ channels: [ClueChannel]) -> String {
            channels.map { "\($0.source.rawValue)@\($0.received)" }.joined(separator: ",")
        }
        return (["channels": listed(existing.channels), "workers": existing.workers.count],
                ["channels": listed(existing.channels + (channel.map { [$0] } ?? [])),
                 "workers": existing.workers.count + newWorkers])
    }
}
