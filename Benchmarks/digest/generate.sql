-- Synthetic data for the digest benchmark, at the scale issue 6 names: 1,000,000 cases, 5,000,000 case events,
-- 500,000 recoveries, 100,000 guarantees (with 1,000,000 workers, 20,000 employers, 50,000 projects and
-- 250,000 clues around them). Run by run.sh with the sqlite3 shell on a database `wagecase init` created, so the
-- schema is the product's own; every row satisfies its CHECKs and foreign keys. Dates spread over 2021-01-04 …
-- 2026-11-22, so every week has activity. Identifiers are unique but not checksum-valid: nothing here is read
-- back through validation.
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -400000;
BEGIN;

CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000) INSERT INTO n SELECT i FROM c;

INSERT INTO employer (id, name, credit_code, kind, created_at)
SELECT i, '示例建筑工程有限公司' || i, printf('91%016d', i),
       CASE i % 4 WHEN 0 THEN 'general-contractor' WHEN 1 THEN 'subcontractor' WHEN 2 THEN 'labor-company' ELSE 'other' END,
       '2021-01-01T09:00:00+08:00'
FROM n WHERE i <= 20000;

INSERT INTO project (id, name, employer_id, region_code, contract_price_fen, start_on, planned_completion, status, created_at)
SELECT i, '示例项目' || i, 1 + i % 20000,
       CASE i % 6 WHEN 0 THEN '620403' WHEN 1 THEN '620421' WHEN 2 THEN '620402' WHEN 3 THEN '110105' WHEN 4 THEN '440106' ELSE '510104' END,
       (50 + i % 950) * 100000000, date('2020-06-01', '+' || (i % 1800) || ' days'),
       date('2020-06-01', '+' || (i % 1800 + 540) || ' days'),
       CASE WHEN i % 5 = 0 THEN 'completed' ELSE 'in-progress' END, '2021-01-01T09:00:00+08:00'
FROM n WHERE i <= 50000;

INSERT INTO worker (id, name, id_number, phone, created_at)
SELECT i, '工人' || i, printf('9%017d', i), printf('139%08d', i), '2021-01-01T09:00:00+08:00' FROM n;

-- A clue names four workers; received over 2,150 days.
INSERT INTO clue (id, source, received_on, employer_id, project_id, status, created_at)
SELECT i,
       CASE i % 7 WHEN 0 THEN 'petition' WHEN 1 THEN 'legal-aid' WHEN 2 THEN 'labor-dispute' WHEN 3 THEN 'hotline-12345'
                  WHEN 4 THEN 'labor-inspection' WHEN 5 THEN 'data-matching' ELSE 'referral' END,
       date('2021-01-04', '+' || ((i * 7919) % 2150) || ' days'), 1 + (i % 50000) % 20000, 1 + i % 50000, 'converted',
       '2021-01-01T09:00:00+08:00'
FROM n WHERE i <= 250000;

INSERT INTO clue_channel (clue_id, source, received_on) SELECT id, source, received_on FROM clue;

INSERT INTO clue_worker (clue_id, worker_id, claimed_fen)
SELECT 1 + (i - 1) / 4, i, (3000 + (i * 37) % 47000) * 100 FROM n;

INSERT INTO case_series (id, name, created_at)
SELECT i, '示例班组欠薪系列案' || i, '2021-01-01T09:00:00+08:00' FROM n WHERE i <= 10000;

-- One case per named worker, opened up to nine days after its clue; every 25th clue's crew is a series.
INSERT INTO wage_case (id, case_number, clue_id, worker_id, series_id, claimed_fen, opened_on, stage, stage_on, created_at)
SELECT n.i, '示检民支〔' || substr(l.received_on, 1, 4) || '〕' || n.i || '号', l.id, n.i,
       CASE WHEN l.id % 25 = 0 THEN 1 + (l.id / 25) % 10000 END, cw.claimed_fen,
       date(l.received_on, '+' || (n.i % 10) || ' days'), 'accepted', date(l.received_on, '+' || (n.i % 10) || ' days'),
       '2021-01-01T09:00:00+08:00'
