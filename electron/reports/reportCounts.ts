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
import { ensurePair, ensureReportFacts, pairSql, type Pairable } from './factsStore';
import type { Progress } from './reportFacts';

/**
 * The demographic report from the facts kept ready in the store (migration 005), not from the cases:
 * the one-way tables read `report_counts` (one row per month, stage, organisation and category) for
 * the whole months of the period and the facts of the cases in its first and last month; a cross-tab
 * reads `report_pair_counts` the same way (its pair counted over every case the first time it is asked). The figures are those of `demographicReport`
 * over `loadReportCases` (held together by electron/reports/reportCounts.test.ts).
 */


/** Where each dimension's values are stored, and whether they are a JSON list. */
const STORED: Record<Dimension, { column: Pairable; sql: string; list: boolean; counted: string }> = {
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

/** The values of a dimension from its stored value as text (report_pair_counts: age in years, '' = none). */
const textValues = (d: Dimension, text: unknown, ageBands: AgeBandBounds): readonly string[] =>
  d === 'ageBand' ? valuesOf(d, text === '' || text === null ? null : Number(text), ageBands) : valuesOf(d, text, ageBands);

/** SQL conditions of the stage and organisation filters (columns of report_facts, report_counts and case_index), with their parameters. */
export function filterSql(f: ReportFilters): { where: string[]; params: Record<string, string> } {
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

/**
 * The report period (registration day from `from` to `to`) on `dayExpr`, an SQL expression giving a
 * case's registration day as YYYY-MM-DD, followed by the stage and organisation conditions.
 */
export function periodFilterSql(f: ReportFilters, dayExpr: string): { where: string[]; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) {
    where.push(`${dayExpr} >= @from`);
    params.from = f.from;
  }
  if (f.to) {
    where.push(`${dayExpr} <= @to`);
    params.to = f.to;
  }
  const byStageAndOrg = filterSql(f);
  return { where: [...where, ...byStageAndOrg.where], params: { ...params, ...byStageAndOrg.params } };
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

/**
 * A period as whole months (read from the counts) and the days of its first and last month (read from
 * the facts). A day of month M is at least 'M-' and below 'M.'.
 */
function periodParts(f: ReportFilters): { months: { where: string[]; params: Record<string, string> } | null; edges: { lo: string; hi: string; inclusive: boolean }[] } {
  const fromMonth = f.from?.slice(0, 7);
  const toMonth = f.to?.slice(0, 7);
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (fromMonth) {
    where.push('month > @fromMonth');
    params.fromMonth = fromMonth;
  }
  if (toMonth) {
    where.push('month < @toMonth');
    params.toMonth = toMonth;
  }
  if (fromMonth && toMonth && fromMonth === toMonth) return { months: null, edges: [{ lo: f.from!, hi: f.to!, inclusive: true }] };
  const edges: { lo: string; hi: string; inclusive: boolean }[] = [];
  if (fromMonth) edges.push({ lo: f.from!, hi: `${fromMonth}.`, inclusive: false });
  if (toMonth) edges.push({ lo: `${toMonth}-`, hi: f.to!, inclusive: true });
  return { months: { where, params }, edges };
}

const edgeWhere = (edge: { inclusive: boolean }) => ['registered_on >= @lo', edge.inclusive ? 'registered_on <= @hi' : 'registered_on < @hi'];

/** Cases per category of every dimension, under the filters: whole months from report_counts, the rest from report_facts. */
function tallyOf(db: Db, f: ReportFilters): Tally {
  const tally: Tally = new Map();
  const { where, params } = filterSql(f);
  const { months, edges } = periodParts(f);
  if (months) {
    const rows = cached(db, `SELECT dimension, category, sum(n) AS n FROM report_counts ${and([...where, ...months.where])} GROUP BY dimension, category`).all({ ...params, ...months.params }) as {
      dimension: string;
      category: string;
      n: number;
    }[];
    for (const r of rows) tallyAdd(tally, r.dimension, r.category, r.n);
  }
  for (const edge of edges) {
    const sql = `SELECT gender, age, scope, substr(registered_on, 1, 4) AS year, citizenship, countries, exploitation, labour, means, recruiter FROM report_facts ${and([...where, ...edgeWhere(edge)])}`;
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
    const acc = crossAccumulator();
    const add = (r: unknown, c: unknown, n: number) => acc.add(textValues(rows, r, ageBands), textValues(columns, c, ageBands), n);
    const [rowColumn, colColumn] = [STORED[rows].column, STORED[columns].column];
    const pair = ensurePair(db, rowColumn, colColumn);
    const { where, params } = filterSql(f);
    const { months, edges } = periodParts(f);
    if (months) {
      const sql = `SELECT r, c, sum(n) FROM report_pair_counts ${and(['pair = @pair', ...where, ...months.where])} GROUP BY r, c`;
      for (const [r, c, n] of cached(db, sql).raw().iterate({ ...params, ...months.params, pair }) as Iterable<[string, string, number]>) add(r, c, n);
    }
    for (const edge of edges) {
      const sql = `SELECT ${pairSql(rowColumn)}, ${pairSql(colColumn)}, count(*) FROM report_facts ${and([...where, ...edgeWhere(edge)])} GROUP BY 1, 2`;
      for (const [r, c, n] of cached(db, sql).raw().iterate({ ...params, lo: edge.lo, hi: edge.hi }) as Iterable<[string, string, number]>) add(r, c, n);
    }
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
