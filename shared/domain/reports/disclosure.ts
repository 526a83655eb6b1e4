import { z } from 'zod';

/**
 * Statistical disclosure control for counts that leave the office (docs/reports.md §Disclosure control).
 *
 * Primary suppression hides every count from 1 to k-1 (zeros are published). Complementary (secondary)
 * suppression then hides further cells so that no hidden count can be worked out from the published ones:
 * a two-way table with its row and column totals and grand total is the same as a table whose every row
 * and column sums to zero (totals with a minus sign), so a hidden cell can be recovered exactly when its
 * edge in the bipartite graph "row — column" of hidden cells is a bridge (lies on no cycle). We suppress
 * until every hidden cell lies on a cycle: then adding +1/-1 around that cycle gives another table with
 * the same published figures. Optional rounding then rounds every published count to a multiple of k.
 */

export const K_MIN = 3;
export const K_MAX = 11;
export const DEFAULT_K = 5;
export const K = z.number().int().min(K_MIN).max(K_MAX);

export const Protection = z.object({
  /** Counts from 1 to k-1 are never published. */
  k: z.number().int(),
  /** Published counts are rounded to the nearest multiple of k. */
  rounded: z.boolean(),
  /** Cells hidden because they were below k. */
  primary: z.number().int(),
  /** Cells hidden so that no total gives the others away. */
  complementary: z.number().int(),
});
export type Protection = z.infer<typeof Protection>;

export const emptyProtection = (k: number, rounded: boolean): Protection => ({ k, rounded, primary: 0, complementary: 0 });
export const addProtection = (a: Protection, b: Pick<Protection, 'primary' | 'complementary'>): Protection => ({ ...a, primary: a.primary + b.primary, complementary: a.complementary + b.complementary });

export const isSmall = (v: number, k: number): boolean => v > 0 && v < k;

/** Rounds a published count to the nearest multiple of k (halves up); null stays null. */
export const roundToK = (v: number | null, k: number, rounded: boolean): number | null => (v === null || !rounded ? v : Math.round(v / k) * k);

/**
 * A two-way table with margins: `cells[r][c]` for the body; the row totals, column totals and grand
 * total are computed here as sums. Returns which entries to hide, over the extended (R+1)x(C+1) grid
 * whose last row holds the column totals and last column the row totals.
 */
export function suppressTable(cells: readonly (readonly number[])[], k: number, forced?: readonly (readonly boolean[])[]): { hidden: boolean[][]; primary: number; complementary: number } {
  const R = cells.length;
  const C = R === 0 ? 0 : cells[0]!.length;
  const grid: number[][] = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const colTotals = Array.from({ length: C + 1 }, (_, c) => grid.reduce((a, row) => a + row[c]!, 0));
  grid.push(colTotals);
  const small = grid.map((row) => row.map((v) => isSmall(v, k)));
  const primary = small.flat().filter(Boolean).length;
  // Entries hidden elsewhere in the same report (a margin another table hides) stay hidden here.
  const hidden = small.map((row, r) => row.map((v, c) => v || !!forced?.[r]?.[c]));
  if (!hidden.flat().some(Boolean)) return { hidden, primary, complementary: 0 };

  const rows = R + 1;
  const cols = C + 1;
  // Cheapest cell to add: smallest count, body before margins, non-zero before zero (a hidden zero protects little).
  const cost = (r: number, c: number): number => {
    const v = grid[r]![c]!;
    // Margins last of all: the same totals are published by the one-way tables of the report.
    return (v === 0 ? 1e9 : v) + (r === R || c === C ? 1e12 : 0);
  };

  for (let guard = 0; guard < rows * cols; guard++) {
    let changed = false;
    // 1. No line may hold exactly one hidden entry.
    for (let r = 0; r < rows; r++) {
      const line = grid[r]!.map((_, c) => c);
      if (line.filter((c) => hidden[r]![c]).length === 1) {
        const pick = line.filter((c) => !hidden[r]![c]).sort((a, b) => cost(r, a) - cost(r, b))[0];
        if (pick !== undefined) {
          hidden[r]![pick] = true;
          changed = true;
        }
      }
    }
    for (let c = 0; c < cols; c++) {
      const line = grid.map((_, r) => r);
      if (line.filter((r) => hidden[r]![c]).length === 1) {
        const pick = line.filter((r) => !hidden[r]![c]).sort((a, b) => cost(a, c) - cost(b, c))[0];
        if (pick !== undefined) {
          hidden[pick]![c] = true;
          changed = true;
        }
      }
    }
    if (changed) continue;
    // 2. Every hidden entry must lie on a cycle; close a rectangle around the first that does not.
    const exposed = firstBridge(hidden);
    if (!exposed) break;
    const [r0, c0] = exposed;
    let best: { r: number; c: number; cost: number } | null = null;
    for (let r = 0; r < rows; r++) {
      if (r === r0) continue;
      for (let c = 0; c < cols; c++) {
        if (c === c0) continue;
        const add = [
          [r0, c],
          [r, c],
          [r, c0],
        ] as const;
        const total = add.reduce((a, [rr, cc]) => a + (hidden[rr]![cc] ? 0 : cost(rr, cc)), 0);
        if (!best || total < best.cost) best = { r, c, cost: total };
      }
    }
    if (!best) break;
    hidden[r0]![best.c] = true;
    hidden[best.r]![best.c] = true;
    hidden[best.r]![c0] = true;
  }
  const all = hidden.flat().filter(Boolean).length;
  return { hidden, primary, complementary: all - primary };
}

