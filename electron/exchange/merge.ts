import { canonicalJson } from '../../shared/domain/canonicalJson';
import type { Envelope, FieldClock, VersionVector } from '../store/records';

/**
 * The merge of DESIGN §6, per field (docs/bundles.md §Merge). Each field is a multi-value register:
 * a write is identified by its clock [node, counter]; a write is "covered" by a version whose version
 * vector has seen it. Joining two versions keeps, per field, every write the other side has not seen
 * plus every write both sides still hold. One write is shown (a fixed rule picks it, so every office that
 * joined the same versions shows the same value); the others are siblings: open conflicts for a person.
 *
 * The join is commutative, associative and idempotent, so offices that received the same bundles, in
 * any order and with duplicates, converge on the same data, versions and conflicts.
 */

export type Clock = [node: string, counter: number];
export type Write = { value: unknown; clock: Clock };
export type Siblings = Record<string, Write[]>;

/** Ownership is merged like a field: only the acceptance of a signed transfer writes it. */
export const OWNER_FIELD = '@owner';
/** The implicit owner write of a record's creation: every holder of the record has seen it. */
const CREATION: Clock = ['', 0];

export type RemoteVersion = {
  envelope: Envelope;
  /** Concurrent writes the sender holds in its conflict queue, per field. */
  siblings: Siblings;
  /** Fields the bundle's field profile kept out, with the clock of their current write (no value). */
  withheld: Record<string, Clock>;
};

export type MergeResult = {
  kind: 'new' | 'updated' | 'unchanged';
  next: Envelope;
  /** Fields whose shown write changed (including OWNER_FIELD). */
  changedFields: string[];
  siblings: Siblings;
  addedSiblings: { field: string; write: Write }[];
  removedSiblings: { field: string; write: Write }[];
  /** Open siblings known here only by their clock (a placeholder) whose value this version brought. */
  filledSiblings: { field: string; write: Write }[];
};

const sameClock = (a: Clock, b: Clock): boolean => a[0] === b[0] && a[1] === b[1];
export const covered = (vv: VersionVector, clock: Clock): boolean => (vv[clock[0]] ?? 0) >= clock[1];
const holds = (set: Write[], w: Write): boolean => set.some((x) => sameClock(x.clock, w.clock));

/** `a` has seen every write `b` has. */
export const dominates = (a: VersionVector, b: VersionVector): boolean => Object.entries(b).every(([node, n]) => (a[node] ?? 0) >= n);

export const maxVv = (a: VersionVector, b: VersionVector): VersionVector => {
  const out: VersionVector = { ...a };
  for (const [node, n] of Object.entries(b)) out[node] = Math.max(out[node] ?? 0, n);
  return out;
};

/**
 * The fixed rule that picks the shown write: on a deleted record a write that removed the value first
 * (so a concurrent edit stays visible as a conflict, not hidden in a tombstone); then the higher counter;
 * then the higher node id.
 */
function ranks(a: Write, b: Write, deleted: boolean): number {
  if (deleted && (a.value === undefined) !== (b.value === undefined)) return a.value === undefined ? 1 : -1;
  if (a.clock[1] !== b.clock[1]) return a.clock[1] - b.clock[1];
  return a.clock[0] < b.clock[0] ? -1 : a.clock[0] > b.clock[0] ? 1 : 0;
}

const valueOf = (e: Envelope, field: string): unknown => (field === OWNER_FIELD ? e.ownerOrg : e.data[field]);

function current(e: Envelope, field: string): Write | null {
  const clock = e.fieldClock[field] ?? (field === OWNER_FIELD ? CREATION : undefined);
  return clock ? { value: valueOf(e, field), clock } : null;
}

/** Joins a remote version into the local one (null when the record is new here). Pure. */
export function mergeVersions(local: Envelope | null, localSiblings: Siblings, remote: RemoteVersion): MergeResult {
  return local === null && isPlainNew(remote) ? mergeNew(remote.envelope) : joinVersions(local, localSiblings, remote);
}

const isEmpty = (o: object): boolean => {
  for (const _ in o) return false;
  return true;
};

/** A record new here that carries no siblings, no kept-out fields and only writes some node made (counter ≥ 1). */
function isPlainNew(remote: RemoteVersion): boolean {
  if (!isEmpty(remote.siblings) || !isEmpty(remote.withheld)) return false;
  for (const f in remote.envelope.fieldClock) if (!(remote.envelope.fieldClock[f]![1] >= 1)) return false;
  return true;
}

/**
 * What `joinVersions(null, {}, remote)` gives for such a record, without its per-field sets: every
 * field shows the remote write, in field-name order, and nothing is a sibling. Most records of a large
 * import are new; `merge.test.ts` holds this equal to the general join, key order included.
 */
export function mergeNew(r: Envelope): MergeResult {
  const fields = Object.keys(r.fieldClock).sort();
  const fieldClock: FieldClock = {};
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    fieldClock[field] = r.fieldClock[field]!;
    if (field !== OWNER_FIELD && r.data[field] !== undefined && !r.deleted) data[field] = r.data[field];
  }
  const next: Envelope = { id: r.id, type: r.type, ownerOrg: r.ownerOrg, hlc: r.hlc, vv: maxVv({}, r.vv), fieldClock, updatedAt: r.updatedAt, updatedBy: r.updatedBy, deleted: r.deleted, data };
  return { kind: 'new', next, changedFields: fields, siblings: {}, addedSiblings: [], removedSiblings: [], filledSiblings: [] };
}

