import { isoDay } from '../../shared/domain/cases';
import {
  ageBandOf,
  crossAccumulator,
  demographicReportOf,
  type AgeBandBounds,
  type CrossCounts,
  type DemographicReport,
  type DemographicRequest,
  type Dimension,
  type OneWayCounts,
  type ReportCounts,
  type ReportFilters,
} from '../../shared/domain/reports';
import { CounterpartError } from '../../shared/contract/errors';
import { cached, type Db } from '../store/database';
import { syncCaseIndex } from '../cases/caseIndex';
import { ensureReportFacts } from './factsStore';
import type { Progress } from './reportFacts';

/**
 * The demographic report from the facts kept ready in the store (migration 005), not from the cases:
 * the one-way tables read `report_counts` (one row per month, stage, organisation and category) for
 * the whole months of the period and the facts of the cases in its first and last month; a cross-tab
 * groups `report_facts` by its two dimensions in SQL. The figures are those of `demographicReport`
 * over `loadReportCases` (held together by electron/reports/reportCounts.test.ts).
 */

type Column = 'gender' | 'age' | 'scope' | 'year' | 'citizenship' | 'countries' | 'exploitation' | 'labour' | 'means' | 'recruiter';

/** Where each dimension's values are stored, and whether they are a JSON list. */
const STORED: Record<Dimension, { column: Column; sql: string; list: boolean; counted: string }> = {
  gender: { column: 'gender', sql: 'gender', list: false, counted: 'gender' },
  ageBand: { column: 'age', sql: 'age', list: false, counted: 'age' },
  scope: { column: 'scope', sql: 'scope', list: false, counted: 'scope' },
  yearOfRegistration: { column: 'year', sql: 'substr(registered_on, 1, 4)', list: false, counted: 'yearOfRegistration' },
  citizenship: { column: 'citizenship', sql: 'citizenship', list: true, counted: 'citizenship' },
  countryOfExploitation: { column: 'countries', sql: 'countries', list: true, counted: 'countryOfExploitation' },
  exploitationType: { column: 'exploitation', sql: 'exploitation', list: true, counted: 'exploitationType' },
  labourSector: { column: 'labour', sql: 'labour', list: true, counted: 'labourSector' },
  meansOfControl: { column: 'means', sql: 'means', list: true, counted: 'meansOfControl' },
  recruiterRelation: { column: 'recruiter', sql: 'recruiter', list: true, counted: 'recruiterRelation' },
};
const DIMENSION_NAMES = Object.keys(STORED) as Dimension[];

const parseList = (json: string): string[] => {
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? [...new Set(parsed.filter((v): v is string => typeof v === 'string'))] : [];
};

/** The values of a dimension as the report counts them, from its stored form. */
function valuesOf(d: Dimension, stored: unknown, ageBands: AgeBandBounds): readonly string[] {
  if (d === 'ageBand') {
    const band = ageBandOf(typeof stored === 'number' ? stored : null, ageBands);
    return band ? [band] : [];
  }
  if (STORED[d].list) return typeof stored === 'string' ? parseList(stored) : [];
  return typeof stored === 'string' && stored ? [stored] : [];
}

/** SQL conditions of the filters on report_facts / report_counts columns, with their parameters. */
function filterSql(f: ReportFilters): { where: string[]; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.stage?.length) {
    where.push('stage IN (SELECT value FROM json_each(@stages))');
    params.stages = JSON.stringify(f.stage);
  }
  if (f.organisation?.length) {
    where.push('owner_org IN (SELECT value FROM json_each(@orgs))');
    params.orgs = JSON.stringify(f.organisation);
  }
  return { where, params };
}

const and = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

/** Per dimension of report_counts ('cases', 'age', ...), category ('' = nothing recorded) -> cases. */
type Tally = Map<string, Map<string, number>>;
const tallyAdd = (t: Tally, dimension: string, category: string, n: number) => {
  let byCategory = t.get(dimension);
  if (!byCategory) t.set(dimension, (byCategory = new Map()));
  byCategory.set(category, (byCategory.get(category) ?? 0) + n);
};

/** What the triggers of migration 005 add to report_counts for one facts row (the first and last month of a period). */
function tallyFacts(t: Tally, row: Record<string, unknown>): void {
  tallyAdd(t, 'cases', '', 1);
  for (const d of DIMENSION_NAMES) {
    const { column, counted, list } = STORED[d];
    const stored = row[column];
    if (d === 'ageBand') tallyAdd(t, counted, typeof stored === 'number' ? String(stored) : '', 1);
    else if (list) {
      const values = typeof stored === 'string' ? parseList(stored) : [];
      if (values.length === 0) tallyAdd(t, counted, '', 1);
      for (const v of values) tallyAdd(t, counted, v, 1);
    } else tallyAdd(t, counted, typeof stored === 'string' ? stored : '', 1);
  }
}

