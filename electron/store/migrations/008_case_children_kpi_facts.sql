-- 008: the case a child record belongs to, and the KPI facts (electron/cases/caseIndex.ts,
-- electron/reports/kpiStore.ts, docs/reports.md §Speed). Written where the case index row of a case is
-- written, in the same transaction, from the live children the index was built from. Coded values and
-- dates only: no name, no free text. Every row here can be rebuilt from `records`.

-- Child record id -> case id, for every child record a case was indexed with. A tombstone (a record
-- deleted by a bundle from another office, or outside the case services) keeps no data and so no
-- `caseId`: `syncCaseIndex` finds the case to refresh here. Rows stay after the child is deleted.
CREATE TABLE case_children (
  record_id TEXT PRIMARY KEY,
  case_id   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The KPI facts of each indexed case, narrow so that a KPI request scans them and joins nothing: the
-- report filters (registration day, stage, owning organisation) and the caseload columns of the case
-- index, and what its referrals count (transitions of kind 'referral').
CREATE TABLE kpi_cases (
  case_rowid         INTEGER PRIMARY KEY REFERENCES case_index (rowid) ON DELETE CASCADE,
  registered_on      TEXT NOT NULL,   -- YYYY-MM-DD
  stage              TEXT NOT NULL,
  owner_org          TEXT NOT NULL,
  assignee           TEXT,            -- as in case_index (NULL: none, or not this office's case)
  referral_days      INTEGER,         -- days from identification to the first referral (0 if before); NULL: no referral
  referrals_decided  INTEGER NOT NULL, -- referrals accepted, done or rejected
  referrals_accepted INTEGER NOT NULL  -- referrals accepted or done
) STRICT;
-- Covering indexes of the KPI queries (electron/reports/kpiStore.ts): open cases per assignee, and the
-- days-to-referral histogram with the referral decisions, each read in group order with the filters
-- checked in the index.
CREATE INDEX kpi_cases_caseload ON kpi_cases (assignee, stage, owner_org, registered_on);
CREATE INDEX kpi_cases_referrals ON kpi_cases (referral_days, stage, owner_org, registered_on, referrals_decided, referrals_accepted)
  WHERE referral_days IS NOT NULL;

-- The follow-ups of each indexed case, with the filter columns of their case.
CREATE TABLE kpi_followups (
  case_rowid    INTEGER NOT NULL REFERENCES case_index (rowid) ON DELETE CASCADE,
  record_id     TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  stage         TEXT NOT NULL,
  owner_org     TEXT NOT NULL,
  due_date      TEXT NOT NULL,
  visit_date    TEXT,                  -- NULL while the visit is not recorded
  cancelled     INTEGER NOT NULL,
  composite     REAL,                  -- the reintegration score of the visit, 0..1
  visit_quarter TEXT,                  -- YYYY-Qn of a visit with a score (what the reintegration KPI averages), else NULL
  PRIMARY KEY (case_rowid, record_id)
) STRICT, WITHOUT ROWID;
-- Covering indexes of the KPI queries: the open follow-ups (visit_date and cancelled listed so that the
-- index covers the query), and the visits with a score in quarter order.
CREATE INDEX kpi_followups_open ON kpi_followups (due_date, stage, owner_org, registered_on, visit_date, cancelled) WHERE visit_date IS NULL AND cancelled = 0;
CREATE INDEX kpi_followups_visits ON kpi_followups (visit_quarter, stage, owner_org, registered_on, composite) WHERE visit_quarter IS NOT NULL;

-- Backfill from the live records; cases the index has not caught up with yet get their rows when
-- `syncCaseIndex` refreshes them. The children are read on records_by_case (migration 003), which
-- holds their case id: 2.0-2.2 s for 93,000 children at 10,000 cases, against 3.6-5.8 s on the type index
-- the planner picks otherwise (load average 11).
INSERT INTO case_children (record_id, case_id)
  SELECT id, json_extract(data, '$.caseId') FROM records INDEXED BY records_by_case
   WHERE json_extract(data, '$.caseId') > '' AND deleted = 0
     AND type IN ('screening', 'risk_assessment', 'consent', 'transition', 'assistance', 'return_plan', 'reintegration_plan',
                  'followup', 'case_note', 'case_task', 'attachment');

-- Referrals of the indexed cases, then one kpi_cases row per indexed case.
CREATE TEMP TABLE backfill_referrals AS
  SELECT ci.rowid AS case_rowid, json_extract(r.data, '$.cas_OutgoingReferralDate') AS referred_on, json_extract(r.data, '$.status') AS status
    FROM records r JOIN case_index ci ON ci.case_id = json_extract(r.data, '$.caseId')
   WHERE r.type = 'transition' AND r.deleted = 0 AND json_extract(r.data, '$.kind') = 'referral';
CREATE INDEX temp.backfill_referrals_by_case ON backfill_referrals (case_rowid);

INSERT INTO kpi_cases (case_rowid, registered_on, stage, owner_org, assignee, referral_days, referrals_decided, referrals_accepted)
  SELECT ci.rowid, substr(ci.registered_at, 1, 10), ci.stage, ci.owner_org, ci.assignee,
         (SELECT max(0, CAST(round(julianday(min(b.referred_on)) - julianday(ci.identified_on)) AS INTEGER)) FROM backfill_referrals b WHERE b.case_rowid = ci.rowid),
         (SELECT count(*) FROM backfill_referrals b WHERE b.case_rowid = ci.rowid AND b.status IN ('accepted', 'done', 'rejected')),
         (SELECT count(*) FROM backfill_referrals b WHERE b.case_rowid = ci.rowid AND b.status IN ('accepted', 'done'))
    FROM case_index ci;
DROP TABLE temp.backfill_referrals;

INSERT INTO kpi_followups (case_rowid, record_id, registered_on, stage, owner_org, due_date, visit_date, cancelled, composite)
  SELECT ci.rowid, r.id, substr(ci.registered_at, 1, 10), ci.stage, ci.owner_org, json_extract(r.data, '$.dueDate'), json_extract(r.data, '$.visitDate'),
         coalesce(json_extract(r.data, '$.cancelled'), 0), json_extract(r.data, '$.composite')
    FROM records r JOIN case_index ci ON ci.case_id = json_extract(r.data, '$.caseId')
   WHERE r.type = 'followup' AND r.deleted = 0;
UPDATE kpi_followups SET visit_quarter = substr(visit_date, 1, 4) || '-Q' || ((CAST(substr(visit_date, 6, 2) AS INTEGER) - 1) / 3 + 1)
 WHERE visit_date IS NOT NULL AND composite IS NOT NULL;
