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

-- The referrals of each indexed case (transitions of kind 'referral'), what the KPIs count.
CREATE TABLE kpi_referrals (
  record_id   TEXT PRIMARY KEY,
  case_rowid  INTEGER NOT NULL REFERENCES case_index (rowid) ON DELETE CASCADE,
  referred_on TEXT,             -- cas_OutgoingReferralDate, YYYY-MM-DD
  status      TEXT NOT NULL
) STRICT;
CREATE INDEX kpi_referrals_by_case ON kpi_referrals (case_rowid);

-- The follow-ups of each indexed case.
CREATE TABLE kpi_followups (
  record_id  TEXT PRIMARY KEY,
  case_rowid INTEGER NOT NULL REFERENCES case_index (rowid) ON DELETE CASCADE,
  due_date   TEXT NOT NULL,
  visit_date TEXT,                       -- NULL while the visit is not recorded
  cancelled  INTEGER NOT NULL DEFAULT 0,
  composite  REAL                        -- the reintegration score of the visit, 0..1
) STRICT;
CREATE INDEX kpi_followups_by_case ON kpi_followups (case_rowid);

-- Backfill from the live records; cases the index has not caught up with yet get their rows when
-- `syncCaseIndex` refreshes them. The children are read on records_by_case (migration 003), which
-- holds their case id: 2.0-2.2 s for 93,000 children at 10,000 cases, against 3.6-5.8 s on the type index
-- the planner picks otherwise (load average 11).
INSERT INTO case_children (record_id, case_id)
  SELECT id, json_extract(data, '$.caseId') FROM records INDEXED BY records_by_case
   WHERE json_extract(data, '$.caseId') > '' AND deleted = 0
     AND type IN ('screening', 'risk_assessment', 'consent', 'transition', 'assistance', 'return_plan', 'reintegration_plan',
                  'followup', 'case_note', 'case_task', 'attachment');

INSERT INTO kpi_referrals (record_id, case_rowid, referred_on, status)
  SELECT r.id, ci.rowid, json_extract(r.data, '$.cas_OutgoingReferralDate'), json_extract(r.data, '$.status')
    FROM records r JOIN case_index ci ON ci.case_id = json_extract(r.data, '$.caseId')
   WHERE r.type = 'transition' AND r.deleted = 0 AND json_extract(r.data, '$.kind') = 'referral';

INSERT INTO kpi_followups (record_id, case_rowid, due_date, visit_date, cancelled, composite)
  SELECT r.id, ci.rowid, json_extract(r.data, '$.dueDate'), json_extract(r.data, '$.visitDate'),
         coalesce(json_extract(r.data, '$.cancelled'), 0), json_extract(r.data, '$.composite')
    FROM records r JOIN case_index ci ON ci.case_id = json_extract(r.data, '$.caseId')
   WHERE r.type = 'followup' AND r.deleted = 0;
