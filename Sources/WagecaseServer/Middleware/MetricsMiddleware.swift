import Hummingbird
import Prometheus
import Synchronization
import WagecaseCore
import WagecaseStore

/// Request counts and latency histograms per route (the route template, so ids do not explode the series),
/// and the open alerts of the guarantee monitor by code, in Prometheus text format at /metrics.
public final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5),
    ]

    public init() {}

    /// The series of one route, method and status, made once: the registry's lookup (the labels compared under
    /// its lock, a descriptor built) costs more than the count itself, on every request.
    private struct SeriesKey: Hashable { let route: String, method: String, status: Int }
    private let series = Mutex<[SeriesKey: (requests: Counter, duration: DurationHistogram)]>([:])

    /// The methods counted by name; any other a client sends counts as OTHER (the series stay a bounded few).
    private static let namedMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    func record(route: String, method sent: String, status: Int, duration: Duration) {
        let method = Self.namedMethods.contains(sent) ? sent : "OTHER"
        let key = SeriesKey(route: route, method: method, status: status)
        let found = series.withLock { series in
            if let found = series[key] { return found }
            let made = (
                requests: registry.makeCounter(
                    descriptor: .init(namespace: "wagecase", subsystem: "http", metricName: "requests", unitName: "total",
                                      helpText: "HTTP requests by route, method and status"),
                    labels: [("route", route), ("method", method), ("status", String(status))]),
                duration: registry.makeDurationHistogram(
                    descriptor: .init(namespace: "wagecase", subsystem: "http", metricName: "request_duration",
                                      unitName: "seconds", helpText: "HTTP request latency by route and method"),
                    labels: [("route", route), ("method", method)], buckets: Self.buckets))
            series[key] = made
            return made
        }
        found.requests.increment()
        found.duration.record(duration)
    }

    /// The registry's text, with the alert gauges set from the monitor as of today first.
    func scrape(_ store: any RecordStore) async throws -> String {
        let alerts = try await store.alerts(asOf: nil, code: nil, region: nil)
        for code in AlertCode.allCases {
            registry.makeGauge(
                descriptor: .init(namespace: "wagecase", subsystem: "guarantee", metricName: "open_alerts",
                                  unitName: "", helpText: "Alerts of the wage-guarantee monitor today, by code"),
                labels: [("code", code.rawValue)]
            ).set(to: Double(alerts.filter { $0.code == code }.count))
        }
        return registry.emitToString()
    }
}

struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: Int(response.status.code), duration: ContinuousClock.now - start)
            return response
        } catch {
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: Problem.from(error, method: request.method).status,
                           duration: ContinuousClock.now - start)
            throw error
        }
    }
}
