import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addDaysByDate } from './common';

/** What the definition does with an input: its answer, or that it throws. */
const outcome = (f: () => string): string => {
  try {
    return f();
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
};

const digits = (n: number, width: number) => String(n).padStart(width, '0');

describe('addDays', () => {
  it('gives what the Date definition gives, for well-formed days, days past a month end, and bad input', () => {
    const wellFormed = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${digits(y, 4)}-${digits(m, 2)}-${digits(d, 2)}`);
    const anyText = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2025-1-01', '2025-01-1 ', ' 2025-01-01', '2025/01/01', '+02025-01-01', '2025-01-01T00', 'abcd-ef-gh'));
    const dayCounts = fc.oneof(
      fc.integer({ min: -4000, max: 4000 }),
      fc.integer({ min: -4_000_000, max: 4_000_000 }),
      fc.constantFrom(0, 1, -1, 0.5, -0.5, 1.9, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 60), 10_000_001),
    );
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: wellFormed }, { weight: 1, arbitrary: anyText }), dayCounts, (date, days) => {
        expect(outcome(() => addDays(date, days))).toBe(outcome(() => addDaysByDate(date, days)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('crosses month, year, leap-day and century boundaries', () => {
    const cases: [string, number, string][] = [
      ['2024-02-28', 1, '2024-02-29'],
      ['2023-02-28', 1, '2023-03-01'],
      ['2100-02-28', 1, '2100-03-01'],
      ['2000-02-28', 1, '2000-02-29'],
      ['2025-12-31', 1, '2026-01-01'],
      ['2026-01-01', -1, '2025-12-31'],
      ['2025-02-30', 0, '2025-03-02'],
      ['0000-01-01', -1, '-000001-12'], // what isoDay's slice makes of years outside 0000–9999
      ['9999-12-31', 1, '+010000-01'],
      ['2025-03-15', -2000, '2019-09-23'],
    ];
    for (const [date, days, expected] of cases) {
      expect(addDays(date, days)).toBe(expected);
      expect(addDaysByDate(date, days)).toBe(expected);
    }
    expect(() => addDays('2025-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('2025-01-01', Number.NaN)).toThrow(RangeError);
  });
});
