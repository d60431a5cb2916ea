import ArgumentParser
import Foundation
import WagecaseCore
import WagecasePostgres
import WagecaseReports
import WagecaseSQLite
import WagecaseStore

extension DigestFormat: ExpressibleByArgument {}
extension ChatRobot.Kind: ExpressibleByArgument {}

extension Wagecase {
    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "digest",
            abstract: "The weekly digest (周汇报) or monthly summary (月小结), for a terminal, a file, mail or a chat robot.",
            discussion: """
                --week reports the Monday–Sunday week before the one containing the as-of date (run on a Monday, \
                the week just ended); --month YYYY-MM a calendar month. Figures are given for the period, the \
                previous period and the year to date, and equal `wagecase stats` for the same ranges. Due and \
                overdue items and the guarantee monitor's alerts are as of --on (default today, Asia/Shanghai).

                With --out, --webhook or --mail nothing is printed on success (for cron); a failed delivery is \
                retried with backoff, then reported on stderr with exit status 1 (the --out file is written first \
                either way). The database is only read, in one snapshot: a running `wagecase serve` is not blocked.
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "The week before the one containing the as-of date (the default).") var week = false
        @Option(help: ArgumentHelp("A calendar month instead of a week.", valueName: "YYYY-MM")) var month: String?
        @Option(help: ArgumentHelp("As-of date (default: today in Asia/Shanghai).", valueName: "DATE")) var on: String?
        @Option(help: "text (default), markdown, html, csv or json (--json is the same as --format json).")
        var format: DigestFormat?
        @Option(help: ArgumentHelp("Write the report to this file (atomically: temporary file, then rename).",
                                   valueName: "FILE"))
        var out: String?
        @Option(help: "At most this many items per list (1–1000); totals are always given.") var limit = 10

        @Option(help: ArgumentHelp("Post the report as Markdown to a WeCom or DingTalk group robot.", valueName: "URL"))
        var webhook: String?
        @Option(name: .customLong("webhook-kind"), help: "wecom or dingtalk (default: dingtalk for an oapi.dingtalk.com URL, else wecom).")
        var webhookKind: ChatRobot.Kind?
        @Option(name: .customLong("webhook-secret"), help: ArgumentHelp(
            "DingTalk signing secret (加签), else $WAGECASE_WEBHOOK_SECRET; kept out of crontab and ps that way.",
            valueName: "SECRET"))
        var webhookSecret: String?
        @Option(help: ArgumentHelp("Mail the report (HTML with a text alternative) through sendmail -t; repeatable.",
                                   valueName: "ADDRESS"))
        var mail: [String] = []
        @Option(name: .customLong("mail-from"), help: ArgumentHelp("From address of the mail.", valueName: "ADDRESS"))
        var mailFrom: String?
        @Option(help: "Delivery attempts in all before giving up (1–10).") var attempts = 4
        @Option(name: .customLong("retry-delay"), help: ArgumentHelp(
            "Seconds before the first retry; each later wait doubles.", valueName: "SECONDS"))
        var retryDelay = 2.0

        func validate() throws {
            if week && month != nil { throw ValidationError(RefusalText.usage("give --week or --month, not both")) }
            guard (1...1000).contains(limit) else { throw ValidationError(RefusalText.usage("--limit must be between 1 and 1000")) }
            guard (1...10).contains(attempts) else { throw ValidationError(RefusalText.usage("--attempts must be between 1 and 10")) }
            guard (0...600).contains(retryDelay) else { throw ValidationError(RefusalText.usage("--retry-delay must be between 0 and 600")) }
            if format != nil && global.json && format != .json {
                throw ValidationError(RefusalText.usage("--json and --format \(format!.rawValue) disagree"))
            }
        }

        func run() async throws {
            var failures: [String] = []
            try await runReportingAsync {
                let asOf = try on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
                let period: DigestPeriod, digest: WagecaseCore.Digest
                if global.isPostgres {
                    // Reads only, in one snapshot: a read replica's URL serves.
                    let database = try await PostgresDatabase.open(try global.postgresLocation(), migrate: false)
                    defer { database.close() }
                    period = try month.map { m throws(WagecaseError) in try DigestPeriod.month(m) }
                        ?? DigestPeriod.week(before: asOf ?? LocalDate.today())
                    digest = try await database.digest(period, asOf: asOf, limit: limit)
                } else {
                    // Not mapped: a digest touches scattered pages of a large file once, and each would cost a fault
                    // that maps its neighbours too, then unmapping them all at exit (README, Performance: measured
                    // both ways).
                    let database = try global.open(.readOnly, mapsFile: false)
                    period = try month.map { m throws(WagecaseError) in try DigestPeriod.month(m) }
                        ?? DigestPeriod.week(before: asOf ?? database.today)
                    digest = try database.digest(period, asOf: asOf, limit: limit)
                }
                let format = self.format ?? (global.json ? .json : .text)
                let report = format.render(digest, language: global.lang)
                let robot = try webhook.map { url throws(DeliveryError) in
                    try ChatRobot(kind: webhookKind ?? (url.contains("dingtalk") ? .dingtalk : .wecom), url: url,
                                  secret: webhookSecret ?? ProcessInfo.processInfo.environment["WAGECASE_WEBHOOK_SECRET"])
                }
                if let out { try AtomicFile.write(report, to: out) }
                if out == nil && robot == nil && mail.isEmpty { FileHandle.standardOutput.write(Data(report.utf8)) }

                let retry = RetryPolicy(attempts: attempts, firstDelay: .milliseconds(Int(retryDelay * 1000)))
                let title = period.title(global.lang)
                if let robot {
                    do {
                        try await robot.send(title: title, blocks: DigestFormat.chatBlocks(digest, language: global.lang),
                                             retry: retry)
                    } catch { failures.append(RefusalText.of(error)) }
                }
                if !mail.isEmpty {
                    do {
                        guard let sendmail = Sendmail.locate() else {
                            throw DeliveryError.mail(attempts: 0, reason: "no sendmail on PATH, /usr/sbin or /usr/lib")
                        }
                        let message = MailMessage(to: mail, from: mailFrom, subject: title,
                                                  text: DigestFormat.text.render(digest, language: global.lang),
                                                  html: DigestFormat.html.render(digest, language: global.lang))
                        try await sendmail.send(message, retry: retry)
                    } catch { failures.append(RefusalText.of(error)) }
                }
            }
            guard failures.isEmpty else {
                failures.forEach { Printer.error($0) }
                throw ExitCode(1)
            }
        }
    }
}
