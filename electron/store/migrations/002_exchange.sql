-- 002: exchange between offices (DESIGN §6, docs/bundles.md): organisation keys, partner directory,
-- bundle streams, sent and imported bundles, the conflict queue and ownership transfers.

-- This organisation's keys. Exactly one is 'active'; older ones stay (retired or revoked) so that
-- bundles encrypted to them can still be opened and the key history can be shown.
CREATE TABLE org_keys (
  fingerprint    TEXT PRIMARY KEY,
  signing_seed   BLOB NOT NULL,              -- Ed25519 secret seed, 32 bytes
  signing_public TEXT NOT NULL,              -- base64 of the raw 32-byte public key
  age_identity   TEXT NOT NULL,              -- AGE-SECRET-KEY-1...
  age_recipient  TEXT NOT NULL,              -- age1...
  state          TEXT NOT NULL CHECK (state IN ('active', 'retired', 'revoked')),
  created_at     TEXT NOT NULL,
  ended_at       TEXT
) STRICT;
CREATE UNIQUE INDEX org_keys_one_active ON org_keys (state) WHERE state = 'active';

-- Partner organisations whose cards were imported. Trust: unverified -> verified (fingerprint compared
-- out of band: by whom, when, how) -> revoked.
CREATE TABLE partners (
  code           TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  country        TEXT NOT NULL,
  trust          TEXT NOT NULL CHECK (trust IN ('unverified', 'verified', 'revoked')),
  added_at       TEXT NOT NULL,
  added_by       TEXT NOT NULL,
  verified_by    TEXT,
  verified_at    TEXT,
  verified_how   TEXT,
  revoked_by     TEXT,
  revoked_at     TEXT,
  revoked_reason TEXT
) STRICT;

-- Every key a partner has had. The 'active' one is pinned; 'retired' keys (routine rotation) still
-- verify bundles older than the rotation; 'revoked' keys verify nothing.
CREATE TABLE partner_keys (
  partner_code   TEXT NOT NULL REFERENCES partners (code),
  fingerprint    TEXT NOT NULL,
  signing_public TEXT NOT NULL,
  age_recipient  TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('active', 'retired', 'revoked')),
  source         TEXT NOT NULL CHECK (source IN ('card', 'key-update')),
  added_at       TEXT NOT NULL,
  ended_at       TEXT,
  -- For a retired key: bundles created (manifest createdAt) up to this time still verify with it.
  valid_until    TEXT,
  PRIMARY KEY (partner_code, fingerprint)
) STRICT;
CREATE INDEX partner_keys_by_fingerprint ON partner_keys (fingerprint);

-- Bundle streams, one per sender and recipient set (docs/bundles.md §Streams).
-- direction 'out': our next sequence number and the hash of our last manifest.
-- direction 'in': the highest sequence received from the partner.
CREATE TABLE bundle_streams (
  stream_id    TEXT PRIMARY KEY,
  direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  partner_code TEXT NOT NULL,
  last_seq     INTEGER NOT NULL DEFAULT 0,
  last_hash    TEXT,
  updated_at   TEXT NOT NULL
) STRICT;

-- Sequence numbers received per incoming stream, with each manifest's hash (for the prev-hash chain).
CREATE TABLE bundle_stream_seqs (
  stream_id     TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  bundle_id     TEXT NOT NULL,
  manifest_hash TEXT NOT NULL,
  prev_hash     TEXT,
  received_at   TEXT NOT NULL,
  PRIMARY KEY (stream_id, seq)
) STRICT;

-- Bundles imported here (a second import of the same bundle id is a no-op).
CREATE TABLE imported_bundles (
  bundle_id     TEXT PRIMARY KEY,
  sender        TEXT NOT NULL,
  bundle_type   TEXT NOT NULL,
  stream_id     TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  manifest_hash TEXT NOT NULL,
  imported_at   TEXT NOT NULL,
  imported_by   TEXT NOT NULL,
  summary       TEXT NOT NULL
) STRICT;

-- Bundles written here: the sent log, and the encrypted file itself so a lost bundle can be re-sent
-- byte for byte (it is readable only by its recipients and our own archive key).
CREATE TABLE sent_bundles (
  bundle_id     TEXT PRIMARY KEY,
  bundle_type   TEXT NOT NULL,
  recipients    TEXT NOT NULL,
  stream_id     TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  manifest_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  records       INTEGER NOT NULL,
  ciphertext    BLOB NOT NULL,
  acknowledged_at TEXT
) STRICT;

-- "Everything changed since the last bundle to this partner": the change-log position per partner.
CREATE TABLE export_checkpoints (
  partner_code    TEXT PRIMARY KEY,
  change_log_seq  INTEGER NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

-- Concurrent writes to one field of one record that a person must decide (DESIGN §6). The record shows
-- one of the writes (a fixed rule picks it, so every office shows the same); each row keeps one other
-- concurrent write ("sibling") until a later write that has seen it replaces both.
CREATE TABLE conflicts (
  id            TEXT PRIMARY KEY,
  record_type   TEXT NOT NULL,
  record_id     TEXT NOT NULL,
  field         TEXT NOT NULL,
  sibling_value TEXT,                        -- canonical JSON; NULL when the write removed the field
  sibling_clock TEXT NOT NULL,               -- JSON [node, counter]
  sibling_org   TEXT NOT NULL,               -- organisation whose office wrote it
  bundle_id     TEXT NOT NULL,               -- the bundle in which it was detected
  detected_at   TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'superseded')),
  resolution    TEXT,
  resolved_by   TEXT,
  resolved_at   TEXT
) STRICT;
CREATE INDEX conflicts_open ON conflicts (state, record_id, field);

-- Ownership transfers (handover): offered by the owner in an ownership-transfer bundle, accepted by the
-- recipient on import. Until the old owner learns of the acceptance it may still edit (the handover window).
CREATE TABLE ownership_transfers (
  record_id     TEXT NOT NULL,
  record_type   TEXT NOT NULL,
  from_org      TEXT NOT NULL,
  to_org        TEXT NOT NULL,
  bundle_id     TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('offered', 'accepted')),
  offered_at    TEXT NOT NULL,
  accepted_at   TEXT,
  PRIMARY KEY (record_id, from_org, to_org)
) STRICT;

-- Versions received from a partner for a record it does not own as far as we know yet (a handover we
-- have not heard of). Kept, not dropped, and merged as soon as the ownership news arrives.
CREATE TABLE held_versions (
  record_id   TEXT NOT NULL,
  sender      TEXT NOT NULL,
  bundle_id   TEXT NOT NULL,
  line        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  held_at     TEXT NOT NULL,
  PRIMARY KEY (record_id, sender, bundle_id)
) STRICT;
