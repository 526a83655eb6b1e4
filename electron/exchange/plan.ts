import { z } from 'zod';
import { cached } from '../store/database';
import type { Envelope, RecordTypeDef } from '../store/records';
import type { Unlocked } from '../identity/session';
import type { MessageParams, RefusalCode } from '../../shared/domain/exchange';
import { sha256Hex, type Manifest, type TransferOffer } from './bundle';
import { ConflictStore } from './conflicts';
import type { BundleHead } from './incoming';
import { dominates, mergeVersions, type MergeResult, type RemoteVersion, type Siblings } from './merge';
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
  refusals: { recordId: string; recordType: string; reason: RefusalCode; params: MessageParams }[];
};

/** How many records are looked up with one query per table while planning. */
export const PLAN_CHUNK = 500;

/** What the plan needs to know of the workspace about some record ids, read with one query per table. */
export type Known = {
  local: Map<string, Envelope>;
  siblings: Map<string, Siblings>;
  /** Ownership transfers (offered or accepted) of each record. */
  transfers: Map<string, { from: string; to: string }[]>;
};

/** Reads the local versions, open conflicts and ownership transfers of these ids (one query each). */
export function lookup(u: Unlocked, ids: readonly string[]): Known {
  const db = u.workspace.db;
  const json = JSON.stringify(ids);
  const local = u.records.getMany(ids);
  const siblings = new ConflictStore(db).siblingsOf(ids);
  const transfers = new Map<string, { from: string; to: string }[]>();
  if (local.size > 0) {
    const rows = cached(db, 'SELECT record_id, from_org, to_org FROM ownership_transfers WHERE record_id IN (SELECT value FROM json_each(?))').all(json) as { record_id: string; from_org: string; to_org: string }[];
    for (const row of rows) {
      let list = transfers.get(row.record_id);
      if (!list) transfers.set(row.record_id, (list = []));
      list.push({ from: row.from_org, to: row.to_org });
    }
  }
  return { local, siblings, transfers };
}

/**
 * Ownership (docs/bundles.md §Ownership): a sender's version counts when the sender owns the record
 * here, handed it over earlier (its changes from before the handover), or took over a record we offered
 * it (even if it has handed it on since); a new record must belong to its sender (its own records and the children it adds).
 */
export function authorise(u: Unlocked, sender: string, version: RemoteVersion, local: Envelope | null, transfers: readonly { from: string; to: string }[] = []): { outcome: 'held' | 'refused'; reason: Refusal } | null {
  const remote = version.envelope;
  if (local && local.type !== remote.type) return { outcome: 'refused', reason: { code: 'TYPE_MISMATCH', params: { localType: local.type } } };
  if (!local) return remote.ownerOrg === sender ? null : { outcome: 'held', reason: { code: 'OWNER_UNCONFIRMED', params: { owner: remote.ownerOrg } } };
  if (local.ownerOrg === sender) return null;
  // The sender handed it over earlier: its changes from before the handover count.
  if (transfers.some((t) => t.from === sender)) return null;
  // We offered it to the sender: its version counts, whoever it names as owner now (it may have handed it on).
  const ours = u.organisation.code;
  if (local.ownerOrg === ours && transfers.some((t) => t.from === ours && t.to === sender)) return null;
  if (local.ownerOrg === ours) return { outcome: 'refused', reason: { code: 'OWNED_HERE', params: { owner: ours, sender } } };
  return { outcome: 'held', reason: { code: 'OWNED_ELSEWHERE', params: { owner: local.ownerOrg, sender } } };
}

/** Merges one authorised version: the plan of one record (`known` from `lookup`, or read here for this one record). */
export function planRecord(u: Unlocked, sender: string, version: RemoteVersion, known: Known = lookup(u, [version.envelope.id])): RecordPlan {
  const id = version.envelope.id;
  const local = known.local.get(id) ?? null;
  const refusal = authorise(u, sender, version, local, known.transfers.get(id));
  // A version this office has already seen all of brings nothing, whoever sent it — unless it carries
  // values a field profile kept from us before (a handover after a referral: fields, or the values of
  // open siblings we know only by their clock) and the sender may send them.
  if (local && local.type === version.envelope.type && dominates(local.vv, version.envelope.vv)) {
    const bringsFields = !local.deleted && (Object.keys(version.envelope.data).some((f) => !(f in local.data)) || bringsSiblingValues(known.siblings.get(id), version));
    if (!bringsFields || refusal) return { version, local, result: null, outcome: 'unchanged' };
  }
  if (refusal) return { version, local, result: null, outcome: refusal.outcome, reason: refusal.reason };
  const result = mergeVersions(local, local ? (known.siblings.get(id) ?? {}) : {}, version);
  if (!result.next.deleted && !fits(u.records.types.get(result.next.type), result.next.data)) {
    return { version, local, result: null, outcome: 'refused', reason: { code: 'SCHEMA_MISMATCH', params: { recordType: result.next.type } } };
  }
  const outcome: RecordOutcome = result.addedSiblings.length > 0 ? 'conflicting' : result.kind;
  return { version, local, result, outcome };
}

/** Some open sibling of ours is a placeholder (no value) and this version carries its value. */
function bringsSiblingValues(siblings: Siblings | undefined, version: RemoteVersion): boolean {
  if (!siblings) return false;
  const r = version.envelope;
  return Object.entries(siblings).some(([field, writes]) =>
    writes.some(
      (w) =>
        w.value === undefined &&
        ((field in r.data && r.fieldClock[field]?.[0] === w.clock[0] && r.fieldClock[field]?.[1] === w.clock[1]) ||
          (version.siblings[field] ?? []).some((t) => t.value !== undefined && t.clock[0] === w.clock[0] && t.clock[1] === w.clock[1])),
    ),
  );
}

