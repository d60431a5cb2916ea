-- wagecase schema: wage-arrears clues, support-for-litigation cases (支持起诉), recoveries, wage guarantees
-- (农民工工资保证金) and their rules, procuratorial suggestions (检察建议), and the audit log.
--
-- This file is the schema. The program embeds it at build time; each "-- migration: NAME" line starts a
-- migration, the text before the first one being "v1", and each is applied once, in order. Shipped sections are
-- never edited (a test pins v1's text); a change is a new section at the end. A test checks that a fresh
-- database has exactly these tables and indexes.
--
-- Conventions: STRICT tables; money is INTEGER fen (1 yuan = 100 fen), never negative; calendar dates are
-- ISO-8601 TEXT 'YYYY-MM-DD' (dates in Asia/Shanghai); timestamps are ISO-8601 TEXT with offset;
-- enumerations are stable English identifiers checked here and labelled by the program.
-- Foreign keys are enforced (PRAGMA foreign_keys = ON on every connection).

-- A migrant worker (农民工): one record per resident ID number (GB 11643, 18 characters, upper-case X).
CREATE TABLE worker (
    id                        INTEGER PRIMARY KEY,
    name                      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    id_number                 TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
    -- Set only when the ID number failed its check digit and a user recorded it anyway, saying why.
    id_number_override_reason TEXT,
    phone                     TEXT,
    bank_card                 TEXT,
    hometown                  TEXT,
    created_at                TEXT NOT NULL
) STRICT;

-- An employer: one record per unified social credit code (GB 32100).
CREATE TABLE employer (
    id                          INTEGER PRIMARY KEY,
    name                        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    credit_code                 TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
    credit_code_override_reason TEXT,
    kind                        TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('general-contractor', 'subcontractor', 'labor-company', 'other')),
    created_at                  TEXT NOT NULL
) STRICT;

