-- 006: the sent log keeps the encrypted bundle in parts (electron/exchange/outgoing.ts), so that a bundle
-- of any size is stored and written again by `bundles.resend` without holding it in memory at once, and
-- without SQLite's 1 GB limit on one value. Rows from before keep their `sent_bundles.ciphertext`; a
-- bundle stored in parts has an empty `ciphertext`.
CREATE TABLE sent_bundle_parts (
  bundle_id  TEXT NOT NULL REFERENCES sent_bundles (bundle_id) ON DELETE CASCADE,
  part       INTEGER NOT NULL,
  bytes      BLOB NOT NULL,
  PRIMARY KEY (bundle_id, part)
) STRICT;
