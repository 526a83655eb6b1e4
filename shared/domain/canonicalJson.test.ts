import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonicalJson';

/** The definition, written plainly (the implementation before it became a string builder). */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

/** JSON-like values as the app builds them: undefined members and array items, unicode keys, nested objects. */
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.array(fc.oneof(tie('value'), fc.constant(undefined)), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 6 }),
  ),
}));

describe('canonicalJson', () => {
  it('gives the bytes of the plain definition for any JSON-like value', () => {
    fc.assert(fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }), { numRuns: 2000 });
  });

  it('sorts keys by UTF-16 code unit, drops undefined members, writes undefined array items as null', () => {
    expect(canonicalJson({ b: 1, a: [undefined, { z: undefined, 'é': 2, Z: 3 }], '10': true, '9': null })).toBe('{"10":true,"9":null,"a":[null,{"Z":3,"é":2}],"b":1}');
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2 })).toBe(reference({ '\u{1F600}': 1, '\uFFFF': 2 }));
    expect(canonicalJson('x"y')).toBe('"x\\"y"');
    expect(canonicalJson(new Date(0))).toBe('{}');
  });

  it('writes long keys, keys with escapes and more distinct keys than it keeps quoted the same way, twice over', () => {
    const many = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`key ${6000 - i} "q" \\ \u0001`, i]));
    const odd = { ['k'.repeat(100)]: 1, ['é'.repeat(70)]: { '\u2028': 2, 'a"b': 3 }, '': 4 };
    for (let round = 0; round < 2; round++) {
      expect(canonicalJson(many)).toBe(reference(many));
      expect(canonicalJson(odd)).toBe(reference(odd));
    }
  });

  it('refuses non-finite numbers anywhere, as before', () => {
    for (const bad of [Number.NaN, Infinity, { a: [1, -Infinity] }]) expect(() => canonicalJson(bad)).toThrow('canonicalJson: non-finite number');
  });
});
