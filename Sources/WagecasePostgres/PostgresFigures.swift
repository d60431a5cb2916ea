import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The kept figures on PostgreSQL (the same tables the same triggers keep as schema.sql's): counted again from the
/// records to check them (`wagecase stats --verify`) or to start again (`--rebuild`), as the SQLite store does.
extension PostgresDatabase {
    /// Compares every kept figure with the same figure counted from the records, in one REPEATABLE READ, READ ONLY
    /// transaction (a read replica serves).
    public func verifyFigures() async throws -> FigureVerification {
        do {
            return try await readOnly { connection in
                var rows = 0, differences: [FigureVerification.Difference] = []
                for kept in PostgresFigures.kept {
                    rows += try await PostgresFigures.count("SELECT COUNT(*) FROM \(kept.table) WHERE \(kept.counting)",
                                                            on: connection)
                    differences += try await PostgresFigures.differences(
                        table: kept.table, stored: "SELECT \(kept.columns) FROM \(kept.table) WHERE \(kept.counting)",
                        recomputed: """
                            SELECT * FROM (\(kept.fromRecords)) AS recomputed(\(kept.columns)) WHERE \(kept.counting)
                            """,
                        columns: kept.columns, on: connection)
                }
                let snapshot = try await PostgresMonitorSnapshot.read(connection, projects: nil, withSuggestions: false)
                let calendar = try await PostgresStatistics.calendar(connection)
                let standing = try await PostgresFigures.verifyStanding(snapshot, on: connection)
                let findings = try await PostgresFigures.verifyFindings(snapshot, calendar: calendar, on: connection)
                return FigureVerification(rows: rows + standing.rows + findings.rows,
                                          differences: differences + standing.differences + findings.differences)
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }

    /// Recomputes every kept figure from the records in one transaction (for a database whose figures were changed
    /// by hand, or loaded without them). Returns the rows kept afterwards, counted as the SQLite store counts them.
    public func rebuildFigures() async throws -> Int {
        do {
            return try await transaction { connection in
                // Writers to the records or the figures wait until this commits (readers do not), so nothing
                // changes between counting and keeping: a change made meanwhile would be lost, or left unmarked.
                try await PostgresFigures.execute("""
                    LOCK TABLE \(PostgresFigures.heldWhileRebuilt.joined(separator: ", ")) IN SHARE ROW EXCLUSIVE MODE
                    """, on: connection)
                var rows = 0
                for kept in PostgresFigures.kept {
                    try await PostgresFigures.replace(kept, on: connection)
                    rows += try await PostgresFigures.count("SELECT COUNT(*) FROM \(kept.table)", on: connection)
                }
                let snapshot = try await PostgresMonitorSnapshot.read(connection, projects: nil, withSuggestions: false)
                let calendar = try await PostgresStatistics.calendar(connection)
                try await PostgresFigures.rebuildStanding(snapshot, on: connection)
                try await PostgresFigures.rebuildFindings(snapshot, calendar: calendar, on: connection)
                return rows + (try await PostgresFigures.count("""
                    SELECT (SELECT COUNT(*) FROM guarantee_standing_span)
                         + (SELECT COUNT(*) FROM guarantee_standing_day) + (SELECT COUNT(*) FROM monitor_finding)
                    """, on: connection))
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }
}

enum PostgresFigures {
    /// One table of kept figures and how to count it from the records: schema.sql's statements of the same name
    /// (the latest of each) in PostgreSQL's words.
    struct Kept {
        let table: String
        let columns: String
        /// The rows that count: a row of zeros (records corrected away) is the same as no row.
        let counting: String
        /// Every column of the table, in its order, counted from the records (or, for a table summed from another
        /// kept table, from that table: it comes after it).
        let fromRecords: String
    }

    static let closed = "('closed', 'declined', 'withdrawn')"

    /// What the kept figures are counted from, and the figures themselves.
    static let heldWhileRebuilt = [
        "worker", "employer", "project", "clue", "wage_case", "case_event", "recovery", "guarantee", "guarantee_event",
        "guarantee_draw_case", "suggestion", "suggestion_project", "suggestion_guarantee", "guarantee_rule",
        "holiday_schedule", "guarantee_standing_span", "guarantee_standing_day", "guarantee_standing_stale",
        "monitor_finding", "monitor_alert_day", "monitor_finding_stale",
    ] + kept.map(\.table)

    static let kept = [
        Kept(table: "figure_day", columns: "figure, day, key, count, amount_fen, letters",
             counting: "count <> 0 OR amount_fen <> 0 OR letters <> 0", fromRecords: """
                SELECT 'clue'::text, received_on, source, COUNT(*), 0::bigint, 0::bigint FROM clue
                    GROUP BY received_on, source
                UNION ALL SELECT 'stage', on_date, stage, COUNT(*), 0, 0 FROM case_event GROUP BY on_date, stage
                UNION ALL SELECT 'opened', opened_on, '', COUNT(*), SUM(claimed_fen)::bigint, 0 FROM wage_case
                    GROUP BY opened_on
                UNION ALL SELECT 'recovered', paid_on, route, COUNT(*), SUM(amount_fen)::bigint, 0 FROM recovery
                    GROUP BY paid_on, route
                UNION ALL SELECT 'drawn', on_date, '', COUNT(*), SUM(amount_fen)::bigint, 0 FROM guarantee_event
                    WHERE kind = 'drawn' GROUP BY on_date
                UNION ALL SELECT 'suggestion-issued', issued_on, '', COUNT(*), 0, 0 FROM suggestion GROUP BY issued_on
                UNION ALL SELECT 'suggestion-replied', replied_on, '', COUNT(*), SUM(secured_fen)::bigint,
                                 SUM(letters_renewed)::bigint
                    FROM suggestion WHERE replied_on IS NOT NULL GROUP BY replied_on
                """),
        Kept(table: "figure_month", columns: "figure, month, key, count, amount_fen, letters",
             counting: "count <> 0 OR amount_fen <> 0 OR letters <> 0", fromRecords: """
                SELECT figure, to_char(day, 'YYYY-MM'), key, SUM(count)::bigint, SUM(amount_fen)::bigint,
                       SUM(letters)::bigint
                FROM figure_day GROUP BY figure, to_char(day, 'YYYY-MM'), key
                """),
        Kept(table: "worker_helped_day", columns: "day, worker_id, events", counting: "events <> 0", fromRecords: """
                SELECT e.on_date, c.worker_id, COUNT(*) FROM case_event e JOIN wage_case c ON c.id = e.case_id
                WHERE e.stage IN ('support-decided', 'settled') GROUP BY e.on_date, c.worker_id
                """),
        Kept(table: "project_open_cases", columns: "project_id, cases", counting: "cases <> 0", fromRecords: """
                SELECT l.project_id, COUNT(*) FROM wage_case c JOIN clue l ON l.id = c.clue_id
                WHERE l.project_id IS NOT NULL AND c.stage NOT IN \(closed) GROUP BY l.project_id
                """),
        Kept(table: "worker_helped_gap", columns: "day, since, workers", counting: "workers <> 0", fromRecords: """
                SELECT day, since, COUNT(*) FROM (
                    SELECT day, COALESCE(LAG(day) OVER (PARTITION BY worker_id ORDER BY day), day) AS since
                    FROM worker_helped_day) AS helped
                GROUP BY day, since
                """),
        Kept(table: "open_case_unpaid", columns: "case_id, unpaid_fen", counting: "true", fromRecords: """
                SELECT c.id, c.claimed_fen
                       - COALESCE((SELECT SUM(r.amount_fen) FROM recovery r WHERE r.case_id = c.id), 0)::bigint
                FROM wage_case c WHERE c.stage NOT IN \(closed)
                """),
        Kept(table: "case_stage_count", columns: "stage, cases", counting: "cases <> 0",
             fromRecords: "SELECT stage, COUNT(*) FROM wage_case GROUP BY stage"),
        Kept(table: "project_open_case", columns: "case_id, project_id, opened_on", counting: "true", fromRecords: """
                SELECT c.id, l.project_id, c.opened_on FROM wage_case c JOIN clue l ON l.id = c.clue_id
                WHERE l.project_id IS NOT NULL AND c.stage NOT IN \(closed)
                """),
        Kept(table: "series_figure", columns: "series_id, cases, open_cases, claimed_fen, recovered_fen",
             counting: "cases <> 0", fromRecords: """
                SELECT series_id, COUNT(*), SUM(open)::bigint, SUM(claimed_fen)::bigint, SUM(recovered)::bigint FROM (
                    SELECT c.series_id, CASE WHEN c.stage NOT IN \(closed) THEN 1 ELSE 0 END AS open, c.claimed_fen,
                           COALESCE((SELECT SUM(r.amount_fen) FROM recovery r WHERE r.case_id = c.id), 0) AS recovered
                    FROM wage_case c WHERE c.series_id IS NOT NULL) AS members
                GROUP BY series_id
                """),
    ]

    /// Makes `kept`'s table hold exactly the rows counted from the records, as emptying and refilling it would,
    /// but changing only the rows that differ: the triggers that keep other tables from this one (the months from
    /// the days, the gaps from the days a worker was helped) then run for those rows alone, not for every row
    /// (a million-case database's rebuild took 11.7 minutes emptying and refilling). Every kept column is NOT NULL,
    /// so rows match by equality.
    static func replace(_ kept: Kept, on connection: PostgresConnection) async throws {
        let recomputed = "recomputed_\(kept.table)"
        let matched = kept.columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .map { "\(kept.table).\($0) = gone.\($0)" }.joined(separator: " AND ")
        for statement in [
            """
            CREATE TEMPORARY TABLE \(recomputed) ON COMMIT DROP AS
            SELECT * FROM (\(kept.fromRecords)) AS r(\(kept.columns))
            """,
            """
            DELETE FROM \(kept.table) USING (SELECT \(kept.columns) FROM \(kept.table)
                                              EXCEPT SELECT \(kept.columns) FROM \(recomputed)) AS gone
            WHERE \(matched)
            """,
            """
            INSERT INTO \(kept.table) (\(kept.columns))
            SELECT \(kept.columns) FROM \(recomputed) EXCEPT SELECT \(kept.columns) FROM \(kept.table)
            """,
            "DROP TABLE \(recomputed)",
        ] {
            try await execute(statement, on: connection)
        }
    }

    /// The columns that hold numbers (every other is shown quoted, as the SQLite store shows a row).
    static let numeric: Set<String> = ["count", "amount_fen", "letters", "events", "cases", "workers", "unpaid_fen",
                                       "worker_id", "project_id", "case_id", "held_fen", "series_id",
                                       "open_cases", "claimed_fen", "recovered_fen"]

    /// The rows `stored` gives that `recomputed` does not ("kept") and the other way round ("records"), the first
    /// twenty of each, each shown as `[column:value …]`.
    static func differences(table: String, stored: String, recomputed: String, columns: String,
                            on connection: PostgresConnection) async throws -> [FigureVerification.Difference] {
        let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let shown = names.map { "\($0)::text" }.joined(separator: ", ")
        var differences: [FigureVerification.Difference] = []
        for (side, query) in [("kept", "\(stored) EXCEPT \(recomputed)"),
                              ("records", "\(recomputed) EXCEPT \(stored)")] {
            for row in try await PostgresStatistics.rows(
                "SELECT \(shown) FROM (\(query) LIMIT 20) AS difference(\(columns))", on: connection, { cells in
                    try names.indices.map { index -> String in
                        guard let value = try cells.optionalText(index) else { return "\(names[index]):NULL" }
                        return "\(names[index]):" + (numeric.contains(names[index]) ? value : value.debugDescription)
                    }
                }) {
                differences.append(.init(table: table, side: side, row: "[" + row.joined(separator: " ") + "]"))
            }
        }
        return differences
    }

    /// Every guarantee's spans derived from the records against the kept ones, and the kept sums by day against
    /// the kept spans.
    static func verifyStanding(_ snapshot: MonitorSnapshot, on connection: PostgresConnection) async throws
        -> (rows: Int, differences: [FigureVerification.Difference]) {
        let stale = Set(try await PostgresStatistics.rows("SELECT guarantee_id FROM guarantee_standing_stale",
                                                          on: connection) { try $0.integer(0, "guarantee_id") })
        var kept: [Int64: [GuaranteeSpan]] = [:]
        for (id, span) in try await PostgresStatistics.rows("""
            SELECT guarantee_id, from_day::text, until_day::text, kind, status, held_fen FROM guarantee_standing_span
            ORDER BY guarantee_id, from_day
            """, on: connection, { c in
                (try c.integer(0, "guarantee_id"),
                 GuaranteeSpan(from: try c.date(1, "from_day"), until: try c.optionalDate(2, "until_day"),
                               kind: try c.vocabulary(3, "kind"), status: try c.vocabulary(4, "status"),
                               held: Fen(try c.integer(5, "held_fen"))))
            }) {
            kept[id, default: []].append(span)
        }
        let derived = KeptDerivations.standingSpans(snapshot.guarantees, events: snapshot.events)
        var differences = KeptDerivations.standingDifferences(kept: kept, derived: derived, stale: stale)
        differences += try await Self.differences(
            table: "guarantee_standing_day",
            stored: """
                SELECT day, kind, status, count, held_fen FROM guarantee_standing_day WHERE count <> 0 OR held_fen <> 0
                """,
            recomputed: """
                SELECT day, kind, status, SUM(count)::bigint, SUM(held_fen)::bigint FROM (
                    SELECT from_day AS day, kind, status, 1 AS count, held_fen FROM guarantee_standing_span
                    UNION ALL
                    SELECT until_day, kind, status, -1, -held_fen FROM guarantee_standing_span
                    WHERE until_day IS NOT NULL
                ) AS spans
                GROUP BY day, kind, status HAVING SUM(count) <> 0 OR SUM(held_fen) <> 0
                """, columns: "day, kind, status, count, held_fen", on: connection)
        let rows = try await count("""
            SELECT (SELECT COUNT(*) FROM guarantee_standing_span) + (SELECT COUNT(*) FROM guarantee_standing_day)
            """, on: connection)
        return (rows, differences)
    }

    /// Every project's findings derived from the records against the kept ones, and the alerts' kept counts by day
    /// against the kept spans.
    static func verifyFindings(_ snapshot: MonitorSnapshot, calendar: WorkingDayCalendar,
                               on connection: PostgresConnection) async throws
        -> (rows: Int, differences: [FigureVerification.Difference]) {
        let stale = Set(try await PostgresStatistics.rows("SELECT project_id FROM monitor_finding_stale",
                                                          on: connection) { try $0.integer(0, "project_id") })
        var kept: [Int64: [String]] = [:]
        var findings = 0
        for (project, described) in try await PostgresStatistics.rows("""
            SELECT project_id, region_code, finding, code, guarantee_id, on_date::text, flag, from_day::text,
                   until_day::text, detail, detail_en, severity, code_place
            FROM monitor_finding
            """, on: connection, { c in
                func text(_ index: Int) throws -> CopyValue { try c.optionalText(index).map(CopyValue.text) ?? .null }
                func integer(_ index: Int) throws -> CopyValue {
                    try c.optionalInteger(index).map(CopyValue.integer) ?? .null
                }
                let columns = [try integer(0), try text(1), try text(2), try text(3), try integer(4), try text(5),
                               try integer(6), try text(7), try text(8), try text(9), try text(10), try integer(11),
                               try integer(12)]
                return (try c.integer(0, "project_id"), KeptDerivations.describeFinding(columns))
            }) {
            kept[project, default: []].append(described)
            findings += 1
        }
        var differences = KeptDerivations.findingDifferences(
            kept: kept, derived: KeptDerivations.derivedFindings(snapshot, calendar: calendar), stale: stale)
        differences += try await Self.differences(
            table: "monitor_alert_day",
            stored: "SELECT code, region_code, day, count FROM monitor_alert_day WHERE count <> 0",
            recomputed: """
                SELECT code, region_code, day, SUM(count)::bigint FROM (
                    SELECT code, COALESCE(region_code, '') AS region_code, COALESCE(from_day::text, '') AS day,
                           1 AS count
                    FROM monitor_finding WHERE finding = 'alert'
                    UNION ALL
                    SELECT code, COALESCE(region_code, ''), until_day::text, -1 FROM monitor_finding
                    WHERE finding = 'alert' AND until_day IS NOT NULL
                ) AS spans
                GROUP BY code, region_code, day HAVING SUM(count) <> 0
                """, columns: "code, region_code, day, count", on: connection)
        return (findings + (try await count("SELECT COUNT(*) FROM monitor_alert_day", on: connection)), differences)
    }

    /// Every guarantee's spans derived again, and their sums by day.
    static func rebuildStanding(_ snapshot: MonitorSnapshot, on connection: PostgresConnection) async throws {
        for table in ["guarantee_standing_span", "guarantee_standing_day", "guarantee_standing_stale"] {
            try await execute("DELETE FROM \(table)", on: connection)
        }
        var spans: [[CopyValue]] = [], changes = StandingDayChanges()
        for (id, derived) in KeptDerivations.standingSpans(snapshot.guarantees, events: snapshot.events)
            .sorted(by: { $0.key < $1.key }) {
            for span in derived {
                spans.append([.integer(id), .text(span.from.iso), span.until.map { .text($0.iso) } ?? .null,
                              .text(span.kind.rawValue), .text(span.status.rawValue), .integer(span.held.value)])
                changes.add(span, sign: 1)
            }
        }
        try await CopyText.copy(spans, into: "guarantee_standing_span",
                                columns: ["guarantee_id", "from_day", "until_day", "kind", "status", "held_fen"],
                                on: connection)
        let days: [[CopyValue]] = changes.byDay.filter { $0.value.count != 0 || $0.value.held != 0 }
            .map { key, change in
                [.text(key.day), .text(key.kind), .text(key.status), .integer(change.count), .integer(change.held)]
            }
        try await CopyText.copy(days, into: "guarantee_standing_day",
                                columns: ["day", "kind", "status", "count", "held_fen"], on: connection)
    }

    /// Every project's findings derived again, and the alerts among them counted by day.
    static func rebuildFindings(_ snapshot: MonitorSnapshot, calendar: WorkingDayCalendar,
                                on connection: PostgresConnection) async throws {
        for table in ["monitor_finding", "monitor_alert_day", "monitor_finding_stale"] {
            try await execute("DELETE FROM \(table)", on: connection)
        }
        // Numbered from 1 in project order, as the SQLite store's rebuild numbers them; written a batch at a time.
        let columns = ["id"] + KeptDerivations.findingColumnNames
        var batch: [[CopyValue]] = [], written = 0, alertDays = AlertDayChanges()
        for (project, spans) in KeptDerivations.projectSpans(snapshot, calendar: calendar) {
            for span in spans {
                let id = CopyValue.integer(Int64(written + batch.count + 1))
                batch.append([id] + KeptDerivations.findingColumns(span, of: project))
                if span.finding.kind == .alert {
                    alertDays.add(code: span.finding.code, region: project.regionCode, from: span.from?.iso,
                                  until: span.until?.iso, sign: 1)
                }
            }
            if batch.count >= 5_000 {
                try await CopyText.copy(batch, into: "monitor_finding", columns: columns, on: connection)
                (written, batch) = (written + batch.count, [])
            }
        }
        try await CopyText.copy(batch, into: "monitor_finding", columns: columns, on: connection)
        written += batch.count
        // Past every id given; never back (a sequence is not rolled back with the transaction, and may be ahead of
        // every row there is).
        try await execute("""
            SELECT setval(seq, GREATEST(\(written), nextval(seq)))
            FROM (SELECT pg_get_serial_sequence('monitor_finding', 'id')::regclass AS seq) AS finding_ids
            """, on: connection)
        let days = alertDays.byDay.filter { $0.value != 0 }.map { key, count -> [CopyValue] in
            [.text(key.code), .text(key.region), .text(key.day), .integer(count)]
        }
        try await CopyText.copy(days, into: "monitor_alert_day", columns: ["code", "region_code", "day", "count"],
                                on: connection)
    }

    static func execute(_ sql: String, on connection: PostgresConnection) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresDatabase.logger)
    }

    static func count(_ sql: String, on connection: PostgresConnection) async throws -> Int {
        Int(try await PostgresStatistics.rows(sql, on: connection) { try $0.integer(0, "count") }.first ?? 0)
    }
}
