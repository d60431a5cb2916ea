import Hummingbird
import WagecaseCore
import WagecaseReports
import WagecaseStore

/// `/`: the year in one line as the office reports it, this week against the last, the monitor's alerts by
/// urgency, what falls due in the next days and recovered per week — the weekly digest's figures, on a page.
/// Labor-bureau staff see the guarantee side only; administrators their tools.
struct DashboardPage {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let today = LocalDate.today()
        // This week so far (Monday to today) against the week before.
        let digest = try await store.digest(.week(before: today.adding(days: 7)), asOf: today, limit: 10,
                                            scope: .overview)
        // A case's time limits name the case: shown only to those who see case data.
        let casesShown = user.role.seesCaseData
        let dueSoon = casesShown ? digest.dueSoon : digest.guaranteeDutiesDueSoon
        let overdue = casesShown ? digest.overdue : digest.guaranteeDutiesOverdue
        let jointShown = try await JointWorkPages.visibleUnits(user, store: store) == nil
        let jointCodes = AlertCode.allCases.filter(\.isJointWork)
        let jointAlerts = jointCodes.map { digest.alerts.byCode[$0.rawValue] ?? 0 }.reduce(0, +)
        let jointLabels = Set(jointCodes.map { $0.label(language) })
        var data: [String: Any] = [
            "asOf": today.iso,
            "dueSoon": DigestPanels.deadlines(dueSoon.items, language),
            "dueSoonTotal": dueSoon.total,
            "overdue": DigestPanels.deadlines(overdue.items, language),
            "overdueTotal": overdue.total,
            // The joint work's alerts name units' referrals and tasks: for those who see every unit's (labor-bureau
            // staff find their own on their unit's desk).
            "alertTotal": digest.alerts.total - (jointShown ? 0 : jointAlerts),
            "alertCodes": DigestPanels.alertCodes(digest, language)
                .filter { code in jointShown || !jointLabels.contains(code.label) }
                .map { ["label": $0.label, "count": $0.count] },
            "alerts": zip(digest.alerts.mostUrgent, DigestPanels.alerts(digest, language))
                .filter { alert, _ in (casesShown || !alert.code.isCaseTimeLimit) && (jointShown || !alert.code.isJointWork) }
                .map { alert, line in
                    ["line": line, "level": alert.severity.rawValue, "levelLabel": alert.severity.label(language)]
                },
        ]
        if user.role.may(.writeCases) {
            // My deadlines: the time limits of the cases this prosecutor handles or assists on.
            let mine = try await store.caseDeadlines(handler: user.name, asOf: today)
            data["myDeadlines"] = mine.prefix(10).map { d -> [String: Any] in
                ["href": d.caseID.map { "/cases/\($0)" } ?? "", "line": DigestPanels.deadlines([d], language).first ?? "",
                 "overdue": d.isOverdue]
            }
            data["myDeadlinesTotal"] = mine.count
            data["mayHandle"] = true
        }
        if user.role.seesCaseData {
            data["caseFigures"] = true
            data["yearLine"] = digest.yearToDate.headline(language)
            let columns = DigestPanels.columns(language)
            data["columns"] = columns
            for (index, column) in columns.enumerated() { data["col\(index)"] = column }
            data["figures"] = DigestPanels.figureRows(digest, language)
            data["chart"] = DigestPanels.recoveredChart(digest, language)
            data["chartTitle"] = DigestPanels.chartTitle(digest, language)
            data["periodTitle"] = digest.period.title(language)
        }
        return WebPage.render("dashboard", title: "Overview", data, context: context, request: request)
    }
}