/** The general join of `mergeVersions` (any local version, siblings and kept-out fields). */
export function joinVersions(local: Envelope | null, localSiblings: Siblings, remote: RemoteVersion): MergeResult {
  const r = remote.envelope;
  const base: Envelope = local ?? { ...r, vv: {}, fieldClock: {}, data: {}, deleted: false };
  const vv = maxVv(base.vv, r.vv);
  const deleted = base.deleted || r.deleted;
  const fields = new Set([...Object.keys(base.fieldClock), ...Object.keys(r.fieldClock), ...Object.keys(remote.withheld), ...Object.keys(localSiblings), ...Object.keys(remote.siblings), OWNER_FIELD]);

  const data: Record<string, unknown> = {};
  const fieldClock: FieldClock = {};
  const siblings: Siblings = {};
  const changedFields: string[] = [];
  const addedSiblings: MergeResult['addedSiblings'] = [];
  const removedSiblings: MergeResult['removedSiblings'] = [];
  const filledSiblings: MergeResult['filledSiblings'] = [];
  let ownerOrg = base.ownerOrg;

  for (const field of [...fields].sort()) {
    const before = local ? current(local, field) : null;
    const localSet = [...(before ? [before] : []), ...(localSiblings[field] ?? [])];
    const withheld = remote.withheld[field];
    // A field the sender kept out (its profile) arrives as placeholders: the clocks of its shown write
    // and of its open siblings, without values. They join like any write, so a value of ours the sender
    // has seen and replaced is dropped, one it still holds as a sibling stays, and a placeholder takes
    // its value when a version that carries it arrives.
    const theirs: Write[] = withheld
      ? [{ value: undefined, clock: withheld }, ...(remote.siblings[field] ?? []).map((w) => ({ value: undefined, clock: w.clock }))]
      : [...(current(r, field) ? [current(r, field)!] : []), ...(remote.siblings[field] ?? [])];
    const mine = local ? localSet : [];
    let joined: Write[] = [...mine.filter((w) => !covered(r.vv, w.clock) || holds(theirs, w))];
    // A field we hold no write of, from a version that has seen everything we have: a field profile kept
    // it from us before (a referral), and this version is at least as new as ours, so its writes are current.
    const kept = local !== null && localSet.length === 0 && dominates(r.vv, base.vv);
    for (const w of theirs) if ((kept || !covered(base.vv, w.clock) || holds(mine, w)) && !holds(joined, w)) joined.push(w);
    // A placeholder of ours (a write we knew of without its value) takes the value when it arrives.
    joined = joined.map((w) => (w.value === undefined ? (theirs.find((t) => sameClock(t.clock, w.clock) && t.value !== undefined) ?? w) : w));
    if (joined.length === 0) {
      if (before) changedFields.push(field);
      continue;
    }
    const sorted = [...joined].sort((a, b) => ranks(b, a, deleted));
    const shown = sorted[0]!;
    const rest = sorted.slice(1);
    if (field === OWNER_FIELD) {
      ownerOrg = String(shown.value);
      if (!sameClock(shown.clock, CREATION)) fieldClock[field] = shown.clock;
    } else {
      fieldClock[field] = shown.clock;
      if (shown.value !== undefined) data[field] = shown.value;
    }
    if (!before || !sameClock(before.clock, shown.clock)) changedFields.push(field);
    if (rest.length) siblings[field] = rest;
    const oldSiblings = localSiblings[field] ?? [];
    for (const w of rest) {
      const old = oldSiblings.find((x) => sameClock(x.clock, w.clock));
      if (!old) addedSiblings.push({ field, write: w });
      else if (old.value === undefined && w.value !== undefined) filledSiblings.push({ field, write: w });
    }
    for (const w of oldSiblings) if (!holds(rest, w)) removedSiblings.push({ field, write: w });
  }

  const remoteNewer = !local || r.hlc > base.hlc;
  const next: Envelope = {
    id: r.id,
    type: base.type,
    ownerOrg,
    hlc: remoteNewer ? r.hlc : base.hlc,
    vv,
    fieldClock,
    updatedAt: remoteNewer ? r.updatedAt : base.updatedAt,
    updatedBy: remoteNewer ? r.updatedBy : base.updatedBy,
    deleted,
    data: deleted ? {} : data,
  };
  const kind = !local ? 'new' : sameState(local, localSiblings, next, siblings) ? 'unchanged' : 'updated';
  return { kind, next, changedFields, siblings, addedSiblings, removedSiblings, filledSiblings };
}

const stateOf = (e: Envelope, s: Siblings) => ({ vv: e.vv, fc: e.fieldClock, data: e.data, owner: e.ownerOrg, deleted: e.deleted, s });
const sameState = (a: Envelope, sa: Siblings, b: Envelope, sb: Siblings): boolean => sameJson(stateOf(a, sa), stateOf(b, sb));

/**
 * `canonicalJson(a) === canonicalJson(b)` without writing either: a merged record mostly shares its
 * values with the local one, so most comparisons end on identity. Held equal to the definition by
 * mergeNew.test.ts (fast-check).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return typeof a === typeof b || a === null || b === null ? canonicalJson(a) === canonicalJson(b) : false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    // canonicalJson writes an undefined element as null.
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] === undefined ? null : a[i], other[i] === undefined ? null : other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Members whose value is undefined are not written.
  let members = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined) continue;
    members++;
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) members--;
  return members === 0;
}