-- A construction project (工程项目), named uniquely per employer. The employer is the general contractor
-- (施工总承包单位) that owes the wage guarantee; the other columns are what the guarantee rules need.
CREATE TABLE project (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    employer_id        INTEGER NOT NULL REFERENCES employer (id),
    location           TEXT,
    region_code        TEXT CHECK (region_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),  -- 行政区划代码
    contract_price_fen INTEGER CHECK (contract_price_fen >= 0),
    start_on           TEXT CHECK (start_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    planned_completion TEXT CHECK (planned_completion GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    actual_completion  TEXT CHECK (actual_completion GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    status             TEXT NOT NULL DEFAULT 'in-progress'
        CHECK (status IN ('in-progress', 'completed', 'suspended')),
    -- The contractor's wage record, which adjusts the required deposit.
    standing           TEXT NOT NULL DEFAULT 'standard'
        CHECK (standing IN ('standard', 'no-arrears-2y', 'no-arrears-3y', 'arrears-2y', 'dishonest')),
    -- An exemption from the deposit needs both a reason and the document that grants it.
    exemption_reason   TEXT,
    exemption_document TEXT CHECK ((exemption_reason IS NULL) = (exemption_document IS NULL)),
    created_at         TEXT NOT NULL,
    UNIQUE (employer_id, name)
) STRICT;

CREATE INDEX project_by_region ON project (region_code);

-- A wage-arrears clue (线索). `source` and `received_on` are the channel it first came through; further
-- channels of the same arrears are in clue_channel. status: new → screening → converted | rejected | referred.
CREATE TABLE clue (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL CHECK (source IN ('petition', 'legal-aid', 'labor-dispute', 'hotline-12345',
                      'hotline-12309', 'labor-inspection', 'data-matching', 'referral', 'walk-in')),
    received_on   TEXT NOT NULL CHECK (received_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    employer_id   INTEGER NOT NULL REFERENCES employer (id),
    project_id    INTEGER REFERENCES project (id),
    summary       TEXT,
    status        TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'screening', 'converted', 'rejected', 'referred')),
    -- The rejection reason, or to whom the clue was referred; required for those two statuses.
    status_reason TEXT CHECK ((status IN ('rejected', 'referred')) = (status_reason IS NOT NULL)),
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX clue_by_received ON clue (received_on, source);
CREATE INDEX clue_by_employer ON clue (employer_id, project_id);

-- Every channel a clue came through, the first one included, so a clue seen twice keeps both sources.
CREATE TABLE clue_channel (
    clue_id     INTEGER NOT NULL REFERENCES clue (id),
    source      TEXT NOT NULL CHECK (source IN ('petition', 'legal-aid', 'labor-dispute', 'hotline-12345',
                    'hotline-12309', 'labor-inspection', 'data-matching', 'referral', 'walk-in')),
    received_on TEXT NOT NULL CHECK (received_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    PRIMARY KEY (clue_id, source, received_on)
) STRICT, WITHOUT ROWID;

-- The workers a clue names, each with the amount claimed.
CREATE TABLE clue_worker (
    clue_id     INTEGER NOT NULL REFERENCES clue (id),
    worker_id   INTEGER NOT NULL REFERENCES worker (id),
    claimed_fen INTEGER NOT NULL CHECK (claimed_fen >= 0),
    PRIMARY KEY (clue_id, worker_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX clue_worker_by_worker ON clue_worker (worker_id);

-- A series (系列案) groups the cases of one crew so they can be reported as one.
CREATE TABLE case_series (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    created_at TEXT NOT NULL
) STRICT;

-- A support-for-litigation case: one worker, from one clue. `stage` and `stage_on` repeat the latest
-- case_event so lists need no subquery; they are written only together with that event.
CREATE TABLE wage_case (
    id          INTEGER PRIMARY KEY,
    case_number TEXT UNIQUE,  -- the office's own number, free text; unique when given
    clue_id     INTEGER NOT NULL REFERENCES clue (id),
    worker_id   INTEGER NOT NULL REFERENCES worker (id),
    series_id   INTEGER REFERENCES case_series (id),
    claimed_fen INTEGER NOT NULL CHECK (claimed_fen >= 0),
    opened_on   TEXT NOT NULL CHECK (opened_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    stage       TEXT NOT NULL CHECK (stage IN ('accepted', 'investigating', 'support-decided', 'declined',
                    'letter-issued', 'court-filed', 'judgment', 'mediated', 'settled', 'withdrawn',
                    'enforcement', 'closed')),
    stage_on    TEXT NOT NULL CHECK (stage_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at  TEXT NOT NULL,
    UNIQUE (clue_id, worker_id)
) STRICT;

CREATE INDEX wage_case_by_opened ON wage_case (opened_on);
CREATE INDEX wage_case_by_stage ON wage_case (stage);
CREATE INDEX wage_case_by_worker ON wage_case (worker_id);
CREATE INDEX wage_case_by_series ON wage_case (series_id) WHERE series_id IS NOT NULL;

-- The dated steps of a case, in order; the first is 'accepted' on the day the case was opened.
CREATE TABLE case_event (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES wage_case (id),
    stage      TEXT NOT NULL CHECK (stage IN ('accepted', 'investigating', 'support-decided', 'declined',
                   'letter-issued', 'court-filed', 'judgment', 'mediated', 'settled', 'withdrawn',
                   'enforcement', 'closed')),
    on_date    TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    actor      TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX case_event_by_case ON case_event (case_id, on_date);
CREATE INDEX case_event_by_stage ON case_event (stage, on_date, case_id);

-- Money paid to a worker on a case, per payment.
CREATE TABLE recovery (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES wage_case (id),
    paid_on    TEXT NOT NULL CHECK (paid_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    route      TEXT NOT NULL
        CHECK (route IN ('employer-paid', 'guarantee-draw', 'court-enforcement', 'emergency-fund')),
    payer      TEXT,
    note       TEXT,
    -- 1 when recorded past the claimed amount with --force (the audit log has who and why).
    forced     INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
    actor      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX recovery_by_case ON recovery (case_id);
CREATE INDEX recovery_by_paid ON recovery (paid_on, route, amount_fen);

-- A project's wage guarantee: cash deposit, bank or guarantee-company letter, or guarantee insurance.
-- Balance and status are derived from guarantee_event, never stored.
CREATE TABLE guarantee (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES project (id),
    kind            TEXT NOT NULL CHECK (kind IN ('cash-deposit', 'bank-letter', 'company-letter', 'insurance')),
    amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
    issuer          TEXT,  -- bank, guarantee company or insurer
    document_number TEXT,
    effective_on    TEXT NOT NULL CHECK (effective_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    -- Letters and insurance end; cash does not.
    ends_on         TEXT CHECK (ends_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at      TEXT NOT NULL,
    CHECK ((kind = 'cash-deposit') = (ends_on IS NULL)),
    CHECK (ends_on IS NULL OR ends_on >= effective_on)
) STRICT;

CREATE INDEX guarantee_by_project ON guarantee (project_id);

-- The dated history of a guarantee. The first event is 'lodged' with the amount.
CREATE TABLE guarantee_event (
    id            INTEGER PRIMARY KEY,
    guarantee_id  INTEGER NOT NULL REFERENCES guarantee (id),
    kind          TEXT NOT NULL CHECK (kind IN ('lodged', 'drawn', 'replenished', 'renewed', 'replaced',
                      'return-requested', 'notice-started', 'returned')),
    on_date       TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount_fen    INTEGER CHECK (amount_fen > 0),
    notice_number TEXT,  -- payment notice of a draw (支付通知书)
    new_ends_on   TEXT CHECK (new_ends_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    new_document  TEXT,
    note          TEXT,
    actor         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    CHECK (kind NOT IN ('lodged', 'drawn', 'replenished') OR amount_fen IS NOT NULL),
    CHECK (kind <> 'renewed' OR new_ends_on IS NOT NULL)
) STRICT;

CREATE INDEX guarantee_event_by_guarantee ON guarantee_event (guarantee_id, on_date);
CREATE INDEX guarantee_event_by_date ON guarantee_event (on_date, kind);

-- The cases a draw paid.
CREATE TABLE guarantee_draw_case (
    event_id INTEGER NOT NULL REFERENCES guarantee_event (id),
    case_id  INTEGER NOT NULL REFERENCES wage_case (id),
    PRIMARY KEY (event_id, case_id)
) STRICT, WITHOUT ROWID;

-- Jurisdiction rules for the required deposit and the time limits, versioned by region and effective date.
-- region is a prefix of the region code: '' for the whole country, '62' a province, '620403' a district.
CREATE TABLE guarantee_rule (
    region                      TEXT NOT NULL CHECK (length(region) <= 6 AND region NOT GLOB '*[^0-9]*'),
    effective_from              TEXT NOT NULL CHECK (effective_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    name                        TEXT NOT NULL,
    ratio_bp                    INTEGER NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),  -- 200 = 2%
    cap_fen                     INTEGER CHECK (cap_fen >= 0),
    floor_fen                   INTEGER CHECK (floor_fen >= 0),
    exempt_below_fen            INTEGER CHECK (exempt_below_fen >= 0),
    no_arrears_2y_reduction_pct INTEGER NOT NULL CHECK (no_arrears_2y_reduction_pct BETWEEN 0 AND 100),
    no_arrears_3y_exempt        INTEGER NOT NULL CHECK (no_arrears_3y_exempt IN (0, 1)),
    arrears_increase_pct        INTEGER NOT NULL CHECK (arrears_increase_pct >= 0),
    dishonest_increase_pct      INTEGER NOT NULL CHECK (dishonest_increase_pct >= 0),
    reminder_months             INTEGER NOT NULL CHECK (reminder_months >= 0),
    replenish_working_days      INTEGER NOT NULL CHECK (replenish_working_days >= 0),
    public_notice_days          INTEGER NOT NULL CHECK (public_notice_days >= 0),
    return_review_working_days  INTEGER NOT NULL CHECK (return_review_working_days >= 0),
    bank_return_working_days    INTEGER NOT NULL CHECK (bank_return_working_days >= 0),
    loaded_at                   TEXT NOT NULL,
    PRIMARY KEY (region, effective_from)
) STRICT, WITHOUT ROWID;

-- The national default (人社部发〔2021〕65号, in force 2021-11-01): 2% of the contract price, no cap; reminder one
-- month before a letter ends; replenish within 10 working days; 30-day notice, 5 + 3 working days to return.
INSERT INTO guarantee_rule VALUES ('', '2021-11-01', '工程建设领域农民工工资保证金规定（人社部发〔2021〕65号）默认',
    200, NULL, NULL, NULL, 50, 1, 50, 100, 1, 10, 30, 5, 3, '2021-11-01T00:00:00+08:00');

-- Official holiday schedules loaded by an operator (`wagecase calendar load`); they override the schedules
-- built into the program for the same year.
CREATE TABLE holiday_schedule (
    year      INTEGER PRIMARY KEY,
    document  TEXT NOT NULL CHECK (json_valid(document)),  -- the holiday-cn JSON file as loaded
    loaded_at TEXT NOT NULL
) STRICT;

-- Procuratorial suggestions (检察建议) to agencies, their replies and results.
CREATE TABLE suggestion (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    issued_on       TEXT NOT NULL CHECK (issued_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    agency          TEXT NOT NULL CHECK (length(agency) > 0),
    text            TEXT,
    reply_due_on    TEXT NOT NULL CHECK (reply_due_on >= issued_on),
    replied_on      TEXT CHECK (replied_on >= issued_on),
    reply_summary   TEXT,
    secured_fen     INTEGER NOT NULL DEFAULT 0 CHECK (secured_fen >= 0),  -- deposits secured as a result
    letters_renewed INTEGER NOT NULL DEFAULT 0 CHECK (letters_renewed >= 0),
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE suggestion_project (
    suggestion_id INTEGER NOT NULL REFERENCES suggestion (id),
    project_id    INTEGER NOT NULL REFERENCES project (id),
    PRIMARY KEY (suggestion_id, project_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE suggestion_guarantee (
    suggestion_id INTEGER NOT NULL REFERENCES suggestion (id),
    guarantee_id  INTEGER NOT NULL REFERENCES guarantee (id),
    PRIMARY KEY (suggestion_id, guarantee_id)
) STRICT, WITHOUT ROWID;

-- Settings that vary by office. suggestion_reply_months: how long an agency has to reply (domain.md §1).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO setting VALUES ('suggestion_reply_months', '2');

-- Users of the HTTP service. Only a SHA-256 of each bearer token is kept; the token is shown once, when the
-- user is added. A revoked user keeps its row so the audit log's names stay meaningful.
CREATE TABLE api_user (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    role         TEXT NOT NULL CHECK (role IN ('admin', 'prosecutor', 'labor', 'viewer')),
    token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
) STRICT;

-- Every change to data and every reveal of a full ID number or bank card, written in the same transaction
-- as the change. before/after are JSON objects of the changed fields (NULL for an insert's before).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL CHECK (length(actor) > 0),
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'reveal')),
    table_name TEXT NOT NULL,
    record_id  INTEGER,
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after)),
    reason     TEXT
) STRICT;

CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_record ON audit_log (table_name, record_id);

-- migration: v2

-- Every bulk import (wagecase import): the file, who ran it and when, and what came of its rows. Records an
-- import creates are audited through this row (one audit entry per import, naming the file and its SHA-256)
-- and identified by the id range of its kind's table; changes it makes to existing records (a clue's new
-- channel) are audited one by one. A dry run or a refused import writes nothing, this row included.
CREATE TABLE import_run (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('workers', 'employers', 'projects', 'guarantees', 'clues')),
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL CHECK (length(file_sha256) = 64),
    sheet           TEXT,
    encoding        TEXT,
    actor           TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT NOT NULL,
    rows_read       INTEGER NOT NULL CHECK (rows_read >= 0),
    imported        INTEGER NOT NULL CHECK (imported >= 0),
    merged          INTEGER NOT NULL CHECK (merged >= 0),
    rejected        INTEGER NOT NULL CHECK (rejected >= 0),
    first_record_id INTEGER,
    last_record_id  INTEGER
) STRICT;

CREATE INDEX import_run_by_file ON import_run (file_sha256);

-- migration: v3

-- Tamper evidence: each audit entry carries `hash`, the SHA-256 (hex) of its own fields and of the entry before it
-- (the first entry chains from 64 zeros), so changing or removing an entry breaks every hash after it
-- (`wagecase audit verify`). Entries written before this migration are sealed by it, in id order.
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);

-- migration: v4

-- A rejected or referred clue is decided: a new claim about the same arrears (the same employer, project and a
-- worker) does not reopen it but is a clue of its own, which names the clue it follows.
ALTER TABLE clue ADD COLUMN follows_clue_id INTEGER REFERENCES clue (id);

-- migration: v5

-- Signing in to the web pages. A user may have a password (a bcrypt hash; none: the API token only). Failed
-- sign-ins in a row are counted; at the limit (setting sign_in_attempts) the name waits until locked_until.
ALTER TABLE api_user ADD COLUMN password_hash TEXT CHECK (password_hash IS NULL OR length(password_hash) = 60);
ALTER TABLE api_user ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0);
ALTER TABLE api_user ADD COLUMN locked_until TEXT;

-- A signed-in browser. Only a SHA-256 of the cookie's value is kept; the form token (csrf_token) travels in every
-- form of the session. A session ends at sign-out, after session_idle_hours without a request (expires_at moves
-- forward as it is used), when its user is revoked or its password changes; an ended session's row is deleted.
CREATE TABLE web_session (
    id           INTEGER PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    user_id      INTEGER NOT NULL REFERENCES api_user (id),
    csrf_token   TEXT NOT NULL CHECK (length(csrf_token) >= 32),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) STRICT;

CREATE INDEX web_session_by_user ON web_session (user_id);

INSERT INTO setting VALUES ('session_idle_hours', '8'), ('sign_in_attempts', '5'), ('sign_in_wait_minutes', '15');

-- migration: v6

-- The figures sum the amounts claimed in cases opened over a range of dates: from the index alone.
DROP INDEX wage_case_by_opened;
CREATE INDEX wage_case_by_opened ON wage_case (opened_on, claimed_fen);

-- migration: v7

-- The figures behind `stats`, the digest and the overview page, kept as the records change: one row per figure,
-- day and key, maintained by the triggers below in the same transaction as any write that changes a record they
-- count, whichever path writes it (a form, the API, an import, a merge, a correction). A range of dates then
-- reads days, not records. `wagecase stats --verify` recomputes every row from the records and compares;
-- `wagecase stats --rebuild` recomputes them (this migration does so once, for the records already there).
--   figure             key     count                       amount_fen          letters
--   clue               source  clues received that day
--   stage              stage   cases reaching the stage
--   opened                     cases opened                amount claimed
--   recovered          route   payments                    amount paid
--   drawn                      guarantee draws             amount drawn
--   suggestion-issued          suggestions issued
--   suggestion-replied         replies received            deposits secured    letters renewed
CREATE TABLE figure_day (
    figure     TEXT NOT NULL CHECK (figure IN ('clue', 'stage', 'opened', 'recovered', 'drawn', 'suggestion-issued',
                   'suggestion-replied')),
    day        TEXT NOT NULL,
    key        TEXT NOT NULL DEFAULT '',
    count      INTEGER NOT NULL DEFAULT 0,
    amount_fen INTEGER NOT NULL DEFAULT 0,
    letters    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (figure, day, key)
) STRICT, WITHOUT ROWID;

-- Workers helped (a case of theirs reached support-decided or settled), by day: a count of distinct workers over a
-- range cannot be summed from daily counts, so each worker's days are kept.
CREATE TABLE worker_helped_day (
    day       TEXT NOT NULL,
    worker_id INTEGER NOT NULL REFERENCES worker (id),
    events    INTEGER NOT NULL CHECK (events >= 0),
    PRIMARY KEY (day, worker_id)
) STRICT, WITHOUT ROWID;

-- Open cases (any stage but closed) per project, for the guarantee monitor's "arrears while the deposit is untouched".
CREATE TABLE project_open_cases (
    project_id INTEGER PRIMARY KEY REFERENCES project (id),
    cases      INTEGER NOT NULL CHECK (cases >= 0)
) STRICT;

-- The open cases of one project, for the alerts a digest shows.
CREATE INDEX clue_by_project ON clue (project_id);

CREATE TRIGGER figure_clue_added AFTER INSERT ON clue BEGIN
    INSERT INTO figure_day (figure, day, key, count) VALUES ('clue', NEW.received_on, NEW.source, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER figure_clue_changed AFTER UPDATE OF received_on, source ON clue BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'clue' AND day = OLD.received_on AND key = OLD.source;
    INSERT INTO figure_day (figure, day, key, count) VALUES ('clue', NEW.received_on, NEW.source, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER figure_clue_removed AFTER DELETE ON clue BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'clue' AND day = OLD.received_on AND key = OLD.source;
END;
CREATE TRIGGER figure_clue_moved AFTER UPDATE OF project_id ON clue WHEN OLD.project_id IS NOT NEW.project_id BEGIN
    UPDATE project_open_cases SET cases = cases - (SELECT COUNT(*) FROM wage_case WHERE clue_id = NEW.id AND stage <> 'closed')
        WHERE project_id = OLD.project_id;
    INSERT INTO project_open_cases (project_id, cases)
        SELECT NEW.project_id, COUNT(*) FROM wage_case WHERE clue_id = NEW.id AND stage <> 'closed' AND NEW.project_id IS NOT NULL
        HAVING COUNT(*) > 0
        ON CONFLICT DO UPDATE SET cases = cases + excluded.cases;
END;

CREATE TRIGGER figure_case_opened AFTER INSERT ON wage_case BEGIN
    INSERT INTO figure_day (figure, day, count, amount_fen) VALUES ('opened', NEW.opened_on, 1, NEW.claimed_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
    INSERT INTO project_open_cases (project_id, cases)
        SELECT project_id, 1 FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL AND NEW.stage <> 'closed'
        ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER figure_case_changed AFTER UPDATE OF opened_on, claimed_fen ON wage_case BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.claimed_fen
        WHERE figure = 'opened' AND day = OLD.opened_on AND key = '';
    INSERT INTO figure_day (figure, day, count, amount_fen) VALUES ('opened', NEW.opened_on, 1, NEW.claimed_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_case_staged AFTER UPDATE OF stage, clue_id ON wage_case
WHEN (OLD.stage = 'closed') <> (NEW.stage = 'closed') OR OLD.clue_id <> NEW.clue_id BEGIN
    UPDATE project_open_cases SET cases = cases - 1
        WHERE OLD.stage <> 'closed' AND project_id = (SELECT project_id FROM clue WHERE id = OLD.clue_id);
    INSERT INTO project_open_cases (project_id, cases)
        SELECT project_id, 1 FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL AND NEW.stage <> 'closed'
        ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER figure_case_worker_changed AFTER UPDATE OF worker_id ON wage_case BEGIN
    UPDATE worker_helped_day SET events = events - (SELECT COUNT(*) FROM case_event e WHERE e.case_id = NEW.id
            AND e.stage IN ('support-decided', 'settled') AND e.on_date = worker_helped_day.day)
        WHERE worker_id = OLD.worker_id
          AND day IN (SELECT on_date FROM case_event WHERE case_id = NEW.id AND stage IN ('support-decided', 'settled'));
    DELETE FROM worker_helped_day WHERE worker_id = OLD.worker_id AND events = 0
        AND day IN (SELECT on_date FROM case_event WHERE case_id = NEW.id AND stage IN ('support-decided', 'settled'));
    INSERT INTO worker_helped_day (day, worker_id, events)
        SELECT on_date, NEW.worker_id, COUNT(*) FROM case_event WHERE case_id = NEW.id AND stage IN ('support-decided', 'settled')
        GROUP BY on_date
        ON CONFLICT DO UPDATE SET events = events + excluded.events;
END;
CREATE TRIGGER figure_case_removed AFTER DELETE ON wage_case BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.claimed_fen
        WHERE figure = 'opened' AND day = OLD.opened_on AND key = '';
    UPDATE project_open_cases SET cases = cases - 1
        WHERE OLD.stage <> 'closed' AND project_id = (SELECT project_id FROM clue WHERE id = OLD.clue_id);
END;

CREATE TRIGGER figure_event_added AFTER INSERT ON case_event BEGIN
    INSERT INTO figure_day (figure, day, key, count) VALUES ('stage', NEW.on_date, NEW.stage, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER figure_event_helped AFTER INSERT ON case_event WHEN NEW.stage IN ('support-decided', 'settled') BEGIN
    INSERT INTO worker_helped_day (day, worker_id, events)
        SELECT NEW.on_date, worker_id, 1 FROM wage_case WHERE id = NEW.case_id
        ON CONFLICT DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER figure_event_changed AFTER UPDATE OF on_date, stage, case_id ON case_event BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'stage' AND day = OLD.on_date AND key = OLD.stage;
    INSERT INTO figure_day (figure, day, key, count) VALUES ('stage', NEW.on_date, NEW.stage, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
    UPDATE worker_helped_day SET events = events - 1
        WHERE OLD.stage IN ('support-decided', 'settled') AND day = OLD.on_date
          AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
    DELETE FROM worker_helped_day WHERE events = 0 AND day = OLD.on_date
        AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
    INSERT INTO worker_helped_day (day, worker_id, events)
        SELECT NEW.on_date, worker_id, 1 FROM wage_case WHERE id = NEW.case_id AND NEW.stage IN ('support-decided', 'settled')
        ON CONFLICT DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER figure_event_removed AFTER DELETE ON case_event BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'stage' AND day = OLD.on_date AND key = OLD.stage;
    UPDATE worker_helped_day SET events = events - 1
        WHERE OLD.stage IN ('support-decided', 'settled') AND day = OLD.on_date
          AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
    DELETE FROM worker_helped_day WHERE events = 0 AND day = OLD.on_date
        AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
END;

CREATE TRIGGER figure_recovery_added AFTER INSERT ON recovery BEGIN
    INSERT INTO figure_day (figure, day, key, count, amount_fen) VALUES ('recovered', NEW.paid_on, NEW.route, 1, NEW.amount_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_recovery_changed AFTER UPDATE OF paid_on, route, amount_fen ON recovery BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE figure = 'recovered' AND day = OLD.paid_on AND key = OLD.route;
    INSERT INTO figure_day (figure, day, key, count, amount_fen) VALUES ('recovered', NEW.paid_on, NEW.route, 1, NEW.amount_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_recovery_removed AFTER DELETE ON recovery BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE figure = 'recovered' AND day = OLD.paid_on AND key = OLD.route;
END;

CREATE TRIGGER figure_draw_added AFTER INSERT ON guarantee_event WHEN NEW.kind = 'drawn' BEGIN
    INSERT INTO figure_day (figure, day, count, amount_fen) VALUES ('drawn', NEW.on_date, 1, NEW.amount_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_draw_changed AFTER UPDATE OF kind, on_date, amount_fen ON guarantee_event
WHEN OLD.kind = 'drawn' OR NEW.kind = 'drawn' BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE OLD.kind = 'drawn' AND figure = 'drawn' AND day = OLD.on_date AND key = '';
    INSERT INTO figure_day (figure, day, count, amount_fen) SELECT 'drawn', NEW.on_date, 1, NEW.amount_fen WHERE NEW.kind = 'drawn'
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_draw_removed AFTER DELETE ON guarantee_event WHEN OLD.kind = 'drawn' BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE figure = 'drawn' AND day = OLD.on_date AND key = '';
END;

CREATE TRIGGER figure_suggestion_added AFTER INSERT ON suggestion BEGIN
    INSERT INTO figure_day (figure, day, count) VALUES ('suggestion-issued', NEW.issued_on, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
    INSERT INTO figure_day (figure, day, count, amount_fen, letters)
        SELECT 'suggestion-replied', NEW.replied_on, 1, NEW.secured_fen, NEW.letters_renewed WHERE NEW.replied_on IS NOT NULL
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen, letters = letters + excluded.letters;
END;
CREATE TRIGGER figure_suggestion_changed AFTER UPDATE OF issued_on, replied_on, secured_fen, letters_renewed ON suggestion BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'suggestion-issued' AND day = OLD.issued_on AND key = '';
    INSERT INTO figure_day (figure, day, count) VALUES ('suggestion-issued', NEW.issued_on, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.secured_fen, letters = letters - OLD.letters_renewed
        WHERE OLD.replied_on IS NOT NULL AND figure = 'suggestion-replied' AND day = OLD.replied_on AND key = '';
    INSERT INTO figure_day (figure, day, count, amount_fen, letters)
        SELECT 'suggestion-replied', NEW.replied_on, 1, NEW.secured_fen, NEW.letters_renewed WHERE NEW.replied_on IS NOT NULL
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen, letters = letters + excluded.letters;
END;
CREATE TRIGGER figure_suggestion_removed AFTER DELETE ON suggestion BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'suggestion-issued' AND day = OLD.issued_on AND key = '';
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.secured_fen, letters = letters - OLD.letters_renewed
        WHERE OLD.replied_on IS NOT NULL AND figure = 'suggestion-replied' AND day = OLD.replied_on AND key = '';
END;

-- The records already there (the same statements as `wagecase stats --rebuild`).
INSERT INTO figure_day (figure, day, key, count) SELECT 'clue', received_on, source, COUNT(*) FROM clue GROUP BY received_on, source;
INSERT INTO figure_day (figure, day, key, count) SELECT 'stage', on_date, stage, COUNT(*) FROM case_event GROUP BY on_date, stage;
INSERT INTO figure_day (figure, day, count, amount_fen) SELECT 'opened', opened_on, COUNT(*), SUM(claimed_fen) FROM wage_case GROUP BY opened_on;
INSERT INTO figure_day (figure, day, key, count, amount_fen)
    SELECT 'recovered', paid_on, route, COUNT(*), SUM(amount_fen) FROM recovery GROUP BY paid_on, route;
INSERT INTO figure_day (figure, day, count, amount_fen)
    SELECT 'drawn', on_date, COUNT(*), SUM(amount_fen) FROM guarantee_event WHERE kind = 'drawn' GROUP BY on_date;
INSERT INTO figure_day (figure, day, count) SELECT 'suggestion-issued', issued_on, COUNT(*) FROM suggestion GROUP BY issued_on;
INSERT INTO figure_day (figure, day, count, amount_fen, letters)
    SELECT 'suggestion-replied', replied_on, COUNT(*), SUM(secured_fen), SUM(letters_renewed) FROM suggestion
    WHERE replied_on IS NOT NULL GROUP BY replied_on;
INSERT INTO worker_helped_day (day, worker_id, events)
    SELECT e.on_date, c.worker_id, COUNT(*) FROM case_event e JOIN wage_case c ON c.id = e.case_id
    WHERE e.stage IN ('support-decided', 'settled') GROUP BY e.on_date, c.worker_id;
INSERT INTO project_open_cases (project_id, cases)
    SELECT l.project_id, COUNT(*) FROM wage_case c JOIN clue l ON l.id = c.clue_id
    WHERE c.stage <> 'closed' AND l.project_id IS NOT NULL GROUP BY l.project_id;

-- migration: v8

-- A number that changes, in the same transaction, with every write to what the guarantee monitor reads apart
-- from open cases: projects, guarantees and their events, suggestions, rules, the holiday calendar (not
-- employers: the monitor names projects).
-- The monitor's findings for a day are kept in memory against it and reused until it changes; the arrears
-- alerts, which depend on open cases too, are added afresh from project_open_cases each time.
CREATE TABLE monitor_input (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;

INSERT INTO monitor_input VALUES (1, 0);
CREATE TRIGGER monitor_input_project_insert AFTER INSERT ON project BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_project_update AFTER UPDATE ON project BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_project_delete AFTER DELETE ON project BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_insert AFTER INSERT ON guarantee BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_update AFTER UPDATE ON guarantee BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_delete AFTER DELETE ON guarantee BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_event_insert AFTER INSERT ON guarantee_event BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_event_update AFTER UPDATE ON guarantee_event BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_event_delete AFTER DELETE ON guarantee_event BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_draw_case_insert AFTER INSERT ON guarantee_draw_case BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_draw_case_update AFTER UPDATE ON guarantee_draw_case BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_draw_case_delete AFTER DELETE ON guarantee_draw_case BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_insert AFTER INSERT ON suggestion BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_update AFTER UPDATE ON suggestion BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_delete AFTER DELETE ON suggestion BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_project_insert AFTER INSERT ON suggestion_project BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_project_update AFTER UPDATE ON suggestion_project BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_project_delete AFTER DELETE ON suggestion_project BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_guarantee_insert AFTER INSERT ON suggestion_guarantee BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_guarantee_update AFTER UPDATE ON suggestion_guarantee BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_suggestion_guarantee_delete AFTER DELETE ON suggestion_guarantee BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_rule_insert AFTER INSERT ON guarantee_rule BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_rule_update AFTER UPDATE ON guarantee_rule BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_rule_delete AFTER DELETE ON guarantee_rule BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_holiday_schedule_insert AFTER INSERT ON holiday_schedule BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_holiday_schedule_update AFTER UPDATE ON holiday_schedule BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_holiday_schedule_delete AFTER DELETE ON holiday_schedule BEGIN UPDATE monitor_input SET version = version + 1; END;

-- migration: v9

-- Which projects the monitor's input changed for, with the monitor_input version then (before or after that
-- write moved it: a reader asks for changes at or after the version it holds). A server keeps the monitor's
-- findings; when the version moves, it reads only these projects again (with every unreplied suggestion) and
-- puts their findings in place of the old ones. monitor_everything_change is the version at which a rule or the
-- holiday calendar last changed: every project's findings depend on those, so they are all found again.
CREATE TABLE monitor_project_change (
    project_id INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL
) STRICT;

CREATE INDEX monitor_project_change_by_version ON monitor_project_change (version);

CREATE TABLE monitor_everything_change (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;

INSERT INTO monitor_everything_change VALUES (1, 0);

CREATE TRIGGER monitor_change_project_insert AFTER INSERT ON project BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT NEW.id, version FROM monitor_input WHERE NEW.id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_project_update AFTER UPDATE ON project BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT OLD.id, version FROM monitor_input WHERE OLD.id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
    INSERT INTO monitor_project_change (project_id, version) SELECT NEW.id, version FROM monitor_input WHERE NEW.id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_project_delete AFTER DELETE ON project BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT OLD.id, version FROM monitor_input WHERE OLD.id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_insert AFTER INSERT ON guarantee BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT NEW.project_id, version FROM monitor_input WHERE NEW.project_id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_update AFTER UPDATE ON guarantee BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT OLD.project_id, version FROM monitor_input WHERE OLD.project_id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
    INSERT INTO monitor_project_change (project_id, version) SELECT NEW.project_id, version FROM monitor_input WHERE NEW.project_id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_delete AFTER DELETE ON guarantee BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT OLD.project_id, version FROM monitor_input WHERE OLD.project_id IS NOT NULL ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_event_insert AFTER INSERT ON guarantee_event BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = NEW.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_event_update AFTER UPDATE ON guarantee_event BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = OLD.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = NEW.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_event_delete AFTER DELETE ON guarantee_event BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = OLD.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_draw_case_insert AFTER INSERT ON guarantee_draw_case BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT g.project_id, (SELECT version FROM monitor_input) FROM guarantee_event e JOIN guarantee g ON g.id = e.guarantee_id WHERE e.id = NEW.event_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_draw_case_update AFTER UPDATE ON guarantee_draw_case BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT g.project_id, (SELECT version FROM monitor_input) FROM guarantee_event e JOIN guarantee g ON g.id = e.guarantee_id WHERE e.id = OLD.event_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
    INSERT INTO monitor_project_change (project_id, version) SELECT g.project_id, (SELECT version FROM monitor_input) FROM guarantee_event e JOIN guarantee g ON g.id = e.guarantee_id WHERE e.id = NEW.event_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_draw_case_delete AFTER DELETE ON guarantee_draw_case BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT g.project_id, (SELECT version FROM monitor_input) FROM guarantee_event e JOIN guarantee g ON g.id = e.guarantee_id WHERE e.id = OLD.event_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_rule_insert AFTER INSERT ON guarantee_rule BEGIN UPDATE monitor_everything_change SET version = (SELECT version FROM monitor_input); END;
CREATE TRIGGER monitor_change_guarantee_rule_update AFTER UPDATE ON guarantee_rule BEGIN UPDATE monitor_everything_change SET version = (SELECT version FROM monitor_input); END;
CREATE TRIGGER monitor_change_guarantee_rule_delete AFTER DELETE ON guarantee_rule BEGIN UPDATE monitor_everything_change SET version = (SELECT version FROM monitor_input); END;
CREATE TRIGGER monitor_change_holiday_schedule_insert AFTER INSERT ON holiday_schedule BEGIN UPDATE monitor_everything_change SET version = (SELECT version FROM monitor_input); END;
CREATE TRIGGER monitor_change_holiday_schedule_update AFTER UPDATE ON holiday_schedule BEGIN UPDATE monitor_everything_change SET version = (SELECT version FROM monitor_input); END;
CREATE TRIGGER monitor_change_holiday_schedule_delete AFTER DELETE ON holiday_schedule BEGIN UPDATE monitor_everything_change SET version = (SELECT version FROM monitor_input); END;

-- migration: v10

-- When the worker's employment ended and, for a labor-service (劳务) claim, when payment fell due: the case's
-- limitation periods run from them (domain.md §9); set and corrected with `case update`, audited.
ALTER TABLE wage_case ADD COLUMN employment_ended_on TEXT
    CHECK (employment_ended_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE wage_case ADD COLUMN payment_due_on TEXT
    CHECK (payment_due_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');

-- migration: v11

-- Who handles a case: the handling prosecutor (承办检察官) and an optional assistant, both users of the service
-- (`case assign`, audited); lists filter by them and each user's pages show "my cases".
ALTER TABLE wage_case ADD COLUMN handler TEXT REFERENCES api_user (name);
ALTER TABLE wage_case ADD COLUMN assistant TEXT REFERENCES api_user (name);

CREATE INDEX wage_case_by_handler ON wage_case (handler) WHERE handler IS NOT NULL;
CREATE INDEX wage_case_by_assistant ON wage_case (assistant) WHERE assistant IS NOT NULL;

-- migration: v12

-- Why a closed case was closed (全额追回, 部分追回, 无法追回, 转其他途径): asked whenever money is still owed.
ALTER TABLE wage_case ADD COLUMN closing_reason TEXT
    CHECK (closing_reason IN ('fully-recovered', 'partly-recovered', 'unrecoverable', 'other-route'));

-- migration: v13

-- A recovery entered wrongly is reversed, never deleted: a balancing entry (冲正) with the original's amount
-- negated, on the original's day (so every period counts what stands) and `reverses_id` naming the original,
-- which stays visible. The one place an amount is negative. The table is rebuilt to change its checks; its
-- rows, indexes and kept-figure triggers are as they were.
CREATE TABLE recovery_v13 (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES wage_case (id),
    paid_on     TEXT NOT NULL CHECK (paid_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0),
    route       TEXT NOT NULL
        CHECK (route IN ('employer-paid', 'guarantee-draw', 'court-enforcement', 'emergency-fund')),
    payer       TEXT,
    note        TEXT,
    forced      INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
    actor       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    reverses_id INTEGER UNIQUE REFERENCES recovery_v13 (id),
    CHECK ((reverses_id IS NULL) = (amount_fen > 0))
) STRICT;
INSERT INTO recovery_v13 (id, case_id, paid_on, amount_fen, route, payer, note, forced, actor, created_at)
    SELECT id, case_id, paid_on, amount_fen, route, payer, note, forced, actor, created_at FROM recovery;
DROP TABLE recovery;
ALTER TABLE recovery_v13 RENAME TO recovery;

CREATE INDEX recovery_by_case ON recovery (case_id);
CREATE INDEX recovery_by_paid ON recovery (paid_on, route, amount_fen);

-- A balancing entry takes its original's amount back from the day's figure; the day counts both entries.
CREATE TRIGGER figure_recovery_added AFTER INSERT ON recovery BEGIN
    INSERT INTO figure_day (figure, day, key, count, amount_fen) VALUES ('recovered', NEW.paid_on, NEW.route, 1, NEW.amount_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_recovery_changed AFTER UPDATE OF paid_on, route, amount_fen ON recovery BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE figure = 'recovered' AND day = OLD.paid_on AND key = OLD.route;
    INSERT INTO figure_day (figure, day, key, count, amount_fen) VALUES ('recovered', NEW.paid_on, NEW.route, 1, NEW.amount_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_recovery_removed AFTER DELETE ON recovery BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE figure = 'recovered' AND day = OLD.paid_on AND key = OLD.route;
END;

-- migration: v14

-- The whole path of a case (domain.md §3): support for labor arbitration (arbitration filed → award), payment
-- orders, the court's losses (claim or suit dismissed) and appeals, support withdrawn, enforcement ended without
-- full payment (终结本次执行) and resumed. A case also carries its court, the court's case number and the amount
-- awarded or agreed. Both tables are rebuilt to widen their stage checks (SQLite cannot alter a check); every row
-- stays in the stage it was in, and the indexes and kept-figure triggers are made again as they were. The rename
-- leaves other tables' triggers as they are (they name the tables, which exist again afterwards).
PRAGMA legacy_alter_table = ON;
CREATE TABLE wage_case_v14 (
    id                  INTEGER PRIMARY KEY,
    case_number         TEXT UNIQUE,
    clue_id             INTEGER NOT NULL REFERENCES clue (id),
    worker_id           INTEGER NOT NULL REFERENCES worker (id),
    series_id           INTEGER REFERENCES case_series (id),
    claimed_fen         INTEGER NOT NULL CHECK (claimed_fen >= 0),
    opened_on           TEXT NOT NULL CHECK (opened_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    stage               TEXT NOT NULL CHECK (stage IN ('accepted', 'investigating', 'support-decided', 'declined', 'letter-issued',
                    'arbitration-filed', 'award', 'payment-order', 'court-filed', 'judgment', 'mediated',
                    'claim-dismissed', 'suit-dismissed', 'appealed', 'settled', 'withdrawn', 'support-withdrawn',
                    'enforcement', 'enforcement-ended', 'enforcement-resumed', 'closed')),
    stage_on            TEXT NOT NULL CHECK (stage_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at          TEXT NOT NULL,
    employment_ended_on TEXT CHECK (employment_ended_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    payment_due_on      TEXT CHECK (payment_due_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    handler             TEXT REFERENCES api_user (name),
    assistant           TEXT REFERENCES api_user (name),
    closing_reason      TEXT
        CHECK (closing_reason IN ('fully-recovered', 'partly-recovered', 'unrecoverable', 'other-route')),
    -- The court (or arbitration commission) that has the case, its own case number (甘0403民初123号), and the
    -- amount it awarded or the parties agreed: a case's recovery rate is measured against it where known.
    court               TEXT,
    court_case_number   TEXT,
    awarded_fen         INTEGER CHECK (awarded_fen >= 0),
    UNIQUE (clue_id, worker_id)
) STRICT;
INSERT INTO wage_case_v14 (id, case_number, clue_id, worker_id, series_id, claimed_fen, opened_on, stage, stage_on,
                           created_at, employment_ended_on, payment_due_on, handler, assistant, closing_reason)
    SELECT id, case_number, clue_id, worker_id, series_id, claimed_fen, opened_on, stage, stage_on, created_at,
           employment_ended_on, payment_due_on, handler, assistant, closing_reason FROM wage_case;
CREATE TABLE case_event_v14 (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES wage_case (id),
    stage      TEXT NOT NULL CHECK (stage IN ('accepted', 'investigating', 'support-decided', 'declined', 'letter-issued',
                    'arbitration-filed', 'award', 'payment-order', 'court-filed', 'judgment', 'mediated',
                    'claim-dismissed', 'suit-dismissed', 'appealed', 'settled', 'withdrawn', 'support-withdrawn',
                    'enforcement', 'enforcement-ended', 'enforcement-resumed', 'closed')),
    on_date    TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    actor      TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL
) STRICT;
INSERT INTO case_event_v14 (id, case_id, stage, on_date, actor, note, created_at)
    SELECT id, case_id, stage, on_date, actor, note, created_at FROM case_event;
DROP TABLE case_event;
DROP TABLE wage_case;
ALTER TABLE wage_case_v14 RENAME TO wage_case;
ALTER TABLE case_event_v14 RENAME TO case_event;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX wage_case_by_stage ON wage_case (stage);
CREATE INDEX wage_case_by_worker ON wage_case (worker_id);
CREATE INDEX wage_case_by_series ON wage_case (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX wage_case_by_opened ON wage_case (opened_on, claimed_fen);
CREATE INDEX wage_case_by_handler ON wage_case (handler) WHERE handler IS NOT NULL;
CREATE INDEX wage_case_by_assistant ON wage_case (assistant) WHERE assistant IS NOT NULL;
CREATE TRIGGER figure_case_opened AFTER INSERT ON wage_case BEGIN
    INSERT INTO figure_day (figure, day, count, amount_fen) VALUES ('opened', NEW.opened_on, 1, NEW.claimed_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
    INSERT INTO project_open_cases (project_id, cases)
        SELECT project_id, 1 FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL AND NEW.stage <> 'closed'
        ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER figure_case_changed AFTER UPDATE OF opened_on, claimed_fen ON wage_case BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.claimed_fen
        WHERE figure = 'opened' AND day = OLD.opened_on AND key = '';
    INSERT INTO figure_day (figure, day, count, amount_fen) VALUES ('opened', NEW.opened_on, 1, NEW.claimed_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_case_staged AFTER UPDATE OF stage, clue_id ON wage_case
WHEN (OLD.stage = 'closed') <> (NEW.stage = 'closed') OR OLD.clue_id <> NEW.clue_id BEGIN
    UPDATE project_open_cases SET cases = cases - 1
        WHERE OLD.stage <> 'closed' AND project_id = (SELECT project_id FROM clue WHERE id = OLD.clue_id);
    INSERT INTO project_open_cases (project_id, cases)
        SELECT project_id, 1 FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL AND NEW.stage <> 'closed'
        ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER figure_case_worker_changed AFTER UPDATE OF worker_id ON wage_case BEGIN
    UPDATE worker_helped_day SET events = events - (SELECT COUNT(*) FROM case_event e WHERE e.case_id = NEW.id
            AND e.stage IN ('support-decided', 'settled') AND e.on_date = worker_helped_day.day)
        WHERE worker_id = OLD.worker_id
          AND day IN (SELECT on_date FROM case_event WHERE case_id = NEW.id AND stage IN ('support-decided', 'settled'));
    DELETE FROM worker_helped_day WHERE worker_id = OLD.worker_id AND events = 0
        AND day IN (SELECT on_date FROM case_event WHERE case_id = NEW.id AND stage IN ('support-decided', 'settled'));
    INSERT INTO worker_helped_day (day, worker_id, events)
        SELECT on_date, NEW.worker_id, COUNT(*) FROM case_event WHERE case_id = NEW.id AND stage IN ('support-decided', 'settled')
        GROUP BY on_date
        ON CONFLICT DO UPDATE SET events = events + excluded.events;
END;
CREATE TRIGGER figure_case_removed AFTER DELETE ON wage_case BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.claimed_fen
        WHERE figure = 'opened' AND day = OLD.opened_on AND key = '';
    UPDATE project_open_cases SET cases = cases - 1
        WHERE OLD.stage <> 'closed' AND project_id = (SELECT project_id FROM clue WHERE id = OLD.clue_id);
END;
CREATE INDEX case_event_by_case ON case_event (case_id, on_date);
CREATE INDEX case_event_by_stage ON case_event (stage, on_date, case_id);
CREATE TRIGGER figure_event_added AFTER INSERT ON case_event BEGIN
    INSERT INTO figure_day (figure, day, key, count) VALUES ('stage', NEW.on_date, NEW.stage, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER figure_event_helped AFTER INSERT ON case_event WHEN NEW.stage IN ('support-decided', 'settled') BEGIN
    INSERT INTO worker_helped_day (day, worker_id, events)
        SELECT NEW.on_date, worker_id, 1 FROM wage_case WHERE id = NEW.case_id
        ON CONFLICT DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER figure_event_changed AFTER UPDATE OF on_date, stage, case_id ON case_event BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'stage' AND day = OLD.on_date AND key = OLD.stage;
    INSERT INTO figure_day (figure, day, key, count) VALUES ('stage', NEW.on_date, NEW.stage, 1)
        ON CONFLICT DO UPDATE SET count = count + 1;
    UPDATE worker_helped_day SET events = events - 1
        WHERE OLD.stage IN ('support-decided', 'settled') AND day = OLD.on_date
          AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
    DELETE FROM worker_helped_day WHERE events = 0 AND day = OLD.on_date
        AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
    INSERT INTO worker_helped_day (day, worker_id, events)
        SELECT NEW.on_date, worker_id, 1 FROM wage_case WHERE id = NEW.case_id AND NEW.stage IN ('support-decided', 'settled')
        ON CONFLICT DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER figure_event_removed AFTER DELETE ON case_event BEGIN
    UPDATE figure_day SET count = count - 1 WHERE figure = 'stage' AND day = OLD.on_date AND key = OLD.stage;
    UPDATE worker_helped_day SET events = events - 1
        WHERE OLD.stage IN ('support-decided', 'settled') AND day = OLD.on_date
          AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
    DELETE FROM worker_helped_day WHERE events = 0 AND day = OLD.on_date
        AND worker_id = (SELECT worker_id FROM wage_case WHERE id = OLD.case_id);
END;

-- What happens on a case besides its stages (domain.md §3): the worker's written application or consent
-- (申请支持起诉; support is decided only with one on record), hearings (听证) and court attendance (出庭).
CREATE TABLE case_activity (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES wage_case (id),
    kind       TEXT NOT NULL CHECK (kind IN ('application', 'consent', 'hearing', 'court-attendance')),
    on_date    TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    note       TEXT,
    actor      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX case_activity_by_case ON case_activity (case_id, on_date);

-- migration: v15

-- The guarantee monitor as 人社部发〔2021〕65号 writes it. A project records the day its deposit duty arose (Art. 8:
-- the construction permit, or the contract where no permit is needed) and what may lower or waive it (Art. 11–12:
-- arrears in the year before the contract, real-name management, the wage special account, since when the
-- contractor's standing holds, a ratio lowered for several projects, never below 0.5%).
ALTER TABLE project ADD COLUMN permit_on TEXT CHECK (permit_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE project ADD COLUMN contract_signed_on TEXT
    CHECK (contract_signed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE project ADD COLUMN prior_year_arrears INTEGER CHECK (prior_year_arrears IN (0, 1));
ALTER TABLE project ADD COLUMN real_name_management INTEGER NOT NULL DEFAULT 0 CHECK (real_name_management IN (0, 1));
ALTER TABLE project ADD COLUMN wage_account INTEGER NOT NULL DEFAULT 0 CHECK (wage_account IN (0, 1));
ALTER TABLE project ADD COLUMN standing_since TEXT
    CHECK (standing_since GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE project ADD COLUMN reduced_ratio_bp INTEGER CHECK (reduced_ratio_bp BETWEEN 50 AND 10000);

-- A letter shorter than a year or than the contract period (Art. 17) is recorded only with a reason.
ALTER TABLE guarantee ADD COLUMN validity_override TEXT;

-- A rule names the provincial basis of a ratio outside 1%–3% (Art. 11), whether its cap and floor hold the amount
-- before or after the standing adjustment, and the bank's days to pay a draw (Art. 19).
ALTER TABLE guarantee_rule ADD COLUMN bank_payment_working_days INTEGER NOT NULL DEFAULT 5
    CHECK (bank_payment_working_days >= 0);
ALTER TABLE guarantee_rule ADD COLUMN ratio_basis TEXT;
ALTER TABLE guarantee_rule ADD COLUMN limits_apply TEXT NOT NULL DEFAULT 'before-adjustment'
    CHECK (limits_apply IN ('before-adjustment', 'after-adjustment'));

-- A draw is a payment notice with its own clocks (Art. 19–20): the order to pay it follows, and the bank's payment,
-- recorded with the draw or later as a bank-paid event naming the notice. A return follows the notice, then the
-- written application; a review that finds arrears answers it with a written notice (Art. 22). The table is
-- rebuilt to widen its kind check; draws recorded before were paid when recorded, and say so. A return recorded
-- before in the old order (request, then notice) keeps its request as the notice's start, noted as such: the
-- written application is still to come, and nothing counts against the bureau from a request made too early.
PRAGMA legacy_alter_table = ON;
CREATE TABLE guarantee_event_v15 (
    id            INTEGER PRIMARY KEY,
    guarantee_id  INTEGER NOT NULL REFERENCES guarantee (id),
    kind          TEXT NOT NULL CHECK (kind IN ('lodged', 'drawn', 'bank-paid', 'replenished', 'renewed', 'replaced',
                      'notice-started', 'return-requested', 'arrears-notified', 'returned')),
    on_date       TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount_fen    INTEGER CHECK (amount_fen > 0),
    notice_number TEXT,  -- payment notice of a draw (支付通知书), or the one a bank payment paid
    new_ends_on   TEXT CHECK (new_ends_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    new_document  TEXT,
    note          TEXT,
    actor         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    order_number  TEXT,  -- the order to pay (责令限期清偿) a draw follows
    order_due_on  TEXT CHECK (order_due_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    paid_on       TEXT CHECK (paid_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    CHECK (kind NOT IN ('lodged', 'drawn', 'replenished') OR amount_fen IS NOT NULL),
    CHECK (kind <> 'renewed' OR new_ends_on IS NOT NULL),
    CHECK (kind <> 'bank-paid' OR notice_number IS NOT NULL),
    CHECK (kind = 'drawn' OR (order_number IS NULL AND order_due_on IS NULL AND paid_on IS NULL)),
    CHECK (paid_on IS NULL OR paid_on >= on_date)
) STRICT;
INSERT INTO guarantee_event_v15 (id, guarantee_id, kind, on_date, amount_fen, notice_number, new_ends_on, new_document,
                                 note, actor, created_at, paid_on)
    SELECT id, guarantee_id, CASE kind WHEN 'return-requested' THEN 'notice-started' ELSE kind END, on_date, amount_fen,
           notice_number, new_ends_on, new_document,
           CASE kind WHEN 'return-requested' THEN COALESCE(note || '；', '') || '升级前记为申请返还（先申请后公示），按公示开始记录'
                ELSE note END,
           actor, created_at, CASE WHEN kind = 'drawn' THEN on_date END
    FROM guarantee_event;
DROP TABLE guarantee_event;
ALTER TABLE guarantee_event_v15 RENAME TO guarantee_event;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX guarantee_event_by_guarantee ON guarantee_event (guarantee_id, on_date);
CREATE INDEX guarantee_event_by_date ON guarantee_event (on_date, kind);
CREATE TRIGGER figure_draw_added AFTER INSERT ON guarantee_event WHEN NEW.kind = 'drawn' BEGIN
    INSERT INTO figure_day (figure, day, count, amount_fen) VALUES ('drawn', NEW.on_date, 1, NEW.amount_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_draw_changed AFTER UPDATE OF kind, on_date, amount_fen ON guarantee_event
WHEN OLD.kind = 'drawn' OR NEW.kind = 'drawn' BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE OLD.kind = 'drawn' AND figure = 'drawn' AND day = OLD.on_date AND key = '';
    INSERT INTO figure_day (figure, day, count, amount_fen) SELECT 'drawn', NEW.on_date, 1, NEW.amount_fen WHERE NEW.kind = 'drawn'
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
END;
CREATE TRIGGER figure_draw_removed AFTER DELETE ON guarantee_event WHEN OLD.kind = 'drawn' BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.amount_fen
        WHERE figure = 'drawn' AND day = OLD.on_date AND key = '';
END;
CREATE TRIGGER monitor_input_guarantee_event_insert AFTER INSERT ON guarantee_event BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_event_update AFTER UPDATE ON guarantee_event BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_input_guarantee_event_delete AFTER DELETE ON guarantee_event BEGIN UPDATE monitor_input SET version = version + 1; END;
CREATE TRIGGER monitor_change_guarantee_event_insert AFTER INSERT ON guarantee_event BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = NEW.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_event_update AFTER UPDATE ON guarantee_event BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = OLD.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = NEW.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER monitor_change_guarantee_event_delete AFTER DELETE ON guarantee_event BEGIN
    INSERT INTO monitor_project_change (project_id, version) SELECT project_id, (SELECT version FROM monitor_input) FROM guarantee WHERE id = OLD.guarantee_id ON CONFLICT (project_id) DO UPDATE SET version = excluded.version;
END;

-- One meaning of an open case everywhere: not closed, declined or withdrawn (CaseStage.isOpen). The per-project
-- count the monitor reads is recounted and its triggers made again with that meaning.
DROP TRIGGER figure_clue_moved;
DROP TRIGGER figure_case_opened;
DROP TRIGGER figure_case_staged;
DROP TRIGGER figure_case_removed;
CREATE TRIGGER figure_clue_moved AFTER UPDATE OF project_id ON clue WHEN OLD.project_id IS NOT NEW.project_id BEGIN
    UPDATE project_open_cases SET cases = cases - (SELECT COUNT(*) FROM wage_case WHERE clue_id = NEW.id
            AND stage NOT IN ('closed', 'declined', 'withdrawn'))
        WHERE project_id = OLD.project_id;
    INSERT INTO project_open_cases (project_id, cases)
        SELECT NEW.project_id, COUNT(*) FROM wage_case WHERE clue_id = NEW.id
            AND stage NOT IN ('closed', 'declined', 'withdrawn') AND NEW.project_id IS NOT NULL
        HAVING COUNT(*) > 0
        ON CONFLICT DO UPDATE SET cases = cases + excluded.cases;
END;
CREATE TRIGGER figure_case_opened AFTER INSERT ON wage_case BEGIN
    INSERT INTO figure_day (figure, day, count, amount_fen) VALUES ('opened', NEW.opened_on, 1, NEW.claimed_fen)
        ON CONFLICT DO UPDATE SET count = count + 1, amount_fen = amount_fen + excluded.amount_fen;
    INSERT INTO project_open_cases (project_id, cases)
        SELECT project_id, 1 FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL
            AND NEW.stage NOT IN ('closed', 'declined', 'withdrawn')
        ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER figure_case_staged AFTER UPDATE OF stage, clue_id ON wage_case
WHEN (OLD.stage IN ('closed', 'declined', 'withdrawn')) <> (NEW.stage IN ('closed', 'declined', 'withdrawn'))
    OR OLD.clue_id <> NEW.clue_id BEGIN
    UPDATE project_open_cases SET cases = cases - 1
        WHERE OLD.stage NOT IN ('closed', 'declined', 'withdrawn')
          AND project_id = (SELECT project_id FROM clue WHERE id = OLD.clue_id);
    INSERT INTO project_open_cases (project_id, cases)
        SELECT project_id, 1 FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL
            AND NEW.stage NOT IN ('closed', 'declined', 'withdrawn')
        ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER figure_case_removed AFTER DELETE ON wage_case BEGIN
    UPDATE figure_day SET count = count - 1, amount_fen = amount_fen - OLD.claimed_fen
        WHERE figure = 'opened' AND day = OLD.opened_on AND key = '';
    UPDATE project_open_cases SET cases = cases - 1
        WHERE OLD.stage NOT IN ('closed', 'declined', 'withdrawn')
          AND project_id = (SELECT project_id FROM clue WHERE id = OLD.clue_id);
END;
DELETE FROM project_open_cases;
-- The records already there, recounted (the statement `wagecase stats --rebuild` now uses for this table).
INSERT INTO project_open_cases (project_id, cases)
    SELECT l.project_id, COUNT(*) FROM wage_case c JOIN clue l ON l.id = c.clue_id
    WHERE l.project_id IS NOT NULL AND c.stage NOT IN ('closed', 'declined', 'withdrawn')
    GROUP BY l.project_id;
-- migration: v16
-- Files kept with the records (evidence attached to cases, documents made, offices' templates), addressed by the
-- SHA-256 of their bytes: the same file attached twice is stored once. A file is never deleted; a removed
-- attachment keeps its row, its audit trail and its bytes.
CREATE TABLE stored_file (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size       INTEGER NOT NULL CHECK (size >= 0),
    media_type TEXT NOT NULL CHECK (length(media_type) BETWEEN 1 AND 200),
    bytes      BLOB NOT NULL,
    stored_at  TEXT NOT NULL,
    CHECK (length(bytes) = size)
) STRICT;

-- Evidence a case rests on (证据材料): its kind, the file (type told by its bytes), who uploaded it and when.
-- Removal is a mark with a reason, never a deletion.
CREATE TABLE case_attachment (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES wage_case(id),
    kind           TEXT NOT NULL CHECK (kind IN ('iou', 'attendance', 'wage-list', 'contract', 'award', 'judgment',
                                                 'id-copy', 'photo', 'other')),
    file_sha256    TEXT NOT NULL REFERENCES stored_file(sha256),
    file_type      TEXT NOT NULL CHECK (file_type IN ('pdf', 'jpeg', 'png', 'heic', 'docx', 'xlsx', 'ofd')),
    file_name      TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    note           TEXT CHECK (length(note) <= 500),
    uploaded_by    TEXT NOT NULL,
    uploaded_at    TEXT NOT NULL,
    removed_at     TEXT,
    removed_by     TEXT,
    removed_reason TEXT CHECK (length(removed_reason) BETWEEN 1 AND 500),
    CHECK ((removed_at IS NULL) = (removed_reason IS NULL) AND (removed_at IS NULL) = (removed_by IS NULL))
) STRICT;
CREATE INDEX case_attachment_case ON case_attachment (case_id);

-- The papers the office issued (文书): each numbered from its kind's pattern, per kind and year, the number
-- given in the transaction that records it and never given again (a voided document keeps it, with a reason).
CREATE TABLE document (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('acceptance-notice', 'support-letter', 'decline-notice',
                                                  'suggestion', 'referral-letter')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    sequence        INTEGER NOT NULL CHECK (sequence >= 1),
    number          TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 100),
    case_id         INTEGER REFERENCES wage_case(id),
    clue_id         INTEGER REFERENCES clue(id),
    suggestion_id   INTEGER REFERENCES suggestion(id),
    format          TEXT NOT NULL CHECK (format IN ('docx', 'html')),
    template_sha256 TEXT,
    file_sha256     TEXT NOT NULL REFERENCES stored_file(sha256),
    made_on         TEXT NOT NULL CHECK (made_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    made_by         TEXT NOT NULL,
    made_at         TEXT NOT NULL,
    voided_at       TEXT,
    voided_by       TEXT,
    void_reason     TEXT CHECK (length(void_reason) BETWEEN 1 AND 500),
    UNIQUE (kind, year, sequence),
    CHECK ((case_id IS NOT NULL) + (clue_id IS NOT NULL) + (suggestion_id IS NOT NULL) = 1),
    CHECK ((voided_at IS NULL) = (void_reason IS NULL) AND (voided_at IS NULL) = (voided_by IS NULL))
) STRICT;
CREATE INDEX document_case ON document (case_id) WHERE case_id IS NOT NULL;
CREATE TRIGGER document_kept BEFORE DELETE ON document BEGIN
    SELECT RAISE(ABORT, 'documents are never deleted: void them with a reason');
END;
CREATE TRIGGER case_attachment_kept BEFORE DELETE ON case_attachment BEGIN
    SELECT RAISE(ABORT, 'attachments are never deleted: remove them with a reason');
END;

-- Offices' own DOCX templates, one current per kind; installing another marks the one before as replaced.
CREATE TABLE document_template (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('acceptance-notice', 'support-letter', 'decline-notice',
                                               'suggestion', 'referral-letter')),
    file_sha256  TEXT NOT NULL REFERENCES stored_file(sha256),
    file_name    TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    installed_by TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    replaced_at  TEXT
) STRICT;
CREATE UNIQUE INDEX document_template_current ON document_template (kind) WHERE replaced_at IS NULL;

-- migration: v17
-- Partner agencies' datasets (大数据法律监督): each file loaded once (its kind and SHA-256), with who sent it, who
-- loaded it and when. Every row keeps the file's cells as they were (`original`, a JSON object heading → cell)
-- beside the cleaned values models read. A newer file's row with the same reference (文书号, 案号, 工单号,
-- 许可证编号; for payroll the project and month) supersedes the older row, which stays.
CREATE TABLE dataset (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('arbitration-awards', 'court-judgments', 'complaints',
                                              'construction-permits', 'payroll-transfers')),
    unit        TEXT CHECK (unit IS NULL OR length(unit) BETWEEN 1 AND 200),
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
    sheet       TEXT,
    encoding    TEXT,
    rows        INTEGER NOT NULL CHECK (rows >= 0),
    rejected    INTEGER NOT NULL CHECK (rejected >= 0),
    loaded_by   TEXT NOT NULL,
    loaded_at   TEXT NOT NULL,
    UNIQUE (kind, file_sha256)
) STRICT;

CREATE TABLE dataset_row (
    id                 INTEGER PRIMARY KEY,
    dataset_id         INTEGER NOT NULL REFERENCES dataset (id),
    kind               TEXT NOT NULL,
    row_number         INTEGER NOT NULL CHECK (row_number >= 1),
    reference          TEXT,
    number             TEXT,
    person_name        TEXT,
    id_number          TEXT,
    phone              TEXT,
    employer           TEXT,
    credit_code        TEXT,
    project            TEXT,
    amount_fen         INTEGER CHECK (amount_fen >= 0),
    paid_fen           INTEGER CHECK (paid_fen >= 0),
    date               TEXT,
    planned_completion TEXT,
    status             TEXT,
    channel            TEXT,
    content            TEXT,
    headcount          INTEGER CHECK (headcount >= 0),
    region_code        TEXT,
    original           TEXT NOT NULL,
    superseded_by      INTEGER REFERENCES dataset_row (id),
    UNIQUE (dataset_id, row_number)
) STRICT;
CREATE INDEX dataset_row_current ON dataset_row (kind, id) WHERE superseded_by IS NULL;
CREATE INDEX dataset_row_by_reference ON dataset_row (kind, reference) WHERE superseded_by IS NULL;

-- Models an office loaded (the built-in ones live in the program): each id and version once, never changed;
-- the highest version of an id is the one runs use. `definition` is the checked model as JSON, `source` the file.
CREATE TABLE supervision_model (
    id         TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    definition TEXT NOT NULL,
    source     TEXT NOT NULL,
    loaded_by  TEXT NOT NULL,
    loaded_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;

-- Each run of the models: as of which date, which models (id@version), how many rows they read, what came of it.
CREATE TABLE model_run (
    id               INTEGER PRIMARY KEY,
    as_of            TEXT NOT NULL,
    models           TEXT NOT NULL,
    -- The dataset kinds the models read (the figures count those datasets' rows as examined).
    datasets         TEXT NOT NULL,
    models_applied   INTEGER NOT NULL CHECK (models_applied >= 0),
    records_examined INTEGER NOT NULL CHECK (records_examined >= 0),
    hits_found       INTEGER NOT NULL CHECK (hits_found >= 0),
    hits_new         INTEGER NOT NULL CHECK (hits_new >= 0),
    ran_by           TEXT NOT NULL,
    ran_at           TEXT NOT NULL
) STRICT;
CREATE INDEX model_run_by_at ON model_run (ran_at);

-- A lead a model found (线索研判): one per model and subject, so a re-run finds it again instead of adding it.
-- An open lead is refreshed by later runs (its evidence, workers, amount, score); a reviewed one is kept as
-- reviewed. Accepting makes a clue (clue_id); dismissing needs a reason.
CREATE TABLE model_hit (
    id                 INTEGER PRIMARY KEY,
    model_id           TEXT NOT NULL,
    model_version      INTEGER NOT NULL,
    subject            TEXT NOT NULL,
    caution            INTEGER NOT NULL CHECK (caution IN (0, 1)),
    audience           TEXT NOT NULL CHECK (audience IN ('prosecutor', 'labor-bureau')),
    employer           TEXT,
    credit_code        TEXT,
    project            TEXT,
    amount_fen         INTEGER NOT NULL CHECK (amount_fen >= 0),
    score              INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    last_activity      TEXT,
    guarantees         TEXT NOT NULL DEFAULT '',
    existing_clue_id   INTEGER REFERENCES clue (id),
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
    status_reason      TEXT,
    clue_id            INTEGER REFERENCES clue (id),
    first_run_id       INTEGER NOT NULL REFERENCES model_run (id),
    last_run_id        INTEGER NOT NULL REFERENCES model_run (id),
    found_on           TEXT NOT NULL,
    reviewed_by        TEXT,
    reviewed_at        TEXT,
    UNIQUE (model_id, subject),
    CHECK ((status = 'accepted') = (clue_id IS NOT NULL)),
    CHECK (status <> 'dismissed' OR status_reason IS NOT NULL)
) STRICT;
CREATE INDEX model_hit_by_status ON model_hit (status, score DESC);
CREATE INDEX model_hit_by_found ON model_hit (found_on);
CREATE INDEX model_hit_by_clue ON model_hit (clue_id) WHERE clue_id IS NOT NULL;

-- The workers a lead names, with what the data says each is owed; ID numbers in full (masked on output unless
-- revealed), since accepting the lead makes them a clue's workers.
CREATE TABLE model_hit_worker (
    hit_id      INTEGER NOT NULL REFERENCES model_hit (id),
    position    INTEGER NOT NULL,
    id_number   TEXT,
    name        TEXT,
    claimed_fen INTEGER NOT NULL CHECK (claimed_fen >= 0),
    PRIMARY KEY (hit_id, position)
) STRICT;

-- The dataset rows a lead rests on (its evidence).
CREATE TABLE model_hit_row (
    hit_id         INTEGER NOT NULL REFERENCES model_hit (id),
    dataset_row_id INTEGER NOT NULL REFERENCES dataset_row (id),
    PRIMARY KEY (hit_id, dataset_row_id)
) STRICT;

-- migration: v18
-- Joint government–procuratorate work (府检联动): member units with their liaison, referrals between them each
-- answered within its working days, the joint task list closed loop by loop, joint meetings and the tasks they
-- decide, and each unit's monthly progress report. Nothing here is deleted: a reply, a close or a report is
-- corrected by a new fact with a reason (the audit log keeps the old).
CREATE TABLE member_unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    kind       TEXT NOT NULL CHECK (kind IN ('procuratorate', 'labor-bureau', 'labor-inspection', 'housing-bureau',
                                             'justice-bureau', 'petition-bureau', 'hotline-12345', 'court', 'other')),
    liaison    TEXT,
    contact    TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- The unit a user works for: labor-bureau staff see their unit's items on the joint-work pages.
ALTER TABLE api_user ADD COLUMN unit_id INTEGER REFERENCES member_unit (id);

-- A referral (线索移送、交办) from one unit to another. The reply is due `reply_days` working days after
-- `received_on` by the official calendar, worked out when read (a schedule loaded later moves it). `clue_made_on`
-- is set when the referral itself was made a clue (the figures' "turned into clues"); `clue_id` may instead name a
-- clue already on record.
CREATE TABLE referral (
    id           INTEGER PRIMARY KEY,
    number       TEXT CHECK (number IS NULL OR length(number) BETWEEN 1 AND 100),
    from_unit_id INTEGER NOT NULL REFERENCES member_unit (id),
    to_unit_id   INTEGER NOT NULL REFERENCES member_unit (id),
    received_on  TEXT NOT NULL,
    subject      TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    clue_id      INTEGER REFERENCES clue (id),
    case_id      INTEGER REFERENCES wage_case (id),
    clue_made_on TEXT,
    reply_days   INTEGER NOT NULL CHECK (reply_days BETWEEN 1 AND 250),
    replied_on   TEXT,
    reply_result TEXT,
    feedback_on  TEXT,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (from_unit_id, number),
    CHECK (from_unit_id <> to_unit_id),
    CHECK ((replied_on IS NULL) = (reply_result IS NULL)),
    CHECK (clue_made_on IS NULL OR clue_id IS NOT NULL)
) STRICT;
CREATE INDEX referral_by_received ON referral (received_on);
CREATE INDEX referral_awaiting ON referral (to_unit_id) WHERE replied_on IS NULL;
CREATE INDEX referral_by_clue ON referral (clue_id) WHERE clue_id IS NOT NULL;

-- Joint meetings (联席会议, 专题会议), the units that took part, and their minutes.
CREATE TABLE joint_meeting (
    id           INTEGER PRIMARY KEY,
    held_on      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('plenary', 'topic')),
    title        TEXT,
    minutes      TEXT,
    minutes_file TEXT,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE joint_meeting_unit (
    meeting_id INTEGER NOT NULL REFERENCES joint_meeting (id),
    unit_id    INTEGER NOT NULL REFERENCES member_unit (id),
    PRIMARY KEY (meeting_id, unit_id)
) STRICT;

-- The joint task list (任务清单): a responsible unit, a person and a deadline per item, supervised until closed
-- with a result. A new deadline is a correction with a reason, in the audit log.
CREATE TABLE joint_task (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    unit_id    INTEGER NOT NULL REFERENCES member_unit (id),
    owner      TEXT NOT NULL CHECK (length(owner) BETWEEN 1 AND 100),
    due_on     TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('annual-plan', 'joint-meeting', 'assigned')),
    meeting_id INTEGER REFERENCES joint_meeting (id),
    closed_on  TEXT,
    result     TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((closed_on IS NULL) = (result IS NULL)),
    CHECK (source <> 'joint-meeting' OR meeting_id IS NOT NULL)
) STRICT;
CREATE INDEX joint_task_by_unit ON joint_task (unit_id, due_on);
CREATE INDEX joint_task_open ON joint_task (due_on) WHERE closed_on IS NULL;

-- Progress notes on a task, dated (进展).
CREATE TABLE task_progress (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES joint_task (id),
    on_date     TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(text) >= 1),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX task_progress_by_task ON task_progress (task_id, on_date);

-- Each unit's monthly progress report to the lead department (每月25日前报送当月工作进展). A later submission for the
-- same month is the next version, with its reason; the earlier ones stay.
CREATE TABLE monthly_report (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES member_unit (id),
    month        TEXT NOT NULL CHECK (length(month) = 7),
    version      INTEGER NOT NULL CHECK (version >= 1),
    text         TEXT NOT NULL CHECK (length(text) >= 1),
    file_name    TEXT,
    submitted_on TEXT NOT NULL,
    reason       TEXT,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    UNIQUE (unit_id, month, version),
    CHECK (version = 1 OR reason IS NOT NULL)
) STRICT;

INSERT INTO setting VALUES ('referral_reply_days', '15'), ('monthly_report_day', '25'),
    ('monthly_report_day_rule', 'before');

-- migration: v19
-- Figures that do not grow with history. Two more kinds of kept figure, so `stats` and the digest read days, not
-- every worker or guarantee:
--
-- Workers helped in a range. worker_helped_day keeps each worker's helped days; worker_helped_gap counts, for each
-- day, the workers helped that day by the worker's previous helped day (`since`; the day itself when there is
-- none, since a previous day is always earlier). A worker helped in [from, to] is counted once, on their first
-- helped day in the range: the day whose previous helped day is before `from`, or who has none. So the distinct
-- workers of any range are SUM(workers) over days in the range with since < from or since = day. The triggers
-- keep it as worker_helped_day gains or loses a day (a day in between changes its successor's `since`).
-- A range's figures summed by figure and key straight from an index in that order (no sort of the days).
CREATE INDEX figure_day_by_key ON figure_day (figure, key, day, count, amount_fen, letters);
CREATE INDEX worker_helped_by_worker ON worker_helped_day (worker_id, day);
CREATE TABLE worker_helped_gap (
    day     TEXT NOT NULL,
    since   TEXT NOT NULL,
    workers INTEGER NOT NULL,
    PRIMARY KEY (day, since)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER worker_helped_gap_added AFTER INSERT ON worker_helped_day BEGIN
    UPDATE worker_helped_gap SET workers = workers - 1
        WHERE day = (SELECT MIN(day) FROM worker_helped_day WHERE worker_id = NEW.worker_id AND day > NEW.day)
          AND since = COALESCE((SELECT MAX(day) FROM worker_helped_day WHERE worker_id = NEW.worker_id AND day < NEW.day), day);
    DELETE FROM worker_helped_gap WHERE workers = 0
        AND day = (SELECT MIN(day) FROM worker_helped_day WHERE worker_id = NEW.worker_id AND day > NEW.day);
    INSERT INTO worker_helped_gap (day, since, workers)
        SELECT next, NEW.day, 1 FROM (SELECT MIN(day) AS next FROM worker_helped_day WHERE worker_id = NEW.worker_id AND day > NEW.day)
        WHERE next IS NOT NULL
        ON CONFLICT DO UPDATE SET workers = workers + 1;
    INSERT INTO worker_helped_gap (day, since, workers)
        SELECT NEW.day, COALESCE(MAX(day), NEW.day), 1 FROM worker_helped_day WHERE worker_id = NEW.worker_id AND day < NEW.day
        ON CONFLICT DO UPDATE SET workers = workers + 1;
END;
CREATE TRIGGER worker_helped_gap_removed AFTER DELETE ON worker_helped_day BEGIN
    UPDATE worker_helped_gap SET workers = workers - 1
        WHERE day = OLD.day
          AND since = COALESCE((SELECT MAX(day) FROM worker_helped_day WHERE worker_id = OLD.worker_id AND day < OLD.day), OLD.day);
    UPDATE worker_helped_gap SET workers = workers - 1
        WHERE day = (SELECT MIN(day) FROM worker_helped_day WHERE worker_id = OLD.worker_id AND day > OLD.day)
          AND since = OLD.day;
    INSERT INTO worker_helped_gap (day, since, workers)
        SELECT next, COALESCE((SELECT MAX(day) FROM worker_helped_day WHERE worker_id = OLD.worker_id AND day < OLD.day), next), 1
        FROM (SELECT MIN(day) AS next FROM worker_helped_day WHERE worker_id = OLD.worker_id AND day > OLD.day)
        WHERE next IS NOT NULL
        ON CONFLICT DO UPDATE SET workers = workers + 1;
    DELETE FROM worker_helped_gap WHERE workers = 0
        AND day IN (OLD.day, (SELECT MIN(day) FROM worker_helped_day WHERE worker_id = OLD.worker_id AND day > OLD.day));
END;

-- The guarantees' standing (by kind and status, and the balance of the valid ones) on any day. A guarantee's
-- standing changes only on the days of its events and the day after an end date: each guarantee's spans (from a
-- day until the day it next stands otherwise) are kept in guarantee_standing_span, derived by the same rule the
-- monitor uses (WagecaseCore GuaranteeTimeline), and what they add and take away by day in
-- guarantee_standing_day, so the standing on a day is the sum of the days up to it. The rule is Swift, not SQL:
-- these triggers mark a guarantee stale in the same transaction as any write to it or its events; the program
-- derives its spans again before that transaction commits, and a reader derives afresh any guarantee still marked
-- (one written by hand or by another program), so the standing read is exact either way.
CREATE TABLE guarantee_standing_span (
    guarantee_id INTEGER NOT NULL,
    from_day     TEXT NOT NULL,
    until_day    TEXT,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    held_fen     INTEGER NOT NULL,
    PRIMARY KEY (guarantee_id, from_day)
) STRICT, WITHOUT ROWID;
CREATE TABLE guarantee_standing_day (
    day      TEXT NOT NULL,
    kind     TEXT NOT NULL,
    status   TEXT NOT NULL,
    count    INTEGER NOT NULL,
    held_fen INTEGER NOT NULL,
    PRIMARY KEY (day, kind, status)
) STRICT, WITHOUT ROWID;
CREATE TABLE guarantee_standing_stale (
    guarantee_id INTEGER PRIMARY KEY
) STRICT;
CREATE TRIGGER guarantee_standing_guarantee_added AFTER INSERT ON guarantee BEGIN
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (NEW.id);
END;
CREATE TRIGGER guarantee_standing_guarantee_changed AFTER UPDATE ON guarantee BEGIN
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (OLD.id);
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (NEW.id);
END;
CREATE TRIGGER guarantee_standing_guarantee_removed AFTER DELETE ON guarantee BEGIN
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (OLD.id);
END;
CREATE TRIGGER guarantee_standing_event_added AFTER INSERT ON guarantee_event BEGIN
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (NEW.guarantee_id);
END;
CREATE TRIGGER guarantee_standing_event_changed AFTER UPDATE ON guarantee_event BEGIN
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (OLD.guarantee_id);
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (NEW.guarantee_id);
END;
CREATE TRIGGER guarantee_standing_event_removed AFTER DELETE ON guarantee_event BEGIN
    INSERT OR IGNORE INTO guarantee_standing_stale VALUES (OLD.guarantee_id);
END;
-- Open cases by what is still unpaid (claimed less every recovery), for the digest's largest open cases, and cases
-- by stage, for how many are open: both kept by triggers on cases and recoveries, so neither reads every case.
-- (No foreign key: PostgreSQL checks one before the trigger that removes the row of a case deleted.)
CREATE TABLE open_case_unpaid (
    case_id    INTEGER PRIMARY KEY,
    unpaid_fen INTEGER NOT NULL
) STRICT;
CREATE INDEX open_case_by_unpaid ON open_case_unpaid (unpaid_fen DESC, case_id);
CREATE TABLE case_stage_count (
    stage TEXT PRIMARY KEY,
    cases INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TRIGGER open_case_added AFTER INSERT ON wage_case BEGIN
    INSERT INTO open_case_unpaid (case_id, unpaid_fen)
        SELECT NEW.id, NEW.claimed_fen - COALESCE((SELECT SUM(amount_fen) FROM recovery WHERE case_id = NEW.id), 0)
        WHERE NEW.stage NOT IN ('closed', 'declined', 'withdrawn');
    INSERT INTO case_stage_count (stage, cases) VALUES (NEW.stage, 1) ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
-- A stage move between two open stages (most of them) changes only the counts.
CREATE TRIGGER open_case_changed AFTER UPDATE OF stage, claimed_fen ON wage_case
WHEN (OLD.stage NOT IN ('closed', 'declined', 'withdrawn')) <> (NEW.stage NOT IN ('closed', 'declined', 'withdrawn'))
    OR OLD.claimed_fen <> NEW.claimed_fen BEGIN
    DELETE FROM open_case_unpaid WHERE case_id = OLD.id;
    INSERT INTO open_case_unpaid (case_id, unpaid_fen)
        SELECT NEW.id, NEW.claimed_fen - COALESCE((SELECT SUM(amount_fen) FROM recovery WHERE case_id = NEW.id), 0)
        WHERE NEW.stage NOT IN ('closed', 'declined', 'withdrawn');
END;
CREATE TRIGGER case_stage_moved AFTER UPDATE OF stage ON wage_case WHEN OLD.stage <> NEW.stage BEGIN
    UPDATE case_stage_count SET cases = cases - 1 WHERE stage = OLD.stage;
    INSERT INTO case_stage_count (stage, cases) VALUES (NEW.stage, 1) ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER open_case_removed AFTER DELETE ON wage_case BEGIN
    DELETE FROM open_case_unpaid WHERE case_id = OLD.id;
    UPDATE case_stage_count SET cases = cases - 1 WHERE stage = OLD.stage;
END;
CREATE TRIGGER open_case_recovery_added AFTER INSERT ON recovery BEGIN
    UPDATE open_case_unpaid SET unpaid_fen = unpaid_fen - NEW.amount_fen WHERE case_id = NEW.case_id;
END;
CREATE TRIGGER open_case_recovery_changed AFTER UPDATE OF amount_fen, case_id ON recovery BEGIN
    UPDATE open_case_unpaid SET unpaid_fen = unpaid_fen + OLD.amount_fen WHERE case_id = OLD.case_id;
    UPDATE open_case_unpaid SET unpaid_fen = unpaid_fen - NEW.amount_fen WHERE case_id = NEW.case_id;
END;
CREATE TRIGGER open_case_recovery_removed AFTER DELETE ON recovery BEGIN
    UPDATE open_case_unpaid SET unpaid_fen = unpaid_fen + OLD.amount_fen WHERE case_id = OLD.case_id;
END;

-- Every guarantee already there is derived by the migration (the program, after these statements).
INSERT INTO guarantee_standing_stale SELECT id FROM guarantee;

-- The records already there (the same statements `wagecase stats --rebuild` uses for these tables).
INSERT INTO worker_helped_gap (day, since, workers)
    SELECT day, since, COUNT(*) FROM (
        SELECT day, COALESCE(LAG(day) OVER (PARTITION BY worker_id ORDER BY day), day) AS since FROM worker_helped_day)
    GROUP BY day, since;
INSERT INTO open_case_unpaid (case_id, unpaid_fen)
    SELECT c.id, c.claimed_fen - COALESCE((SELECT SUM(r.amount_fen) FROM recovery r WHERE r.case_id = c.id), 0) FROM wage_case c
    WHERE c.stage NOT IN ('closed', 'declined', 'withdrawn');
INSERT INTO case_stage_count (stage, cases) SELECT stage, COUNT(*) FROM wage_case GROUP BY stage;

-- migration: v20
-- The day figures summed by calendar month, kept from figure_day by its own triggers: a range reads its whole
-- months here and only the days of its first and last part months in figure_day, so all time is a few hundred
-- rows instead of every day since the first clue.
CREATE TABLE figure_month (
    figure     TEXT NOT NULL,
    month      TEXT NOT NULL,
    key        TEXT NOT NULL DEFAULT '',
    count      INTEGER NOT NULL DEFAULT 0,
    amount_fen INTEGER NOT NULL DEFAULT 0,
    letters    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (figure, month, key)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER figure_month_added AFTER INSERT ON figure_day BEGIN
    INSERT INTO figure_month (figure, month, key, count, amount_fen, letters)
        VALUES (NEW.figure, substr(NEW.day, 1, 7), NEW.key, NEW.count, NEW.amount_fen, NEW.letters)
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_fen = amount_fen + excluded.amount_fen,
                                  letters = letters + excluded.letters;
END;
CREATE TRIGGER figure_month_changed AFTER UPDATE ON figure_day BEGIN
    UPDATE figure_month SET count = count - OLD.count, amount_fen = amount_fen - OLD.amount_fen,
                            letters = letters - OLD.letters
        WHERE figure = OLD.figure AND month = substr(OLD.day, 1, 7) AND key = OLD.key;
    INSERT INTO figure_month (figure, month, key, count, amount_fen, letters)
        VALUES (NEW.figure, substr(NEW.day, 1, 7), NEW.key, NEW.count, NEW.amount_fen, NEW.letters)
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_fen = amount_fen + excluded.amount_fen,
                                  letters = letters + excluded.letters;
END;
CREATE TRIGGER figure_month_removed AFTER DELETE ON figure_day BEGIN
    UPDATE figure_month SET count = count - OLD.count, amount_fen = amount_fen - OLD.amount_fen,
                            letters = letters - OLD.letters
        WHERE figure = OLD.figure AND month = substr(OLD.day, 1, 7) AND key = OLD.key;
END;

-- A range's part months are read from figure_day by its key (figure, day, key); nothing reads it in key order now.
DROP INDEX figure_day_by_key;

-- The records already there (the same statement `wagecase stats --rebuild` uses for this table).
INSERT INTO figure_month (figure, month, key, count, amount_fen, letters)
    SELECT figure, substr(day, 1, 7), key, SUM(count), SUM(amount_fen), SUM(letters) FROM figure_day
    GROUP BY figure, substr(day, 1, 7), key;

-- migration: v21
-- The guarantee monitor's findings kept per project as spans of days (Core's MonitorTimeline): each alert, dated
-- duty, deposit owed (finding 'owing', on_date its last draw, flag whether it holds a guarantee) and guarantee due
-- for return (on_date the completion) from the first day it holds (NULL: every day before the project's first
-- turn) to the first day it no longer does (NULL: from then on). A digest counts and ranks the findings of any day
-- here instead of finding them afresh. Triggers mark a project stale with any write to it, its guarantees or their
-- events, and every project with a change to a rule or the holiday calendar; each write derives the marked ones
-- again in its own transaction (the migration derives them all), and a reader finds whatever is still marked
-- afresh. Suggestions are few and found afresh each time.
CREATE TABLE monitor_finding (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL,
    region_code  TEXT,
    finding      TEXT NOT NULL CHECK (finding IN ('alert', 'deadline', 'owing', 'return')),
    code         TEXT NOT NULL,
    guarantee_id INTEGER,
    on_date      TEXT,
    flag         INTEGER NOT NULL,
    from_day     TEXT,
    until_day    TEXT
) STRICT;

CREATE INDEX monitor_finding_by_project ON monitor_finding (project_id);
-- The findings holding on a day are read from this index alone: those of one kind still holding after it (or
-- for good) and begun by it.
CREATE INDEX monitor_finding_by_day ON monitor_finding (finding, until_day, from_day, project_id, code, region_code,
                                                         on_date, guarantee_id, flag);

-- The alerts counted by day: each span adds one on its first day ('' for every day before the first turn) and
-- takes it away on the day it ends, so a day's alerts by code and region are the sums up to that day.
CREATE TABLE monitor_alert_day (
    code        TEXT NOT NULL,
    region_code TEXT NOT NULL,
    day         TEXT NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (code, region_code, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE monitor_finding_stale (
    project_id INTEGER PRIMARY KEY
) STRICT;

CREATE TRIGGER monitor_finding_project_added AFTER INSERT ON project BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (NEW.id);
END;
CREATE TRIGGER monitor_finding_project_changed AFTER UPDATE ON project BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (OLD.id);
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (NEW.id);
END;
CREATE TRIGGER monitor_finding_project_removed AFTER DELETE ON project BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (OLD.id);
END;
CREATE TRIGGER monitor_finding_guarantee_added AFTER INSERT ON guarantee BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (NEW.project_id);
END;
CREATE TRIGGER monitor_finding_guarantee_changed AFTER UPDATE ON guarantee BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (OLD.project_id);
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (NEW.project_id);
END;
CREATE TRIGGER monitor_finding_guarantee_removed AFTER DELETE ON guarantee BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale VALUES (OLD.project_id);
END;
CREATE TRIGGER monitor_finding_event_added AFTER INSERT ON guarantee_event BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT project_id FROM guarantee WHERE id = NEW.guarantee_id;
END;
CREATE TRIGGER monitor_finding_event_changed AFTER UPDATE ON guarantee_event BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT project_id FROM guarantee WHERE id = OLD.guarantee_id;
    INSERT OR IGNORE INTO monitor_finding_stale SELECT project_id FROM guarantee WHERE id = NEW.guarantee_id;
END;
CREATE TRIGGER monitor_finding_event_removed AFTER DELETE ON guarantee_event BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT project_id FROM guarantee WHERE id = OLD.guarantee_id;
END;
CREATE TRIGGER monitor_finding_rule_added AFTER INSERT ON guarantee_rule BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT id FROM project;
END;
CREATE TRIGGER monitor_finding_rule_changed AFTER UPDATE ON guarantee_rule BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT id FROM project;
END;
CREATE TRIGGER monitor_finding_rule_removed AFTER DELETE ON guarantee_rule BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT id FROM project;
END;
CREATE TRIGGER monitor_finding_holiday_added AFTER INSERT ON holiday_schedule BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT id FROM project;
END;
CREATE TRIGGER monitor_finding_holiday_changed AFTER UPDATE ON holiday_schedule BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT id FROM project;
END;
CREATE TRIGGER monitor_finding_holiday_removed AFTER DELETE ON holiday_schedule BEGIN
    INSERT OR IGNORE INTO monitor_finding_stale SELECT id FROM project;
END;

-- The in-memory findings these versions served are gone (the findings are kept above): nothing reads the
-- versions, and every write to a project, guarantee, event, suggestion, rule or holiday paid for them.
DROP TRIGGER monitor_change_guarantee_delete;
DROP TRIGGER monitor_change_guarantee_draw_case_delete;
DROP TRIGGER monitor_change_guarantee_draw_case_insert;
DROP TRIGGER monitor_change_guarantee_draw_case_update;
DROP TRIGGER monitor_change_guarantee_event_delete;
DROP TRIGGER monitor_change_guarantee_event_insert;
DROP TRIGGER monitor_change_guarantee_event_update;
DROP TRIGGER monitor_change_guarantee_insert;
DROP TRIGGER monitor_change_guarantee_rule_delete;
DROP TRIGGER monitor_change_guarantee_rule_insert;
DROP TRIGGER monitor_change_guarantee_rule_update;
DROP TRIGGER monitor_change_guarantee_update;
DROP TRIGGER monitor_change_holiday_schedule_delete;
DROP TRIGGER monitor_change_holiday_schedule_insert;
DROP TRIGGER monitor_change_holiday_schedule_update;
DROP TRIGGER monitor_change_project_delete;
DROP TRIGGER monitor_change_project_insert;
DROP TRIGGER monitor_change_project_update;
DROP TRIGGER monitor_input_guarantee_delete;
DROP TRIGGER monitor_input_guarantee_draw_case_delete;
DROP TRIGGER monitor_input_guarantee_draw_case_insert;
DROP TRIGGER monitor_input_guarantee_draw_case_update;
DROP TRIGGER monitor_input_guarantee_event_delete;
DROP TRIGGER monitor_input_guarantee_event_insert;
DROP TRIGGER monitor_input_guarantee_event_update;
DROP TRIGGER monitor_input_guarantee_insert;
DROP TRIGGER monitor_input_guarantee_rule_delete;
DROP TRIGGER monitor_input_guarantee_rule_insert;
DROP TRIGGER monitor_input_guarantee_rule_update;
DROP TRIGGER monitor_input_guarantee_update;
DROP TRIGGER monitor_input_holiday_schedule_delete;
DROP TRIGGER monitor_input_holiday_schedule_insert;
DROP TRIGGER monitor_input_holiday_schedule_update;
DROP TRIGGER monitor_input_project_delete;
DROP TRIGGER monitor_input_project_insert;
DROP TRIGGER monitor_input_project_update;
DROP TRIGGER monitor_input_suggestion_delete;
DROP TRIGGER monitor_input_suggestion_guarantee_delete;
DROP TRIGGER monitor_input_suggestion_guarantee_insert;
DROP TRIGGER monitor_input_suggestion_guarantee_update;
DROP TRIGGER monitor_input_suggestion_insert;
DROP TRIGGER monitor_input_suggestion_project_delete;
DROP TRIGGER monitor_input_suggestion_project_insert;
DROP TRIGGER monitor_input_suggestion_project_update;
DROP TRIGGER monitor_input_suggestion_update;
DROP TABLE monitor_input;
DROP TABLE monitor_project_change;
DROP TABLE monitor_everything_change;

INSERT INTO monitor_finding_stale SELECT id FROM project;

-- migration: v22
-- An alert's words (Chinese and English) kept with its span (Core's MonitorFinding): they change only with the
-- records, so a list of every alert on a day is read from here in order rather than found afresh. The migration
-- derives every project's spans again; a change to the words, a severity or the codes' order in a later version
-- needs a migration that does the same (a test pins them).
ALTER TABLE monitor_finding ADD COLUMN detail TEXT;
ALTER TABLE monitor_finding ADD COLUMN detail_en TEXT;
-- An alert's place in the list (Core's GuaranteeMonitor.isMoreUrgent): its severity's rank (0 the most severe) and
-- its code's place among the codes. With the due date, project and guarantee they order a day's alerts, so the
-- list and a digest's most urgent are read from this index in order, not sorted (an alert with no due date counts
-- as due that day: those few are read apart and merged in).
ALTER TABLE monitor_finding ADD COLUMN severity INTEGER;
ALTER TABLE monitor_finding ADD COLUMN code_place INTEGER;
CREATE INDEX monitor_alert_by_urgency ON monitor_finding (severity, on_date, project_id, guarantee_id, code_place,
                                                          until_day, from_day) WHERE finding = 'alert';

-- migration: v23
-- Every list of three or more values a CHECK constraint or a trigger tests with IN is written as comparisons joined
-- by OR (NOT IN as NOT (… OR …)): the same rule, NULL included, but SQLite (3.40) builds a temporary b-tree for
-- each such IN list at every row it checks — about 2 µs a list, a seventh of a clue's intake. Only the text SQLite
-- keeps changes (the documented way to change a CHECK constraint without copying a table: no row is touched, and
-- every row already passed the same rule); RESET makes this connection read the schema again. Later sections write
-- such lists with OR from the start.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, 'role IN (''admin'', ''prosecutor'', ''labor'', ''viewer'')',
    '(role = ''admin'' OR role = ''prosecutor'' OR role = ''labor'' OR role = ''viewer'')')
    WHERE type = 'table' AND name = 'api_user';
UPDATE sqlite_master SET sql = replace(sql, 'action IN (''insert'', ''update'', ''delete'', ''reveal'')',
    '(action = ''insert'' OR action = ''update'' OR action = ''delete'' OR action = ''reveal'')')
    WHERE type = 'table' AND name = 'audit_log';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''application'', ''consent'', ''hearing'', ''court-attendance'')',
    '(kind = ''application'' OR kind = ''consent'' OR kind = ''hearing'' OR kind = ''court-attendance'')')
    WHERE type = 'table' AND name = 'case_activity';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''iou'', ''attendance'', ''wage-list'', ''contract'', ''award'', ''judgment'',
                                                 ''id-copy'', ''photo'', ''other'')',
    '(kind = ''iou'' OR kind = ''attendance'' OR kind = ''wage-list'' OR kind = ''contract'' OR kind = ''award'' OR kind = ''judgment'' OR kind = ''id-copy'' OR kind = ''photo'' OR kind = ''other'')')
    WHERE type = 'table' AND name = 'case_attachment';
UPDATE sqlite_master SET sql = replace(sql, 'file_type IN (''pdf'', ''jpeg'', ''png'', ''heic'', ''docx'', ''xlsx'', ''ofd'')',
    '(file_type = ''pdf'' OR file_type = ''jpeg'' OR file_type = ''png'' OR file_type = ''heic'' OR file_type = ''docx'' OR file_type = ''xlsx'' OR file_type = ''ofd'')')
    WHERE type = 'table' AND name = 'case_attachment';
UPDATE sqlite_master SET sql = replace(sql, 'stage IN (''accepted'', ''investigating'', ''support-decided'', ''declined'', ''letter-issued'',
                    ''arbitration-filed'', ''award'', ''payment-order'', ''court-filed'', ''judgment'', ''mediated'',
                    ''claim-dismissed'', ''suit-dismissed'', ''appealed'', ''settled'', ''withdrawn'', ''support-withdrawn'',
                    ''enforcement'', ''enforcement-ended'', ''enforcement-resumed'', ''closed'')',
    '(stage = ''accepted'' OR stage = ''investigating'' OR stage = ''support-decided'' OR stage = ''declined'' OR stage = ''letter-issued'' OR stage = ''arbitration-filed'' OR stage = ''award'' OR stage = ''payment-order'' OR stage = ''court-filed'' OR stage = ''judgment'' OR stage = ''mediated'' OR stage = ''claim-dismissed'' OR stage = ''suit-dismissed'' OR stage = ''appealed'' OR stage = ''settled'' OR stage = ''withdrawn'' OR stage = ''support-withdrawn'' OR stage = ''enforcement'' OR stage = ''enforcement-ended'' OR stage = ''enforcement-resumed'' OR stage = ''closed'')')
    WHERE type = 'table' AND name = 'case_event';
UPDATE sqlite_master SET sql = replace(sql, 'source IN (''petition'', ''legal-aid'', ''labor-dispute'', ''hotline-12345'',
                      ''hotline-12309'', ''labor-inspection'', ''data-matching'', ''referral'', ''walk-in'')',
    '(source = ''petition'' OR source = ''legal-aid'' OR source = ''labor-dispute'' OR source = ''hotline-12345'' OR source = ''hotline-12309'' OR source = ''labor-inspection'' OR source = ''data-matching'' OR source = ''referral'' OR source = ''walk-in'')')
    WHERE type = 'table' AND name = 'clue';
UPDATE sqlite_master SET sql = replace(sql, 'status IN (''new'', ''screening'', ''converted'', ''rejected'', ''referred'')',
    '(status = ''new'' OR status = ''screening'' OR status = ''converted'' OR status = ''rejected'' OR status = ''referred'')')
    WHERE type = 'table' AND name = 'clue';
UPDATE sqlite_master SET sql = replace(sql, 'source IN (''petition'', ''legal-aid'', ''labor-dispute'', ''hotline-12345'',
                    ''hotline-12309'', ''labor-inspection'', ''data-matching'', ''referral'', ''walk-in'')',
    '(source = ''petition'' OR source = ''legal-aid'' OR source = ''labor-dispute'' OR source = ''hotline-12345'' OR source = ''hotline-12309'' OR source = ''labor-inspection'' OR source = ''data-matching'' OR source = ''referral'' OR source = ''walk-in'')')
    WHERE type = 'table' AND name = 'clue_channel';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''arbitration-awards'', ''court-judgments'', ''complaints'',
                                              ''construction-permits'', ''payroll-transfers'')',
    '(kind = ''arbitration-awards'' OR kind = ''court-judgments'' OR kind = ''complaints'' OR kind = ''construction-permits'' OR kind = ''payroll-transfers'')')
    WHERE type = 'table' AND name = 'dataset';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''acceptance-notice'', ''support-letter'', ''decline-notice'',
                                                  ''suggestion'', ''referral-letter'')',
    '(kind = ''acceptance-notice'' OR kind = ''support-letter'' OR kind = ''decline-notice'' OR kind = ''suggestion'' OR kind = ''referral-letter'')')
    WHERE type = 'table' AND name = 'document';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''acceptance-notice'', ''support-letter'', ''decline-notice'',
                                               ''suggestion'', ''referral-letter'')',
    '(kind = ''acceptance-notice'' OR kind = ''support-letter'' OR kind = ''decline-notice'' OR kind = ''suggestion'' OR kind = ''referral-letter'')')
    WHERE type = 'table' AND name = 'document_template';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''general-contractor'', ''subcontractor'', ''labor-company'', ''other'')',
    '(kind = ''general-contractor'' OR kind = ''subcontractor'' OR kind = ''labor-company'' OR kind = ''other'')')
    WHERE type = 'table' AND name = 'employer';
UPDATE sqlite_master SET sql = replace(sql, 'figure IN (''clue'', ''stage'', ''opened'', ''recovered'', ''drawn'', ''suggestion-issued'',
                   ''suggestion-replied'')',
    '(figure = ''clue'' OR figure = ''stage'' OR figure = ''opened'' OR figure = ''recovered'' OR figure = ''drawn'' OR figure = ''suggestion-issued'' OR figure = ''suggestion-replied'')')
    WHERE type = 'table' AND name = 'figure_day';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''cash-deposit'', ''bank-letter'', ''company-letter'', ''insurance'')',
    '(kind = ''cash-deposit'' OR kind = ''bank-letter'' OR kind = ''company-letter'' OR kind = ''insurance'')')
    WHERE type = 'table' AND name = 'guarantee';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''lodged'', ''drawn'', ''bank-paid'', ''replenished'', ''renewed'', ''replaced'',
                      ''notice-started'', ''return-requested'', ''arrears-notified'', ''returned'')',
    '(kind = ''lodged'' OR kind = ''drawn'' OR kind = ''bank-paid'' OR kind = ''replenished'' OR kind = ''renewed'' OR kind = ''replaced'' OR kind = ''notice-started'' OR kind = ''return-requested'' OR kind = ''arrears-notified'' OR kind = ''returned'')')
    WHERE type = 'table' AND name = 'guarantee_event';
UPDATE sqlite_master SET sql = replace(sql, 'kind NOT IN (''lodged'', ''drawn'', ''replenished'')',
    'NOT (kind = ''lodged'' OR kind = ''drawn'' OR kind = ''replenished'')')
    WHERE type = 'table' AND name = 'guarantee_event';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''workers'', ''employers'', ''projects'', ''guarantees'', ''clues'')',
    '(kind = ''workers'' OR kind = ''employers'' OR kind = ''projects'' OR kind = ''guarantees'' OR kind = ''clues'')')
    WHERE type = 'table' AND name = 'import_run';
UPDATE sqlite_master SET sql = replace(sql, 'source IN (''annual-plan'', ''joint-meeting'', ''assigned'')',
    '(source = ''annual-plan'' OR source = ''joint-meeting'' OR source = ''assigned'')')
    WHERE type = 'table' AND name = 'joint_task';
UPDATE sqlite_master SET sql = replace(sql, 'kind IN (''procuratorate'', ''labor-bureau'', ''labor-inspection'', ''housing-bureau'',
                                             ''justice-bureau'', ''petition-bureau'', ''hotline-12345'', ''court'', ''other'')',
    '(kind = ''procuratorate'' OR kind = ''labor-bureau'' OR kind = ''labor-inspection'' OR kind = ''housing-bureau'' OR kind = ''justice-bureau'' OR kind = ''petition-bureau'' OR kind = ''hotline-12345'' OR kind = ''court'' OR kind = ''other'')')
    WHERE type = 'table' AND name = 'member_unit';
UPDATE sqlite_master SET sql = replace(sql, 'status IN (''open'', ''accepted'', ''dismissed'')',
    '(status = ''open'' OR status = ''accepted'' OR status = ''dismissed'')')
    WHERE type = 'table' AND name = 'model_hit';
UPDATE sqlite_master SET sql = replace(sql, 'finding IN (''alert'', ''deadline'', ''owing'', ''return'')',
    '(finding = ''alert'' OR finding = ''deadline'' OR finding = ''owing'' OR finding = ''return'')')
    WHERE type = 'table' AND name = 'monitor_finding';
UPDATE sqlite_master SET sql = replace(sql, 'standing IN (''standard'', ''no-arrears-2y'', ''no-arrears-3y'', ''arrears-2y'', ''dishonest'')',
    '(standing = ''standard'' OR standing = ''no-arrears-2y'' OR standing = ''no-arrears-3y'' OR standing = ''arrears-2y'' OR standing = ''dishonest'')')
    WHERE type = 'table' AND name = 'project';
UPDATE sqlite_master SET sql = replace(sql, 'status IN (''in-progress'', ''completed'', ''suspended'')',
    '(status = ''in-progress'' OR status = ''completed'' OR status = ''suspended'')')
    WHERE type = 'table' AND name = 'project';
UPDATE sqlite_master SET sql = replace(sql, 'route IN (''employer-paid'', ''guarantee-draw'', ''court-enforcement'', ''emergency-fund'')',
    '(route = ''employer-paid'' OR route = ''guarantee-draw'' OR route = ''court-enforcement'' OR route = ''emergency-fund'')')
    WHERE type = 'table' AND name = 'recovery';
UPDATE sqlite_master SET sql = replace(sql, 'stage IN (''accepted'', ''investigating'', ''support-decided'', ''declined'', ''letter-issued'',
                    ''arbitration-filed'', ''award'', ''payment-order'', ''court-filed'', ''judgment'', ''mediated'',
                    ''claim-dismissed'', ''suit-dismissed'', ''appealed'', ''settled'', ''withdrawn'', ''support-withdrawn'',
                    ''enforcement'', ''enforcement-ended'', ''enforcement-resumed'', ''closed'')',
    '(stage = ''accepted'' OR stage = ''investigating'' OR stage = ''support-decided'' OR stage = ''declined'' OR stage = ''letter-issued'' OR stage = ''arbitration-filed'' OR stage = ''award'' OR stage = ''payment-order'' OR stage = ''court-filed'' OR stage = ''judgment'' OR stage = ''mediated'' OR stage = ''claim-dismissed'' OR stage = ''suit-dismissed'' OR stage = ''appealed'' OR stage = ''settled'' OR stage = ''withdrawn'' OR stage = ''support-withdrawn'' OR stage = ''enforcement'' OR stage = ''enforcement-ended'' OR stage = ''enforcement-resumed'' OR stage = ''closed'')')
    WHERE type = 'table' AND name = 'wage_case';
UPDATE sqlite_master SET sql = replace(sql, 'closing_reason IN (''fully-recovered'', ''partly-recovered'', ''unrecoverable'', ''other-route'')',
    '(closing_reason = ''fully-recovered'' OR closing_reason = ''partly-recovered'' OR closing_reason = ''unrecoverable'' OR closing_reason = ''other-route'')')
    WHERE type = 'table' AND name = 'wage_case';
UPDATE sqlite_master SET sql = replace(sql, 'NEW.stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (NEW.stage = ''closed'' OR NEW.stage = ''declined'' OR NEW.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'figure_case_opened';
UPDATE sqlite_master SET sql = replace(sql, 'OLD.stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (OLD.stage = ''closed'' OR OLD.stage = ''declined'' OR OLD.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'figure_case_removed';
UPDATE sqlite_master SET sql = replace(sql, 'OLD.stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (OLD.stage = ''closed'' OR OLD.stage = ''declined'' OR OLD.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'figure_case_staged';
UPDATE sqlite_master SET sql = replace(sql, 'NEW.stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (NEW.stage = ''closed'' OR NEW.stage = ''declined'' OR NEW.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'figure_case_staged';
UPDATE sqlite_master SET sql = replace(sql, 'OLD.stage IN (''closed'', ''declined'', ''withdrawn'')',
    '(OLD.stage = ''closed'' OR OLD.stage = ''declined'' OR OLD.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'figure_case_staged';
UPDATE sqlite_master SET sql = replace(sql, 'NEW.stage IN (''closed'', ''declined'', ''withdrawn'')',
    '(NEW.stage = ''closed'' OR NEW.stage = ''declined'' OR NEW.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'figure_case_staged';
UPDATE sqlite_master SET sql = replace(sql, 'stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (stage = ''closed'' OR stage = ''declined'' OR stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'figure_clue_moved';
UPDATE sqlite_master SET sql = replace(sql, 'NEW.stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (NEW.stage = ''closed'' OR NEW.stage = ''declined'' OR NEW.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'open_case_added';
UPDATE sqlite_master SET sql = replace(sql, 'OLD.stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (OLD.stage = ''closed'' OR OLD.stage = ''declined'' OR OLD.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'open_case_changed';
UPDATE sqlite_master SET sql = replace(sql, 'NEW.stage NOT IN (''closed'', ''declined'', ''withdrawn'')',
    'NOT (NEW.stage = ''closed'' OR NEW.stage = ''declined'' OR NEW.stage = ''withdrawn'')')
    WHERE type = 'trigger' AND name = 'open_case_changed';
PRAGMA writable_schema = RESET;

-- migration: v24
-- The open cases of each project with the day each was opened, kept by triggers on cases and clues in the same
-- transaction as the write: the arrears alerts (every open case of a project whose deposit was never drawn) and a
-- drawn project's latest opened case read the project's rows of this index, not every clue and case of it.
-- (No foreign key, as open_case_unpaid: PostgreSQL checks one before the trigger that removes the row.)
CREATE TABLE project_open_case (
    case_id    INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL,
    opened_on  TEXT NOT NULL
) STRICT;
CREATE INDEX project_open_case_by_project ON project_open_case (project_id, case_id, opened_on);
CREATE TRIGGER project_open_case_added AFTER INSERT ON wage_case
WHEN NOT (NEW.stage = 'closed' OR NEW.stage = 'declined' OR NEW.stage = 'withdrawn') BEGIN
    INSERT INTO project_open_case (case_id, project_id, opened_on)
        SELECT NEW.id, project_id, NEW.opened_on FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL;
END;
-- A stage move between two open stages (most of them) changes nothing here.
CREATE TRIGGER project_open_case_changed AFTER UPDATE OF stage, clue_id, opened_on ON wage_case
WHEN (OLD.stage = 'closed' OR OLD.stage = 'declined' OR OLD.stage = 'withdrawn')
        <> (NEW.stage = 'closed' OR NEW.stage = 'declined' OR NEW.stage = 'withdrawn')
    OR OLD.clue_id <> NEW.clue_id OR OLD.opened_on <> NEW.opened_on BEGIN
    DELETE FROM project_open_case WHERE case_id = OLD.id;
    INSERT INTO project_open_case (case_id, project_id, opened_on)
        SELECT NEW.id, project_id, NEW.opened_on FROM clue WHERE id = NEW.clue_id AND project_id IS NOT NULL
            AND NOT (NEW.stage = 'closed' OR NEW.stage = 'declined' OR NEW.stage = 'withdrawn');
END;
CREATE TRIGGER project_open_case_removed AFTER DELETE ON wage_case BEGIN
    DELETE FROM project_open_case WHERE case_id = OLD.id;
END;
CREATE TRIGGER project_open_case_moved AFTER UPDATE OF project_id ON clue WHEN OLD.project_id IS NOT NEW.project_id BEGIN
    DELETE FROM project_open_case WHERE case_id IN (SELECT id FROM wage_case WHERE clue_id = NEW.id);
    INSERT INTO project_open_case (case_id, project_id, opened_on)
        SELECT id, NEW.project_id, opened_on FROM wage_case WHERE clue_id = NEW.id AND NEW.project_id IS NOT NULL
            AND NOT (stage = 'closed' OR stage = 'declined' OR stage = 'withdrawn');
END;
-- The kept deadlines by due date: the digest's and the overview's due-soon and overdue ranges are each counted
-- over their own entries and their first read in the lists' order (by due date, code, guarantee, project), not
-- every deadline of every project scanned and sorted.
CREATE INDEX monitor_deadline_by_due ON monitor_finding (on_date, code, guarantee_id, project_id, until_day, from_day)
    WHERE finding = 'deadline';
-- A case's recoveries summed from the index alone, and a series' members read with their stage, claim and dates
-- (the digest's open series: every member of every series, which read each case and recovery row besides).
DROP INDEX recovery_by_case;
CREATE INDEX recovery_by_case ON recovery (case_id, amount_fen);
DROP INDEX wage_case_by_series;
CREATE INDEX wage_case_by_series ON wage_case (series_id, stage, claimed_fen, opened_on, stage_on)
    WHERE series_id IS NOT NULL;
-- The records already there (the same statement `wagecase stats --rebuild` uses for this table).
INSERT INTO project_open_case (case_id, project_id, opened_on)
    SELECT c.id, l.project_id, c.opened_on FROM wage_case c JOIN clue l ON l.id = c.clue_id
    WHERE l.project_id IS NOT NULL AND NOT (c.stage = 'closed' OR c.stage = 'declined' OR c.stage = 'withdrawn');

-- migration: v25
-- The alerts still holding with no end (most of a day's) are read in urgency order from this index alone: each
-- entry carries what an alert shows (its code, region, flag and words), so listing a hundred thousand alerts reads
-- the index from end to end instead of looking up each alert's row among every finding ever kept, and never reads
-- the spans that ended (the list does not grow with the years kept). The few spans holding on the day that end on
-- a known day are found from monitor_finding_by_day's range after the day, read and put in order apart. A
-- digest's first few are still found through monitor_alert_by_urgency (v22), where they come first.
CREATE INDEX monitor_alert_open_by_urgency ON monitor_finding (severity, on_date, project_id, guarantee_id, code_place,
                                                               from_day, code, region_code, flag, detail, detail_en,
                                                               finding, until_day)
    WHERE finding = 'alert' AND until_day IS NULL;

-- migration: v27
-- Each series (a crew's cases, one per worker) summed: its cases, how many are open, what they claim and what was
-- recovered for them, kept by triggers on cases and recoveries in the same transaction as the write. The digest's
-- open series are read from the index below in the order of what each still owes, not from every member of every
-- series ever opened; a past day's put back only the series with a member opened, moved or paid since. A series
-- whose last case left it has no row. (No foreign key, as open_case_unpaid.)
CREATE TABLE series_figure (
    series_id     INTEGER PRIMARY KEY,
    cases         INTEGER NOT NULL,
    open_cases    INTEGER NOT NULL,
    claimed_fen   INTEGER NOT NULL,
    recovered_fen INTEGER NOT NULL
) STRICT;
CREATE INDEX series_figure_open_by_unpaid ON series_figure ((claimed_fen - recovered_fen) DESC, series_id)
    WHERE open_cases > 0;
CREATE TRIGGER series_figure_case_added AFTER INSERT ON wage_case WHEN NEW.series_id IS NOT NULL BEGIN
    INSERT INTO series_figure (series_id, cases, open_cases, claimed_fen, recovered_fen)
        SELECT NEW.series_id, 1, NOT (NEW.stage = 'closed' OR NEW.stage = 'declined' OR NEW.stage = 'withdrawn'),
               NEW.claimed_fen, COALESCE((SELECT SUM(amount_fen) FROM recovery WHERE case_id = NEW.id), 0)
        WHERE true
        ON CONFLICT DO UPDATE SET cases = cases + 1, open_cases = open_cases + excluded.open_cases,
            claimed_fen = claimed_fen + excluded.claimed_fen, recovered_fen = recovered_fen + excluded.recovered_fen;
END;
-- A stage move between two open stages (most of them) changes nothing here.
CREATE TRIGGER series_figure_case_changed AFTER UPDATE OF series_id, stage, claimed_fen ON wage_case
WHEN OLD.series_id IS NOT NEW.series_id OR OLD.claimed_fen <> NEW.claimed_fen
    OR (OLD.stage = 'closed' OR OLD.stage = 'declined' OR OLD.stage = 'withdrawn')
        <> (NEW.stage = 'closed' OR NEW.stage = 'declined' OR NEW.stage = 'withdrawn') BEGIN
    UPDATE series_figure SET cases = cases - 1,
        open_cases = open_cases - NOT (OLD.stage = 'closed' OR OLD.stage = 'declined' OR OLD.stage = 'withdrawn'),
        claimed_fen = claimed_fen - OLD.claimed_fen,
        recovered_fen = recovered_fen - COALESCE((SELECT SUM(amount_fen) FROM recovery WHERE case_id = OLD.id), 0)
        WHERE series_id = OLD.series_id;
    DELETE FROM series_figure WHERE series_id = OLD.series_id AND cases = 0;
    INSERT INTO series_figure (series_id, cases, open_cases, claimed_fen, recovered_fen)
        SELECT NEW.series_id, 1, NOT (NEW.stage = 'closed' OR NEW.stage = 'declined' OR NEW.stage = 'withdrawn'),
               NEW.claimed_fen, COALESCE((SELECT SUM(amount_fen) FROM recovery WHERE case_id = NEW.id), 0)
        WHERE NEW.series_id IS NOT NULL
        ON CONFLICT DO UPDATE SET cases = cases + 1, open_cases = open_cases + excluded.open_cases,
            claimed_fen = claimed_fen + excluded.claimed_fen, recovered_fen = recovered_fen + excluded.recovered_fen;
END;
CREATE TRIGGER series_figure_case_removed AFTER DELETE ON wage_case WHEN OLD.series_id IS NOT NULL BEGIN
    UPDATE series_figure SET cases = cases - 1,
        open_cases = open_cases - NOT (OLD.stage = 'closed' OR OLD.stage = 'declined' OR OLD.stage = 'withdrawn'),
        claimed_fen = claimed_fen - OLD.claimed_fen,
        recovered_fen = recovered_fen - COALESCE((SELECT SUM(amount_fen) FROM recovery WHERE case_id = OLD.id), 0)
        WHERE series_id = OLD.series_id;
    DELETE FROM series_figure WHERE series_id = OLD.series_id AND cases = 0;
END;
CREATE TRIGGER series_figure_recovery_added AFTER INSERT ON recovery BEGIN
    UPDATE series_figure SET recovered_fen = recovered_fen + NEW.amount_fen
        WHERE series_id = (SELECT series_id FROM wage_case WHERE id = NEW.case_id);
END;
CREATE TRIGGER series_figure_recovery_changed AFTER UPDATE OF amount_fen, case_id ON recovery BEGIN
    UPDATE series_figure SET recovered_fen = recovered_fen - OLD.amount_fen
        WHERE series_id = (SELECT series_id FROM wage_case WHERE id = OLD.case_id);
    UPDATE series_figure SET recovered_fen = recovered_fen + NEW.amount_fen
        WHERE series_id = (SELECT series_id FROM wage_case WHERE id = NEW.case_id);
END;
CREATE TRIGGER series_figure_recovery_removed AFTER DELETE ON recovery BEGIN
    UPDATE series_figure SET recovered_fen = recovered_fen - OLD.amount_fen
        WHERE series_id = (SELECT series_id FROM wage_case WHERE id = OLD.case_id);
END;
-- The records already there (the same statement `wagecase stats --rebuild` uses for this table).
INSERT INTO series_figure (series_id, cases, open_cases, claimed_fen, recovered_fen)
    SELECT series_id, COUNT(*), SUM(open), SUM(claimed_fen), SUM(recovered) FROM (
        SELECT c.series_id, NOT (c.stage = 'closed' OR c.stage = 'declined' OR c.stage = 'withdrawn') AS open,
               c.claimed_fen, COALESCE((SELECT SUM(r.amount_fen) FROM recovery r WHERE r.case_id = c.id), 0) AS recovered
        FROM wage_case c WHERE c.series_id IS NOT NULL)
    GROUP BY series_id;