/** Cases per category of every dimension, under the filters: whole months from report_counts, the rest from report_facts. */
function tallyOf(db: Db, f: ReportFilters): Tally {
  const tally: Tally = new Map();
  const { where, params } = filterSql(f);
  const fromMonth = f.from?.slice(0, 7);
  const toMonth = f.to?.slice(0, 7);
  const months = [...where];
  const monthParams: Record<string, string> = { ...params };
  if (fromMonth) {
    months.push('month > @fromMonth');
    monthParams.fromMonth = fromMonth;
  }
  if (toMonth) {
    months.push('month < @toMonth');
    monthParams.toMonth = toMonth;
  }
  if (!(fromMonth && toMonth && fromMonth >= toMonth)) {
    const rows = cached(db, `SELECT dimension, category, sum(n) AS n FROM report_counts ${and(months)} GROUP BY dimension, category`).all(monthParams) as {
      dimension: string;
      category: string;
      n: number;
    }[];
    for (const r of rows) tallyAdd(tally, r.dimension, r.category, r.n);
  }
  // The first and last month of the period, day by day. A day of month M is at least 'M-' and below 'M.'.
  const edges: { lo: string; hi: string }[] = [];
  if (fromMonth && toMonth && fromMonth === toMonth) edges.push({ lo: f.from!, hi: f.to! });
  else {
    if (fromMonth) edges.push({ lo: f.from!, hi: f.to && f.to < `${fromMonth}.` ? f.to : `${fromMonth}.` });
    if (toMonth) edges.push({ lo: f.from && f.from > `${toMonth}-` ? f.from : `${toMonth}-`, hi: f.to! });
  }
  for (const edge of edges) {
    const inclusiveHi = edge.hi === f.to;
    const sql = `SELECT gender, age, scope, substr(registered_on, 1, 4) AS year, citizenship, countries, exploitation, labour, means, recruiter FROM report_facts
      ${and([...where, 'registered_on >= @lo', inclusiveHi ? 'registered_on <= @hi' : 'registered_on < @hi'])}`;
    for (const row of cached(db, sql).iterate({ ...params, lo: edge.lo, hi: edge.hi }) as Iterable<Record<string, unknown>>) tallyFacts(tally, row);
  }
  return tally;
}

/** The counts of a report under these filters, read from the store. */
export function storeCounts(db: Db, f: ReportFilters, ageBands: AgeBandBounds): ReportCounts {
  let tally: Tally | null = null;
  const oneWay = new Map<Dimension, OneWayCounts>();
  const cross = new Map<string, CrossCounts>();
  const oneWayOf = (d: Dimension): OneWayCounts => {
    tally ??= tallyOf(db, f);
    const total = tally.get('cases')?.get('') ?? 0;
    const counts = new Map<string, number>();
    let unknown = 0;
    for (const [category, n] of tally.get(STORED[d].counted) ?? []) {
      const values = d === 'ageBand' ? valuesOf(d, category === '' ? null : Number(category), ageBands) : category ? [category] : [];
      if (values.length === 0) unknown += n;
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + n);
    }
    return { counts, unknown, total };
  };
  const crossOf = (rows: Dimension, columns: Dimension): CrossCounts => {
    const { where, params } = filterSql(f);
    // The registration index pays only for a short period: for a long one, reading a case's row through
    // it costs more than scanning every row in order (25 s against 6 s at a million cases), so `+` keeps
    // SQLite off it when the period holds more than an eighth of the cases.
    const everyCase = cached(db, `SELECT coalesce(sum(n), 0) FROM report_counts WHERE dimension = 'cases'`).pluck().get() as number;
    const day = oneWayOf('gender').total * 8 < everyCase ? 'registered_on' : '+registered_on';
    if (f.from) where.push(`${day} >= @from`);
    if (f.to) where.push(`${day} <= @to`);
    const sql = `SELECT ${STORED[rows].sql} AS r, ${STORED[columns].sql} AS c, count(*) AS n FROM report_facts ${and(where)} GROUP BY 1, 2`;
    const acc = crossAccumulator();
    const all = { ...params, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) };
    for (const row of cached(db, sql).raw().iterate(all) as Iterable<[unknown, unknown, number]>) acc.add(valuesOf(rows, row[0], ageBands), valuesOf(columns, row[1], ageBands), row[2]);
    return acc.counts;
  };
  return {
    oneWay: (d) => oneWay.get(d) ?? oneWay.set(d, oneWayOf(d)).get(d)!,
    cross: (r, c) => cross.get(`${r}|${c}`) ?? cross.set(`${r}|${c}`, crossOf(r, c)).get(`${r}|${c}`)!,
  };
}

const stopIfCancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new CounterpartError('CANCELLED', 'The report was cancelled; nothing was written.');
};

/** The demographic report of the workspace: the index and the facts caught up with every write first. */
export function demographicsOf(db: Db, req: DemographicRequest, opts: { today?: string; signal?: AbortSignal; progress?: Progress } = {}): DemographicReport {
  const today = opts.today ?? isoDay(new Date());
  const progress = opts.progress ?? (() => undefined);
  progress(0, 3, 'index');
  syncCaseIndex(db, today);
  stopIfCancelled(opts.signal);
  progress(1, 3, 'facts');
  ensureReportFacts(db, today);
  stopIfCancelled(opts.signal);
  progress(2, 3, 'counts');
  const report = demographicReportOf(storeCounts(db, req.filters, req.ageBands), req);
  progress(3, 3, 'counts');
  return report;
}
