import Foundation
import Hummingbird
import NIOCore
import WagecaseCore
import WagecaseReports
import WagecaseStore

/// /digest: the weekly digest or monthly summary of any week or month, previewed as a page, and downloaded in
/// every format `wagecase digest` writes (the same rendering).
struct DigestPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("digest", use: preview)
        router.get("digest/download", use: download)
    }

    /// The period a request names: `month=YYYY-MM`, else the week before `date` (default: the latest full week).
    private func period(_ request: Request) throws -> (DigestPeriod, query: String) {
        let query = request.uri.queryParameters
        if let month = query["month"].map(String.init), !month.isEmpty {
            return (try DigestPeriod.month(month), "month=\(month)")
        }
        let date = try query["date"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            .map { d throws(WagecaseError) in try LocalDate.parse(d, field: "date") } ?? LocalDate.today()
        return (DigestPeriod.week(before: date), "date=\(date.iso)")
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.caseReader(request)
        let language = context.language
        let (period, query) = try period(request)
        let digest = try await store.digest(period, asOf: nil, limit: 10, scope: .full)
        let titles = DigestPanels.titles(digest, language)
        var data: [String: Any] = [
            "periodTitle": period.title(language), "headline": digest.headline(language), "titles": titles,
            "figures": DigestPanels.figureRows(digest, language),
            "chart": DigestPanels.recoveredChart(digest, language), "chartTitle": DigestPanels.chartTitle(digest, language),
            "dueSoon": DigestPanels.deadlines(digest.dueSoon.items, language),
            "overdue": DigestPanels.deadlines(digest.overdue.items, language),
            "alerts": DigestPanels.alerts(digest, language),
            "largest": DigestPanels.largestOpenCases(digest, language),
            "series": DigestPanels.openSeries(digest, language),
            "returns": DigestPanels.returnsDue(digest, language),
            "joint": DigestPanels.jointSections(digest, language),
            "downloads": DigestFormat.allCases.map { ["href": "/digest/download?\(query)&format=\($0.rawValue)",
                                                      "label": $0.fileExtension.uppercased()] },
            "date": request.uri.queryParameters["date"].map(String.init) ?? "",
            "month": request.uri.queryParameters["month"].map(String.init) ?? "",
        ]
        for (index, column) in DigestPanels.columns(language).enumerated() { data["col\(index)"] = column }
        return WebPage.render("digest", title: "Digest", data, context: context, request: request)
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.caseReader(request)
        let (period, _) = try period(request)
        let name = request.uri.queryParameters["format"].map(String.init) ?? "html"
        guard let format = DigestFormat(rawValue: name) else {
            throw WagecaseError.invalidField(field: "format", value: name, reason: "is not a known value",
                                             allowed: "text, markdown, html, csv or json")
        }
        let digest = try await store.digest(period, asOf: nil, limit: 10, scope: .full)
        let text = format.render(digest, language: context.language)
        let type = switch format {
        case .html: "text/html; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json"
        case .markdown: "text/markdown; charset=utf-8"
        case .text: "text/plain; charset=utf-8"
        }
        let file = "wagecase-\(period.from.iso)-\(period.to.iso).\(format.fileExtension)"
        return Response(status: .ok, headers: [
            .contentType: type, .contentDisposition: "attachment; filename=\"\(file)\"", .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
