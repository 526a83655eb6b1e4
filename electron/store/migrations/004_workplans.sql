-- 004: NPA plans, annual workplans and progress (electron/workplans, docs/workplans.md). The records
-- themselves live in `records` (the one write path, type npa_*); npa_index is derived from them so that
-- a plan's tree, an agency's reports and a period's progress are found without reading every record.
-- Every service write refreshes it in its own transaction; records merged from a bundle are picked up
-- from the change log before the next read (electron/workplans/planIndex.ts `syncNpaIndex`).

CREATE TABLE npa_index (
  record_id  TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  plan_id    TEXT NOT NULL,
  parent_id  TEXT,            -- pillar of an outcome, outcome of an output, output of an activity,
                              -- result of an indicator, report of a review
  code       TEXT,            -- pillar / outcome / output / activity / indicator code
  agency     TEXT,            -- lead agency, responsible agency, reporting agency
  period     TEXT,            -- workplan year, reporting period
  owner_org  TEXT NOT NULL
) STRICT;
CREATE INDEX npa_index_by_plan ON npa_index (plan_id, type, code);
CREATE INDEX npa_index_by_agency ON npa_index (plan_id, type, agency, period);
CREATE INDEX npa_index_by_parent ON npa_index (parent_id, type);

-- How far npa_index has read the change log.
CREATE TABLE npa_index_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  change_log_seq INTEGER NOT NULL
) STRICT;
INSERT INTO npa_index_state (id, change_log_seq) VALUES (1, 0);
