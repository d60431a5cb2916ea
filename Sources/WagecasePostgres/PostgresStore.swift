import Foundation
import WagecaseCore
import WagecaseStore

/// The store interface over a PostgreSQL database, as far as it goes: the service's users and sign-in, the case
/// list and a handler's deadlines, the workers, employers and projects (by id and listed, a project's deposit
/// duty), clue intake and a clue (with reveals audited), the settings and calendar, the figures, the digest, the
/// alerts and the audit log run here with the SQLite store's meaning (each use-case a method of
/// `PostgresDatabase`, tested against the SQLite store's); every other use-case answers `NotOnPostgresYet` (HTTP
/// 501, said in the reader's language), never half done.
public struct PostgresStore: RecordStore {
    public let database: PostgresDatabase

    public init(_ database: PostgresDatabase) { self.database = database }

    public func addEmployer(_ input: NewEmployer, actor: String) async throws -> Employer {
        throw NotOnPostgresYet(useCase: "addEmployer")
    }
    public func employer(_ reference: EmployerReference) async throws -> Employer {
        try await database.employer(reference)
    }
    public func employers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Employer] {
        try await database.employers(nameContains: nameContains, limit: limit, afterID: afterID)
    }
    public func addProject(_ input: NewProject, actor: String) async throws -> Project {
        throw NotOnPostgresYet(useCase: "addProject")
    }
    public func updateWorker(id: Int64, _ changes: WorkerChanges, actor: String,
                             expect: @escaping @Sendable (Worker) throws -> Void) async throws -> Worker {
        throw NotOnPostgresYet(useCase: "updateWorker")
    }
    public func updateEmployer(_ reference: EmployerReference, _ changes: EmployerChanges, actor: String,
                               expect: @escaping @Sendable (Employer) throws -> Void) async throws -> Employer {
        throw NotOnPostgresYet(useCase: "updateEmployer")
    }
    public func updateClue(id: Int64, _ changes: ClueChanges, actor: String,
                           expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue {
        throw NotOnPostgresYet(useCase: "updateClue")
    }
    public func updateProject(_ reference: ProjectReference, _ changes: ProjectDetails, reason: String?, actor: String,
                              expect: @escaping @Sendable (Project) throws -> Void) async throws -> Project {
        throw NotOnPostgresYet(useCase: "updateProject")
    }
    public func project(_ reference: ProjectReference) async throws -> Project {
        try await database.project(reference)
    }
    public func projects(employer: EmployerReference?, region: String?, limit: Int, afterID: Int64) async throws
        -> [Project] {
        try await database.projects(employer: employer, region: region, limit: limit, afterID: afterID)
    }
    public func addWorker(_ input: NewWorker, actor: String) async throws -> Worker {
        throw NotOnPostgresYet(useCase: "addWorker")
    }
    public func worker(id: Int64) async throws -> Worker {
        try await database.worker(id: id)
    }
    public func workers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Worker] {
        try await database.workers(nameContains: nameContains, limit: limit, afterID: afterID)
    }
    public func disclose<T: Maskable & Sendable>(_ value: T, _ disclosure: Disclosure, workerIDs: [Int64],
                                                 fields: [String]) async throws -> T {
        try await database.disclose(value, disclosure, workerIDs: workerIDs, fields: fields)
    }
    public func addClue(_ input: NewClue, actor: String) async throws -> ClueAddResult {
        try await database.addClue(input, actor: actor)
    }
    public func screenClue(_ id: Int64, actor: String, expect: @escaping @Sendable (Clue) throws -> Void) async throws
        -> Clue {
        throw NotOnPostgresYet(useCase: "screenClue")
    }
    public func rejectClue(_ id: Int64, reason: String, actor: String,
                           expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue {
        throw NotOnPostgresYet(useCase: "rejectClue")
    }
    public func referClue(_ id: Int64, to agency: String, actor: String,
                          expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue {
        throw NotOnPostgresYet(useCase: "referClue")
    }
    public func clue(_ id: Int64) async throws -> Clue {
        try await database.clue(id)
    }
    public func clues(_ filter: ClueFilter) async throws -> [Clue] {
        throw NotOnPostgresYet(useCase: "clues")
    }
    public func openCases(_ input: OpenCases, actor: String) async throws -> [WageCase] {
        throw NotOnPostgresYet(useCase: "openCases")
    }
    public func advanceCase(_ reference: CaseReference, to stage: CaseStage, on date: LocalDate, note: String?,
                            closingReason: ClosingReason?, actor: String,
                            expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> WageCase {
        throw NotOnPostgresYet(useCase: "advanceCase")
    }
    public func caseDeadlines(handler: String, asOf: LocalDate?) async throws -> [Deadline] {
        try await database.caseDeadlines(handler: handler, asOf: asOf)
    }
    public func undoCaseMove(_ reference: CaseReference, reason: String, actor: String,
                             expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        throw NotOnPostgresYet(useCase: "undoCaseMove")
    }
    public func recordActivity(_ reference: CaseReference, kind: CaseActivityKind, on date: LocalDate, note: String?,
                               actor: String, expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        throw NotOnPostgresYet(useCase: "recordActivity")
    }
    public func search(_ terms: SearchTerms, caseFiles: Bool, limit: Int) async throws -> SearchResults {
        throw NotOnPostgresYet(useCase: "search")
    }
    public func recovery(id: Int64) async throws -> Recovery {
        throw NotOnPostgresYet(useCase: "recovery")
    }
    public func reverseRecovery(id: Int64, reason: String, actor: String,
                                expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        throw NotOnPostgresYet(useCase: "reverseRecovery")
    }
    public func reopenCase(_ reference: CaseReference, on date: LocalDate?, reason: String, actor: String,
                           expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        throw NotOnPostgresYet(useCase: "reopenCase")
    }
    public func assignCase(_ reference: CaseReference, _ assignment: CaseAssignment, actor: String,
                           expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> WageCase {
        throw NotOnPostgresYet(useCase: "assignCase")
    }
    public func updateCase(_ reference: CaseReference, _ changes: CaseChanges, actor: String,
                           expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail {
        throw NotOnPostgresYet(useCase: "updateCase")
    }
    public func caseDetail(_ reference: CaseReference) async throws -> CaseDetail {
        throw NotOnPostgresYet(useCase: "caseDetail")
    }
    public func cases(_ filter: CaseFilter) async throws -> [WageCase] {
        try await database.cases(filter)
    }
    public func recordRecovery(_ input: NewRecovery, actor: String,
                               expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> Recovery {
        throw NotOnPostgresYet(useCase: "recordRecovery")
    }
    public func addGuarantee(_ input: NewGuarantee, actor: String) async throws -> GuaranteeDetail {
        throw NotOnPostgresYet(useCase: "addGuarantee")
    }
    public func recordGuaranteeEvent(_ input: NewGuaranteeEvent, actor: String,
                                     expect: @escaping @Sendable ([GuaranteeEvent]) throws -> Void) async throws
        -> GuaranteeDetail {
        throw NotOnPostgresYet(useCase: "recordGuaranteeEvent")
    }
    public func guaranteeDetail(_ id: Int64, asOf: LocalDate?) async throws -> GuaranteeDetail {
        throw NotOnPostgresYet(useCase: "guaranteeDetail")
    }
    public func guarantees(project: ProjectReference?, asOf: LocalDate?, limit: Int, afterID: Int64) async throws
        -> [GuaranteeDetail] {
        throw NotOnPostgresYet(useCase: "guarantees")
    }
    public func alerts(asOf: LocalDate?, code: AlertCode?, region: String?) async throws -> [Alert] {
        try await database.alerts(asOf: asOf, code: code, region: region)
    }
    public func requiredGuarantee(for reference: ProjectReference) async throws -> DepositDuty {
        try await database.requiredGuarantee(for: reference)
    }
    public func guaranteeRules() async throws -> [GuaranteeRule] {
        throw NotOnPostgresYet(useCase: "guaranteeRules")
    }
    public func loadGuaranteeRules(_ data: Data, replaceReason: String?, actor: String) async throws -> [GuaranteeRule] {
        throw NotOnPostgresYet(useCase: "loadGuaranteeRules")
    }
    public func addSuggestion(_ input: NewSuggestion, actor: String) async throws -> Suggestion {
        throw NotOnPostgresYet(useCase: "addSuggestion")
    }
    public func replySuggestion(_ reference: String, _ reply: SuggestionReply, amendReason: String?, actor: String,
                                expect: @escaping @Sendable (Suggestion) throws -> Void) async throws -> Suggestion {
        throw NotOnPostgresYet(useCase: "replySuggestion")
    }
    public func suggestion(_ reference: String) async throws -> Suggestion {
        throw NotOnPostgresYet(useCase: "suggestion")
    }
    public func suggestions(openOnly: Bool, limit: Int, afterID: Int64) async throws -> [Suggestion] {
        throw NotOnPostgresYet(useCase: "suggestions")
    }
    public func datasets(limit: Int) async throws -> [DatasetInfo] {
        throw NotOnPostgresYet(useCase: "datasets")
    }
    public func models() async throws -> [ModelInfo] {
        throw NotOnPostgresYet(useCase: "models")
    }
    public func runModels(_ request: ModelRunRequest) async throws -> ModelRunResult {
        throw NotOnPostgresYet(useCase: "runModels")
    }
    public func discloseHits(_ hits: [StoredHit], _ disclosure: Disclosure) async throws -> [StoredHit] {
        throw NotOnPostgresYet(useCase: "discloseHits")
    }
    public func hits(_ filter: HitFilter, disclosure: Disclosure) async throws -> [StoredHit] {
        throw NotOnPostgresYet(useCase: "hits")
    }
    public func hit(id: Int64, disclosure: Disclosure) async throws -> StoredHit {
        throw NotOnPostgresYet(useCase: "hit")
    }
    public func acceptHit(_ input: AcceptHit, actor: String) async throws -> (hit: StoredHit, clue: ClueAddResult) {
        throw NotOnPostgresYet(useCase: "acceptHit")
    }
    public func dismissHit(id: Int64, reason: String, actor: String) async throws -> StoredHit {
        throw NotOnPostgresYet(useCase: "dismissHit")
    }
    public func statistics(_ range: DateRange) async throws -> Statistics {
        try await database.statistics(range)
    }
    public func digest(_ period: DigestPeriod, asOf: LocalDate?, limit: Int, scope: DigestScope) async throws -> Digest {
        try await database.digest(period, asOf: asOf, limit: limit, scope: scope)
    }
    public func auditEntries(since: String?, table: String?, limit: Int, afterID: Int64) async throws -> [AuditEntry] {
        try await database.auditEntries(since: since, table: table, limit: limit, afterID: afterID)
    }
    public func verifyAuditLog() async throws -> AuditVerification {
        try await database.verifyAuditLog()
    }
    public func makeDocument(_ request: DocumentRequest, actor: String, render: @escaping DocumentRenderer) async throws
        -> (document: IssuedDocument, file: Data) {
        throw NotOnPostgresYet(useCase: "makeDocument")
    }
    public func previewDocument(_ request: DocumentRequest, actor: String, render: @escaping DocumentRenderer) async throws
        -> Data {
        throw NotOnPostgresYet(useCase: "previewDocument")
    }
    public func documents(subject: DocumentSubject?, limit: Int, afterID: Int64) async throws -> [IssuedDocument] {
        throw NotOnPostgresYet(useCase: "documents")
    }
    public func document(id: Int64) async throws -> IssuedDocument {
        throw NotOnPostgresYet(useCase: "document")
    }
    public func documentFile(id: Int64, actor: String) async throws -> (document: IssuedDocument, file: Data) {
        throw NotOnPostgresYet(useCase: "documentFile")
    }
    public func voidDocument(id: Int64, reason: String, actor: String) async throws -> IssuedDocument {
        throw NotOnPostgresYet(useCase: "voidDocument")
    }
    public func installDocumentTemplate(_ kind: DocumentKind, fileName: String, bytes: Data, actor: String,
                                        check: @escaping @Sendable (Data) throws -> Void) async throws
        -> DocumentTemplateInfo {
        throw NotOnPostgresYet(useCase: "installDocumentTemplate")
    }
    public func removeDocumentTemplate(_ kind: DocumentKind, actor: String) async throws {
        throw NotOnPostgresYet(useCase: "removeDocumentTemplate")
    }
    public func documentTemplates() async throws -> [DocumentTemplateInfo] {
        throw NotOnPostgresYet(useCase: "documentTemplates")
    }
    public func attach(_ input: NewAttachment, actor: String) async throws -> CaseAttachment {
        throw NotOnPostgresYet(useCase: "attach")
    }
    public func attachments(_ reference: CaseReference) async throws -> [CaseAttachment] {
        throw NotOnPostgresYet(useCase: "attachments")
    }
    public func attachment(id: Int64) async throws -> CaseAttachment {
        throw NotOnPostgresYet(useCase: "attachment")
    }
    public func attachmentFile(id: Int64, actor: String) async throws -> (attachment: CaseAttachment, file: Data) {
        throw NotOnPostgresYet(useCase: "attachmentFile")
    }
    public func removeAttachment(id: Int64, reason: String, actor: String) async throws -> CaseAttachment {
        throw NotOnPostgresYet(useCase: "removeAttachment")
    }
    public func settings() async throws -> [Setting: String] {
        try await database.settings()
    }
    public func setSetting(_ setting: Setting, to value: String, actor: String) async throws -> String {
        throw NotOnPostgresYet(useCase: "setSetting")
    }
    public func workingDayCalendar() async throws -> WorkingDayCalendar {
        try await database.workingDayCalendar()
    }
    public func loadHolidaySchedule(_ data: Data, replaceReason: String?, actor: String) async throws
        -> HolidaySchedule {
        throw NotOnPostgresYet(useCase: "loadHolidaySchedule")
    }
    public func addUser(name: String, role: Role, passwordHash: String?, actor: String) async throws
        -> (user: APIUser, token: String) {
        try await database.addUser(name: name, role: role, passwordHash: passwordHash, actor: actor)
    }
    public func setPassword(_ name: String, passwordHash: String, actor: String) async throws -> APIUser {
        try await database.setPassword(name, passwordHash: passwordHash, actor: actor)
    }
    public func revokeUser(_ name: String, actor: String) async throws -> APIUser {
        try await database.revokeUser(name, actor: actor)
    }
    public func users() async throws -> [APIUser] {
        try await database.users()
    }
    public func user(forToken token: String) async throws -> APIUser? {
        try await database.user(forToken: token)
    }
    public func signInCredentials(name: String) async throws -> SignInCredentials? {
        try await database.signInCredentials(name: name)
    }
    public func completeSignIn(userID: Int64, passwordMatched: Bool) async throws -> SignInOutcome {
        try await database.completeSignIn(userID: userID, passwordMatched: passwordMatched)
    }
    public func session(token: String) async throws -> WebSession? {
        try await database.session(token: token)
    }
    public func endSession(token: String) async throws {
        try await database.endSession(token: token)
    }
    public func importFile(_ request: ImportRequest, parser: ImportRowParser, rows: ImportRowFeed, keepIssues: Int)
        async throws -> ImportReport {
        throw NotOnPostgresYet(useCase: "importFile")
    }
    public func arrearsOnRecord(employer: EmployerReference, project: ProjectReference?, idNumbers: [ResidentID])
        async throws -> (open: Clue?, closed: Clue?) {
        throw NotOnPostgresYet(useCase: "arrearsOnRecord")
    }
    public func checkHealth() async throws {
        try await database.checkHealth()
    }
    public func importRuns(sha256: String?, limit: Int) async throws -> [ImportRun] {
        throw NotOnPostgresYet(useCase: "importRuns")
    }
    public func addUnit(_ input: NewMemberUnit, actor: String) async throws -> MemberUnit {
        throw NotOnPostgresYet(useCase: "addUnit")
    }
    public func updateUnit(_ reference: String, liaison: String?, contact: String?, actor: String) async throws -> MemberUnit {
        throw NotOnPostgresYet(useCase: "updateUnit")
    }
    public func units() async throws -> [MemberUnit] {
        throw NotOnPostgresYet(useCase: "units")
    }
    public func unit(_ reference: String) async throws -> MemberUnit {
        throw NotOnPostgresYet(useCase: "unit")
    }
    public func unitDesk(_ reference: String, asOf: LocalDate?) async throws -> UnitDesk {
        throw NotOnPostgresYet(useCase: "unitDesk")
    }
    public func setUserUnit(_ name: String, unit: String?, actor: String) async throws -> (user: APIUser, unit: MemberUnit?) {
        throw NotOnPostgresYet(useCase: "setUserUnit")
    }
    public func addReferral(_ input: NewReferral, actor: String) async throws -> Referral {
        throw NotOnPostgresYet(useCase: "addReferral")
    }
    public func replyReferral(id: Int64, on date: LocalDate, result: String, amendReason: String?, actor: String,
                              expect: @escaping @Sendable (Referral) throws -> Void) async throws -> Referral {
        throw NotOnPostgresYet(useCase: "replyReferral")
    }
    public func referralFeedback(id: Int64, on date: LocalDate, actor: String,
                                 expect: @escaping @Sendable (Referral) throws -> Void) async throws -> Referral {
        throw NotOnPostgresYet(useCase: "referralFeedback")
    }
    public func makeClue(from input: ReferralClue, actor: String) async throws -> (referral: Referral, clue: ClueAddResult) {
        throw NotOnPostgresYet(useCase: "makeClue")
    }
    public func referral(id: Int64) async throws -> Referral {
        throw NotOnPostgresYet(useCase: "referral")
    }
    public func referrals(_ filter: ReferralFilter) async throws -> [Referral] {
        throw NotOnPostgresYet(useCase: "referrals")
    }
    public func addTask(_ input: NewTask, actor: String) async throws -> JointTask {
        throw NotOnPostgresYet(useCase: "addTask")
    }
    public func recordTaskProgress(id: Int64, on date: LocalDate, text: String, actor: String,
                                   expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask {
        throw NotOnPostgresYet(useCase: "recordTaskProgress")
    }
    public func closeTask(id: Int64, on date: LocalDate, result: String, actor: String,
                          expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask {
        throw NotOnPostgresYet(useCase: "closeTask")
    }
    public func extendTask(id: Int64, to due: LocalDate, reason: String, actor: String,
                           expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask {
        throw NotOnPostgresYet(useCase: "extendTask")
    }
    public func task(id: Int64) async throws -> JointTask {
        throw NotOnPostgresYet(useCase: "task")
    }
    public func tasks(_ filter: TaskFilter) async throws -> [JointTask] {
        throw NotOnPostgresYet(useCase: "tasks")
    }
    public func addMeeting(_ input: NewMeeting, actor: String) async throws -> (meeting: JointMeeting, tasks: [JointTask]) {
        throw NotOnPostgresYet(useCase: "addMeeting")
    }
    public func meeting(id: Int64) async throws -> JointMeeting {
        throw NotOnPostgresYet(useCase: "meeting")
    }
    public func meetings(limit: Int) async throws -> [JointMeeting] {
        throw NotOnPostgresYet(useCase: "meetings")
    }
    public func submitReport(_ input: NewMonthlyReport, actor: String) async throws -> MonthlyReport {
        throw NotOnPostgresYet(useCase: "submitReport")
    }
    public func reports(unit: String?, month: ReportMonth?, allVersions: Bool, limit: Int) async throws -> [MonthlyReport] {
        throw NotOnPostgresYet(useCase: "reports")
    }
    public func reportRoll(month: ReportMonth, asOf: LocalDate?) async throws -> ReportRoll {
        throw NotOnPostgresYet(useCase: "reportRoll")
    }
}
