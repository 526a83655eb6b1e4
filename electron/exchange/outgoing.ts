import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, writeFileSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { CounterpartError } from '../../shared/contract/errors';
import type { BundleType } from '../../shared/domain/exchange';
import { cached } from '../store/database';
import type { Unlocked } from '../identity/session';
import type { Acknowledgement, BundleFile, KeyUpdate, TransferOffer } from './bundle';
import { bytesSource, writeBundleFile, type BundleSource, type WriteOptions } from './bundleWriter';
import { activeOrgKey, sign, type OrgKey } from './keys';
import { PartnerStore } from './partners';
import { Streams, streamIdFor } from './streams';

/**
 * Writes one outgoing bundle of any type: next number in the stream, acknowledgements, signature,
 * encryption for the recipients and our archive key, the file, and the sent log — the database part
 * in one transaction after the file is safely written.
 */

export type Outgoing = {
  type: BundleType;
  to: string[];
  purpose: string;
  legalBasis?: string | null;
  consentRef?: string | null;
  deleteAfter?: string | null;
  /** Small files as bytes; large ones (the exporter's data files) as sources read while writing. */
  files: (BundleFile | BundleSource)[];
  transfers?: TransferOffer[];
  keyUpdate?: KeyUpdate | null;
  /** Defaults to the active key; a key-update is signed by the key it replaces. */
  signer?: OrgKey;
  /** Extra acknowledgements (a receipt); those of bundles imported since our last to them are always added. */
  acknowledgements?: Acknowledgement[];
  outDir: string;
  /** Inside the same transaction as the sent log: checkpoints, transfer offers, audit. */
  onCommit?: (meta: { bundleId: string; seq: number; streamId: string }) => void;
  /** Cancel and progress of writing the file. */
  write?: WriteOptions;
};

export type Sent = { path: string; bundleId: string; streamId: string; seq: number; bytes: number; manifestHash: string };

/** A name that reveals nothing: 128 random bits. */
const randomName = (): string => `${randomBytes(16).toString('hex')}.cpb`;

