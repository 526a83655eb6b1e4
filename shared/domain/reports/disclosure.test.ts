import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppressLine, suppressTable } from './disclosure';

/**
 * Linear recovery, done independently of the suppression code: the published figures of a table with
 * margins give one equation per row and per column (cells minus total = 0). A hidden entry can be
 * recovered exactly when the unit vector of its unknown lies in the row space of those equations
 * (restricted to the unknowns): Gauss-Jordan elimination, then a pivot row that is zero everywhere else.
 */
function recoverable(body: number[][], hidden: boolean[][]): [number, number][] {
  const R = body.length;
  const C = body[0]!.length;
  const unknowns: [number, number][] = [];
  for (let r = 0; r <= R; r++) for (let c = 0; c <= C; c++) if (hidden[r]![c]) unknowns.push([r, c]);
  const index = new Map(unknowns.map(([r, c], i) => [`${r},${c}`, i]));
  const equations: number[][] = [];
  const line = (entries: [number, number, number][]) => {
    const eq = new Array<number>(unknowns.length).fill(0);
    for (const [r, c, sign] of entries) {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) eq[i] = sign;
    }
    equations.push(eq);
  };
  for (let r = 0; r <= R; r++) line([...Array.from({ length: C }, (_, c): [number, number, number] => [r, c, 1]), [r, C, -1]]);
  for (let c = 0; c <= C; c++) line([...Array.from({ length: R }, (_, r): [number, number, number] => [r, c, 1]), [R, c, -1]]);
  // Gauss-Jordan.
  const m = equations;
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < unknowns.length && row < m.length; col++) {
    const p = m.findIndex((eq, i) => i >= row && Math.abs(eq[col]!) > 1e-9);
    if (p === -1) continue;
    [m[row], m[p]] = [m[p]!, m[row]!];
    const pivot = m[row]![col]!;
    m[row] = m[row]!.map((v) => v / pivot);
    for (let i = 0; i < m.length; i++) {
      if (i === row || Math.abs(m[i]![col]!) < 1e-9) continue;
      const f = m[i]![col]!;
      m[i] = m[i]!.map((v, j) => v - f * m[row]![j]!);
    }
    pivots.push(col);
    row++;
  }
  return pivots
    .map((col, i) => ({ col, eq: m[i]! }))
    .filter(({ col, eq }) => eq.every((v, j) => j === col || Math.abs(v) < 1e-9))
    .map(({ col }) => unknowns[col]!);
}

const extended = (body: number[][]) => {
  const rows = body.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  rows.push(rows[0]!.map((_, c) => rows.reduce((a, r) => a + r[c]!, 0)));
  return rows;
};

describe('disclosure control: complementary suppression', () => {
  it('a cell of 2 that the row total would give away is hidden with a complementary cell, and no total recovers either', () => {
    // Women: 2 international, 10 internal (row total 12). Without a second hidden cell, 12 - 10 = 2.
    const body = [
      [2, 10],
      [7, 9],
    ];
    const { hidden, primary, complementary } = suppressTable(body, 5);
    expect(hidden[0]![0]).toBe(true);
    expect(primary).toBe(1);
    expect(complementary).toBeGreaterThanOrEqual(3);
    // The row and column of the 2 each hide a second entry.
    expect(hidden[0]!.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(hidden.map((r) => r[0]).filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(recoverable(body, hidden)).toEqual([]);
    // Totals stay published here: the protection does not need them.
    expect(hidden[2]![2]).toBe(false);
  });

  it('without complementary suppression the same table would let the 2 be recovered (the check can fail)', () => {
    const body = [
      [2, 10],
      [7, 9],
    ];
    const onlyPrimary = extended(body).map((r) => r.map((v) => v > 0 && v < 5));
    expect(recoverable(body, onlyPrimary)).toEqual([[0, 0]]);
  });

  it('two cycles joined by one hidden cell (every line holds two hidden entries) are still closed', () => {
    // Small cells placed so that the "two per line" rule alone leaves a bridge.
    const body = [
      [1, 1, 20, 20, 20],
      [1, 1, 20, 20, 20],
      [20, 30, 1, 1, 20],
      [20, 20, 1, 1, 20],
    ];
    const { hidden } = suppressTable(body, 3);
    expect(recoverable(body, hidden)).toEqual([]);
  });

  it('property: every count from 1 to k-1 is hidden and no hidden entry is linearly recoverable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 11 }),
        fc.integer({ min: 1, max: 6 }).chain((rows) => fc.integer({ min: 1, max: 6 }).chain((cols) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }))),
        (k, body) => {
          const { hidden } = suppressTable(body, k);
          const ext = extended(body);
          for (let r = 0; r < ext.length; r++) for (let c = 0; c < ext[r]!.length; c++) if (ext[r]![c]! > 0 && ext[r]![c]! < k) expect(hidden[r]![c]).toBe(true);
          expect(recoverable(body, hidden)).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a one-way table never hides exactly one entry, and the total counts as an entry', () => {
    expect(suppressLine([2, 30, 40], 5)).toMatchObject({ hidden: [true, true, false], totalHidden: false, primary: 1, complementary: 1 });
    expect(suppressLine([30, 40], 5)).toMatchObject({ hidden: [false, false], totalHidden: false, primary: 0 });
    // Three cases in all: the total itself is small, and so is the one cell.
    expect(suppressLine([3, 0], 5)).toMatchObject({ hidden: [true, false], totalHidden: true });
    // One small cell and only zeros beside it: the total is hidden with it.
    expect(suppressLine([0, 12, 0, 4], 5).hidden.filter(Boolean).length + (suppressLine([0, 12, 0, 4], 5).totalHidden ? 1 : 0)).toBeGreaterThanOrEqual(2);
  });
});
