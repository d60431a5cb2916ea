import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// `stats` on PostgreSQL: the figures the SQLite store reports, read from the same kept figures (figure_day,
/// worker_helped_gap, the guarantees' standing by day) and from the same records, and put together by the same Core
/// decisions (`Statistics.Guarantees.standing`, `Statistics.Referrals.count`, the working-day calendar).
/// Reads only, in one REPEATABLE READ, READ ONLY transaction: a read replica serves it.
extension PostgresDatabase {
    public func statistics(_ range: DateRange, now: Date = Date()) async throws -> Statistics {
        let today = LocalDate.today(now: now)
        let asOf = range.to ?? today
        do {
            return try await readOnly { connection in
                // A referral is judged as it stands at the range's end, or today when that is still to come.
                try await PostgresStatistics.figures(connection, range, asOf: asOf, end: min(asOf, today),
                                                     calendar: try await PostgresStatistics.calendar(connection))
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }
}

enum PostgresStatistics {
    /// The figures of `range` with the guarantees as they stand on `asOf` and the referrals judged at `end`.
    static func figures(_ connection: PostgresConnection, _ range: DateRange, asOf: LocalDate, end: LocalDate,
                        calendar: WorkingDayCalendar) async throws -> Statistics {
        let bounds = Bounds(range)
        var statistics = try await keptFigures(connection, range, bounds)
        let drawn = statistics.guarantees.drawn
        statistics.guarantees = try await guaranteeStanding(connection, asOf: asOf)
        statistics.guarantees.drawn = drawn
        statistics.dataMatching = try await dataMatching(connection, range, bounds)
        statistics.referrals = try await referrals(connection, bounds, end: end, calendar: calendar)
        return statistics
    }

    /// A range's bounds as PostgreSQL dates: an open end is -infinity or infinity.
    struct Bounds {
        var lower: String
        var upper: String
        init(_ range: DateRange) {
            lower = range.from?.iso ?? "-infinity"
            upper = range.to?.iso ?? "infinity"
        }
    }

    static func date(_ text: String, _ column: String) throws -> LocalDate {
        guard let date = LocalDate.parseISO(text) else { throw CorruptValue(column: column, value: text) }
        return date
    }

    static func vocabulary<V: RawRepresentable<String>>(_ text: String, _ column: String) throws -> V {
        guard let value = V(rawValue: text) else { throw CorruptValue(column: column, value: text) }
        return value
    }

    static func query(_ sql: String, _ values: [String], on connection: PostgresConnection) async throws -> PostgresRowSequence {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: PostgresDatabase.logger)
    }

    /// Clues, stages, claims, recoveries, draws and suggestions in the range, from figure_month and figure_day;
    /// workers helped.
    static func keptFigures(_ connection: PostgresConnection, _ range: DateRange, _ bounds: Bounds) async throws -> Statistics {
        var kept = FigureDaySums()
        // Whole months from figure_month, the part months' days from figure_day (schema v20), as SQLite reads them.
        let parts = FigureRangeParts(range)
        var values = parts.monthBounds
        var days = ""
        for span in parts.days {
            // Figure by figure, so each span is a range of figure_day's key (figure, day, key).
            days += " UNION ALL SELECT figure, key, count, amount_fen, letters FROM figure_day"
                + " WHERE figure IN \(FigureRangeParts.dayFiguresSQL) AND day BETWEEN $\(values.count + 1)::date AND $\(values.count + 2)::date"
            values += [span.from.iso, span.to.iso]
        }
        let rows = try await query("""
            SELECT figure, key, SUM(count)::bigint, SUM(amount_fen)::bigint, SUM(letters)::bigint FROM (
                SELECT figure, key, count, amount_fen, letters FROM figure_month WHERE month BETWEEN $1 AND $2\(days)
            ) figures GROUP BY figure, key
            """, values, on: connection)
        for try await (figure, key, count, amount, letters) in rows.decode((String, String, Int64, Int64, Int64).self) {
            try kept.add(figure: figure, key: key, count: Int(count), amount: amount, letters: Int(letters))
        }
        // Each worker once, on their first helped day in the range (schema v19, as the SQLite store reads it).
        var workers = 0
        for try await count in try await query("""
            SELECT COALESCE(SUM(workers), 0)::bigint FROM worker_helped_gap
            WHERE day BETWEEN $1::date AND $2::date AND (since < $1::date OR since = day)
            """, [bounds.lower, bounds.upper], on: connection).decode(Int64.self) { workers = Int(count) }
        var statistics = kept.statistics(range: range, workers: workers)
        statistics.guarantees.drawn = kept.drawn
        return statistics
    }

    /// Guarantees as they stand on `asOf`: the standing kept by day (schema v19), with the guarantees still marked
    /// stale taken out as kept and put in as Core derives them from their records.
    static func guaranteeStanding(_ connection: PostgresConnection, asOf: LocalDate) async throws -> Statistics.Guarantees {
        var figures = Statistics.Guarantees()
        for try await (kind, status, count, held) in try await query("""
            SELECT kind, status, SUM(count)::bigint, SUM(held_fen)::bigint FROM guarantee_standing_day
            WHERE day <= $1::date GROUP BY kind, status
            """, [asOf.iso], on: connection).decode((String, String, Int64, Int64).self) {
            figures.add(kind: try vocabulary(kind, "guarantee_standing_day.kind"),
                        status: try vocabulary(status, "guarantee_standing_day.status"), count: Int(count), held: Fen(held))
        }
        for try await (kind, status, held) in try await query("""
            SELECT kind, status, held_fen FROM guarantee_standing_span
            WHERE guarantee_id IN (SELECT guarantee_id FROM guarantee_standing_stale)
              AND from_day <= $1::date AND (until_day IS NULL OR until_day > $1::date)
            """, [asOf.iso], on: connection).decode((String, String, Int64).self) {
            figures.add(kind: try vocabulary(kind, "guarantee_standing_span.kind"),
                        status: try vocabulary(status, "guarantee_standing_span.status"), count: 1, held: Fen(held), sign: -1)
        }
        figures.add(try await staleStanding(connection, asOf: asOf))
        return figures
    }

    /// The guarantees marked stale as they stand on `asOf`, derived by Core from their records up to that day.
    static func staleStanding(_ connection: PostgresConnection, asOf: LocalDate) async throws -> Statistics.Guarantees {
        let stale = "IN (SELECT guarantee_id FROM guarantee_standing_stale)"
        var guarantees: [Guarantee] = []
        for try await (id, project, kind, amount, issuer, document, effective, ends, createdAt, override)
            in try await query("""
                SELECT id, project_id, kind, amount_fen, issuer, document_number, effective_on::text, ends_on::text,
                       \(PostgresText.timestamp("created_at")), validity_override
                FROM guarantee WHERE effective_on <= $1::date AND id \(stale) ORDER BY id
                """, [asOf.iso], on: connection)
                .decode((Int64, Int64, String, Int64, String?, String?, String, String?, String, String?).self) {
            var guarantee = Guarantee(id: id, projectID: project, kind: try vocabulary(kind, "guarantee.kind"),
                                      amount: Fen(amount), issuer: issuer, documentNumber: document,
                                      effective: try date(effective, "guarantee.effective_on"),
                                      ends: try ends.map { try date($0, "guarantee.ends_on") }, createdAt: createdAt)
            guarantee.validityOverride = override
            guarantees.append(guarantee)
        }
        var events: [Int64: [GuaranteeEvent]] = [:]
        if !guarantees.isEmpty {
            for try await (id, guaranteeID, kind, onDate, amount, notice, newEnds, newDocument, cases, note, actor,
                           orderNumber, orderDue, paid)
                in try await query("""
                    SELECT ge.id, ge.guarantee_id, ge.kind, ge.on_date::text, ge.amount_fen, ge.notice_number,
                           ge.new_ends_on::text, ge.new_document,
                           (SELECT string_agg(case_id::text, ',' ORDER BY case_id) FROM guarantee_draw_case d
                            WHERE d.event_id = ge.id),
                           ge.note, ge.actor, ge.order_number, ge.order_due_on::text, ge.paid_on::text
                    FROM guarantee_event ge WHERE ge.on_date <= $1::date AND ge.guarantee_id \(stale)
                    ORDER BY ge.guarantee_id, ge.id
                    """, [asOf.iso], on: connection)
                    .decode((Int64, Int64, String, String, Int64?, String?, String?, String?, String?, String?, String,
                             String?, String?, String?).self) {
                var event = GuaranteeEvent(
                    id: id, guaranteeID: guaranteeID, kind: try vocabulary(kind, "guarantee_event.kind"),
                    date: try date(onDate, "guarantee_event.on_date"), amount: amount.map(Fen.init),
                    noticeNumber: notice, newEnds: try newEnds.map { try date($0, "guarantee_event.new_ends_on") },
                    newDocument: newDocument,
                    caseIDs: cases.map { $0.split(separator: ",").compactMap { Int64($0) } } ?? [],
                    note: note, actor: actor)
                event.orderNumber = orderNumber
                event.orderDue = try orderDue.map { try date($0, "guarantee_event.order_due_on") }
                event.paidOn = try paid.map { try date($0, "guarantee_event.paid_on") }
                events[guaranteeID, default: []].append(event)
            }
        }
        return .standing(guarantees, events: events, asOf: asOf)
    }

    /// Big-data supervision in the range, counted as the SQLite store counts it.
    static func dataMatching(_ connection: PostgresConnection, _ range: DateRange, _ bounds: Bounds) async throws
        -> Statistics.DataMatching {
        var figures = Statistics.DataMatching()
        var models = Set<Substring>()
        var kinds = Set<String>()
        for try await (names, read) in try await query(
            "SELECT models, datasets FROM model_run WHERE as_of BETWEEN $1::date AND $2::date",
            [bounds.lower, bounds.upper], on: connection).decode((String, String).self) {
            for label in names.split(separator: ",") { models.insert(label.split(separator: "@").first ?? label) }
            for kind in read.split(separator: ",") { kinds.insert(String(kind)) }
        }
        figures.modelsApplied = models.count
        func count(_ sql: String, _ values: [String]) async throws -> Int {
            var result = 0
            for try await n in try await query(sql, values, on: connection).decode(Int64.self) { result = Int(n) }
            return result
        }
        if !kinds.isEmpty {
            // Loaded by the range's end: the day of loaded_at in +08:00, as the SQLite store compares its text.
            figures.recordsExamined = try await count("""
                SELECT COALESCE(SUM(rows), 0)::bigint FROM dataset
                WHERE kind = ANY(string_to_array($1, ','))
                  AND (loaded_at AT TIME ZONE INTERVAL '+08:00')::date <= $2::date
                """, [kinds.sorted().joined(separator: ","), bounds.upper])
        }
        figures.hits = try await count("SELECT COUNT(*) FROM model_hit WHERE found_on BETWEEN $1::date AND $2::date",
                                       [bounds.lower, bounds.upper])
        figures.clues = try await count("""
            SELECT COUNT(DISTINCT c.id) FROM model_hit h JOIN clue c ON c.id = h.clue_id
            WHERE c.received_on BETWEEN $1::date AND $2::date
            """, [bounds.lower, bounds.upper])
        figures.cases = try await count("""
            SELECT COUNT(*) FROM wage_case w WHERE w.opened_on BETWEEN $1::date AND $2::date
              AND w.clue_id IN (SELECT clue_id FROM model_hit WHERE clue_id IS NOT NULL)
            """, [bounds.lower, bounds.upper])
        return figures
    }

    /// The working-day calendar: the schedules built into this binary, the years an operator loaded on top.
    static func calendar(_ connection: PostgresConnection) async throws -> WorkingDayCalendar {
        var calendar = WorkingDayCalendar(schedules: builtInSchedules)
        for try await document in try await connection.query("SELECT document FROM holiday_schedule ORDER BY year",
                                                             logger: PostgresDatabase.logger).decode(String.self) {
            calendar.add(try JSONDecoder().decode(HolidaySchedule.self, from: Data(document.utf8)))
        }
        return calendar
    }

    static let builtInSchedules = HolidaySchedule.builtIn(embeddedHolidaySchedules)

    /// Referrals received in the range, judged at `end` by Core's rules.
    static func referrals(_ connection: PostgresConnection, _ bounds: Bounds, end: LocalDate,
                          calendar: WorkingDayCalendar) async throws -> Statistics.Referrals {
        var units: [Int64: UnitRef] = [:]
        for try await (id, code, name, kind) in try await connection.query(
            "SELECT id, code, name, kind FROM member_unit", logger: PostgresDatabase.logger)
            .decode((Int64, String, String, String).self) {
            units[id] = UnitRef(id: id, code: code, name: name, kind: try vocabulary(kind, "member_unit.kind"))
        }
        guard !units.isEmpty else { return Statistics.Referrals() }
        var referrals: [Referral] = [], made = Set<Int64>()
        for try await row in try await query("""
            SELECT \(PostgresJointWork.referralColumns), clue_made_on::text
            FROM referral WHERE received_on BETWEEN $1::date AND $2::date ORDER BY id
            """, [bounds.lower, bounds.upper], on: connection) {
            let referral = try PostgresJointWork.referral(from: row, units: units, calendar: calendar)
            referrals.append(referral)
            // Made a clue by the end (the clue itself is dated the day the referral came in).
            let clueMade = try PostgresCells(row).optionalText(14)
            if let day = clueMade, day <= end.iso { made.insert(referral.id) }
        }
        return .count(referrals, madeClue: made, end: end)
    }
}
