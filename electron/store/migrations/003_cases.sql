-- 003: case management (electron/cases, docs/cases.md). The case records themselves live in `records`
-- (the one write path); these tables are derived from them and kept in step in the same transaction,
-- so that lists, filters and search stay fast at a million cases. Every row here can be rebuilt from
-- `records` (electron/cases/caseIndex.ts `refreshCase`).

-- Children of a case are found by the case id inside their data.
CREATE INDEX records_by_case ON records (json_extract(data, '$.caseId'), type) WHERE json_extract(data, '$.caseId') IS NOT NULL;

-- One row per case: what lists filter and sort on. Sentinels instead of NULL keep keyset paging simple:
-- next_due '9999-12-31' = nothing due; risk_rank 0 = not assessed. Each sort column has an index whose
-- order is (column, rowid), the order of the keyset, so a page is read straight off the index.
CREATE TABLE case_index (
  rowid            INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL UNIQUE,
  case_number      TEXT NOT NULL UNIQUE,
  owner_org        TEXT NOT NULL,
  display_name     TEXT NOT NULL,
  stage            TEXT NOT NULL,
  status           TEXT NOT NULL,
  assignee         TEXT,
  risk_level       TEXT,
  risk_rank        INTEGER NOT NULL DEFAULT 0,
  screening        TEXT,
  gender           TEXT NOT NULL,
  age              INTEGER,
  citizenships     TEXT NOT NULL,   -- JSON array, for display
  exploitation     TEXT NOT NULL,   -- JSON array, for display
  scope            TEXT NOT NULL,   -- international | internal | unknown
  registered_at    TEXT NOT NULL,
  identified_on    TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  next_due         TEXT NOT NULL DEFAULT '9999-12-31',
  closure_pending  INTEGER NOT NULL DEFAULT 0,
  duplicate_open   INTEGER NOT NULL DEFAULT 0,
  demo             INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX case_index_registered ON case_index (registered_at);
CREATE INDEX case_index_updated ON case_index (updated_at);
CREATE INDEX case_index_identified ON case_index (identified_on);
CREATE INDEX case_index_due ON case_index (next_due);
CREATE INDEX case_index_risk ON case_index (risk_rank);
CREATE INDEX case_index_stage ON case_index (stage, registered_at);
CREATE INDEX case_index_status ON case_index (status, registered_at);
CREATE INDEX case_index_assignee ON case_index (assignee, registered_at);
CREATE INDEX case_index_assignee_due ON case_index (assignee, next_due);

-- Multi-valued filters.
CREATE TABLE case_citizenship (
  case_rowid INTEGER NOT NULL REFERENCES case_index (rowid) ON DELETE CASCADE,
  country    TEXT NOT NULL,
  PRIMARY KEY (country, case_rowid)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_citizenship_by_case ON case_citizenship (case_rowid);

CREATE TABLE case_exploitation (
  case_rowid INTEGER NOT NULL REFERENCES case_index (rowid) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  PRIMARY KEY (type, case_rowid)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_exploitation_by_case ON case_exploitation (case_rowid);

-- Full-text search (shared/domain/cases/searchText.ts) over normalised names and aliases, and apart
-- from them the identifiers (case number, phones, identity number): character trigrams, so fragments
-- of Burmese or Thai names match. The duplicate check searches names only, picking the rarest
-- trigrams of a name from the vocabulary table.
CREATE VIRTUAL TABLE case_search USING fts5 (names, identifiers, tokenize = 'trigram');
CREATE VIRTUAL TABLE case_search_terms USING fts5vocab (case_search, 'col');

-- How far the index has followed the change log: writes that did not come through the case services
-- (a merged bundle, a restore) are picked up from change_log entries after this sequence number.
CREATE TABLE case_index_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  change_seq INTEGER NOT NULL
) STRICT;
INSERT INTO case_index_state (id, change_seq) VALUES (1, 0);

-- The next case number per organisation and year (ORG-YEAR-NNNNN).
CREATE TABLE case_number_seq (
  org_code TEXT NOT NULL,
  year     INTEGER NOT NULL,
  last     INTEGER NOT NULL,
  PRIMARY KEY (org_code, year)
) STRICT;

-- Attachment content, encrypted with the rest of the database (never a file on disk). Keyed by
-- SHA-256 so the same file attached twice is stored once and travels in bundles as attachments/<sha256>.
CREATE TABLE attachment_blobs (
  sha256     TEXT PRIMARY KEY,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Case-management settings of this workspace (electron/cases/settings.ts).
CREATE TABLE case_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
