import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The weekly digest and monthly summary on PostgreSQL: read in one REPEATABLE READ, READ ONLY transaction (a
/// replica serves it) from the same kept figures and records as the SQLite store reads, and put together by the
/// same code (`Digest.init(period:asOf:limit:monitor:…)`), so both engines give the same digest.
extension PostgresDatabase {
    public func digest(_ period: DigestPeriod, asOf: LocalDate? = nil, limit: Int = 10, scope: DigestScope = .full,
                       now: Date = Date()) async throws -> Digest {
        let today = LocalDate.today(now: now)
        let asOf = asOf ?? today
        do {
            return try await readOnly(sharing: asOf < today) { connection, shared in
                let calendar = try await PostgresStatistics.calendar(connection)
                let window = Digest.dueWindowDays(for: period.kind)
                // A past day's cases that changed since, found once for the open cases, the lists and the limits:
                // on a second connection while this one reads everything that does not turn on them (the largest
                // part of a past week on each).
                async let changedElsewhere = ChangedSince.read(sharing: shared, day: asOf, today: today)
                let keptMonitor = try await PostgresMonitorDigest.Kept.read(connection, asOf: asOf, today: today,
                                                                            window: window, limit: limit, calendar: calendar)
                let underWatch = try await PostgresCases.Watched.read(connection)
                // What was paid since, by case, for the largest open cases and the open series.
                let paidSince = asOf < today ? try await PostgresDigestLists.paidSince(connection, day: asOf) : nil
                let full = scope == .full
                let weeks = try await PostgresDigestLists.recoveredByWeek(connection, endingWith: period.to)
                let months = full && period.kind == .month
                    ? try await PostgresDigestLists.recoveredByMonth(connection, through: period.to) : []
                // Referrals are judged as they stand at each range's end, or today when that is still to come.
                let current = try await PostgresStatistics.figures(connection, period.range, asOf: period.to,
                                                                   end: min(period.to, today), calendar: calendar)
                let previous = try await PostgresStatistics.figures(connection, period.previous.range, asOf: period.previous.to,
                                                                    end: min(period.previous.to, today), calendar: calendar)
                let yearToDate = try await PostgresStatistics.figures(connection, period.yearToDate, asOf: period.to,
                                                                      end: min(period.to, today), calendar: calendar)
                let jointSnapshot = try await PostgresJointWork.snapshot(connection, asOf: asOf, calendar: calendar)
                let jointWork = try await PostgresJointWork.digestPart(connection, period: period, asOf: asOf, limit: limit,
                                                                       snapshot: jointSnapshot, calendar: calendar)

                var changed = try await changedElsewhere
                if changed == nil && asOf < today {
                    changed = try await PostgresCases.changed(connection, day: asOf, today: today)
                }
                // The cases' time limits are worked out in a task of their own while the lists are read.
                async let watched = PostgresCases.Watched.digestPart(underWatch, changed: changed, calendar: calendar,
                                                                     asOf: asOf, window: window, limit: limit)
                let monitor = try await keptMonitor.part(connection, changed: changed)
                let largest = full ? try await PostgresDigestLists.largestOpenCases(
                    connection, limit: limit, asOf: asOf, today: today, changed: changed, paidSince: paidSince)
                    : .init(total: 0, items: [])
                let series = full ? try await PostgresDigestLists.openSeries(connection, limit: limit, asOf: asOf, today: today,
                                                                                 changed: changed, paidSince: paidSince)
                    : .init(total: 0, items: [])
                var digest = Digest(
                    period: period, asOf: asOf, limit: limit, monitor: monitor, watched: await watched,
                    joint: JointWorkMonitor.findings(jointSnapshot, calendar: calendar, asOf: asOf), jointWork: jointWork,
                    current: current, previous: previous, yearToDate: yearToDate, largestOpenCases: largest,
                    openSeries: series, recoveredByWeek: weeks, recoveredByMonth: months)
                digest.nameArrearsCases(try await PostgresCases.openCases(
                    connection, projects: digest.arrearsProjectsShown, asOf: asOf, today: today))
                return digest
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }
}

/// The cases changed since a past day, as they stood then, read on a second connection sharing the digest's
/// snapshot.
enum ChangedSince {
    /// Nil when there is no shared snapshot, or its connection was refused a table's lock (the caller then reads
    /// them on its own connection).
    static func read(sharing shared: SharedSnapshot?, day: LocalDate, today: LocalDate) async throws -> CasesChangedSince? {
        guard let shared else { return nil }
        do {
            return try await shared.read { other in
                try await PostgresCases.changed(other, day: day, today: today)
            }
        } catch is SharedSnapshot.Busy {
            return nil
        }
    }
}

/// The digest's lists on PostgreSQL: the largest open cases and series on the day, and what was recovered by
/// week and by month.
enum PostgresDigestLists {
    typealias Ranked = (id: Int64, unpaid: Int64)

    static func isInOrder(_ a: Ranked, _ b: Ranked) -> Bool { a.unpaid != b.unpaid ? a.unpaid > b.unpaid : a.id < b.id }

    /// What was paid after `day`, by case.
    static func paidSince(_ connection: PostgresConnection, day: LocalDate) async throws -> [Int64: Int64] {
        let sums = try await PostgresColumnArrays.read("""
            SELECT array_agg(case_id), array_agg(paid) FROM (
                SELECT case_id, SUM(amount_fen)::bigint AS paid FROM recovery WHERE paid_on > $1::date GROUP BY case_id) since
            """, [day.iso], on: connection)
        let (cases, amounts) = (try sums.integers(0, "case_id"), try sums.integers(1, "paid"))
        var paid: [Int64: Int64] = [:]
        paid.reserveCapacity(sums.count)
        for row in 0..<sums.count { paid[cases[row]] = amounts[row] }
        return paid
    }

    /// Cases open on `asOf` by what was still unpaid then, largest first. Today's order is kept by triggers
    /// (open_case_unpaid); a past day's is today's for the cases not changed since nor paid since, with those
    /// put back as they stood then (the SQLite store's reasoning, AppDatabase+Digest).
    static func largestOpenCases(_ connection: PostgresConnection, limit: Int, asOf: LocalDate, today: LocalDate,
                                 changed: CasesChangedSince?, paidSince: [Int64: Int64]? = nil)
        async throws -> Digest.Listing<Digest.OpenCase> {
        let openNow = try await PostgresStatistics.rows("""
            SELECT COALESCE(SUM(cases), 0)::bigint FROM case_stage_count WHERE stage NOT IN \(PostgresCases.finishedSQL)
            """, on: connection) { try $0.integer(0, "cases") }.first ?? 0
        guard asOf < today else {
            let ranked = try await PostgresStatistics.rows("""
                SELECT case_id, unpaid_fen FROM open_case_unpaid ORDER BY unpaid_fen DESC, case_id LIMIT $1::bigint
                """, [String(limit)], on: connection) { (id: try $0.integer(0, "case_id"), unpaid: try $0.integer(1, "unpaid_fen")) }
            return Digest.Listing(total: Int(truncatingIfNeeded: openNow),
                                  items: try await named(connection, ranked, asOf: asOf, today: today))
        }
        var found = changed
        if found == nil { found = try await PostgresCases.changed(connection, day: asOf, today: today) }
        guard let changed = found else { return Digest.Listing(total: 0, items: []) }
        let total = Int(truncatingIfNeeded: openNow) + changed.openChange
        guard limit > 0 else { return Digest.Listing(total: total, items: []) }
        var paid = paidSince
        if paid == nil { paid = try await Self.paidSince(connection, day: asOf) }
        let paidSince = paid ?? [:]
        // Unchanged and not paid since: the first of the kept order. At most `reach` are read; the first pages of
        // it nearly always hold them (a week's changes are few of the open cases), so it is read a page at a time.
        let reach = limit + changed.count + paidSince.count
        var unmoved: [Ranked] = []
        var page = limit > reach / 2 ? reach : limit * 2
        while true {
            let first = try await PostgresStatistics.rows("""
                SELECT case_id, unpaid_fen FROM open_case_unpaid ORDER BY unpaid_fen DESC, case_id LIMIT $1::bigint
                """, [String(page)], on: connection) { (id: try $0.integer(0, "case_id"), unpaid: try $0.integer(1, "unpaid_fen")) }
            unmoved = Array(first.filter { !changed.contains($0.id) && paidSince[$0.id] == nil }.prefix(limit))
            if unmoved.count == limit || first.count < page || page >= reach { break }
            page = page > reach / 8 ? reach : page * 8
        }
        // Unchanged and paid since: what it owes now and what was paid since.
        let paidUnchanged = paidSince.keys.filter { !changed.contains($0) }
        if !paidUnchanged.isEmpty {
            for (id, unpaid) in try await PostgresStatistics.rows("""
                SELECT case_id, unpaid_fen FROM open_case_unpaid WHERE case_id = ANY($1::bigint[])
                """, [PostgresStatistics.idArray(paidUnchanged)], on: connection, {
                    (try $0.integer(0, "case_id"), try $0.integer(1, "unpaid_fen"))
                }) { unmoved.append((id, unpaid + (paidSince[id] ?? 0))) }
        }
        unmoved.sort(by: isInOrder)
        // Changed and open then: the claim less what was recovered by the day; only a claim at least the least of
        // the first `limit` others can rank.
        let least = unmoved.count < limit ? Int64.min : unmoved[limit - 1].unpaid
        var ranked = Array(unmoved.prefix(limit))
        let candidates = changed.openThen.filter { $0.claimed >= least }
        if !candidates.isEmpty {
            var recovered: [Int64: Int64] = [:]
            for (id, amount) in try await PostgresStatistics.rows("""
                SELECT case_id, SUM(amount_fen)::bigint FROM recovery WHERE case_id = ANY($1::bigint[]) AND paid_on <= $2::date
                GROUP BY case_id
                """, [PostgresStatistics.idArray(candidates.map(\.id)), asOf.iso], on: connection, {
                    (try $0.integer(0, "case_id"), try $0.integer(1, "sum"))
                }) { recovered[id] = amount }
            ranked += candidates.map { ($0.id, $0.claimed - (recovered[$0.id] ?? 0)) }
        }
        ranked = Array(ranked.sorted(by: isInOrder).prefix(limit))
        return Digest.Listing(total: total, items: try await named(connection, ranked, asOf: asOf, today: today))
    }

    /// The few ranked cases with their names and stage on the day, in the ranked order.
    static func named(_ connection: PostgresConnection, _ ranked: [Ranked], asOf: LocalDate,
                      today: LocalDate) async throws -> [Digest.OpenCase] {
        guard !ranked.isEmpty else { return [] }
        // Ids and amounts are the store's integers, written in as a list of values.
        let values = ranked.map { "(\($0.id)::bigint, \($0.unpaid)::bigint)" }.joined(separator: ", ")
        return try await PostgresStatistics.rows("""
            WITH ranked(id, unpaid) AS (VALUES \(values))
            SELECT c.id, c.case_number, w.name, e.name, p.name, s.name, \(PostgresCases.stage(on: asOf, today: today)),
                   c.opened_on::text, c.claimed_fen, c.claimed_fen - ranked.unpaid
            FROM ranked JOIN wage_case c ON c.id = ranked.id JOIN worker w ON w.id = c.worker_id
            JOIN clue l ON l.id = c.clue_id JOIN employer e ON e.id = l.employer_id
            LEFT JOIN project p ON p.id = l.project_id LEFT JOIN case_series s ON s.id = c.series_id
            ORDER BY ranked.unpaid DESC, c.id
            """, on: connection) { c in
            Digest.OpenCase(caseID: try c.integer(0, "id"), caseNumber: try c.optionalText(1),
                            workerName: try c.text(2, "worker_name"), employerName: try c.text(3, "employer_name"),
                            projectName: try c.optionalText(4), seriesName: try c.optionalText(5),
                            stage: try c.vocabulary(6, "stage"), opened: try c.date(7, "opened_on"),
                            claimed: Fen(try c.integer(8, "claimed_fen")), recovered: Fen(try c.integer(9, "recovered")))
        }
    }

    /// Series (crews) with a case open on `asOf`, by what was still unpaid across the series then, largest first:
    /// the kept series figures (schema v27) in their index's order, and on a past day the series with a case
    /// opened, moved (`changed`, found if not given) or paid since (`paidSince`, by case, found if not given)
    /// counted again from their cases as they stood.
    static func openSeries(_ connection: PostgresConnection, limit: Int, asOf: LocalDate, today: LocalDate,
                           changed: CasesChangedSince?, paidSince: [Int64: Int64]? = nil)
        async throws -> Digest.Listing<Digest.OpenSeries> {
        func figure(_ c: PostgresCells) throws -> OpenSeriesFigures.Figure {
            OpenSeriesFigures.Figure(seriesID: try c.integer(0, "series_id"),
                                     cases: Int(truncatingIfNeeded: try c.integer(1, "cases")),
                                     openCases: Int(truncatingIfNeeded: try c.integer(2, "open_cases")),
                                     claimed: try c.integer(3, "claimed_fen"), recovered: try c.integer(4, "recovered_fen"))
        }
        let keptOpen = Int(truncatingIfNeeded: try await PostgresStatistics.rows(
            "SELECT COUNT(*) FROM series_figure WHERE open_cases > 0", on: connection) { try $0.integer(0, "count") }.first ?? 0)
        var affected = Set<Int64>()
        var affectedThen: [OpenSeriesFigures.Figure] = []
        var affectedKeptOpen = 0
        // The affected series' ids, sorted once, as an array literal.
        var list = PostgresStatistics.idArray([Int64]())
        if asOf < today {
            var found = changed
            if found == nil { found = try await PostgresCases.changed(connection, day: asOf, today: today) }
            affected = found?.series ?? []
            // The series of the cases paid since: a changed case's is known; the others' are looked up.
            var paid = paidSince
            if paid == nil { paid = try await Self.paidSince(connection, day: asOf) }
            let paidUnchanged = (paid ?? [:]).keys.filter { found?.contains($0) != true }.sorted()
            if !paidUnchanged.isEmpty {
                affected.formUnion(try await PostgresStatistics.rows("""
                    SELECT DISTINCT series_id FROM wage_case WHERE id = ANY($1::bigint[]) AND series_id IS NOT NULL
                    """, [PostgresStatistics.idArray(paidUnchanged)], on: connection) { try $0.integer(0, "series_id") })
            }
            list = PostgresStatistics.idArray(affected.sorted())
            affectedKeptOpen = Int(truncatingIfNeeded: try await PostgresStatistics.rows("""
                SELECT COUNT(*) FROM series_figure WHERE open_cases > 0 AND series_id = ANY($1::bigint[])
                """, [list], on: connection) { try $0.integer(0, "count") }.first ?? 0)
            affectedThen = try await PostgresStatistics.rows("""
                WITH members AS (
                    SELECT c.series_id, \(PostgresCases.stage(on: asOf, today: today)) AS stage, c.claimed_fen,
                           (SELECT COALESCE(SUM(r.amount_fen), 0) FROM recovery r
                            WHERE r.case_id = c.id AND r.paid_on <= \(PostgresCases.literal(asOf))) AS recovered
                    FROM wage_case c
                    WHERE c.series_id = ANY($1::bigint[]) AND c.opened_on <= \(PostgresCases.literal(asOf)))
                SELECT series_id, COUNT(*), COUNT(*) FILTER (WHERE stage NOT IN \(PostgresCases.finishedSQL)),
                       SUM(claimed_fen)::bigint, SUM(recovered)::bigint
                FROM members GROUP BY series_id
                """, [list], on: connection, figure)
        }
        let keptFirst = try await PostgresStatistics.rows("""
            SELECT series_id, cases, open_cases, claimed_fen, recovered_fen FROM series_figure
            WHERE open_cases > 0 AND NOT series_id = ANY($1::bigint[])
            ORDER BY claimed_fen - recovered_fen DESC, series_id LIMIT $2::bigint
            """, [list, String(limit)], on: connection, figure)
        let (total, first) = asOf < today
            ? OpenSeriesFigures.onPastDay(keptOpen: keptOpen, keptFirst: keptFirst, affectedKeptOpen: affectedKeptOpen,
                                          affectedThen: affectedThen, limit: limit)
            : (keptOpen, keptFirst)
        guard !first.isEmpty else { return Digest.Listing(total: total, items: []) }
        var names: [Int64: String] = [:]
        for (id, name) in try await PostgresStatistics.rows("""
            SELECT id, name FROM case_series WHERE id = ANY($1::bigint[])
            """, [PostgresStatistics.idArray(first.map(\.seriesID))], on: connection, {
                (try $0.integer(0, "id"), try $0.text(1, "name"))
            }) {
            names[id] = name
        }
        // Every series a case names exists (a foreign key); the join the list once made is kept all the same.
        return Digest.Listing(total: total, items: first.compactMap { figure in names[figure.seriesID].map(figure.named) })
    }

    /// Recovered per Monday–Sunday week over the chart's weeks, ending with the week containing `day`.
    static func recoveredByWeek(_ connection: PostgresConnection, endingWith day: LocalDate) async throws -> [Digest.WeekAmount] {
        let days = Digest.chartDays(endingWith: day)
        let byDay = try await PostgresStatistics.rows("""
            SELECT paid_on::text, SUM(amount_fen)::bigint FROM recovery WHERE paid_on BETWEEN $1::date AND $2::date
            GROUP BY paid_on
            """, [days.first.iso, days.last.iso], on: connection) {
            (paid: try $0.date(0, "paid_on"), recovered: Fen(try $0.integer(1, "total")))
        }
        return Digest.weekAmounts(endingWith: day, byDay: byDay)
    }

    /// Recovered per calendar month from January of `day`'s year to `day`'s month.
    static func recoveredByMonth(_ connection: PostgresConnection, through day: LocalDate) async throws -> [Digest.MonthAmount] {
        let byMonth = try await PostgresStatistics.rows("""
            SELECT EXTRACT(MONTH FROM paid_on)::bigint, SUM(amount_fen)::bigint FROM recovery
            WHERE paid_on BETWEEN $1::date AND $2::date GROUP BY 1
            """, ["\(day.year)-01-01", day.iso], on: connection) {
            (month: Int(truncatingIfNeeded: try $0.integer(0, "month")), recovered: Fen(try $0.integer(1, "total")))
        }
        return Digest.monthAmounts(through: day, byMonth: byMonth)
    }
}
