import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { ExportInput } from '../../shared/contract/exchange';
import type { BundleType } from '../../shared/domain/exchange';
import { cached } from '../store/database';
import type { Envelope, FieldProfile } from '../store/records';
import type { Unlocked } from '../identity/session';
import type { CallContext } from '../rpc/types';
import { consentDecision, consentRefusal } from './consent';
import { ConflictStore } from './conflicts';
import { ensureOrganisationKeys } from './keys';
import { attachmentSources, contentHash } from './attachments';
import { requireBundleRole } from './bundleRoles';
import { toLine } from './lines';
import { sendBundle, type Sent } from './outgoing';
import { PartnerStore } from './partners';
import type { TransferOffer } from './bundle';
import { spoolSource, Spool, type BundleSource } from './bundleWriter';

/**
 * Export (DESIGN §6): to verified partners only (an administrator may override for an unverified one,
 * audited); the selected records or everything changed since the last bundle to these partners; only
 * record types with a field profile for the bundle type, projected to that profile; personal data only
 * through the record type's consent gate.
 */

export type ExportRequest = z.output<typeof ExportInput>;
export type ExportOutcome = Sent & { bundleType: BundleType; records: Record<string, number> };

const checkCancelled = (signal: AbortSignal) => {
  if (signal.aborted) throw new CounterpartError('CANCELLED', 'The export was cancelled; nothing was written.');
};

/** Recipients must be known, not revoked, and verified (or overridden by an administrator). */
export function checkRecipients(u: Unlocked, to: string[], overrideUnverified: boolean): { overridden: string[] } {
  const partners = new PartnerStore(u.workspace.db);
  const overridden: string[] = [];
  for (const code of to) {
    if (code === u.organisation.code) throw new CounterpartError('VALIDATION', 'A bundle is for other organisations, not for your own.');
    const partner = partners.get(code);
    if (partner.trust === 'revoked') throw new CounterpartError('PARTNER_REVOKED', `${code} was revoked as a partner; nothing can be sent to it.`, { partner: code });
    if (partner.trust === 'unverified') {
      if (!overrideUnverified || u.user.role !== 'admin') {
        throw new CounterpartError('PARTNER_UNVERIFIED', `The fingerprint of ${code} was not compared yet; compare it (phone, in person) and mark it verified first.`, { partner: code });
      }
      overridden.push(code);
    }
  }
  return { overridden };
}

/** Records transferred away by us: we still send our changes made before the new owner took over. */
const previouslyOwned = (u: Unlocked, id: string): boolean =>
  cached(u.workspace.db, 'SELECT 1 FROM ownership_transfers WHERE record_id = ? AND from_org = ?').get(id, u.organisation.code) !== undefined;

/**
 * "Since the last bundle" counts per partner AND bundle type: a referral (few fields) must not make the
 * next case update skip the records it carried, nor progress reports skip plan changes.
 */
const checkpointKey = (partner: string, type: BundleType): string => `${partner}|${type}`;

/** Records read per page of an export; between pages the call yields (progress, cancel, other calls). */
const PAGE = 500;

type Selection = { checkpoint: number; total: number; pages: () => Generator<Envelope[]> };

/**
 * What to send, read page by page (memory does not grow with the workspace): the chosen records, or
 * every record changed since the checkpoint of these partners, walked in id order on `change_log_by_record`.
 * The change-log position is fixed first; a record changed while the export runs is sent as it is when
 * its page is read, and again in the next bundle (its change is after the checkpoint).
 */
