-- wagecase schema: wage-arrears clues, support-for-litigation cases (支持起诉), recoveries and the audit log.
--
-- This file is the schema. The program embeds it at build time and applies it verbatim as the first
-- migration; later changes are new migrations that this file then reflects. A test checks that a fresh
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

-- A construction project (工程项目), named uniquely per employer.
CREATE TABLE project (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    employer_id INTEGER NOT NULL REFERENCES employer (id),
    location    TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (employer_id, name)
) STRICT;

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
