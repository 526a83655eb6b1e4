import { z } from 'zod';
import { cached } from '../store/database';
import { stateDigest, type Envelope, type RecordTypeDef } from '../store/records';
import type { Unlocked } from '../identity/session';
import type { MessageParams, RefusalCode } from '../../shared/domain/exchange';
import { sha256Hex, type TransferOffer } from './bundle';
import { ConflictStore } from './conflicts';
import { previousOwners, type Incoming } from './incoming';
import { dominates, mergeVersions, type MergeResult, type RemoteVersion } from './merge';
import { Streams, type SequenceStatus } from './streams';

/**
 * What importing a checked bundle would do, computed without writing: where it falls in its stream,
 * and for each record whether it is new, updated, unchanged, conflicting or refused (and why).
 * Import runs the same plan again inside its transaction and applies it.
 */

export type RecordOutcome = 'new' | 'updated' | 'unchanged' | 'conflicting' | 'held' | 'refused';

export type Refusal = { code: RefusalCode; params: MessageParams };

export type RecordPlan = { version: RemoteVersion; local: Envelope | null; result: MergeResult | null; outcome: RecordOutcome; reason?: Refusal };

export type ImportPlan = {
  sequence: SequenceStatus;
  sequenceReason?: string;
  missing: number[];
  records: RecordPlan[];
  counts: Record<Exclude<RecordOutcome, never>, number>;
  refusals: { recordId: string; recordType: string; reason: RefusalCode; params: MessageParams }[];
  transfersToUs: TransferOffer[];
};

function findRecord(u: Unlocked, id: string): Envelope | null {
  const row = cached(u.workspace.db, 'SELECT type FROM records WHERE id = ?').get(id) as { type: string } | undefined;
  return row ? u.records.get(row.type, id) : null;
}

const offered = (u: Unlocked, id: string, to: string): boolean =>
  cached(u.workspace.db, 'SELECT 1 FROM ownership_transfers WHERE record_id = ? AND from_org = ? AND to_org = ?').get(id, u.organisation.code, to) !== undefined;

/**
 * Ownership (docs/bundles.md §Ownership): a sender's version counts when the sender owns the record
 * here, handed it over earlier (its changes from before the handover), or took over a record we offered
 * it (even if it has handed it on since); a new record must belong to its sender (its own records and the children it adds).
 */
export function authorise(u: Unlocked, sender: string, version: RemoteVersion, local: Envelope | null): { outcome: 'held' | 'refused'; reason: Refusal } | null {
  const remote = version.envelope;
  if (local && local.type !== remote.type) return { outcome: 'refused', reason: { code: 'TYPE_MISMATCH', params: { localType: local.type } } };
  if (!local) return remote.ownerOrg === sender ? null : { outcome: 'held', reason: { code: 'OWNER_UNCONFIRMED', params: { owner: remote.ownerOrg } } };
  if (local.ownerOrg === sender) return null;
  if (previousOwners(u, local.id).includes(sender)) return null;
  // We offered it to the sender: its version counts, whoever it names as owner now (it may have handed it on).
  if (local.ownerOrg === u.organisation.code && offered(u, local.id, sender)) return null;
  if (local.ownerOrg === u.organisation.code) return { outcome: 'refused', reason: { code: 'OWNED_HERE', params: { owner: u.organisation.code, sender } } };
  return { outcome: 'held', reason: { code: 'OWNED_ELSEWHERE', params: { owner: local.ownerOrg, sender } } };
}

/** Merges one authorised version: the plan of one record. */
export function planRecord(u: Unlocked, sender: string, version: RemoteVersion): RecordPlan {
  const local = findRecord(u, version.envelope.id);
  const refusal = authorise(u, sender, version, local);
  // A version this office has already seen all of brings nothing, whoever sent it — unless it carries
  // fields a field profile kept from us before (a handover after a referral) and the sender may send them.
  if (local && local.type === version.envelope.type && dominates(local.vv, version.envelope.vv)) {
    const bringsFields = Object.keys(version.envelope.data).some((f) => !(f in local.data) && !local.deleted);
    if (!bringsFields || refusal) return { version, local, result: null, outcome: 'unchanged' };
  }
  if (refusal) return { version, local, result: null, outcome: refusal.outcome, reason: refusal.reason };
  const result = mergeVersions(local, local ? new ConflictStore(u.workspace.db).siblings(local.id) : {}, version);
  if (!result.next.deleted && !fits(u.records.types.get(result.next.type), result.next.data)) {
    return { version, local, result: null, outcome: 'refused', reason: { code: 'SCHEMA_MISMATCH', params: { recordType: result.next.type } } };
  }
  const outcome: RecordOutcome = result.addedSiblings.length > 0 ? 'conflicting' : result.kind;
  return { version, local, result, outcome };
}

/** The lenient schema per record type: building a partial zod schema costs far more than using it. */
const lenientSchemas = new WeakMap<RecordTypeDef, z.ZodType>();

/** Type-checks merged values; remote records may lack fields their profile kept out. */
function fits(def: RecordTypeDef, data: Record<string, unknown>): boolean {
  let schema = lenientSchemas.get(def);
  if (!schema) {
    schema = def.schema instanceof z.ZodObject ? def.schema.partial() : def.schema;
    lenientSchemas.set(def, schema);
  }
  return schema.safeParse(data).success;
}

export function planImport(u: Unlocked, incoming: Incoming): ImportPlan {
  const { manifest } = incoming;
  const streams = new Streams(u.workspace.db);
  const seq = streams.classify({ streamId: manifest.stream.id, seq: manifest.stream.seq, prev: manifest.stream.prev, bundleId: manifest.bundleId, manifestHash: incoming.manifestHash });
  const sender = manifest.sender.org;
  const records: RecordPlan[] = incoming.records.map((version) => planRecord(u, sender, version));
  const transfersToUs = manifest.transfers.filter((t) => t.to === u.organisation.code && t.from === sender);
  const counts = { new: 0, updated: 0, unchanged: 0, conflicting: 0, held: 0, refused: 0 };
  for (const r of records) counts[r.outcome]++;
  for (const t of incoming.unknownTypes) counts.refused += t.count;
  const refusals = [
    ...records.filter((r) => r.outcome === 'refused' || r.outcome === 'held').map((r) => ({ recordId: r.version.envelope.id, recordType: r.version.envelope.type, reason: r.reason!.code, params: r.reason!.params })),
    ...incoming.unknownTypes.map((t) => ({ recordId: '*', recordType: t.type, reason: 'UNKNOWN_TYPE' as const, params: { count: t.count } })),
  ];
  const missing = seq.status === 'duplicate' || seq.status === 'replay' ? streams.missing(manifest.stream.id) : streams.missing(manifest.stream.id, manifest.stream.seq);
  return { sequence: seq.status, sequenceReason: seq.reason, missing, records, counts, refusals, transfersToUs };
}

/** Names this file and this database state: an import with it applies exactly what was previewed. */
export function previewToken(u: Unlocked, incoming: Incoming): string {
  const open = cached(u.workspace.db, `SELECT count(*) FROM conflicts WHERE state = 'open'`).pluck().get() as number;
  return sha256Hex(`${incoming.fileHash}:${stateDigest(u.workspace.db)}:${open}`);
}