function selectRecords(u: Unlocked, req: ExportRequest, profileFor: (recordType: string) => FieldProfile | null): Selection {
  const db = u.workspace.db;
  const checkpoint = (db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number) ?? 0;
  if (req.select.mode === 'ids') {
    // Data files list their records in id order, each once (the importer refuses anything else), so a
    // selection given in any order, or naming a record twice, is sorted and de-duplicated first.
    const ids = [...new Set(req.select.ids)].sort();
    const chosen = (found: Map<string, Envelope>, id: string): Envelope => {
      const record = found.get(id);
      if (!record) throw new CounterpartError('NOT_FOUND', `There is no record with id ${id}.`, { id });
      if (!profileFor(record.type)) throw new CounterpartError('VALIDATION', `A ${record.type} cannot travel in a ${req.type} bundle.`, { id });
      if (record.ownerOrg !== u.organisation.code && !previouslyOwned(u, id)) {
        throw new CounterpartError('FORBIDDEN', `This ${record.type} belongs to ${record.ownerOrg}; only its owner sends it.`, { id, ownerOrg: record.ownerOrg });
      }
      return record;
    };
    return {
      checkpoint,
      total: ids.length,
      *pages() {
        for (let i = 0; i < ids.length; i += PAGE) {
          const slice = ids.slice(i, i + PAGE);
          const found = u.records.getMany(slice);
          yield slice.map((id) => chosen(found, id));
        }
      },
    };
  }
  const since = Math.min(
    ...req.to.map((code) => (cached(db, 'SELECT change_log_seq FROM export_checkpoints WHERE partner_code = ?').pluck().get(checkpointKey(code, req.type)) as number | undefined) ?? 0),
  );
  const range = { since, checkpoint };
  // Counted on the index in record order (no temporary B-tree of every id).
  const total = cached(db, 'SELECT count(*) FROM (SELECT 1 FROM change_log INDEXED BY change_log_by_record WHERE seq > @since AND seq <= @checkpoint GROUP BY record_id)').pluck().get(range) as number;
  const page = cached(db, 'SELECT DISTINCT record_id FROM change_log WHERE record_id > @after AND seq > @since AND seq <= @checkpoint ORDER BY record_id LIMIT @limit').pluck();
  const travels = (r: Envelope | undefined): r is Envelope => r !== undefined && profileFor(r.type) !== null && (r.ownerOrg === u.organisation.code || previouslyOwned(u, r.id));
  return {
    checkpoint,
    total,
    *pages() {
      for (let after = ''; ; ) {
        const ids = page.all({ ...range, after, limit: PAGE }) as string[];
        if (ids.length === 0) return;
        after = ids[ids.length - 1]!;
        // One read of the page's records (the ids are distinct: one row each).
        const found = u.records.getMany(ids);
        yield ids.map((id) => found.get(id)).filter(travels);
      }
    },
  };
}

/** The field profile of each record type for this bundle type (null: the type does not travel in it), looked up once per type. */
function profilesFor(u: Unlocked, bundleType: BundleType): (recordType: string) => FieldProfile | null {
  const known = new Map<string, FieldProfile | null>();
  return (recordType) => {
    let profile = known.get(recordType);
    if (profile === undefined) known.set(recordType, (profile = u.records.types.list().find((d) => d.type === recordType)?.profiles?.[bundleType] ?? null));
    return profile;
  };
}

/** The manifest's room for consent references (docs/bundles.md §Manifest). */
const CONSENT_REF_MAX = 4000;

/**
 * The consent references of the gates, for the manifest: all of them when they fit, else as many as fit
 * and how many more (the consent records themselves travel with case updates and handovers).
 */
export function summariseConsentRefs(refs: ReadonlySet<string>): string | null {
  if (refs.size === 0) return null;
  const sorted = [...refs].sort();
  const all = sorted.join(', ');
  if (all.length <= CONSENT_REF_MAX) return all;
  const kept: string[] = [];
  let length = 0;
  for (const ref of sorted) {
    const more = ` … and ${sorted.length - kept.length} more`;
    if (length + ref.length + 2 + more.length + 10 > CONSENT_REF_MAX) break;
    kept.push(ref);
    length += ref.length + 2;
  }
  return `${kept.join(', ')} … and ${sorted.length - kept.length} more`;
}

/** Who may let records go without the consent the gate asks for: those who approve handovers. */
const CONSENT_OVERRIDERS: readonly string[] = ['admin', 'case_manager'];