/**
 * The first hidden entry whose value follows from the published ones: its edge (row r — column c) in
 * the graph of hidden entries is a bridge, i.e. r and c are not connected once that edge is removed.
 */
export function firstBridge(hidden: readonly (readonly boolean[])[]): [number, number] | null {
  const rows = hidden.length;
  const cols = rows === 0 ? 0 : hidden[0]!.length;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (hidden[r]![c] && !connectedWithout(hidden, r, c)) return [r, c];
    }
  }
  return null;
}

/** Breadth-first search over row nodes 0..R-1 and column nodes R..R+C-1, skipping the edge (r0, c0). */
function connectedWithout(hidden: readonly (readonly boolean[])[], r0: number, c0: number): boolean {
  const rows = hidden.length;
  const cols = hidden[0]!.length;
  const seen = new Set<number>([r0]);
  const queue = [r0];
  while (queue.length) {
    const node = queue.shift()!;
    if (node < rows) {
      for (let c = 0; c < cols; c++) {
        if (!hidden[node]![c] || (node === r0 && c === c0)) continue;
        if (c === c0) return true;
        if (!seen.has(rows + c)) {
          seen.add(rows + c);
          queue.push(rows + c);
        }
      }
    } else {
      const c = node - rows;
      for (let r = 0; r < rows; r++) {
        if (!hidden[r]![c] || (r === r0 && c === c0)) continue;
        if (!seen.has(r)) {
          seen.add(r);
          queue.push(r);
        }
      }
    }
  }
  return false;
}

/**
 * One line of counts and its total (a one-way table): one equation, so it is enough that never exactly
 * one entry (the total included) is hidden: when it would be, the next smallest is hidden too.
 */
export function suppressLine(
  values: readonly number[],
  k: number,
  forced?: { cells?: readonly boolean[]; total?: boolean },
): { hidden: boolean[]; totalHidden: boolean; primary: number; complementary: number } {
  const entries = [...values, values.reduce((a, b) => a + b, 0)];
  const small = entries.map((v) => isSmall(v, k));
  const primary = small.filter(Boolean).length;
  const hidden = small.map((v, i) => v || (i < values.length ? !!forced?.cells?.[i] : !!forced?.total));
  let complementary = hidden.filter(Boolean).length - primary;
  if (hidden.filter(Boolean).length === 1) {
    const last = entries.length - 1;
    const cost = (i: number) => (entries[i] === 0 ? 1e9 : entries[i]!) + (i === last ? 1e6 : 0);
    const pick = entries.map((_, i) => i).filter((i) => !hidden[i]).sort((a, b) => cost(a) - cost(b))[0];
    if (pick !== undefined) {
      hidden[pick] = true;
      complementary++;
    }
  }
  return { hidden: hidden.slice(0, values.length), totalHidden: hidden[values.length]!, primary, complementary };
}
