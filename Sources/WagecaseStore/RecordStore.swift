import Foundation
import WagecaseCore

/// Where wagecase keeps its records: every use-case the CLI, the HTTP service and the pages share, over plain
/// request, filter and result types. The rules are WagecaseCore's decisions; a store loads what a decision needs,
/// calls it, and writes what it returns in one transaction, audited. `WagecaseSQLite` implements it on a SQLite
/// file; a PostgreSQL store implements the same protocol.
///
/// Every method is async and never blocks the caller's thread: an implementation over a blocking driver does its
/// work off Swift's cooperative pool (see `BlockingWork` in WagecaseSQLite). An `expect` closure runs inside
/// the write transaction on the record as it stands (the HTTP service checks If-Match there); what it throws
/// aborts the write.
public protocol RecordStore: Sendable {
    // MARK: Employers, projects, workers
    func addEmployer(_ input: NewEmployer, actor: String) async throws -> Employer
    func employer(_ reference: EmployerReference) async throws -> Employer
    func employers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Employer]
    func addProject(_ input: NewProject, actor: String) async throws -> Project
    /// Corrections with a reason, audited before and after (`expect` sees the record as it stands).
    func updateWorker(id: Int64, _ changes: WorkerChanges, actor: String,
                      expect: @escaping @Sendable (Worker) throws -> Void) async throws -> Worker
    func updateEmployer(_ reference: EmployerReference, _ changes: EmployerChanges, actor: String,
                        expect: @escaping @Sendable (Employer) throws -> Void) async throws -> Employer
    func updateClue(id: Int64, _ changes: ClueChanges, actor: String,
                    expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue
    func updateProject(_ reference: ProjectReference, _ changes: ProjectDetails, reason: String?, actor: String,
                       expect: @escaping @Sendable (Project) throws -> Void) async throws -> Project
    func project(_ reference: ProjectReference) async throws -> Project
    func projects(employer: EmployerReference?, region: String?, limit: Int, afterID: Int64) async throws -> [Project]
    func addWorker(_ input: NewWorker, actor: String) async throws -> Worker
    func worker(id: Int64) async throws -> Worker
    func workers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Worker]
    /// The value with the hidden fields of the named workers shown in full when `disclosure` asks for them (and
    /// the role may), each reveal audited with its reason; masked otherwise.
    func disclose<T: Maskable & Sendable>(_ value: T, _ disclosure: Disclosure, workerIDs: [Int64], fields: [String])
        async throws -> T

    // MARK: Clues and cases
    func addClue(_ input: NewClue, actor: String) async throws -> ClueAddResult
    func screenClue(_ id: Int64, actor: String, expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue
    func rejectClue(_ id: Int64, reason: String, actor: String,
                    expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue
    func referClue(_ id: Int64, to agency: String, actor: String,
                   expect: @escaping @Sendable (Clue) throws -> Void) async throws -> Clue
    func clue(_ id: Int64) async throws -> Clue
    /// The clues a claim about these workers, employer and project would merge into (open) or follow (closed).
    func arrearsOnRecord(employer: EmployerReference, project: ProjectReference?, idNumbers: [ResidentID])
        async throws -> (open: Clue?, closed: Clue?)
    func clues(_ filter: ClueFilter) async throws -> [Clue]
    func openCases(_ input: OpenCases, actor: String) async throws -> [WageCase]
    /// Moves a case on; closing it with money still owed needs a closing reason.
    func advanceCase(_ reference: CaseReference, to stage: CaseStage, on date: LocalDate, note: String?,
                     closingReason: ClosingReason?, actor: String,
                     expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> WageCase
    /// The time limits of the open cases a user handles or assists on, soonest first.
    func caseDeadlines(handler: String, asOf: LocalDate?) async throws -> [Deadline]
    /// Withdraws the case's latest move, saying why (audited with the event as it was).
    func undoCaseMove(_ reference: CaseReference, reason: String, actor: String,
                      expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail
    /// Records the worker's application or consent, a hearing or court attendance on a case.
    func recordActivity(_ reference: CaseReference, kind: CaseActivityKind, on date: LocalDate, note: String?,
                        actor: String, expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail
    /// Records found by a search box's text (`caseFiles` false: employers and projects only).
    func search(_ terms: SearchTerms, caseFiles: Bool, limit: Int) async throws -> SearchResults
    /// One recorded payment (or balancing entry).
    func recovery(id: Int64) async throws -> Recovery
    /// Reverses a payment entered wrongly with a balancing entry (冲正), saying why; the original stays.
    func reverseRecovery(id: Int64, reason: String, actor: String,
                         expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail
    /// Reopens a closed or declined case, saying why.
    func reopenCase(_ reference: CaseReference, on date: LocalDate?, reason: String, actor: String,
                    expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail
    /// Names the case's handling prosecutor and assistant (audited).
    func assignCase(_ reference: CaseReference, _ assignment: CaseAssignment, actor: String,
                    expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> WageCase
    /// Corrects a case's own facts, saying why (audited before and after).
    func updateCase(_ reference: CaseReference, _ changes: CaseChanges, actor: String,
                    expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> CaseDetail
    func caseDetail(_ reference: CaseReference) async throws -> CaseDetail
    func cases(_ filter: CaseFilter) async throws -> [WageCase]
    func recordRecovery(_ input: NewRecovery, actor: String,
                        expect: @escaping @Sendable (WageCase) throws -> Void) async throws -> Recovery

    // MARK: Guarantees, rules, suggestions
    func addGuarantee(_ input: NewGuarantee, actor: String) async throws -> GuaranteeDetail
    func recordGuaranteeEvent(_ input: NewGuaranteeEvent, actor: String,
                              expect: @escaping @Sendable ([GuaranteeEvent]) throws -> Void) async throws
        -> GuaranteeDetail
    func guaranteeDetail(_ id: Int64, asOf: LocalDate?) async throws -> GuaranteeDetail
    func guarantees(project: ProjectReference?, asOf: LocalDate?, limit: Int, afterID: Int64) async throws
        -> [GuaranteeDetail]
    func alerts(asOf: LocalDate?, code: AlertCode?, region: String?) async throws -> [Alert]
    func requiredGuarantee(for reference: ProjectReference) async throws -> DepositDuty
    func guaranteeRules() async throws -> [GuaranteeRule]
    func loadGuaranteeRules(_ data: Data, replaceReason: String?, actor: String) async throws -> [GuaranteeRule]
    func addSuggestion(_ input: NewSuggestion, actor: String) async throws -> Suggestion
    func replySuggestion(_ reference: String, _ reply: SuggestionReply, amendReason: String?, actor: String,
                         expect: @escaping @Sendable (Suggestion) throws -> Void) async throws -> Suggestion
    func suggestion(_ reference: String) async throws -> Suggestion
    func suggestions(openOnly: Bool, limit: Int, afterID: Int64) async throws -> [Suggestion]

    // MARK: Documents and evidence
    /// Numbers, renders and records a document in one transaction (audited as a reveal of the workers it names).
    func makeDocument(_ request: DocumentRequest, actor: String, render: @escaping DocumentRenderer) async throws
        -> (document: IssuedDocument, file: Data)
    /// The document as it would be made, unnumbered and unrecorded (audited as a reveal).
    func previewDocument(_ request: DocumentRequest, actor: String, render: @escaping DocumentRenderer) async throws -> Data
    /// The register in the order documents were made; one record's documents when `subject` is given.
    func documents(subject: DocumentSubject?, limit: Int, afterID: Int64) async throws -> [IssuedDocument]
    func document(id: Int64) async throws -> IssuedDocument
    func documentFile(id: Int64, actor: String) async throws -> (document: IssuedDocument, file: Data)
    func voidDocument(id: Int64, reason: String, actor: String) async throws -> IssuedDocument
    func installDocumentTemplate(_ kind: DocumentKind, fileName: String, bytes: Data, actor: String,
                                 check: @escaping @Sendable (Data) throws -> Void) async throws -> DocumentTemplateInfo
    func removeDocumentTemplate(_ kind: DocumentKind, actor: String) async throws
    func documentTemplates() async throws -> [DocumentTemplateInfo]
    func attach(_ input: NewAttachment, actor: String) async throws -> CaseAttachment
    func attachments(_ reference: CaseReference) async throws -> [CaseAttachment]
    func attachment(id: Int64) async throws -> CaseAttachment
    /// The file, each download audited; a removed attachment is not handed out.
    func attachmentFile(id: Int64, actor: String) async throws -> (attachment: CaseAttachment, file: Data)
    func removeAttachment(id: Int64, reason: String, actor: String) async throws -> CaseAttachment

    // MARK: Big-data supervision
    func datasets(limit: Int) async throws -> [DatasetInfo]
    /// Built-in and loaded models; `current` marks the version runs use.
    func models() async throws -> [ModelInfo]
    /// Runs the models as of a date and keeps the leads (a dry run keeps nothing); leads come back in full, for
    /// the caller to mask with `discloseHits`.
    func runModels(_ request: ModelRunRequest) async throws -> ModelRunResult
    func discloseHits(_ hits: [StoredHit], _ disclosure: Disclosure) async throws -> [StoredHit]
    func hits(_ filter: HitFilter, disclosure: Disclosure) async throws -> [StoredHit]
    func hit(id: Int64, disclosure: Disclosure) async throws -> StoredHit
    /// Makes the lead a clue through the clue intake; the lead records the clue.
    func acceptHit(_ input: AcceptHit, actor: String) async throws -> (hit: StoredHit, clue: ClueAddResult)
    func dismissHit(id: Int64, reason: String, actor: String) async throws -> StoredHit

    // MARK: Joint work (府检联动)
    func addUnit(_ input: NewMemberUnit, actor: String) async throws -> MemberUnit
    func updateUnit(_ reference: String, liaison: String?, contact: String?, actor: String) async throws -> MemberUnit
    func units() async throws -> [MemberUnit]
    func unit(_ reference: String) async throws -> MemberUnit
    /// A unit's tasks, the referrals waiting for its reply, those it sent and its reports.
    func unitDesk(_ reference: String, asOf: LocalDate?) async throws -> UnitDesk
    func setUserUnit(_ name: String, unit: String?, actor: String) async throws -> (user: APIUser, unit: MemberUnit?)
    func addReferral(_ input: NewReferral, actor: String) async throws -> Referral
    func replyReferral(id: Int64, on date: LocalDate, result: String, amendReason: String?, actor: String,
                       expect: @escaping @Sendable (Referral) throws -> Void) async throws -> Referral
    func referralFeedback(id: Int64, on date: LocalDate, actor: String,
                          expect: @escaping @Sendable (Referral) throws -> Void) async throws -> Referral
    /// Makes the referral a clue through the clue intake; the referral follows the clue to its outcome.
    func makeClue(from input: ReferralClue, actor: String) async throws -> (referral: Referral, clue: ClueAddResult)
    func referral(id: Int64) async throws -> Referral
    func referrals(_ filter: ReferralFilter) async throws -> [Referral]
    func addTask(_ input: NewTask, actor: String) async throws -> JointTask
    func recordTaskProgress(id: Int64, on date: LocalDate, text: String, actor: String,
                            expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask
    func closeTask(id: Int64, on date: LocalDate, result: String, actor: String,
                   expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask
    func extendTask(id: Int64, to due: LocalDate, reason: String, actor: String,
                    expect: @escaping @Sendable (JointTask) throws -> Void) async throws -> JointTask
    func task(id: Int64) async throws -> JointTask
    func tasks(_ filter: TaskFilter) async throws -> [JointTask]
    /// Records a meeting and makes its decisions tasks, in one transaction.
    func addMeeting(_ input: NewMeeting, actor: String) async throws -> (meeting: JointMeeting, tasks: [JointTask])
    func meeting(id: Int64) async throws -> JointMeeting
    func meetings(limit: Int) async throws -> [JointMeeting]
    func submitReport(_ input: NewMonthlyReport, actor: String) async throws -> MonthlyReport
    func reports(unit: String?, month: ReportMonth?, allVersions: Bool, limit: Int) async throws -> [MonthlyReport]
    /// Who must report the month, where each stands on `asOf`, and the texts.
    func reportRoll(month: ReportMonth, asOf: LocalDate?) async throws -> ReportRoll

    // MARK: Figures and the audit log
    func statistics(_ range: DateRange) async throws -> Statistics
    func digest(_ period: DigestPeriod, asOf: LocalDate?, limit: Int, scope: DigestScope) async throws -> Digest
    func auditEntries(since: String?, table: String?, limit: Int, afterID: Int64) async throws -> [AuditEntry]
    func verifyAuditLog() async throws -> AuditVerification

    // MARK: Settings, calendar, users
    func settings() async throws -> [Setting: String]
    func setSetting(_ setting: Setting, to value: String, actor: String) async throws -> String
    func workingDayCalendar() async throws -> WorkingDayCalendar
    func loadHolidaySchedule(_ data: Data, replaceReason: String?, actor: String) async throws -> HolidaySchedule
    /// With a password hash (bcrypt) the user may also sign in to the web pages.
    func addUser(name: String, role: Role, passwordHash: String?, actor: String) async throws
        -> (user: APIUser, token: String)
    func setPassword(_ name: String, passwordHash: String, actor: String) async throws -> APIUser
    func revokeUser(_ name: String, actor: String) async throws -> APIUser
    func users() async throws -> [APIUser]
    func user(forToken token: String) async throws -> APIUser?

    // MARK: Web sessions
    func signInCredentials(name: String) async throws -> SignInCredentials?
    func completeSignIn(userID: Int64, passwordMatched: Bool) async throws -> SignInOutcome
    func session(token: String) async throws -> WebSession?
    func endSession(token: String) async throws

    // MARK: Operations
    func checkHealth() async throws
    func importRuns(sha256: String?, limit: Int) async throws -> [ImportRun]
    /// Imports a prepared file's rows (a dry run writes nothing), keeping the first `keepIssues` problems.
    func importFile(_ request: ImportRequest, parser: ImportRowParser, rows: ImportRowFeed, keepIssues: Int)
        async throws -> ImportReport
}
