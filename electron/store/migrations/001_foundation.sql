-- 001: the workspace foundation: metadata, organisation, users, settings, audit log, records, change log.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The organisation this workspace belongs to (exactly one row).
CREATE TABLE organisation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  name       TEXT NOT NULL,
  code       TEXT NOT NULL,
  country    TEXT NOT NULL,
  org_type   TEXT NOT NULL,
  node_id    TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id                  TEXT PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name        TEXT NOT NULL,
  role                TEXT NOT NULL,
  disabled            INTEGER NOT NULL DEFAULT 0,
  language            TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Hash-chained audit log: hash = SHA-256(prev_hash || canonical JSON of the entry); see electron/audit.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     TEXT,
  username    TEXT,
  role        TEXT,
  action      TEXT NOT NULL,
  record_type TEXT,
  record_id   TEXT,
  outcome     TEXT NOT NULL,
  details     TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_user ON audit_log (username, seq);
CREATE INDEX audit_log_by_record ON audit_log (record_type, record_id);

-- Synchronised records (DESIGN §4): one envelope for every record type that can travel in a bundle.
CREATE TABLE records (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  owner_org   TEXT NOT NULL,
  hlc         TEXT NOT NULL,
  vv          TEXT NOT NULL,
  field_clock TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  data        TEXT NOT NULL
) STRICT;
CREATE INDEX records_by_type_updated ON records (type, deleted, updated_at DESC);

-- Every write to a synchronised record, in order; exchange reads "changed since" from here.
CREATE TABLE change_log (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  record_type TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  hlc         TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('put', 'delete')),
  fields      TEXT NOT NULL,
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX change_log_by_record ON change_log (record_id, seq);
