import { z } from 'zod';
import { dimensionDef, Dimension, orderCategories, UNKNOWN } from './dimensions';
import { CTDC_AGE_BOUNDS, type AgeBandBounds, type ReportCase } from './facts';
import { addProtection, emptyProtection, Protection, roundToK, suppressLine, suppressTable } from './disclosure';

/**
 * Demographic tables (counts and shares by one dimension) and the cross-tab of any two, with disclosure
 * control applied before anything leaves this module: a hidden count is `null`, never its value.
 */

const Count = z.number().int().min(0).nullable();

export const OneWayRow = z.object({ category: z.string(), count: Count, share: z.number().min(0).max(1).nullable() });
export const OneWayTable = z.object({
  dimension: Dimension,
  /** A multi-select group: a case may count in several categories; shares use `recorded` as denominator. */
  multi: z.boolean(),
  rows: z.array(OneWayRow),
  /** Cases with no value of this dimension recorded. */
  unknown: Count,
  /** Cases with at least one value recorded: the denominator of the shares (CTDC). */
  recorded: Count,
  total: Count,
});
export type OneWayTable = z.infer<typeof OneWayTable>;

export const CrossTab = z.object({
  rows: Dimension,
  columns: Dimension,
  rowCategories: z.array(z.string()),
  columnCategories: z.array(z.string()),
  cells: z.array(z.array(Count)),
  rowTotals: z.array(Count),
  columnTotals: z.array(Count),
  grandTotal: Count,
  /** Either dimension is multi-select: a case counts once per pair of its values, so totals count mentions. */
  countsMentions: z.boolean(),
});
export type CrossTab = z.infer<typeof CrossTab>;

export type TableOptions = { k: number; rounded: boolean; ageBounds?: AgeBandBounds };

const share = (count: number | null, denominator: number | null): number | null => (count === null || !denominator ? null : Math.min(1, count / denominator));

/** Entries another table of the same report hides: categories (`unknown` included) and `TOTAL`. */
export type Forced = ReadonlySet<string>;
export const TOTAL = '\u0000total';

/** What a one-way table is made of: cases per category, cases with nothing recorded, cases counted. */
export type OneWayCounts = { counts: ReadonlyMap<string, number>; unknown: number; total: number };

/** What a cross-tab is made of: cases (mentions) per pair `row\u0000column`, and per row and column category (`unknown` for nothing recorded). */
export type CrossCounts = { pairs: ReadonlyMap<string, number>; rowCounts: ReadonlyMap<string, number>; colCounts: ReadonlyMap<string, number> };

export const pairKey = (row: string, column: string): string => `${row}\u0000${column}`;

