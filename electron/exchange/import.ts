import { CounterpartError } from '../../shared/contract/errors';
import type { BundleInspection, ImportResult } from '../../shared/contract/exchange';
import type { z } from 'zod';
import { cached } from '../store/database';
import type { Unlocked } from '../identity/session';
import type { CallContext } from '../rpc/types';
import { contentHash, storeAttachment } from './attachments';
import { requireBundleRole } from './bundleRoles';
import { ConflictStore } from './conflicts';
import { readIncoming, type Incoming, type ReadOptions } from './incoming';
import { OWNER_FIELD } from './merge';
import { sendBundle } from './outgoing';
import { PLAN_CHUNK, planImport, planRecord, previewToken, type ImportPlan, type RecordPlan } from './plan';
import { fromLine, toLine } from './lines';
import { applyKeyUpdate } from './rotation';
import { Streams } from './streams';

/**
 * Inspect and import (DESIGN §6). Inspect runs every check and the preview and changes nothing.
 * Import runs them again, then applies the plan — records, conflicts, ownership, keys, stream and
 * counters, audit — in ONE transaction: any failure leaves the database exactly as it was.
 */

const summaryOf = (plan: ImportPlan) => plan.counts;

export async function inspectBundle(u: Unlocked, path: string, opts: ReadOptions = {}): Promise<BundleInspection> {
  const incoming = await readIncoming(u, path, opts);
  requireBundleRole(u, incoming.manifest.bundleType, 'receive');
  const plan = planImport(u, incoming);
  const m = incoming.manifest;
  const records: Record<string, number> = {};
  for (const f of m.files) if (f.path.startsWith('data/')) records[f.path.slice(5, -7)] = f.records;
  return {
    bundleId: m.bundleId,
    bundleType: m.bundleType,
    formatVersion: m.formatVersion,
    sender: { org: incoming.sender.code, name: incoming.sender.name, fingerprint: m.sender.fingerprint, trust: incoming.sender.trust },
    recipients: m.recipients,
    stream: { id: m.stream.id, seq: m.stream.seq },
    createdAt: m.createdAt,
    purpose: m.purpose,
    legalBasis: m.legalBasis,
    consentRef: m.consentRef,
    deleteAfter: m.deleteAfter,
    records,
    files: m.files.length,
    bytes: incoming.bytes,
    sequence: plan.sequence,
    missing: plan.missing,
    preview: summaryOf(plan),
    refusals: plan.refusals,
    previewToken: previewToken(u, incoming),
  };
}

export type ImportOptions = ReadOptions & { previewToken?: string; receiptDir?: string };

export async function importBundle(u: Unlocked, path: string, opts: ImportOptions = {}): Promise<z.output<typeof ImportResult>> {
  const incoming = await readIncoming(u, path, opts);
  const m = incoming.manifest;
  requireBundleRole(u, m.bundleType, 'receive');
  if (incoming.sender.trust !== 'verified') {
    throw new CounterpartError('PARTNER_UNVERIFIED', `The fingerprint of ${incoming.sender.code} was not compared yet; compare it and mark the partner verified before importing its bundles.`, {
      partner: incoming.sender.code,
    });
  }
  if (opts.signal?.aborted) throw new CounterpartError('CANCELLED', 'The import was cancelled; nothing was changed.');
  const base = { bundleId: m.bundleId, bundleType: m.bundleType, sender: m.sender.org, seq: m.stream.seq };
  const applied = u.transaction(() => {
    if (opts.previewToken !== undefined && opts.previewToken !== previewToken(u, incoming)) {
      throw new CounterpartError('PREVIEW_STALE', 'The workspace changed since this bundle was previewed; preview it again before importing.');
    }
    const plan = planImport(u, incoming);
    if (plan.sequence === 'duplicate') return { plan, duplicate: true };
    if (plan.sequence === 'replay') {
      throw new CounterpartError('BUNDLE_REPLAY', `This bundle is refused as a replay: ${plan.sequenceReason ?? 'its number was already used'}.`, { streamId: m.stream.id, seq: m.stream.seq });
    }
    apply(u, incoming, plan);
    return { plan, duplicate: false };
  });
  if (applied.duplicate) {
    u.audit.append({ actor: u.actor, action: 'bundle.import', outcome: 'ok', details: { ...base, duplicate: true } });
    return { status: 'duplicate', ...base, sequence: 'duplicate', applied: { new: 0, updated: 0, unchanged: 0, conflicting: 0, held: 0, refused: 0 }, missing: applied.plan.missing, receiptPath: null };
  }
  let receiptPath: string | null = null;
  if (opts.receiptDir && m.bundleType !== 'receipt') {
    const receipt = await sendBundle(u, {
      type: 'receipt',
      to: [m.sender.org],
      purpose: `Receipt for bundle ${m.stream.seq} (${m.bundleType})`,
      files: [],
      acknowledgements: [{ streamId: m.stream.id, seq: m.stream.seq, bundleId: m.bundleId, manifestHash: incoming.manifestHash }],
      outDir: opts.receiptDir,
    });
    receiptPath = receipt.path;
  }
  return { status: 'imported', ...base, sequence: applied.plan.sequence, applied: summaryOf(applied.plan), missing: applied.plan.missing, receiptPath };
}