FROM n JOIN clue_worker cw ON cw.worker_id = n.i JOIN clue l ON l.id = cw.clue_id;

-- Five events per case: accepted, investigating, support decided, letter issued, then an outcome.
CREATE TEMP TABLE step (k INTEGER PRIMARY KEY, stage TEXT, after INTEGER);
INSERT INTO step VALUES (0, 'accepted', 0), (1, 'investigating', 5), (2, 'support-decided', 20), (3, 'letter-issued', 30), (4, NULL, 60);
INSERT INTO case_event (case_id, stage, on_date, actor, created_at)
SELECT c.id,
       COALESCE(s.stage, CASE c.id % 5 WHEN 0 THEN 'settled' WHEN 1 THEN 'judgment' WHEN 2 THEN 'mediated'
                                       WHEN 3 THEN 'court-filed' ELSE 'closed' END),
       date(c.opened_on, '+' || s.after || ' days'), 'bench', '2021-01-01T09:00:00+08:00'
FROM wage_case c CROSS JOIN step s ORDER BY c.id, s.k;

UPDATE wage_case SET
    stage = CASE id % 5 WHEN 0 THEN 'settled' WHEN 1 THEN 'judgment' WHEN 2 THEN 'mediated' WHEN 3 THEN 'court-filed' ELSE 'closed' END,
    stage_on = date(opened_on, '+60 days');

-- Every other case has a payment of half its claim, seventy days after opening.
INSERT INTO recovery (case_id, paid_on, amount_fen, route, actor, created_at)
SELECT id, date(opened_on, '+70 days'), claimed_fen / 2,
       CASE id % 4 WHEN 0 THEN 'employer-paid' WHEN 1 THEN 'guarantee-draw' WHEN 2 THEN 'court-enforcement' ELSE 'emergency-fund' END,
       'bench', '2021-01-01T09:00:00+08:00'
FROM wage_case WHERE id % 2 = 0;

-- Two guarantees per project: cash or a letter/insurance ending 400–1,100 days after it starts.
INSERT INTO guarantee (id, project_id, kind, amount_fen, issuer, document_number, effective_on, ends_on, created_at)
SELECT i, 1 + (i - 1) % 50000,
       CASE i % 4 WHEN 0 THEN 'cash-deposit' WHEN 1 THEN 'bank-letter' WHEN 2 THEN 'company-letter' ELSE 'insurance' END,
       (20 + i % 300) * 1000000, '示例银行', 'BH-' || i, p.start_on,
       CASE WHEN i % 4 = 0 THEN NULL ELSE date(p.start_on, '+' || (400 + (i * 13) % 700) || ' days') END,
       '2021-01-01T09:00:00+08:00'
FROM n JOIN project p ON p.id = 1 + (n.i - 1) % 50000 WHERE n.i <= 100000;

INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
SELECT id, 'lodged', effective_on, amount_fen, 'bench', '2021-01-01T09:00:00+08:00' FROM guarantee;
-- One in twenty is drawn; half of those replenished; one in fifty asked back, half of those under notice.
INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
SELECT id, 'drawn', date(effective_on, '+200 days'), amount_fen / 10, 'bench', '2021-01-01T09:00:00+08:00'
FROM guarantee WHERE id % 20 = 0;
INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
SELECT id, 'replenished', date(effective_on, '+210 days'), amount_fen / 10, 'bench', '2021-01-01T09:00:00+08:00'
FROM guarantee WHERE id % 40 = 0;
INSERT INTO guarantee_event (guarantee_id, kind, on_date, actor, created_at)
SELECT id, 'return-requested', date(effective_on, '+600 days'), 'bench', '2021-01-01T09:00:00+08:00'
FROM guarantee WHERE id % 50 = 1;
INSERT INTO guarantee_event (guarantee_id, kind, on_date, actor, created_at)
SELECT id, 'notice-started', date(effective_on, '+605 days'), 'bench', '2021-01-01T09:00:00+08:00'
FROM guarantee WHERE id % 100 = 1;

COMMIT;
ANALYZE;
