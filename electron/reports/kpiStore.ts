import { isoDay } from '../../shared/domain/cases';
import { publishKpis, type Kpis, type ReportFilters } from '../../shared/domain/reports';
import { cached, type Db } from '../store/database';
import { CounterpartError } from '../../shared/contract/errors';
import { syncCaseIndex } from '../cases/caseIndex';
import { periodFilterSql } from './reportCounts';
import type { Progress } from './reportFacts';

/**
 * The KPIs from the facts kept in the store (migration 008), not from the records: `kpi_cases` (one
 * narrow row per indexed case: filter columns, assignee, days to the first referral, referrals decided
 * and accepted) and `kpi_followups` (its follow-ups, with the filter columns of their case), written
 * by `writeKpiFacts` (./factsStore.ts) where the case index row is written
 * (electron/cases/caseIndex.ts), in the same transaction, and dropped with it (the cascade from
 * `case_index`). A KPI request is four aggregate queries, each on a covering index of one narrow table.
 * The figures are those of `computeKpis` over the cases, referrals and follow-ups read from the
 * records (`kpisByDerivation` in ./reportFacts.ts, kept as the reference and held together with this
 * by electron/reports/kpiStore.test.ts).
 */

/** The report filters as conditions on kpi_cases / kpi_followups (the same cases as `loadKpiCases` keeps). */
const filtersSql = (f: ReportFilters) => periodFilterSql(f, 'registered_on');

const whereOf = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

/**
 * The SQL of each KPI query (shown by scripts/benchReports.ts with EXPLAIN QUERY PLAN): each reads one
 * narrow table on a covering index (the grouped ones in group order) and joins nothing.
 */
export const kpiQueries = (f: ReportFilters): { name: string; sql: string; params: Record<string, string> }[] => {
  const { where, params } = filtersSql(f);
  return [
    // Open cases per assignee (NULL or '' = unassigned).
    { name: 'caseload', sql: `SELECT assignee, count(*) AS n FROM kpi_cases ${whereOf(["stage <> 'closed'", ...where])} GROUP BY assignee`, params },
    // Days from identification to the first referral, as a histogram, and the referral decisions (only cases with a referral have any).
    {
      name: 'referrals',
      sql: `SELECT referral_days AS days, count(*) AS n, sum(referrals_decided) AS decided, sum(referrals_accepted) AS accepted
              FROM kpi_cases ${whereOf(['referral_days IS NOT NULL', ...where])} GROUP BY referral_days`,
      params,
    },
    {
      name: 'openFollowUps',
      sql: `SELECT count(*) AS open, coalesce(sum(due_date < @today), 0) AS overdue FROM kpi_followups ${whereOf(['visit_date IS NULL', 'cancelled = 0', ...where])}`,
      params,
    },
    // Visits with a score per quarter of the visit.
    {
      name: 'reintegration',
      sql: `SELECT visit_quarter AS period, count(*) AS n, sum(composite) AS total FROM kpi_followups ${whereOf(['visit_quarter IS NOT NULL', ...where])} GROUP BY visit_quarter`,
      params,
    },
  ];
};

const stopIfCancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new CounterpartError('CANCELLED', 'The report was cancelled; nothing was written.');
};

/** The KPIs under these filters from the kept facts, with the disclosure control of `computeKpis`. */
export function storeKpis(
  db: Db,
  req: { filters: ReportFilters; k: number; round: boolean },
  opts: { today?: string; signal?: AbortSignal; progress?: Progress } = {},
): Kpis {
  const today = opts.today ?? isoDay(new Date());
  const progress = opts.progress ?? (() => undefined);
  progress(0, 2, 'index');
  syncCaseIndex(db, today);
  stopIfCancelled(opts.signal);
  progress(1, 2, 'cases');
  const [caseloadQ, referralsQ, openQ, reintegrationQ] = kpiQueries(req.filters);

  const workerCounts = new Map<string, number>();
  for (const row of cached(db, caseloadQ!.sql).iterate(caseloadQ!.params) as Iterable<{ assignee: string | null; n: number }>) {
    const worker = row.assignee ?? '';
    workerCounts.set(worker, (workerCounts.get(worker) ?? 0) + row.n);
  }
  const openCases = [...workerCounts.values()].reduce((sum, n) => sum + n, 0);
  const unassigned = workerCounts.get('') ?? 0;
  const perWorker = [...workerCounts]
    .filter(([worker]) => worker !== '')
    .map(([worker, n]) => ({ worker, openCases: n }))
    .sort((a, b) => b.openCases - a.openCases || (a.worker < b.worker ? -1 : 1));

  const delays: number[] = [];
  const decisions = { accepted: 0, decided: 0 };
  for (const row of cached(db, referralsQ!.sql).iterate(referralsQ!.params) as Iterable<{ days: number; n: number; decided: number; accepted: number }>) {
    for (let i = 0; i < row.n; i++) delays.push(row.days);
    decisions.decided += row.decided;
    decisions.accepted += row.accepted;
  }
  stopIfCancelled(opts.signal);
  const followUps = cached(db, openQ!.sql).get({ ...openQ!.params, today }) as { open: number; overdue: number };
  const quarters = cached(db, reintegrationQ!.sql).all(reintegrationQ!.params) as { period: string; n: number; total: number }[];

  progress(2, 2, 'cases');
  return publishKpis({ openCases, unassigned, perWorker, delays, decided: decisions.decided, accepted: decisions.accepted, openFollowUps: followUps.open, overdue: followUps.overdue, quarters }, { today, k: req.k, round: req.round });
}