export async function exportBundle(u: Unlocked, req: ExportRequest, ctx: Pick<CallContext, 'signal' | 'progress'>): Promise<ExportOutcome> {
  requireBundleRole(u, req.type, 'send');
  if (req.overrideConsent && !CONSENT_OVERRIDERS.includes(u.user.role)) {
    throw new CounterpartError('FORBIDDEN', 'Only an administrator or a case manager may send records without the recorded consent.');
  }
  if (req.type === 'ownership-transfer' && (req.select.mode !== 'ids' || req.to.length !== 1)) {
    throw new CounterpartError('VALIDATION', 'A handover names its records and goes to exactly one organisation.');
  }
  await ensureOrganisationKeys(u);
  const to = [...new Set(req.to)].sort();
  const { overridden } = checkRecipients(u, to, req.overrideUnverified);
  const profileFor = profilesFor(u, req.type);
  const { pages, total, checkpoint } = selectRecords(u, { ...req, to }, profileFor);
  const steps = Math.max(1, 2 * total);
  ctx.progress(0, steps, 'select');
  checkCancelled(ctx.signal);

  // Pass 1: each record is checked, projected and written to an encrypted spool of its type (hashing
  // it); what the commit needs later (audit entries, consent overrides) goes to another spool, one
  // `type TAB id TAB overridden` line per personal-data record. Pass 2 is sendBundle.
  const spoolDir = req.outDir;
  const spools = new Map<string, Spool>();
  const audited = new Spool(spoolDir);
  try {
    const conflicts = new ConflictStore(u.workspace.db);
    const consentRefs = new Set<string>();
    let consentOverrides = 0;
    const attachments = new Set<string>();
    const handedOver: Envelope[] = [];
    const noSiblings = {};
    let done = 0;
    for (const page of pages()) {
      // The gates' reads for this page (a case's consents, once per case): no other call runs until the page is done.
      const memo = new Map<string, unknown>();
      const siblings = conflicts.siblingsOf(page.map((r) => r.id));
      for (const record of page) {
        const def = u.records.types.get(record.type);
        const request = { db: u.workspace.db, record, bundleType: req.type, recipients: to, purpose: req.purpose, consentRef: req.consentRef ?? null, memo };
        // A refusal stops the export unless the sender overrides it (decided without throwing: thousands of records may be overridden).
        const decision = consentDecision(def, request);
        const overridden = decision !== null && !decision.allowed;
        if (decision?.allowed && decision.consentRef) consentRefs.add(decision.consentRef);
        if (decision && !decision.allowed) {
          if (!req.overrideConsent) throw consentRefusal(def, request, decision);
          consentOverrides += 1;
          consentRefs.add('override');
        }
        const line = toLine(record, profileFor(record.type)!, siblings.get(record.id) ?? noSiblings);
        let spool = spools.get(record.type);
        if (!spool) spools.set(record.type, (spool = new Spool(spoolDir)));
        spool.write(Buffer.from(`${JSON.stringify(line)}\n`, 'utf8'));
        const sha = contentHash(line);
        if (sha) attachments.add(sha);
        if (def.personalData) audited.write(auditLine(record, overridden));
        if (req.type === 'ownership-transfer') handedOver.push(record);
      }
      done += page.length;
      ctx.progress(done, steps, 'select');
      // Let the progress out and a cancel in; the page's statement is not open across this.
      await new Promise((resolve) => setImmediate(resolve));
      checkCancelled(ctx.signal);
    }
    const files: BundleSource[] = [
      ...[...spools.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, spool]) => spoolSource(`data/${type}.ndjson`, spool)),
      // The content of the attachments whose records travel (and carry their hash), read when written.
      ...attachmentSources(u.workspace.db, attachments),
    ];
    audited.finish();
    ctx.progress(total, steps, 'encrypt');
    checkCancelled(ctx.signal);

    const transfers: TransferOffer[] = handedOver.map((r) => ({ recordId: r.id, recordType: r.type, from: u.organisation.code, to: to[0]! }));
    for (const [i, t] of transfers.entries()) {
      const record = handedOver[i]!;
      if (record.ownerOrg !== u.organisation.code || record.deleted) throw new CounterpartError('FORBIDDEN', `Only the owner hands over a record (${t.recordId}).`);
      const pending = cached(u.workspace.db, `SELECT to_org FROM ownership_transfers WHERE record_id = ? AND from_org = ? AND state = 'offered'`).pluck().get(t.recordId, u.organisation.code) as string | undefined;
      if (pending && pending !== t.to) throw new CounterpartError('CONFLICT', `This record is already being handed over to ${pending}.`, { id: t.recordId });
    }
    const dataBytes = Math.max(1, files.reduce((n, f) => n + f.size, 0));

  const sent = await sendBundle(u, {
    type: req.type,
    to,
    purpose: req.purpose,
    legalBasis: req.legalBasis ?? null,
    consentRef: req.consentRef ?? summariseConsentRefs(consentRefs),
    deleteAfter: req.deleteAfter ?? null,
    files,
    transfers,
    outDir: req.outDir,
    write: { signal: ctx.signal, onProgress: (bytes) => ctx.progress(total + Math.floor((total * bytes) / dataBytes), steps, 'encrypt') },
    onCommit: ({ bundleId }) => {
      // The file is written and stored in the sent log; what follows is checkpoints and one audit entry per record.
      ctx.progress(steps - 1, steps, 'commit');
      const now = new Date().toISOString();
      // Only "everything since the last bundle" moves the checkpoint: chosen records leave others unsent.
      for (const code of req.select.mode === 'sinceLast' ? to : []) {
        cached(
          u.workspace.db,
          `INSERT INTO export_checkpoints (partner_code, change_log_seq, updated_at) VALUES (@code, @seq, @now)
           ON CONFLICT (partner_code) DO UPDATE SET change_log_seq = max(export_checkpoints.change_log_seq, excluded.change_log_seq), updated_at = excluded.updated_at`,
        ).run({ code: checkpointKey(code, req.type), seq: checkpoint, now });
      }
      for (const t of transfers) {
        cached(
          u.workspace.db,
          `INSERT INTO ownership_transfers (record_id, record_type, from_org, to_org, bundle_id, state, offered_at) VALUES (@recordId, @recordType, @from, @to, @bundleId, 'offered', @now)
           ON CONFLICT (record_id, from_org, to_org) DO UPDATE SET bundle_id = excluded.bundle_id, offered_at = excluded.offered_at`,
        ).run({ ...t, bundleId, now });
      }
      // Personal data leaving the office: one audit entry per record, naming the bundle and recipients.
      const details = { bundleId, to, purpose: req.purpose };
      for (const [type, id] of auditedRecords(audited)) {
        u.audit.add({ actor: u.actor, action: `${type}.export`, recordType: type, recordId: id, outcome: 'ok', details });
      }
      for (const code of overridden) {
        u.audit.append({ actor: u.actor, action: 'bundle.export.override_unverified', outcome: 'ok', details: { bundleId, partner: code, reason: req.overrideReason } });
      }
      // Then the records that left without the recorded consent, in the same order (a second read of the spool).
      const overrideDetails = { ...details, reason: req.overrideReason };
      for (const [type, id] of consentOverrides > 0 ? auditedRecords(audited, true) : []) {
        u.audit.add({ actor: u.actor, action: 'bundle.export.override_consent', recordType: type, recordId: id, outcome: 'ok', details: overrideDetails });
      }
    },
  });
  ctx.progress(steps, steps, 'done');
  return { ...sent, bundleType: req.type, records: Object.fromEntries([...spools.entries()].map(([t, spool]) => [t, spool.records])) };
  } finally {
    for (const spool of spools.values()) spool.remove();
    audited.remove();
  }
}

/** A line of the audit spool: record type and id (a registered type name and a UUID: no tab, no newline), and whether its consent was overridden. */
function auditLine(record: Envelope, overridden: boolean): Buffer {
  if (/[\t\n]/.test(record.type) || /[\t\n]/.test(record.id)) throw new CounterpartError('INTERNAL', `Record ${record.id} has an id or type that cannot be audited.`);
  return Buffer.from(`${record.type}\t${record.id}\t${overridden ? 1 : 0}\n`, 'utf8');
}

/** The (type, id) pairs written to the audit spool in pass 1 (only those with an overridden consent when `overriddenOnly`). */
function* auditedRecords(spool: Spool, overriddenOnly = false): Generator<[string, string]> {
  let rest = '';
  for (const chunk of spool.read()) {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const [type, id, overridden] = line.split('\t') as [string, string, string];
      if (!overriddenOnly || overridden === '1') yield [type, id];
    }
  }
}