function apply(u: Unlocked, incoming: Incoming, plan: ImportPlan): void {
  const db = u.workspace.db;
  const m = incoming.manifest;
  const sender = m.sender.org;
  const now = new Date().toISOString();
  const conflicts = new ConflictStore(db);
  const ctx = { bundleId: m.bundleId, senderOrg: sender, ourNode: u.organisation.nodeId, ourOrg: u.organisation.code, now };

  const holdStatement = cached(db, `INSERT OR REPLACE INTO held_versions (record_id, sender, bundle_id, line, reason, held_at) VALUES (@id, @from, @bundleId, @line, @reason, @now)`);
  const handedOver = cached(
    db,
    `INSERT INTO ownership_transfers (record_id, record_type, from_org, to_org, bundle_id, state, offered_at, accepted_at)
     VALUES (@id, @type, @from, @to, @bundleId, 'accepted', @now, @now)
     ON CONFLICT (record_id, from_org, to_org) DO UPDATE SET state = 'accepted', accepted_at = coalesce(ownership_transfers.accepted_at, excluded.accepted_at)`,
  );
  /** Applies the plans of some records from one bundle: held versions kept aside, merged versions written (in one batch), their conflicts and handovers. */
  const applyPlans = (plans: readonly RecordPlan[], bundleId: string, from: string) => {
    const writes: { r: RecordPlan; result: NonNullable<RecordPlan['result']> }[] = [];
    for (const r of plans) {
      if (r.outcome === 'held') {
        holdStatement.run({
          id: r.version.envelope.id,
          from,
          bundleId,
          line: JSON.stringify(toLine(r.version.envelope, { fields: 'all' }, r.version.siblings, r.version.withheld)),
          reason: r.reason ? JSON.stringify(r.reason) : '',
          now,
        });
      } else if (r.result && r.outcome !== 'unchanged' && r.outcome !== 'refused') writes.push({ r, result: r.result });
    }
    u.records.applyRemoteMany(writes.map(({ r, result }) => ({ next: result.next, info: { isNew: r.local === null, fields: result.changedFields, bundleId, sender: from } })));
    for (const { r, result } of writes) {
      conflicts.applyMerge(result.next, result, { ...ctx, bundleId, senderOrg: from });
      // A change of owner seen in a merge: remember who handed over (its earlier changes still count).
      if (r.local && r.local.ownerOrg !== result.next.ownerOrg) {
        handedOver.run({ id: r.local.id, type: r.local.type, from: r.local.ownerOrg, to: result.next.ownerOrg, bundleId, now });
      }
    }
  };
  for (let i = 0; i < plan.records.length; i += PLAN_CHUNK) applyPlans(plan.records.slice(i, i + PLAN_CHUNK), m.bundleId, sender);
  // Attachment content, inside the encrypted database, for every record that was not refused.
  for (const r of plan.records) {
    const sha256 = r.outcome === 'refused' ? null : contentHash(r.version.envelope);
    const bytes = sha256 ? incoming.attachments.get(sha256) : undefined;
    if (sha256 && bytes) storeAttachment(db, sha256, bytes, now);
  }
  for (const t of plan.transfersToUs) {
    const record = u.records.get(t.recordType, t.recordId);
    if (!record || record.ownerOrg !== sender) continue;
    u.records.takeOwnership(t.recordType, t.recordId, OWNER_FIELD);
    cached(
      db,
      `INSERT INTO ownership_transfers (record_id, record_type, from_org, to_org, bundle_id, state, offered_at, accepted_at)
       VALUES (@recordId, @recordType, @from, @to, @bundleId, 'accepted', @offeredAt, @now)
       ON CONFLICT (record_id, from_org, to_org) DO UPDATE SET state = 'accepted', accepted_at = excluded.accepted_at`,
    ).run({ ...t, bundleId: m.bundleId, offeredAt: m.createdAt, now });
    u.audit.append({ actor: u.actor, action: 'ownership.accept', recordType: t.recordType, recordId: t.recordId, outcome: 'ok', details: { from: sender, bundleId: m.bundleId } });
  }
  if (m.bundleType === 'key-update') {
    if (!m.keyUpdate) throw new CounterpartError('BUNDLE_MALFORMED', 'This key-update bundle carries no key.');
    applyKeyUpdate(u, sender, m.sender.fingerprint, m.keyUpdate, m.createdAt);
  }
  retryHeld(u, (r, bundleId, from) => applyPlans([r], bundleId, from));
  for (const ack of m.acknowledgements) {
    cached(db, 'UPDATE sent_bundles SET acknowledged_at = @now WHERE bundle_id = @bundleId AND acknowledged_at IS NULL').run({ bundleId: ack.bundleId, now });
  }
  const streams = new Streams(db);
  streams.recordIn({ streamId: m.stream.id, partner: sender, seq: m.stream.seq, prev: m.stream.prev, bundleId: m.bundleId, manifestHash: incoming.manifestHash }, now);
  cached(
    db,
    `INSERT INTO imported_bundles (bundle_id, sender, bundle_type, stream_id, seq, manifest_hash, imported_at, imported_by, summary)
     VALUES (@bundleId, @sender, @type, @streamId, @seq, @hash, @now, @by, @summary)`,
  ).run({
    bundleId: m.bundleId,
    sender,
    type: m.bundleType,
    streamId: m.stream.id,
    seq: m.stream.seq,
    hash: incoming.manifestHash,
    now,
    by: u.user.username,
    summary: JSON.stringify(plan.counts),
  });
  u.audit.append({
    actor: u.actor,
    action: 'bundle.import',
    outcome: 'ok',
    details: { bundleId: m.bundleId, bundleType: m.bundleType, from: sender, seq: m.stream.seq, sequence: plan.sequence, counts: plan.counts, missing: plan.missing, refusals: plan.refusals.length },
  });
}

