import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import WagecaseStore

/// Where the service listens, and how it guards its connections and its metrics.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// A connection with nothing in flight — idle, or a request half sent and stalled — is closed after this.
    public var idleTimeout: Duration
    /// /metrics answers only with `Authorization: Bearer <token>` when set.
    public var metricsToken: String?
    /// /metrics is served on this address instead of the service's own when set (a monitoring network).
    public var metricsAddress: (host: String, port: Int)?
    /// The web pages' cookies without `Secure`, for plain-HTTP development (TLS is terminated in front otherwise).
    public var insecureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeout: Duration = .seconds(30),
                metricsToken: String? = nil, metricsAddress: (host: String, port: Int)? = nil,
                insecureCookies: Bool = false) {
        (self.host, self.port, self.idleTimeout) = (host, port, idleTimeout)
        (self.metricsToken, self.metricsAddress) = (metricsToken, metricsAddress)
        self.insecureCookies = insecureCookies
    }
}

/// Builds the whole service over one database. The CLI's `serve` and the tests call this.
public func buildApplication(store: any RecordStore, configuration: ServerConfiguration, metrics: ServiceMetrics = .init(),
                             logger: Logger = Logger(label: "wagecase")) -> some ApplicationProtocol {
    Application(
        router: buildRouter(store: store, metrics: metrics, configuration: configuration),
        server: .http1(configuration: httpConfiguration(configuration)),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                             serverName: "wagecase"),
        logger: logger)
}

/// /metrics alone, for `ServerConfiguration.metricsAddress`.
public func buildMetricsApplication(store: any RecordStore, configuration: ServerConfiguration, metrics: ServiceMetrics,
                                    logger: Logger = Logger(label: "wagecase")) -> (some ApplicationProtocol)? {
    configuration.metricsAddress.map { address in
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        addMetricsRoute(to: router, store: store, metrics: metrics, token: configuration.metricsToken)
        return Application(router: router, server: .http1(configuration: httpConfiguration(configuration)),
                           configuration: .init(address: .hostname(address.host, port: address.port),
                                                serverName: "wagecase"),
                           logger: logger)
    }
}

private func httpConfiguration(_ configuration: ServerConfiguration) -> HTTP1Channel.Configuration {
    let seconds = configuration.idleTimeout.components.seconds
    return .init(additionalChannelHandlers: [ParseErrorResponder()], idleTimeout: .seconds(max(seconds, 1)))
}

private func addMetricsRoute(to router: Router<AppRequestContext>, store: any RecordStore, metrics: ServiceMetrics,
                             token: String?) {
    // Counts only, no personal data; a token or an address of its own keeps it from the open network.
    router.get("metrics") { request, _ -> Response in
        if let token {
            let sent = request.headers[.authorization].map { Array($0.utf8) } ?? []
            guard constantTimeEquals(sent, Array("Bearer \(token)".utf8)) else { throw APIError.unauthorized }
        }
        let text = try await metrics.scrape(store)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Compares a secret without stopping at the first difference, so the time taken says nothing about it.
func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    var difference = UInt8(lhs.count == rhs.count ? 0 : 1)
    for index in 0..<max(lhs.count, rhs.count) {
        difference |= (index < lhs.count ? lhs[index] : 0) ^ (index < rhs.count ? rhs[index] : 0)
    }
    return difference == 0
}

public func buildRouter(store: any RecordStore, metrics: ServiceMetrics,
                        configuration: ServerConfiguration = .init()) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Outermost, once: every error of every layer below becomes problem+json (the log and the metrics name the
    // status a refusal will get as they see it pass).
    router.add(middleware: ProblemMiddleware())
    let tokens = TokenCache()
    let sessions = SessionCache()
    router.add(middleware: BearerAuthenticator(store: store, cache: tokens))  // before the log, which names the user
    router.add(middleware: SessionLoader(store: store, sessions: sessions))   // likewise, for the pages
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: QueryParameterMiddleware())

    router.get("healthz") { _, _ -> Response in
        try await store.checkHealth()
        return try JSONResponse.make(["status": "ok"])
    }
    router.get("openapi.yaml") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: embeddedOpenAPI)))
    }
    if configuration.metricsAddress == nil {
        addMetricsRoute(to: router, store: store, metrics: metrics, token: configuration.metricsToken)
    }

    let api = router.group("api/v1")
    PeopleController(store: store).addRoutes(to: api)
    ProjectsController(store: store).addRoutes(to: api)
    CasesController(store: store).addRoutes(to: api)
    DocumentsController(store: store).addRoutes(to: api)
    DataMatchingController(store: store).addRoutes(to: api)
    JointWorkController(store: store).addRoutes(to: api)
    ReportsController(store: store).addRoutes(to: api)
    AdminController(store: store, tokens: tokens).addRoutes(to: api)

    // The web pages: the same use-cases, signed in by a session cookie.
    router.get("assets/:name") { request, context -> Response in
        WebAssets.response(request, name: try context.parameters.require("name"))
    }
    let cookies = WebCookies(secure: !configuration.insecureCookies)
    let pages = router.group().add(middleware: WebMiddleware(cookies: cookies))
    SignInPages(store: store, cookies: cookies, sessions: sessions).addRoutes(to: pages)
    DashboardPage(store: store).addRoutes(to: pages)
    CluePages(store: store).addRoutes(to: pages)
    CasePages(store: store).addRoutes(to: pages)
    DocumentPages(store: store).addRoutes(to: pages)
    GuaranteePages(store: store).addRoutes(to: pages)
    RecordPages(store: store).addRoutes(to: pages)
    SearchPage(store: store).addRoutes(to: pages)
    SuggestionPages(store: store).addRoutes(to: pages)
    LeadPages(store: store).addRoutes(to: pages)
    JointWorkPages(store: store).addRoutes(to: pages)
    ReferralPages(store: store).addRoutes(to: pages)
    TaskPages(store: store).addRoutes(to: pages)
    MeetingPages(store: store).addRoutes(to: pages)
    AdminPages(store: store).addRoutes(to: pages)
    DigestPages(store: store).addRoutes(to: pages)
    ImportPages(store: store).addRoutes(to: pages)
    return router
}
