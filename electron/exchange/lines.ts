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

const Node = z.string().min(1).max(100);
const ClockZ = z.tuple([z.string().max(100), z.number().int().min(0)]);
const FieldName = z.string().min(1).max(100);

export const RecordLine = z.strictObject({
  id: z.uuid(),
  type: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/),
  ownerOrg: OrgCode,
  hlc: z.string().regex(/^\d{13}\.\d{5}\..{1,100}$/),
  vv: z.record(Node, z.number().int().min(1)),
  fieldClock: z.record(FieldName, ClockZ),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().max(100),
  deleted: z.boolean(),
  data: z.record(FieldName, z.unknown()),
  siblings: z.record(FieldName, z.array(z.strictObject({ value: z.unknown().optional(), clock: ClockZ })).max(100)),
  withheld: z.record(FieldName, ClockZ),
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

/** Parses a line from a bundle; a line that contradicts itself makes the bundle malformed. */
export function fromLine(raw: unknown, expectedType: string, where: string): RemoteVersion {
  const parsed = RecordLine.safeParse(raw);
  if (!parsed.success) throw new CounterpartError('BUNDLE_MALFORMED', `A record in ${where} is not valid.`, { issues: parsed.error.issues });
  const line = parsed.data;
  if (line.type !== expectedType) throw new CounterpartError('BUNDLE_MALFORMED', `${where} holds a ${line.type} record.`);
  for (const f of Object.keys(line.data)) {
    if (!line.fieldClock[f]) throw new CounterpartError('BUNDLE_MALFORMED', `A record in ${where} has a value without a version (${f}).`);
  }
  const clocks = [...Object.values(line.fieldClock), ...Object.values(line.withheld), ...Object.values(line.siblings).flat().map((s) => s.clock)];
  for (const [node, counter] of clocks) {
    if ((line.vv[node] ?? 0) < counter) throw new CounterpartError('BUNDLE_MALFORMED', `A record in ${where} has a field newer than its own version.`);
  }
  const { siblings, withheld, ...envelope } = line;
  return {
    envelope,
    siblings: Object.fromEntries(Object.entries(siblings).map(([f, ws]) => [f, ws.map((w) => ({ value: w.value, clock: w.clock as Clock }))])),
    withheld: withheld as Record<string, Clock>,
  };
}

export const ndjson = (lines: unknown[]): Uint8Array => Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