type HeldRow = { record_id: string; sender: string; bundle_id: string; line: string };

/** Versions kept aside for want of ownership news: merged once the news has arrived (until nothing moves). */
function retryHeld(u: Unlocked, applyPlan: (r: RecordPlan, bundleId: string, from: string) => void): void {
  const db = u.workspace.db;
  for (let round = 0; round < 10; round++) {
    let moved = false;
    for (const row of cached(db, 'SELECT record_id, sender, bundle_id, line FROM held_versions ORDER BY held_at, rowid').all() as HeldRow[]) {
      const version = fromLine(JSON.parse(row.line), (JSON.parse(row.line) as { type: string }).type, 'a kept-aside version');
      const plan = planRecord(u, row.sender, version);
      if (plan.outcome === 'held') continue;
      cached(db, 'DELETE FROM held_versions WHERE record_id = ? AND sender = ? AND bundle_id = ?').run(row.record_id, row.sender, row.bundle_id);
      applyPlan(plan, row.bundle_id, row.sender);
      moved = true;
    }
    if (!moved) return;
  }
}

/** Incoming and outgoing streams with the bundles that never arrived, in words. */
export function streamViews(u: Unlocked) {
  const streams = new Streams(u.workspace.db);
  return streams.list().map((s) => {
    const missing = s.direction === 'in' ? streams.missing(s.stream_id) : [];
    return {
      streamId: s.stream_id,
      direction: s.direction,
      partner: s.partner_code,
      lastSeq: s.last_seq,
      missing,
      notices: missing.map((seq) => ({ code: 'BUNDLE_NEVER_ARRIVED' as const, params: { seq, partner: s.partner_code } })),
      updatedAt: s.updated_at,
    };
  });
}

export type { CallContext };