export function writeFileAtomic(dir: string, name: string, bytes: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  if (existsSync(path)) throw new CounterpartError('CONFLICT', `${path} already exists.`);
  const tmp = `${path}.part-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, bytes, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, path);
  return path;
}

/** The sent log's copy of the encrypted file, in parts of PART_BYTES (migration 006). */
const PART_BYTES = 4 * 1024 * 1024;

function storeParts(u: Unlocked, bundleId: string, path: string): void {
  const insert = cached(u.workspace.db, 'INSERT INTO sent_bundle_parts (bundle_id, part, bytes) VALUES (?, ?, ?)');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(PART_BYTES);
    for (let part = 0; ; part++) {
      const n = readSync(fd, buffer, 0, PART_BYTES, null);
      if (n === 0) break;
      insert.run(bundleId, part, buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** The encrypted file of a sent bundle, part by part (or the single value of a bundle sent before 006), or null. */
export function* sentBundleBytes(u: Unlocked, bundleId: string): Generator<Buffer> {
  const row = cached(u.workspace.db, 'SELECT ciphertext FROM sent_bundles WHERE bundle_id = ?').get(bundleId) as { ciphertext: Buffer } | undefined;
  if (!row) throw new CounterpartError('NOT_FOUND', `No bundle ${bundleId} was sent from this workspace.`);
  if (row.ciphertext.length > 0) {
    yield row.ciphertext;
    return;
  }
  const part = cached(u.workspace.db, 'SELECT bytes FROM sent_bundle_parts WHERE bundle_id = ? AND part = ?').pluck();
  for (let i = 0; ; i++) {
    const bytes = part.get(bundleId, i) as Buffer | undefined;
    if (!bytes) return;
    yield bytes;
  }
}

/** Writes a sent bundle again, byte for byte, under a new random name in `outDir` (`bundles.resend`). */
export function writeSentBundle(u: Unlocked, bundleId: string, outDir: string): string {
  const parts = sentBundleBytes(u, bundleId);
  const first = parts.next();
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, randomName());
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      if (!first.done) writeSync(fd, first.value);
      for (const bytes of parts) writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return path;
}

/** Bundles imported from these partners since our last bundle to them: acknowledged in the next one. */
function pendingAcknowledgements(u: Unlocked, to: string[]): Acknowledgement[] {
  const rows = cached(
    u.workspace.db,
    `SELECT i.stream_id AS streamId, i.seq, i.bundle_id AS bundleId, i.manifest_hash AS manifestHash
       FROM imported_bundles i
      WHERE i.sender = @partner
        AND i.imported_at > coalesce((SELECT max(s.created_at) FROM sent_bundles s WHERE s.recipients LIKE @like), '')
      ORDER BY i.imported_at LIMIT 1000`,
  );
  return to.flatMap((partner) => rows.all({ partner, like: `%"${partner}"%` }) as Acknowledgement[]);
}

export async function sendBundle(u: Unlocked, out: Outgoing): Promise<Sent> {
  const db = u.workspace.db;
  const partners = new PartnerStore(db);
  const signerOrNull = out.signer ?? activeOrgKey(db);
  const ours = activeOrgKey(db);
  if (!signerOrNull || !ours) throw new CounterpartError('NOT_FOUND', 'This workspace has no organisation keys yet.');
  const signer: OrgKey = signerOrNull;
  const to = [...new Set(out.to)].sort();
  const recipients = to.map((code) => {
    const key = partners.activeKey(code);
    if (!key) throw new CounterpartError('PARTNER_UNKNOWN', `${code} has no key in the partner directory.`, { partner: code });
    return { org: code, fingerprint: key.fingerprint, ageRecipient: key.age_recipient };
  });
  const streamId = streamIdFor(u.organisation.code, to);
  const streams = new Streams(db);
  const { seq, prev } = streams.nextOut(streamId);
  const bundleId = uuidv7();
  const createdAt = new Date().toISOString();
  const files = out.files.map((f) => ('bytes' in f ? bytesSource(f) : f));
  const written = await writeBundleFile({
    manifest: {
      bundleId,
      bundleType: out.type,
      sender: { org: u.organisation.code, fingerprint: signer.fingerprint },
      recipients: recipients.map(({ org, fingerprint }) => ({ org, fingerprint })),
      stream: { id: streamId, seq, prev },
      createdAt,
      purpose: out.purpose,
      legalBasis: out.legalBasis ?? null,
      consentRef: out.consentRef ?? null,
      deleteAfter: out.deleteAfter ?? null,
      acknowledgements: [...new Map([...(out.acknowledgements ?? []), ...pendingAcknowledgements(u, to)].map((a) => [a.bundleId, a])).values()],
      transfers: out.transfers ?? [],
      keyUpdate: out.keyUpdate ?? null,
    },
    files,
    signer: { fingerprint: signer.fingerprint, sign: (m) => sign(signer, m) },
    ageRecipients: [...recipients.map((r) => r.ageRecipient), ours.ageRecipient],
  }, out.outDir, randomName(), out.write);
  const path = written.path;
  const records = files.reduce((n, f) => n + f.records, 0);
  try {
    commit();
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  return { path, bundleId, streamId, seq, bytes: written.bytes, manifestHash: written.manifestHash };

  function commit(): void {
  u.transaction(() => {
    if (streams.nextOut(streamId).seq !== seq) throw new CounterpartError('CONFLICT', 'Another bundle to the same partners was written at the same time; write this one again.');
    streams.commitOut(streamId, to.join('+'), seq, written.manifestHash, createdAt);
    cached(
      db,
      `INSERT INTO sent_bundles (bundle_id, bundle_type, recipients, stream_id, seq, manifest_hash, created_at, created_by, records, ciphertext)
       VALUES (@bundleId, @type, @recipients, @streamId, @seq, @hash, @createdAt, @by, @records, @ciphertext)`,
    ).run({
      bundleId,
      type: out.type,
      recipients: JSON.stringify(to),
      streamId,
      seq,
      hash: written.manifestHash,
      createdAt,
      by: u.user.username,
      records,
      ciphertext: Buffer.alloc(0),
    });
    storeParts(u, bundleId, path);
    out.onCommit?.({ bundleId, seq, streamId });
    u.audit.append({
      actor: u.actor,
      action: 'bundle.export',
      outcome: 'ok',
      details: { bundleId, bundleType: out.type, to, seq, records, signer: signer.fingerprint },
    });
  });
  }
}
