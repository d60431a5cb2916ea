import WagecaseCore

/// What "open case" means in SQL (CaseStage.finished), now and on a past day.
enum OpenCaseSQL {
    /// `('closed', 'declined', 'withdrawn')`.
    static let finishedSQL = "(" + CaseStage.finished.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// The stage of the case aliased `c` on `day`: as it stands when it last moved by then (`stage_on` is always
    /// its latest event's date, so only the few cases moved since look into their history), else its last stage
    /// event on or before the day. On or after `today` it is the stage as it stands, since no event is dated in
    /// the future. The date is a checked ISO date, written in as a literal.
    static func stage(on day: LocalDate, today: LocalDate) -> String {
        guard day < today else { return "c.stage" }
        return """
            CASE WHEN c.stage_on <= '\(day.iso)' THEN c.stage
                 ELSE COALESCE((SELECT e.stage FROM case_event e WHERE e.case_id = c.id AND e.on_date <= '\(day.iso)'
                                ORDER BY e.on_date DESC, e.id DESC LIMIT 1), 'accepted') END
            """
    }

    /// The date the case aliased `c` reached its stage on `day` (see `stage(on:today:)`): its last stage event's by
    /// then, else the day it was opened.
    static func stageDate(on day: LocalDate, today: LocalDate) -> String {
        guard day < today else { return "c.stage_on" }
        return """
            CASE WHEN c.stage_on <= '\(day.iso)' THEN c.stage_on
                 ELSE COALESCE((SELECT e.on_date FROM case_event e WHERE e.case_id = c.id AND e.on_date <= '\(day.iso)'
                                ORDER BY e.on_date DESC, e.id DESC LIMIT 1), c.opened_on) END
            """
    }

    /// The ids of the cases opened or moved after `day` — the only ones whose stage then differs from now — found
    /// through the opening-date index and the stage events' (stage, date) index, not by reading every case.
    static func changedSince(_ day: LocalDate) -> String {
        let stages = CaseStage.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return """
            SELECT id FROM wage_case WHERE opened_on > '\(day.iso)'
            UNION SELECT case_id FROM case_event WHERE stage IN (\(stages)) AND on_date > '\(day.iso)'
            """
    }

    /// The condition that the case aliased `c` was open on `day`: opened by then and not finished.
    static func condition(on day: LocalDate, today: LocalDate) -> String {
        guard day < today else { return "c.stage NOT IN \(finishedSQL)" }
        return "c.opened_on <= '\(day.iso)' AND \(stage(on: day, today: today)) NOT IN \(finishedSQL)"
    }
}
