import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Envelope } from '../store/records';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { joinVersions, mergeNew, mergeVersions, OWNER_FIELD, sameJson, type Clock, type RemoteVersion, type Siblings } from './merge';

/**
 * A record new at this office is merged without the per-field join (`mergeNew`, the import's common
 * case). Property test with fast-check: for any version new here, `mergeVersions` gives exactly what the
 * general join gives — the same record, key order included (it is what the database row is written
 * from), the same changed fields and conflicts. And whether a merge changed a record is decided by
 * `sameJson`, which must say what comparing the canonical JSON of both said.
 */

const NODES = ['node-th', 'node-mm', 'node-sec'];
const FIELDS = [OWNER_FIELD, 'body', 'tags', 'title', 'Zone', 'ärea'];

const remoteVersion: fc.Arbitrary<RemoteVersion> = fc
  .record({
    vv: fc.dictionary(fc.constantFrom(...NODES), fc.integer({ min: 1, max: 4 }), { minKeys: 1 }),
    fields: fc.subarray(FIELDS),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.oneof(fc.string(), fc.array(fc.string()), fc.integer())), { minLength: FIELDS.length, maxLength: FIELDS.length }),
    ownerOrg: fc.constantFrom('TH-ATTF', 'MM-DSW'),
    deleted: fc.boolean(),
    siblingOn: fc.option(fc.constantFrom(...FIELDS.slice(1)), { nil: undefined }),
    withheldOn: fc.option(fc.constantFrom(...FIELDS.slice(1)), { nil: undefined }),
    hlc: fc.integer({ min: 0, max: 99999 }).map((n) => `1790000000000.${String(n).padStart(5, '0')}.node-th`),
  })
  .map(({ vv, fields, picks, ownerOrg, deleted, siblingOn, withheldOn, hlc }) => {
    const nodes = Object.keys(vv);
    const clockOf = (i: number): Clock => {
      const node = nodes[picks[i]![0] % nodes.length]!;
      // Counters from 0 (a write no node made: the general join drops it) up to the node's version.
      return [node, picks[i]![1] % (vv[node]! + 1)];
    };
    const fieldClock: Record<string, Clock> = {};
    const data: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      fieldClock[f] = clockOf(i);
      if (f !== OWNER_FIELD && picks[i]![2]) data[f] = picks[i]![3];
    });
    const siblings: Siblings = siblingOn ? { [siblingOn]: [{ value: 'other office', clock: [nodes[0]!, 1] }] } : {};
    const withheld: Record<string, Clock> = withheldOn && !(withheldOn in fieldClock) ? { [withheldOn]: [nodes[0]!, 1] } : {};
    const envelope: Envelope = { id: '01890000-0000-7000-8000-000000000001', type: 'note', ownerOrg, hlc, vv, fieldClock, updatedAt: '2026-11-24T02:00:00.000Z', updatedBy: 'admin', deleted, data };
    return { envelope, siblings, withheld };
  });

describe('merge of a record new here', () => {
  it('gives what the general join gives, key order included (fast-check)', () => {
    fc.assert(
      fc.property(remoteVersion, (version) => {
        const fast = mergeVersions(null, {}, version);
        const general = joinVersions(null, {}, version);
        expect(fast).toEqual(general);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
        expect(Object.keys(fast.next.data)).toEqual(Object.keys(general.next.data));
        expect(Object.keys(fast.next.fieldClock)).toEqual(Object.keys(general.next.fieldClock));
      }),
      { numRuns: 2000 },
    );
  });

  it('shows every field of the version in field-name order and records each as changed', () => {
    const version = {
      id: '01890000-0000-7000-8000-000000000002',
      type: 'note',
      ownerOrg: 'TH-ATTF',
      hlc: '1790000000000.00001.node-th',
      vv: { 'node-th': 3 },
      fieldClock: { title: ['node-th', 1], [OWNER_FIELD]: ['node-th', 3], body: ['node-th', 2] } as Record<string, Clock>,
      updatedAt: '2026-11-24T02:00:00.000Z',
      updatedBy: 'admin',
      deleted: false,
      data: { title: 'Returnee A', body: 'in shelter' },
    };
    const merged = mergeNew(version);
    expect(merged.kind).toBe('new');
    expect(JSON.stringify(merged.next.data)).toBe('{"body":"in shelter","title":"Returnee A"}');
    expect(merged.changedFields).toEqual([OWNER_FIELD, 'body', 'title']);
    expect(merged.next.fieldClock).toEqual({ [OWNER_FIELD]: ['node-th', 3], body: ['node-th', 2], title: ['node-th', 1] });
    expect(merged.addedSiblings).toEqual([]);
  });
});

/** A copy of a JSON value with its object keys in another order and, now and then, an undefined member or element added. */
const reshuffled = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => (seed % 7 === 3 && v === null ? undefined : reshuffled(v, seed + i)));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort().reverse();
  const out: Record<string, unknown> = {};
  if (seed % 5 === 1) out.absent = undefined;
  for (const k of keys) out[k] = reshuffled((value as Record<string, unknown>)[k], seed + k.length);
  return out;
};

describe('sameJson', () => {
  it('says whether two JSON values have the same canonical JSON (fast-check)', () => {
    let same = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('other', 'reshuffled', 'edited'), (a, b, seed, how) => {
        const other = how === 'other' ? b : how === 'reshuffled' ? reshuffled(a, seed) : reshuffled(JSON.parse(JSON.stringify({ wrap: a, edit: seed % 3 })), seed);
        const first = how === 'edited' ? { wrap: a, edit: 0 } : a;
        const expected = canonicalJson(first) === canonicalJson(other);
        if (expected) same++;
        expect(sameJson(first, other)).toBe(expected);
        expect(sameJson(other, first)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(same).toBeGreaterThan(500);
  });

  it('treats -0 as 0, an undefined member as absent and an undefined element as null, like canonicalJson', () => {
    expect(sameJson({ a: -0 }, { a: 0 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson([undefined, 1], [null, 1])).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});
