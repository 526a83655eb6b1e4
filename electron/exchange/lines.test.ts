import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { OrgCode } from '../../shared/domain/organisation';
import { fromLine, RecordLine } from './lines';

/**
 * The record line of a bundle checks its maps (version vector, field clocks, data, kept-out fields) with
 * one predicate each rather than z.record (an import reads millions of lines). Property test with
 * fast-check: on lines with valid and invalid maps it accepts and rejects exactly what the z.record
 * form of the schema (below, as it was) does, and gives the same values.
 */

const Node = z.string().min(1).max(100);
const ClockZ = z.tuple([z.string().max(100), z.number().int().min(0)]);
const FieldName = z.string().min(1).max(100);
const RecordLineAsZodRecords = z.strictObject({
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

const key = fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.constant(''), fc.string({ minLength: 101, maxLength: 110 }), fc.constantFrom('constructor', 'toString', 'body')).filter((k) => k !== '__proto__');
const name = fc.oneof(fc.string({ maxLength: 100 }), fc.string({ minLength: 101, maxLength: 110 }));
const counter = fc.oneof(fc.nat(), fc.constantFrom(-1, 0, 1.5, 2 ** 53, 2 ** 60), fc.constant('3'));
const clock = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(name, counter) },
  { weight: 1, arbitrary: fc.oneof(fc.tuple(name), fc.tuple(name, fc.nat(), fc.nat()), fc.constant(null), fc.constant('node'), fc.constant({ 0: 'a', 1: 1 }), fc.tuple(fc.nat(), fc.nat())) },
);
const goodKey = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('title', 'toString')).filter((k) => k !== '__proto__' && k !== 'constructor');
/** Mostly valid maps (so that both outcomes are common), else any keys and values, else not a map. */
const map = <T, G>(good: fc.Arbitrary<G>, value: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.dictionary(goodKey, good, { maxKeys: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(key, value, { maxKeys: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, [], 'x', 3) },
  );
const goodClock = fc.tuple(fc.string({ maxLength: 8 }), fc.nat({ max: 5 }));
/** A clock, now and then one of any shape (one bad entry in an otherwise valid map). */
const someClock = fc.oneof({ weight: 20, arbitrary: goodClock }, { weight: 1, arbitrary: clock });
const line = fc.record({
  id: fc.constant('01890000-0000-7000-8000-000000000001'),
  type: fc.constant('note'),
  ownerOrg: fc.constant('TH-ATTF'),
  hlc: fc.constant('1790000000000.00001.node-th'),
  vv: map(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: counter }), counter),
  fieldClock: map(someClock, clock),
  updatedAt: fc.constant('2026-11-24T02:00:00.000Z'),
  updatedBy: fc.constant('admin'),
  deleted: fc.boolean(),
  data: map(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 })),
  siblings: fc.dictionary(goodKey, fc.array(fc.record({ value: fc.jsonValue({ maxDepth: 1 }), clock: fc.oneof({ weight: 8, arbitrary: goodClock }, { weight: 1, arbitrary: clock }) }), { maxLength: 2 }), { maxKeys: 2 }),
  withheld: map(someClock, clock),
});

describe('a record line of a bundle', () => {
  it('is accepted and read exactly as by the z.record form of its schema (fast-check)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(line, (raw) => {
        const json = JSON.parse(JSON.stringify(raw)) as unknown;
        const ours = RecordLine.safeParse(json);
        // zod's plain-object test throws on a key `constructor` whose value is null: a refusal here.
        let reference: ReturnType<typeof RecordLineAsZodRecords.safeParse> | { success: false };
        try {
          reference = RecordLineAsZodRecords.safeParse(json);
        } catch {
          reference = { success: false };
        }
        expect(ours.success).toBe(reference.success);
        if (ours.success && reference.success) {
          accepted++;
          expect(ours.data).toEqual(reference.data);
          expect(JSON.stringify(ours.data)).toBe(JSON.stringify(reference.data));
        }
      }),
      { numRuns: 1500 },
    );
    // Both outcomes were exercised.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(1450);
  });

  const valid = () => ({
    id: '01890000-0000-7000-8000-000000000001',
    type: 'note',
    ownerOrg: 'TH-ATTF',
    hlc: '1790000000000.00001.node-th',
    vv: { 'node-th': 2 },
    fieldClock: { title: ['node-th', 1], body: ['node-th', 2] },
    updatedAt: '2026-11-24T02:00:00.000Z',
    updatedBy: 'admin',
    deleted: false,
    data: { title: 'Returnee A', body: 'in shelter' },
    siblings: {},
    withheld: {},
  });
  const malformed = (raw: unknown) => expect(() => fromLine(raw, 'note', 'data/note.ndjson')).toThrow(expect.objectContaining({ code: 'BUNDLE_MALFORMED' }));

  it('reads a valid line into the version it carries', () => {
    const version = fromLine(valid(), 'note', 'data/note.ndjson');
    expect(version.envelope).toEqual({ ...valid(), siblings: undefined, withheld: undefined });
    expect(Object.keys(version.envelope)).toEqual(['id', 'type', 'ownerOrg', 'hlc', 'vv', 'fieldClock', 'updatedAt', 'updatedBy', 'deleted', 'data']);
    expect(version.siblings).toEqual({});
    expect(version.withheld).toEqual({});
  });

  it('refuses a key __proto__ or constructor in any map, a value without a version and a field newer than the version', () => {
    for (const map of ['vv', 'fieldClock', 'data', 'withheld'] as const) {
      const entry = `"__proto__":${map === 'vv' ? 1 : map === 'data' ? '"x"' : '["node-th",1]'}`;
      const raw = JSON.parse(JSON.stringify(valid()).replace(`"${map}":{`, `"${map}":{${entry},`).replace(',}', '}')) as Record<string, unknown>;
      expect(Object.hasOwn(raw[map] as object, '__proto__')).toBe(true);
      malformed(raw);
    }
    malformed({ ...valid(), data: { title: 'A', constructor: null }, fieldClock: { title: ['node-th', 1], constructor: ['node-th', 1] } });
    malformed({ ...valid(), data: { title: 'A', tags: ['x'] } });
    // An inherited name is not a field clock or a version-vector entry.
    malformed({ ...valid(), data: { title: 'A', toString: 'x' } });
    malformed({ ...valid(), fieldClock: { title: ['node-th', 3] } });
    malformed({ ...valid(), fieldClock: { title: ['constructor', 1] } });
    malformed({ ...valid(), withheld: { tags: ['node-mm', 1] } });
    malformed({ ...valid(), siblings: { title: [{ value: 'B', clock: ['node-mm', 1] }] } });
    expect(() => fromLine(valid(), 'case', 'data/case.ndjson')).toThrow(/holds a note record/);
  });
});
