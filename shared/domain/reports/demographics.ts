import { z } from 'zod';
import { dimensionDef, DIMENSIONS, Dimension, UNKNOWN } from './dimensions';
import { AgeBandBounds, applyFilters, CTDC_AGE_BOUNDS, ReportFilters, type ReportCase } from './facts';
import { addProtection, DEFAULT_K, emptyProtection, K, Protection } from './disclosure';
import { countCross, countOneWay, CrossTab, crossTabOf, OneWayTable, oneWayTableOf, TOTAL, type CrossCounts, type OneWayCounts } from './tables';

/** What a demographic report asks for (RPC, CLI and UI alike). */
export const DemographicRequest = z
  .object({
    dimensions: z.array(Dimension).min(1).max(DIMENSIONS.length).default([...DIMENSIONS]),
    crossTab: z.object({ rows: Dimension, columns: Dimension }).optional(),
    filters: ReportFilters.default({}),
    k: K.default(DEFAULT_K),
    round: z.boolean().default(false),
    ageBands: AgeBandBounds.default(CTDC_AGE_BOUNDS),
  })
  .refine((r) => !r.crossTab || r.crossTab.rows !== r.crossTab.columns, { message: 'Pick two different dimensions for the cross-tab.', path: ['crossTab', 'columns'] });
export type DemographicRequest = z.output<typeof DemographicRequest>;

export const DemographicReport = z.object({
  filters: ReportFilters,
  ageBands: z.array(z.number().int()),
  /** Cases counted (null when too few to publish). */
  cases: z.number().int().nullable(),
  tables: z.array(OneWayTable),
  crossTab: CrossTab.nullable(),
  protection: Protection,
});
export type DemographicReport = z.infer<typeof DemographicReport>;

/**
 * The one-way tables and the cross-tab publish some of the same figures (a row total of the cross-tab is
 * the one-way count of that category when the other dimension is single-valued; every grand total is
 * the number of cases). A figure hidden in one must be hidden in the other, or it would give the other's
 * hidden cells away: the tables are protected again with those figures forced hidden until they agree.
 */
export function demographicReport(all: readonly ReportCase[], req: DemographicRequest): DemographicReport {
  return demographicReportOf(casesCounts(applyFilters(all, req.filters), req.ageBands), req);
}

/**
 * Where a report's counts come from: the filtered cases themselves (`casesCounts`), or counts kept
 * ready in the store (electron/reports/reportCounts.ts). Both must give the same numbers.
 */
export type ReportCounts = {
  oneWay: (d: Dimension) => OneWayCounts;
  cross: (rows: Dimension, columns: Dimension) => CrossCounts;
};

/** Counts over cases already filtered, each computed once. */
export function casesCounts(cases: readonly ReportCase[], ageBands: AgeBandBounds): ReportCounts {
  const oneWay = new Map<Dimension, OneWayCounts>();
  const cross = new Map<string, CrossCounts>();
  return {
    oneWay: (d) => oneWay.get(d) ?? oneWay.set(d, countOneWay(cases, d, ageBands)).get(d)!,
    cross: (r, c) => cross.get(`${r}|${c}`) ?? cross.set(`${r}|${c}`, countCross(cases, r, c, ageBands)).get(`${r}|${c}`)!,
  };
}

/** The report from counts already narrowed to `req.filters`. */
export function demographicReportOf(counts: ReportCounts, req: DemographicRequest): DemographicReport {
  const opts = { k: req.k, rounded: req.round, ageBounds: req.ageBands };
  const forcedOne = new Map<Dimension, Set<string>>(req.dimensions.map((d) => [d, new Set<string>()]));
  const forcedCross = new Set<string>();
  let result: { tables: ReturnType<typeof oneWayTableOf>[]; cross: ReturnType<typeof crossTabOf> | null } = { tables: [], cross: null };
  for (let round = 0; round < 20; round++) {
    // Hiding is decided on exact counts; rounding is only applied to what is published.
    const exact = { ...opts, rounded: false };
    const tables = req.dimensions.map((d) => oneWayTableOf(counts.oneWay(d), d, exact, forcedOne.get(d)));
    const cross = req.crossTab ? crossTabOf(counts.cross(req.crossTab.rows, req.crossTab.columns), req.crossTab.rows, req.crossTab.columns, exact, forcedCross) : null;
    result = { tables, cross };
    if (!cross) break;
    let changed = false;
    const force = (set: Set<string>, key: string) => {
      if (!set.has(key)) {
        set.add(key);
        changed = true;
      }
    };
    const c = cross.table;
    // The grand total: the number of cases, in every table (and the cross-tab's when it counts cases).
    const anyTotalHidden = tables.some((t) => t.table.total === null) || (!c.countsMentions && c.grandTotal === null);
    if (anyTotalHidden) {
      for (const set of forcedOne.values()) force(set, TOTAL);
      if (!c.countsMentions) force(forcedCross, TOTAL);
    }
    const sides = [
      { dim: c.rows, other: c.columns, categories: c.rowCategories, totals: c.rowTotals, key: 'row' },
      { dim: c.columns, other: c.rows, categories: c.columnCategories, totals: c.columnTotals, key: 'col' },
    ] as const;
    for (const side of sides) {
      if (dimensionDef(side.other, req.ageBands).multi) continue;
      const table = tables.find((t) => t.table.dimension === side.dim)?.table;
      if (!table) continue;
      side.categories.forEach((category, i) => {
        const oneWay = category === UNKNOWN ? table.unknown : (table.rows.find((r) => r.category === category)?.count ?? 0);
        const crossHidden = side.totals[i] === null;
        if (crossHidden && oneWay !== null) force(forcedOne.get(side.dim)!, category);
        if (!crossHidden && oneWay === null) force(forcedCross, `${side.key}:${category}`);
      });
    }
    if (!changed) break;
  }
  let protection = emptyProtection(req.k, req.round);
  for (const t of result.tables) protection = addProtection(protection, t.protection);
  if (result.cross) protection = addProtection(protection, result.cross.protection);
  const finalTables = req.round ? req.dimensions.map((d) => oneWayTableOf(counts.oneWay(d), d, opts, forcedOne.get(d)).table) : result.tables.map((t) => t.table);
  const finalCross = req.crossTab ? (req.round ? crossTabOf(counts.cross(req.crossTab.rows, req.crossTab.columns), req.crossTab.rows, req.crossTab.columns, opts, forcedCross).table : result.cross!.table) : null;
  return { filters: req.filters, ageBands: [...req.ageBands], cases: finalTables[0]?.total ?? null, tables: finalTables, crossTab: finalCross, protection };
}
