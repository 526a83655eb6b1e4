import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import { OrgCode } from '../../shared/domain/organisation';
import type { Envelope, FieldProfile } from '../store/records';
import { OWNER_FIELD, type Clock, type RemoteVersion, type Siblings } from './merge';

/**
 * One record in `data/<type>.ndjson` (docs/bundles.md §Records): the envelope of DESIGN §4 with only
 * the fields of the bundle type's profile, the clocks of the fields kept out (names, no values), and the
 * sender's open conflicts on the fields it sends.
 */

const FieldName = z.string().min(1).max(100);
const ClockZ = z.tuple([z.string().max(100), z.number().int().min(0)]);

/*
 * The maps of a line (version vector, field clocks, data, kept-out fields) are checked by one predicate
 * each instead of z.record, which runs two schemas per entry and copies the map: a record carries tens
 * of entries and an import reads millions of lines. The rules are those of the z.record form they
 * replace (lines.test.ts holds the two equal), except that the keys `__proto__` (dropped by z.record)
 * and `constructor` (refused by it, or a TypeError when its value is null) make the line invalid.
 */
const isName = (k: string): boolean => k.length >= 1 && k.length <= 100 && k !== '__proto__' && k !== 'constructor';
const isCount = (n: unknown, min: number): boolean => Number.isSafeInteger(n) && (n as number) >= min;
const isClock = (c: unknown): c is Clock => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && c[0].length <= 100 && isCount(c[1], 0);
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function mapOf<T>(valid: (value: unknown) => boolean, message: string) {
  return z.custom<Record<string, T>>((v) => {
    if (!isMap(v)) return false;
    for (const k in v) if (!isName(k) || !valid(v[k])) return false;
    return true;
  }, message);
}

export const RecordLine = z.strictObject({
  id: z.uuid(),
  type: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/),
  ownerOrg: OrgCode,
  hlc: z.string().regex(/^\d{13}\.\d{5}\..{1,100}$/),
  vv: mapOf<number>((n) => isCount(n, 1), 'The version vector must map node ids (1–100 characters) to counters from 1.'),
  fieldClock: mapOf<Clock>(isClock, 'Field clocks must map field names (1–100 characters) to [node, counter].'),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().max(100),
  deleted: z.boolean(),
  data: mapOf<unknown>(() => true, 'Data must map field names (1–100 characters) to values.'),
  siblings: z.record(FieldName, z.array(z.strictObject({ value: z.unknown().optional(), clock: ClockZ })).max(100)),
  withheld: mapOf<Clock>(isClock, 'Kept-out fields must map field names (1–100 characters) to [node, counter].'),
});
export type RecordLine = z.infer<typeof RecordLine>;

/** The line for one record under a field profile. */
export function toLine(e: Envelope, profile: FieldProfile, siblings: Siblings, alreadyWithheld: Record<string, Clock> = {}): RecordLine {
  const sends = (f: string) => f === OWNER_FIELD || profile.fields === 'all' || profile.fields.includes(f);
  const fieldClock: Record<string, Clock> = {};
  const withheld: Record<string, Clock> = { ...alreadyWithheld };
  for (const [f, clock] of Object.entries(e.fieldClock)) (sends(f) ? fieldClock : withheld)[f] = clock;
  const data = Object.fromEntries(Object.entries(e.data).filter(([f]) => sends(f)));
  // Siblings of a field kept out travel as clocks without values, so that no office mistakes them for writes it saw replaced.
  const sentSiblings = Object.fromEntries(Object.entries(siblings).map(([f, ws]) => [f, sends(f) ? ws : ws.map((w) => ({ clock: w.clock }))]));
  return { id: e.id, type: e.type, ownerOrg: e.ownerOrg, hlc: e.hlc, vv: e.vv, fieldClock, updatedAt: e.updatedAt, updatedBy: e.updatedBy, deleted: e.deleted, data, siblings: sentSiblings, withheld };
}

/** A write the version vector has not seen: its field would be newer than the record's own version. */
const newerThan = (vv: Record<string, number>, clock: Clock): boolean => (Object.hasOwn(vv, clock[0]) ? vv[clock[0]]! : 0) < clock[1];

/** Parses a line from a bundle; a line that contradicts itself makes the bundle malformed. */
export function fromLine(raw: unknown, expectedType: string, where: string): RemoteVersion {
  const parsed = RecordLine.safeParse(raw);
  if (!parsed.success) throw new CounterpartError('BUNDLE_MALFORMED', `A record in ${where} is not valid.`, { issues: parsed.error.issues });
  const line = parsed.data;
  if (line.type !== expectedType) throw new CounterpartError('BUNDLE_MALFORMED', `${where} holds a ${line.type} record.`);
  for (const f in line.data) {
    if (!Object.hasOwn(line.fieldClock, f)) throw new CounterpartError('BUNDLE_MALFORMED', `A record in ${where} has a value without a version (${f}).`);
  }
  const { vv, fieldClock, siblings: sent, withheld } = line;
  let newer = false;
  for (const f in fieldClock) newer ||= newerThan(vv, fieldClock[f]!);
  for (const f in withheld) newer ||= newerThan(vv, withheld[f]!);
  const siblings: Siblings = {};
  for (const f in sent) {
    const writes: Siblings[string] = [];
    for (const w of sent[f]!) {
      writes.push({ value: w.value, clock: w.clock });
      newer ||= newerThan(vv, w.clock);
    }
    siblings[f] = writes;
  }
  if (newer) throw new CounterpartError('BUNDLE_MALFORMED', `A record in ${where} has a field newer than its own version.`);
  const envelope = { id: line.id, type: line.type, ownerOrg: line.ownerOrg, hlc: line.hlc, vv, fieldClock, updatedAt: line.updatedAt, updatedBy: line.updatedBy, deleted: line.deleted, data: line.data };
  return { envelope, siblings, withheld };
}

export const ndjson = (lines: unknown[]): Uint8Array => Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