/** Plans records in chunks: one query per table and chunk instead of several per record. */
export function planRecords(u: Unlocked, sender: string, versions: readonly RemoteVersion[]): RecordPlan[] {
  const out: RecordPlan[] = [];
  for (let i = 0; i < versions.length; i += PLAN_CHUNK) {
    const chunk = versions.slice(i, i + PLAN_CHUNK);
    const known = lookup(u, chunk.map((v) => v.envelope.id));
    for (const version of chunk) out.push(planRecord(u, sender, version, known));
  }
  return out;
}

/** Per record type, the check of merged values (`fits`): built once per type. */
const checkers = new WeakMap<RecordTypeDef, (data: Record<string, unknown>) => boolean>();

/**
 * What `schema.partial().safeParse(data).success` says, without parsing the fields a record does not
 * hold: each field it holds is checked by its own schema made optional (exactly what the partial object
 * runs for it), a field the schema does not name by the object's catch-all (refused by a strict object,
 * dropped by a plain one). A partial object ran every field of the shape, defaults included, for every
 * record (and its lazily built shape cost a one-off construction quadratic in the number of fields); fits.test.ts holds the two
 * equal for every record type. A schema that is not a plain object (a discriminated union) parses whole.
 */
function checkerOf(def: RecordTypeDef): (data: Record<string, unknown>) => boolean {
  const schema = def.schema;
  if (!(schema instanceof z.ZodObject)) return (data) => schema.safeParse(data).success;
  const fields = new Map<string, z.ZodType>();
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) fields.set(name, field.optional());
  const catchall = (schema as z.ZodObject)._zod.def.catchall as z.ZodType | undefined;
  return (data) => {
    for (const name of Object.keys(data)) {
      const field = fields.get(name);
      if (field ? !field.safeParse(data[name]).success : catchall !== undefined && !catchall.safeParse(data[name]).success) return false;
    }
    return true;
  };
}

/** Type-checks merged values; remote records may lack fields their profile kept out. */
export function fits(def: RecordTypeDef, data: Record<string, unknown>): boolean {
  let check = checkers.get(def);
  if (!check) checkers.set(def, (check = checkerOf(def)));
  return check(data);
}

/** Where a bundle falls in its stream, and the bundles of the stream that never arrived. */
export function sequenceOf(u: Unlocked, head: BundleHead): { sequence: SequenceStatus; sequenceReason?: string; missing: number[] } {
  const { manifest } = head;
  const streams = new Streams(u.workspace.db);
  const seq = streams.classify({ streamId: manifest.stream.id, seq: manifest.stream.seq, prev: manifest.stream.prev, bundleId: manifest.bundleId, manifestHash: head.manifestHash });
  const missing = seq.status === 'duplicate' || seq.status === 'replay' ? streams.missing(manifest.stream.id) : streams.missing(manifest.stream.id, manifest.stream.seq);
  return { sequence: seq.status, sequenceReason: seq.reason, missing };
}

/** The transfers a bundle offers to this organisation (accepted at the end of its import). */
export const transfersToUs = (u: Unlocked, manifest: Manifest): TransferOffer[] =>
  manifest.transfers.filter((t) => t.to === u.organisation.code && t.from === manifest.sender.org);

/** Counts the outcomes and keeps the refusals of a bundle's records as their plans are made. */
export class Tally {
  readonly counts: Record<RecordOutcome, number> = { new: 0, updated: 0, unchanged: 0, conflicting: 0, held: 0, refused: 0 };
  private readonly refused: ImportPlan['refusals'] = [];
  private readonly unknown: ImportPlan['refusals'] = [];

  add(r: RecordPlan): void {
    this.counts[r.outcome]++;
    if ((r.outcome === 'refused' || r.outcome === 'held') && r.reason) {
      this.refused.push({ recordId: r.version.envelope.id, recordType: r.version.envelope.type, reason: r.reason.code, params: r.reason.params });
    }
  }

  unknownType(type: string, count: number): void {
    this.counts.refused += count;
    this.unknown.push({ recordId: '*', recordType: type, reason: 'UNKNOWN_TYPE', params: { count } });
  }

  get refusals(): ImportPlan['refusals'] {
    return [...this.refused, ...this.unknown];
  }
}

/**
 * The workspace state a preview depends on; with the file's hash it makes the preview token, so that an
 * import with the token applies exactly what was previewed. Cheap at any size (no scan of the records): every write of a record appends to the
 * change log (AUTOINCREMENT, so its last number only grows); conflicts, kept-aside versions, ownership
 * offers and imported bundles (the stream position) are counted.
 */
export function workspaceState(u: Unlocked): string {
  const state = cached(
    u.workspace.db,
    `SELECT (SELECT coalesce(max(seq), 0) FROM change_log) AS changes,
            (SELECT count(*) FROM conflicts WHERE state = 'open') AS open,
            (SELECT count(*) FROM conflicts) AS conflicts,
            (SELECT count(*) FROM held_versions) AS held,
            (SELECT count(*) FROM ownership_transfers) AS transfers,
            (SELECT count(*) FROM ownership_transfers WHERE state = 'accepted') AS accepted,
            (SELECT count(*) FROM imported_bundles) AS imported`,
  ).get() as Record<string, number>;
  return Object.values(state).join(':');
}

/** The preview token of a file (its SHA-256) over a workspace state (`workspaceState`, read before the pass). */
export const previewTokenOf = (fileHash: string, state: string): string => sha256Hex(`${fileHash}:${state}`);
