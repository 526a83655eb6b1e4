import { CounterpartError } from '../../shared/contract/errors';
import { cached, type Db } from '../store/database';
import type { BundleSource } from './bundleWriter';

/**
 * Attachment content in bundles (docs/bundles.md §Attachments). A record of a content-naming type (the
 * case module's `attachment`) names its bytes by `data.sha256`; the bytes live in `attachment_blobs`
 * inside the encrypted database. They travel as `attachments/<sha256>` beside the record, are listed in
 * the signed manifest with hash and size, and are stored in `attachment_blobs` on import — never as a
 * file on disk.
 */

/** Record types whose records name their content by SHA-256 in `data.sha256`. */
export const CONTENT_RECORD_TYPES: ReadonlySet<string> = new Set(['attachment']);

export const attachmentPath = (sha256: string): string => `attachments/${sha256}`;

type Named = { type: string; deleted: boolean; data: Record<string, unknown> };

/** The content a record names, when it travels with its `sha256` (a deletion or a profile without it names none). */
export function contentHash(record: Named): string | null {
  if (!CONTENT_RECORD_TYPES.has(record.type) || record.deleted) return null;
  const sha = record.data.sha256;
  return typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}

/**
 * The `attachments/<sha256>` files for the records of an outgoing bundle (each content once): presence and size now, the content only when it is written
 * (one attachment in memory at a time; the writer checks it against its name).
 */
export function attachmentSources(db: Db, hashes: ReadonlySet<string>): BundleSource[] {
  return [...hashes].sort().map((sha256) => {
    const size = cached(db, 'SELECT size FROM attachment_blobs WHERE sha256 = ?').pluck().get(sha256) as number | undefined;
    if (size === undefined) {
      throw new CounterpartError('NOT_FOUND', `The content of attachment ${sha256.slice(0, 12)}… is not in this workspace, so it cannot be sent.`, { sha256 });
    }
    const content = () => {
      const bytes = cached(db, 'SELECT content FROM attachment_blobs WHERE sha256 = ?').pluck().get(sha256) as Buffer | undefined;
      if (!bytes) throw new CounterpartError('NOT_FOUND', `The content of attachment ${sha256.slice(0, 12)}… was removed while the bundle was written.`, { sha256 });
      return [bytes];
    };
    return { path: attachmentPath(sha256), sha256, size, records: 0, content };
  });
}

/** Stores attachment content inside the encrypted database (once per hash). */
export function storeAttachment(db: Db, sha256: string, bytes: Uint8Array, now: string): void {
  cached(db, 'INSERT INTO attachment_blobs (sha256, size, content, created_at) VALUES (@sha256, @size, @content, @now) ON CONFLICT (sha256) DO NOTHING').run({
    sha256,
    size: bytes.length,
    content: Buffer.from(bytes),
    now,
  });
}
