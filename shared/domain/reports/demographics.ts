import { z } from 'zod';
import { DIMENSIONS, Dimension } from './dimensions';
import { AgeBandBounds, applyFilters, CTDC_AGE_BOUNDS, ReportFilters, type ReportCase } from './facts';
import { addProtection, DEFAULT_K, emptyProtection, K, Protection } from './disclosure';
import { CrossTab, crossTab, OneWayTable, oneWayTable } from './tables';

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

export function demographicReport(all: readonly ReportCase[], req: DemographicRequest): DemographicReport {
  const cases = applyFilters(all, req.filters);
  const opts = { k: req.k, rounded: req.round, ageBounds: req.ageBands };
  let protection = emptyProtection(req.k, req.round);
  const tables = req.dimensions.map((d) => {
    const t = oneWayTable(cases, d, opts);
    protection = addProtection(protection, t.protection);
    return t.table;
  });
  let cross: CrossTab | null = null;
  if (req.crossTab) {
    const t = crossTab(cases, req.crossTab.rows, req.crossTab.columns, opts);
    protection = addProtection(protection, t.protection);
    cross = t.table;
  }
  const total = tables[0]?.total ?? null;
  return { filters: req.filters, ageBands: [...req.ageBands], cases: total, tables, crossTab: cross, protection };
}