export function countOneWay(cases: readonly ReportCase[], d: Dimension, ageBounds: AgeBandBounds = CTDC_AGE_BOUNDS): OneWayCounts {
  const def = dimensionDef(d, ageBounds);
  const counts = new Map<string, number>();
  let unknown = 0;
  for (const c of cases) {
    const values = def.values(c);
    if (values.length === 0) unknown++;
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { counts, unknown, total: cases.length };
}

export function countCross(cases: readonly ReportCase[], rows: Dimension, columns: Dimension, ageBounds: AgeBandBounds = CTDC_AGE_BOUNDS): CrossCounts {
  const rowDef = dimensionDef(rows, ageBounds);
  const colDef = dimensionDef(columns, ageBounds);
  const acc = crossAccumulator();
  for (const c of cases) acc.add(rowDef.values(c), colDef.values(c), 1);
  return acc.counts;
}

/** Adds cases to cross-tab counts, `n` cases at a time with the same values (a case counts once per pair of its values). */
export function crossAccumulator(): { add: (rowValues: readonly string[], colValues: readonly string[], n: number) => void; counts: CrossCounts } {
  const pairs = new Map<string, number>();
  const rowCounts = new Map<string, number>();
  const colCounts = new Map<string, number>();
  const orUnknown = (values: readonly string[]) => (values.length ? values : [UNKNOWN]);
  return {
    add: (rowValues, colValues, n) => {
      const rv = orUnknown(rowValues);
      const cv = orUnknown(colValues);
      for (const r of rv) {
        rowCounts.set(r, (rowCounts.get(r) ?? 0) + n);
        for (const col of cv) pairs.set(pairKey(r, col), (pairs.get(pairKey(r, col)) ?? 0) + n);
      }
      for (const col of cv) colCounts.set(col, (colCounts.get(col) ?? 0) + n);
    },
    counts: { pairs, rowCounts, colCounts },
  };
}

export function oneWayTable(cases: readonly ReportCase[], d: Dimension, opts: TableOptions, forced: Forced = new Set()): { table: OneWayTable; protection: Protection } {
  return oneWayTableOf(countOneWay(cases, d, opts.ageBounds), d, opts, forced);
}

/** The published one-way table of these counts. */
export function oneWayTableOf(counted: OneWayCounts, d: Dimension, opts: TableOptions, forced: Forced = new Set()): { table: OneWayTable; protection: Protection } {
  const def = dimensionDef(d, opts.ageBounds ?? CTDC_AGE_BOUNDS);
  const { counts, unknown } = counted;
  const categories = orderCategories(d, def, counts);
  const raw = categories.map((c) => counts.get(c)!);
  const total = counted.total;
  const recorded = total - unknown;
  const round = (v: number | null) => roundToK(v, opts.k, opts.rounded);
  let protection = emptyProtection(opts.k, opts.rounded);
  let published: { counts: (number | null)[]; unknown: number | null; recorded: number | null; total: number | null };
  if (!def.multi) {
    // The categories and `unknown` add up to the total: one line.
    const line = suppressLine([...raw, unknown], opts.k, { cells: [...categories, UNKNOWN].map((c) => forced.has(c)), total: forced.has(TOTAL) });
    protection = addProtection(protection, line);
    const unknownOut = line.hidden[raw.length] ? null : unknown;
    const totalOut = line.totalHidden ? null : total;
    published = {
      counts: raw.map((v, i) => (line.hidden[i] ? null : v)),
      unknown: unknownOut,
      recorded: unknownOut === null || totalOut === null ? null : recorded,
      total: totalOut,
    };
  } else {
    // Categories overlap (no equation links them): each is hidden on its own when small; recorded + unknown = total is one line.
    const line = suppressLine([recorded, unknown], opts.k, { cells: [false, forced.has(UNKNOWN)], total: forced.has(TOTAL) });
    const small = raw.map((v, i) => (v > 0 && v < opts.k) || forced.has(categories[i]!));
    protection = addProtection(protection, {
      primary: line.primary + raw.filter((v) => v > 0 && v < opts.k).length,
      complementary: line.complementary + raw.filter((v, i) => !(v > 0 && v < opts.k) && forced.has(categories[i]!)).length,
    });
    published = {
      counts: raw.map((v, i) => (small[i] ? null : v)),
      recorded: line.hidden[0] ? null : recorded,
      unknown: line.hidden[1] ? null : unknown,
      total: line.totalHidden ? null : total,
    };
  }
  const recordedOut = round(published.recorded);
  const rows = categories.map((category, i) => {
    const count = round(published.counts[i]!);
    return { category, count, share: share(count, recordedOut) };
  });
  return {
    table: { dimension: d, multi: def.multi, rows, unknown: round(published.unknown), recorded: recordedOut, total: round(published.total) },
    protection,
  };
}

/** Margins of the cross-tab to keep hidden: `row:<category>`, `col:<category>`, and TOTAL. */
export function crossTab(cases: readonly ReportCase[], rows: Dimension, columns: Dimension, opts: TableOptions, forced: Forced = new Set()): { table: CrossTab; protection: Protection } {
  return crossTabOf(countCross(cases, rows, columns, opts.ageBounds), rows, columns, opts, forced);
}

/** The published cross-tab of these counts. */
export function crossTabOf(counts: CrossCounts, rows: Dimension, columns: Dimension, opts: TableOptions, forced: Forced = new Set()): { table: CrossTab; protection: Protection } {
  const bounds = opts.ageBounds ?? CTDC_AGE_BOUNDS;
  const rowDef = dimensionDef(rows, bounds);
  const colDef = dimensionDef(columns, bounds);
  const { pairs, rowCounts, colCounts } = counts;
  const withUnknown = (ordered: string[], counts: ReadonlyMap<string, number>) => (counts.has(UNKNOWN) ? [...ordered, UNKNOWN] : ordered);
  const rowCategories = withUnknown(orderCategories(rows, rowDef, rowCounts), rowCounts);
  const columnCategories = withUnknown(orderCategories(columns, colDef, colCounts), colCounts);
  const body = rowCategories.map((r) => columnCategories.map((c) => pairs.get(pairKey(r, c)) ?? 0));
  const R = rowCategories.length;
  const C = columnCategories.length;
  const mask = Array.from({ length: R + 1 }, (_, r) =>
    Array.from({ length: C + 1 }, (_, c) => (r === R && c === C ? forced.has(TOTAL) : c === C && r < R ? forced.has(`row:${rowCategories[r]}`) : r === R && c < C ? forced.has(`col:${columnCategories[c]}`) : false)),
  );
  const { hidden, primary, complementary } = suppressTable(body, opts.k, mask);
  const value = (r: number, c: number): number => (r < R ? (c < C ? body[r]![c]! : body[r]!.reduce((a, b) => a + b, 0)) : c < C ? body.reduce((a, row) => a + row[c]!, 0) : body.flat().reduce((a, b) => a + b, 0));
  const out = (r: number, c: number): number | null => (hidden[r]?.[c] ? null : roundToK(value(r, c), opts.k, opts.rounded));
  return {
    table: {
      rows,
      columns,
      rowCategories,
      columnCategories,
      cells: rowCategories.map((_, r) => columnCategories.map((_, c) => out(r, c))),
      rowTotals: rowCategories.map((_, r) => out(r, C)),
      columnTotals: columnCategories.map((_, c) => out(R, c)),
      grandTotal: out(R, C),
      countsMentions: rowDef.multi || colDef.multi,
    },
    protection: addProtection(emptyProtection(opts.k, opts.rounded), { primary, complementary }),
  };
}
