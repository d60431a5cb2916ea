import Foundation
import WagecaseCore
import WagecaseStore

/// The store interface over a SQLite file: each use-case of `AppDatabase` (synchronous, as the CLI calls it) run on
/// a BlockingWork thread, so an async caller never blocks Swift's cooperative pool; record writes are grouped into
/// one transaction per batch of concurrent requests (WriteCoalescer).
public struct SQLiteStore: RecordStore {
    public let database: AppDatabase
    /// The service's record writes, grouped into one transaction per batch (shared by the copies of this value).
    let coalescer = WriteCoalescer()

    public init(_ database: AppDatabase) { self.database = database }

    private func blocking<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        let database = self.database
        return try await BlockingWork.run { try body(database) }
    }

    /// A record write: one request of the next group commit (WriteCoalescer), answered once it has committed.
    private func writing<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        try await coalescer.write(database, body)
    }

    public func addEmployer(_ input: NewEmployer, actor: String) async throws -> Employer {
        try await writing { try $0.addEmployer(input, actor: actor) }
    }
    public func employer(_ reference: EmployerReference) async throws -> Employer {
        try await blocking { try $0.employer(reference) }
    }
    public func employers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Employer] {
        try await blocking { try $0.employers(nameContains: nameContains, limit: limit, afterID: afterID) }
    }
    public func addProject(_ input: NewProject, actor: String) async throws -> Project {
        try await writing { try $0.addProject(input, actor: actor) }
    }
    public func updateWorker(id: Int64, _ changes: WorkerChanges, actor: String,
                             expect: @escaping @Sendable (Worker) throws -> Void) async throws -> Worker {
        try await writing { try $0.updateWorker(id: id, changes, actor: actor, expect: expect) }
    }
    public func updateEmployer(_ reference: EmployerReference, _ changes: EmployerChanges, actor: String,
                               expect: @escaping @Sendable (Employer) throws -> Void) async throws -> Employer {
        try await writing { try $0.updateEmployer(reference, changes, actor: actor, expect: expect) }
    }
    public func updateClue(id: Int64, _ changes: ClueChanges, actor: String,
                           expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue {
        try await writing { try $0.updateClue(id: id, changes, actor: actor, expect: expect) }
    }
    public func updateProject(_ reference: ProjectReference, _ changes: ProjectDetails, reason: String?, actor: String,
                              expect: @escaping @Sendable (Project) throws -> Void) async throws -> Project {
        try await writing { try $0.updateProject(reference, changes, reason: reason, actor: actor, expect: expect) }
    }
    public func project(_ reference: ProjectReference) async throws -> Project {
        try await blocking { try $0.project(reference) }
    }
    public func projects(employer: EmployerReference?, region: String?, limit: Int, afterID: Int64) async throws
        -> [Project] {
        try await blocking { try $0.projects(employer: employer, region: region, limit: limit, afterID: afterID) }
    }
    public func addWorker(_ input: NewWorker, actor: String) async throws -> Worker {
        try await writing { try $0.addWorker(input, actor: actor) }
    }
    public func worker(id: Int64) async throws -> Worker {
        try await blocking { try $0.worker(id: id) }
    }
    public func workers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Worker] {
        try await blocking { try $0.workers(nameContains: nameContains, limit: limit, afterID: afterID) }
    }
    public func disclose<T: Maskable & Sendable>(_ value: T, _ disclosure: Disclosure, workerIDs: [Int64],
                                                 fields: [String]) async throws -> T {
        try await blocking { try $0.disclose(value, disclosure, workerIDs: workerIDs, fields: fields) }
    }

    public func addClue(_ input: NewClue, actor: String) async throws -> ClueAddResult {
        try await writing { try $0.addClue(input, actor: actor) }
    }
    public func screenClue(_ id: Int64, actor: String, expect: @escaping @Sendable (Clue) throws -> Void) async throws
        -> Clue {
        try await writing { try $0.screenClue(id, actor: actor, expect: expect) }
    }
    public func rejectClue(_ id: Int64, reason: String, actor: String,
                           expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue {
        try await writing { try $0.rejectClue(id, reason: reason, actor: actor, expect: expect) }
    }
    public func referClue(_ id: Int64, to agency: String, actor: String,
                          expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue {
        try await writing { try $0.referClue(id, to: agency, actor: actor, expect: expect) }
    }
    public func clue(_ id: Int64) async throws -> Clue {
        try await blocking { try $0.clue(id) }
    }
    public func clues(_ filter: ClueFilter) async throws -> [Clue] {
        try await blocking { try $0.clues(filter) }
    }
    public func openCases(_ input: OpenCases, actor: String) async throws -> [WageCase] {
        try await writing { try $0.openCases(input, actor: actor) }
    }
    public func advanceCase(_ reference: CaseReference, to stage: CaseStage, on date: LocalDate, note: String?,
                            closingReason: ClosingReason?, actor: String,
                            expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> WageCase {
        try await writing {
            try $0.advanceCase(reference, to: stage, on: date, note: note, closingReason: closingReason, actor: actor,
                               expect: expect)
        }
    }
    public func caseDeadlines(handler: String, asOf: LocalDate?) async throws -> [Deadline] {
        try await blocking { try $0.caseDeadlines(handler: handler, asOf: asOf) }
    }
    public func undoCaseMove(_ reference: CaseReference, reason: String, actor: String,
                             expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        try await writing { try $0.undoCaseMove(reference, reason: reason, actor: actor, expect: expect) }
    }
    public func recordActivity(_ reference: CaseReference, kind: CaseActivityKind, on date: LocalDate, note: String?,
                               actor: String, expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        try await writing { try $0.recordActivity(reference, kind: kind, on: date, note: note, actor: actor, expect: expect) }
    }
    public func search(_ terms: SearchTerms, caseFiles: Bool, limit: Int) async throws -> SearchResults {
        try await blocking { try $0.search(terms, caseFiles: caseFiles, limit: limit) }
    }
    public func recovery(id: Int64) async throws -> Recovery {
        try await blocking { try $0.recovery(id: id) }
    }
    public func reverseRecovery(id: Int64, reason: String, actor: String,
                                expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        try await writing { try $0.reverseRecovery(id: id, reason: reason, actor: actor, expect: expect) }
    }
    public func reopenCase(_ reference: CaseReference, on date: LocalDate?, reason: String, actor: String,
                           expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        try await writing { try $0.reopenCase(reference, on: date, reason: reason, actor: actor, expect: expect) }
    }
    public func assignCase(_ reference: CaseReference, _ assignment: CaseAssignment, actor: String,
                           expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> WageCase {
        try await writing { try $0.assignCase(reference, assignment, actor: actor, expect: expect) }
    }
    public func updateCase(_ reference: CaseReference, _ changes: CaseChanges, actor: String,
                           expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        try await writing { try $0.updateCase(reference, changes, actor: actor, expect: expect) }
    }
    public func caseDetail(_ reference: CaseReference) async throws -> CaseDetail {
        try await blocking { try $0.caseDetail(reference) }
    }
    public func cases(_ filter: CaseFilter) async throws -> [WageCase] {
        try await blocking { try $0.cases(filter) }
    }
    public func recordRecovery(_ input: NewRecovery, actor: String,
                               expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> Recovery {
        try await writing { try $0.recordRecovery(input, actor: actor, expect: expect) }
    }

    public func addGuarantee(_ input: NewGuarantee, actor: String) async throws -> GuaranteeDetail {
        try await writing { try $0.addGuarantee(input, actor: actor) }
    }
    public func recordGuaranteeEvent(_ input: NewGuaranteeEvent, actor: String,
                                     expect: @escaping @Sendable ([GuaranteeEvent]) throws -> Void) async throws
        -> GuaranteeDetail {
        try await writing { try $0.recordGuaranteeEvent(input, actor: actor, expect: expect) }
    }
    public func guaranteeDetail(_ id: Int64, asOf: LocalDate?) async throws -> GuaranteeDetail {
        try await blocking { try $0.guaranteeDetail(id, asOf: asOf) }
    }
    public func guarantees(project: ProjectReference?, asOf: LocalDate?, limit: Int, afterID: Int64) async throws
        -> [GuaranteeDetail] {
        try await blocking { try $0.guarantees(project: project, asOf: asOf, limit: limit, afterID: afterID) }
    }
    public func alerts(asOf: LocalDate?, code: AlertCode?, region: String?) async throws -> [Alert] {
        try await blocking { try $0.alerts(asOf: asOf, code: code, region: region) }
    }
    public func requiredGuarantee(for reference: ProjectReference) async throws -> DepositDuty {
        try await blocking { try $0.requiredGuarantee(for: reference) }
    }
    public func guaranteeRules() async throws -> [GuaranteeRule] {
        try await blocking { try $0.guaranteeRules() }
    }
    public func loadGuaranteeRules(_ data: Data, replaceReason: String?, actor: String) async throws -> [GuaranteeRule] {
        try await blocking { try $0.loadGuaranteeRules(data, replaceReason: replaceReason, actor: actor) }
    }
    public func addSuggestion(_ input: NewSuggestion, actor: String) async throws -> Suggestion {
        try await writing { try $0.addSuggestion(input, actor: actor) }
    }
    public func replySuggestion(_ reference: String, _ reply: SuggestionReply, amendReason: String?, actor: String,
                                expect: @escaping @Sendable (Suggestion) throws -> Void) async throws -> Suggestion {
        try await writing {
            try $0.replySuggestion(reference, reply, amendReason: amendReason, actor: actor, expect: expect)
        }
    }
    public func suggestion(_ reference: String) async throws -> Suggestion {
        try await blocking { try $0.suggestion(reference) }
    }
    public func suggestions(openOnly: Bool, limit: Int, afterID: Int64) async throws -> [Suggestion] {
        try await blocking { try $0.suggestions(openOnly: openOnly, limit: limit, afterID: afterID) }
    }

    public func datasets(limit: Int) async throws -> [DatasetInfo] {
        try await blocking { try $0.datasets(limit: limit) }
    }
    public func models() async throws -> [ModelInfo] {
        try await blocking { try $0.models() }
    }
    public func runModels(_ request: ModelRunRequest) async throws -> ModelRunResult {
        try await blocking { try $0.runModels(request) }
    }
    public func discloseHits(_ hits: [StoredHit], _ disclosure: Disclosure) async throws -> [StoredHit] {
        try await blocking { try $0.disclose(hits, disclosure) }
    }
    public func hits(_ filter: HitFilter, disclosure: Disclosure) async throws -> [StoredHit] {
        try await blocking { try $0.hits(filter, disclosure: disclosure) }
    }
    public func hit(id: Int64, disclosure: Disclosure) async throws -> StoredHit {
        try await blocking { try $0.hit(id: id, disclosure: disclosure) }
    }
    public func acceptHit(_ input: AcceptHit, actor: String) async throws -> (hit: StoredHit, clue: ClueAddResult) {
        try await writing { try $0.acceptHit(input, actor: actor) }
    }
    public func dismissHit(id: Int64, reason: String, actor: String) async throws -> StoredHit {
        try await writing { try $0.dismissHit(id: id, reason: reason, actor: actor) }
    }

    public func statistics(_ range: DateRange) async throws -> Statistics {
        try await blocking { try $0.statistics(range) }
    }
    public func digest(_ period: DigestPeriod, asOf: LocalDate?, limit: Int, scope: DigestScope) async throws -> Digest {
        try await blocking { try $0.digest(period, asOf: asOf, limit: limit, scope: scope) }
    }
    public func auditEntries(since: String?, table: String?, limit: Int, afterID: Int64) async throws -> [AuditEntry] {
        try await blocking { try $0.auditEntries(since: since, table: table, limit: limit, afterID: afterID) }
    }
    public func verifyAuditLog() async throws -> AuditVerification {
        try await blocking { try $0.verifyAuditLog() }
    }

    public func makeDocument(_ request: DocumentRequest, actor: String, render: @escaping DocumentRenderer) async throws
        -> (document: IssuedDocument, file: Data) {
        try await blocking { try $0.makeDocument(request, actor: actor, render: render) }
    }
    public func previewDocument(_ request: DocumentRequest, actor: String, render: @escaping DocumentRenderer) async throws
        -> Data {
        try await blocking { try $0.previewDocument(request, actor: actor, render: render) }
    }
    public func documents(subject: DocumentSubject?, limit: Int, afterID: Int64) async throws -> [IssuedDocument] {
        try await blocking { try $0.documents(subject: subject, limit: limit, afterID: afterID) }
    }
    public func document(id: Int64) async throws -> IssuedDocument {
        try await blocking { try $0.document(id: id) }
    }
    public func documentFile(id: Int64, actor: String) async throws -> (document: IssuedDocument, file: Data) {
        try await blocking { try $0.documentFile(id: id, actor: actor) }
    }
    public func voidDocument(id: Int64, reason: String, actor: String) async throws -> IssuedDocument {
        try await blocking { try $0.voidDocument(id: id, reason: reason, actor: actor) }
    }
    public func installDocumentTemplate(_ kind: DocumentKind, fileName: String, bytes: Data, actor: String,
                                        check: @escaping @Sendable (Data) throws -> Void) async throws
        -> DocumentTemplateInfo {
        try await blocking {
            try $0.installDocumentTemplate(kind, fileName: fileName, bytes: bytes, actor: actor, check: check)
        }
    }
    public func removeDocumentTemplate(_ kind: DocumentKind, actor: String) async throws {
        try await blocking { try $0.removeDocumentTemplate(kind, actor: actor) }
    }
    public func documentTemplates() async throws -> [DocumentTemplateInfo] {
        try await blocking { try $0.documentTemplates() }
    }
    public func attach(_ input: NewAttachment, actor: String) async throws -> CaseAttachment {
        try await blocking { try $0.attach(input, actor: actor) }
    }
    public func attachments(_ reference: CaseReference) async throws -> [CaseAttachment] {
        try await blocking { try $0.attachments(reference) }
    }
    public func attachment(id: Int64) async throws -> CaseAttachment {
        try await blocking { try $0.attachment(id: id) }
    }
    public func attachmentFile(id: Int64, actor: String) async throws -> (attachment: CaseAttachment, file: Data) {
        try await blocking { try $0.attachmentFile(id: id, actor: actor) }
    }
    public func removeAttachment(id: Int64, reason: String, actor: String) async throws -> CaseAttachment {
        try await blocking { try $0.removeAttachment(id: id, reason: reason, actor: actor) }
    }

    public func settings() async throws -> [Setting: String] {
        try await blocking { try $0.settings() }
    }
    public func setSetting(_ setting: Setting, to value: String, actor: String) async throws -> String {
        try await blocking { try $0.setSetting(setting, to: value, actor: actor) }
    }
    public func workingDayCalendar() async throws -> WorkingDayCalendar {
        try await blocking { try $0.workingDayCalendar() }
    }
    public func loadHolidaySchedule(_ data: Data, replaceReason: String?, actor: String) async throws
        -> HolidaySchedule {
        try await blocking { try $0.loadHolidaySchedule(data, replaceReason: replaceReason, actor: actor) }
    }
    public func addUser(name: String, role: Role, passwordHash: String?, actor: String) async throws
        -> (user: APIUser, token: String) {
        try await blocking { try $0.addUser(name: name, role: role, passwordHash: passwordHash, actor: actor) }
    }
    public func setPassword(_ name: String, passwordHash: String, actor: String) async throws -> APIUser {
        try await blocking { try $0.setPassword(name, passwordHash: passwordHash, actor: actor) }
    }
    public func revokeUser(_ name: String, actor: String) async throws -> APIUser {
        try await blocking { try $0.revokeUser(name, actor: actor) }
    }
    public func users() async throws -> [APIUser] {
        try await blocking { try $0.users() }
    }
    public func user(forToken token: String) async throws -> APIUser? {
        try await blocking { try $0.user(forToken: token) }
    }

    public func signInCredentials(name: String) async throws -> SignInCredentials? {
        try await blocking { try $0.signInCredentials(name: name) }
    }
    public func completeSignIn(userID: Int64, passwordMatched: Bool) async throws -> SignInOutcome {
        try await blocking { try $0.completeSignIn(userID: userID, passwordMatched: passwordMatched) }
    }
    public func session(token: String) async throws -> WebSession? {
        try await blocking { try $0.session(token: token) }
    }
    public func endSession(token: String) async throws {
        try await blocking { try $0.endSession(token: token) }
    }

    public func importFile(_ request: ImportRequest, parser: ImportRowParser, rows: ImportRowFeed, keepIssues: Int)
        async throws -> ImportReport {
        try await blocking { database in
            var issues: [ImportIssue] = []
            var count = 0
            let summary = try database.importRows(request, parser: parser, next: rows.next, onIssue: { issue in
                count += 1
                if issues.count < keepIssues { issues.append(issue) }
            })
            return ImportReport(summary: summary, issues: issues, issueCount: count)
        }
    }

    public func arrearsOnRecord(employer: EmployerReference, project: ProjectReference?, idNumbers: [ResidentID])
        async throws -> (open: Clue?, closed: Clue?) {
        try await blocking { try $0.arrearsOnRecord(employer: employer, project: project, idNumbers: idNumbers) }
    }

    public func checkHealth() async throws {
        try await blocking { try $0.checkHealth() }
    }
    public func importRuns(sha256: String?, limit: Int) async throws -> [ImportRun] {
        try await blocking { try $0.importRuns(sha256: sha256, limit: limit) }
    }

    public func addUnit(_ input: NewMemberUnit, actor: String) async throws -> MemberUnit {
        try await writing { try $0.addUnit(input, actor: actor) }
    }
    public func updateUnit(_ reference: String, liaison: String?, contact: String?, actor: String) async throws -> MemberUnit {
        try await writing { try $0.updateUnit(reference, liaison: liaison, contact: contact, actor: actor) }
    }
    public func units() async throws -> [MemberUnit] {
        try await blocking { try $0.units() }
    }
    public func unit(_ reference: String) async throws -> MemberUnit {
        try await blocking { try $0.unit(reference) }
    }
    public func unitDesk(_ reference: String, asOf: LocalDate?) async throws -> UnitDesk {
        try await blocking { try $0.unitDesk(reference, asOf: asOf) }
    }
    public func setUserUnit(_ name: String, unit: String?, actor: String) async throws -> (user: APIUser, unit: MemberUnit?) {
        try await blocking { try $0.setUserUnit(name, unit: unit, actor: actor) }
    }
    public func addReferral(_ input: NewReferral, actor: String) async throws -> Referral {
        try await writing { try $0.addReferral(input, actor: actor) }
    }
    public func replyReferral(id: Int64, on date: LocalDate, result: String, amendReason: String?, actor: String,
                              expect: @escaping @Sendable (Referral) throws -> Void) async throws -> Referral {
        try await writing {
            try $0.replyReferral(id: id, on: date, result: result, amendReason: amendReason, actor: actor, expect: expect)
        }
    }
    public func referralFeedback(id: Int64, on date: LocalDate, actor: String,
                                 expect: @escaping @Sendable (Referral) throws -> Void) async throws -> Referral {
        try await writing { try $0.referralFeedback(id: id, on: date, actor: actor, expect: expect) }
    }
    public func makeClue(from input: ReferralClue, actor: String) async throws -> (referral: Referral, clue: ClueAddResult) {
        try await writing { try $0.makeClue(from: input, actor: actor) }
    }
    public func referral(id: Int64) async throws -> Referral {
        try await blocking { try $0.referral(id: id) }
    }
    public func referrals(_ filter: ReferralFilter) async throws -> [Referral] {
        try await blocking { try $0.referrals(filter) }
    }
    public func addTask(_ input: NewTask, actor: String) async throws -> JointTask {
        try await writing { try $0.addTask(input, actor: actor) }
    }
    public func recordTaskProgress(id: Int64, on date: LocalDate, text: String, actor: String,
                                   expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask {
        try await writing { try $0.recordTaskProgress(id: id, on: date, text: text, actor: actor, expect: expect) }
    }
    public func closeTask(id: Int64, on date: LocalDate, result: String, actor: String,
                          expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask {
        try await writing { try $0.closeTask(id: id, on: date, result: result, actor: actor, expect: expect) }
    }
    public func extendTask(id: Int64, to due: LocalDate, reason: String, actor: String,
                           expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask {
        try await writing { try $0.extendTask(id: id, to: due, reason: reason, actor: actor, expect: expect) }
    }
    public func task(id: Int64) async throws -> JointTask {
        try await blocking { try $0.task(id: id) }
    }
    public func tasks(_ filter: TaskFilter) async throws -> [JointTask] {
        try await blocking { try $0.tasks(filter) }
    }
    public func addMeeting(_ input: NewMeeting, actor: String) async throws -> (meeting: JointMeeting, tasks: [JointTask]) {
        try await writing { try $0.addMeeting(input, actor: actor) }
    }
    public func meeting(id: Int64) async throws -> JointMeeting {
        try await blocking { try $0.meeting(id: id) }
    }
    public func meetings(limit: Int) async throws -> [JointMeeting] {
        try await blocking { try $0.meetings(limit: limit) }
    }
    public func submitReport(_ input: NewMonthlyReport, actor: String) async throws -> MonthlyReport {
        try await writing { try $0.submitReport(input, actor: actor) }
    }
    public func reports(unit: String?, month: ReportMonth?, allVersions: Bool, limit: Int) async throws -> [MonthlyReport] {
        try await blocking { try $0.reports(unit: unit, month: month, allVersions: allVersions, limit: limit) }
    }
    public func reportRoll(month: ReportMonth, asOf: LocalDate?) async throws -> ReportRoll {
        try await blocking { try $0.reportRoll(month: month, asOf: asOf) }
    }
}
