import Hummingbird
import NIOCore
import Logging
import WagecaseStore

/// Where the service listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        (self.host, self.port) = (host, port)
    }
}

/// Builds the whole service over one database. The CLI's `serve` and the tests call this.
public func buildApplication(database: AppDatabase, configuration: ServerConfiguration,
                             logger: Logger = Logger(label: "wagecase")) -> some ApplicationProtocol {
    Application(
        router: buildRouter(database: database, metrics: ServiceMetrics()),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                             serverName: "wagecase"),
        logger: logger)
}

public func buildRouter(database: AppDatabase, metrics: ServiceMetrics) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: BearerAuthenticator(database: database))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())

    router.get("healthz") { _, _ -> Response in
        try database.checkHealth()
        return try JSONResponse.make(["status": "ok"])
    }
    router.get("openapi.yaml") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: embeddedOpenAPI)))
    }
    // Counts only, no personal data; restrict it at the proxy if the network is not trusted.
    router.get("metrics") { _, _ -> Response in
        let text = try metrics.scrape(database)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    let api = router.group("api/v1")
    PeopleController(database: database).addRoutes(to: api)
    ProjectsController(database: database).addRoutes(to: api)
    CasesController(database: database).addRoutes(to: api)
    ReportsController(database: database).addRoutes(to: api)
    AdminController(database: database).addRoutes(to: api)
    return router
}
