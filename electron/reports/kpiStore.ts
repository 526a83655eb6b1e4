import { isoDay } from '../../shared/domain/cases';
import { isSmall, median, roundToK, suppressLine, type Kpis, type ReportFilters } from '../../shared/domain/reports';
import { cached, type Db } from '../store/database';
import { CounterpartError } from '../../shared/contract/errors';
import { syncCaseIndex } from '../cases/caseIndex';
import { filterSql } from './reportCounts';
import type { Progress } from './reportFacts';

/**
 * The KPIs from the facts kept in the store (migration 008), not from the records: `kpi_referrals` and
 * `kpi_followups` hold the referrals and follow-ups of every indexed case, written by
 * `writeKpiFacts` (./factsStore.ts) where the case index row is written (electron/cases/caseIndex.ts), in the same
 * transaction, and dropped with it (the cascade from `case_index`). A KPI request is a handful of
 * aggregate queries over the case index and those two tables, joined on their `case_rowid` index.
 * The figures are those of `computeKpis` over the cases, referrals and follow-ups read from the
 * records (`kpisByDerivation` in ./reportFacts.ts, kept as the reference and held together with this
 * by electron/reports/kpiStore.test.ts).
 */

/** The cases the KPIs count: the case index under the report's filters (the same cases as `loadKpiCases`). */
function casesSql(f: ReportFilters): { cte: string; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) {
    where.push('substr(registered_at, 1, 10) >= @from');
    params.from = f.from;
  }
  if (f.to) {
    where.push('substr(registered_at, 1, 10) <= @to');
    params.to = f.to;
  }
  const byStageAndOrg = filterSql(f);
  where.push(...byStageAndOrg.where);
  Object.assign(params, byStageAndOrg.params);
  return {
    cte: `WITH fc AS (SELECT rowid AS id, stage, assignee, identified_on FROM case_index ${where.length ? `WHERE ${where.join(' AND ')}` : ''})`,
    params,
  };
}

/** The SQL of each KPI query (shown by scripts/benchReports.ts with EXPLAIN QUERY PLAN). */
export const kpiQueries = (f: ReportFilters): { name: string; sql: string; params: Record<string, string> }[] => {
  const { cte, params } = casesSql(f);
  return [
    {
      name: 'caseload',
      sql: `${cte} SELECT coalesce(assignee, '') AS worker, count(*) AS n FROM fc WHERE stage <> 'closed' GROUP BY 1`,
      params,
    },
    {
      // Days from identification to the first referral, as a histogram (julianday: whole days between two dates, as `daysBetween`).
      name: 'identificationToReferral',
      sql: `${cte} SELECT days, count(*) AS n FROM (
              SELECT max(0, CAST(round(julianday(min(r.referred_on)) - julianday(fc.identified_on)) AS INTEGER)) AS days
                FROM fc JOIN kpi_referrals r ON r.case_rowid = fc.id GROUP BY fc.id) GROUP BY days`,
      params,
    },
    {
      name: 'referrals',
      sql: `${cte} SELECT coalesce(sum(r.status IN ('accepted', 'done')), 0) AS accepted, coalesce(sum(r.status IN ('accepted', 'done', 'rejected')), 0) AS decided
              FROM fc JOIN kpi_referrals r ON r.case_rowid = fc.id`,
      params,
    },
    {
      name: 'followUps',
      sql: `${cte} SELECT coalesce(sum(f.visit_date IS NULL AND f.cancelled = 0), 0) AS open, coalesce(sum(f.visit_date IS NULL AND f.cancelled = 0 AND f.due_date < @today), 0) AS overdue
              FROM fc JOIN kpi_followups f ON f.case_rowid = fc.id`,
      params,
    },
    {
      name: 'reintegration',
      sql: `${cte} SELECT substr(f.visit_date, 1, 4) || '-Q' || ((CAST(substr(f.visit_date, 6, 2) AS INTEGER) - 1) / 3 + 1) AS period, count(*) AS n, sum(f.composite) AS total
              FROM fc JOIN kpi_followups f ON f.case_rowid = fc.id WHERE f.visit_date IS NOT NULL AND f.composite IS NOT NULL GROUP BY 1`,
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
  const { k } = req;
  progress(0, 2, 'index');
  syncCaseIndex(db, today);
  stopIfCancelled(opts.signal);
  progress(1, 2, 'cases');
  const [caseloadQ, delaysQ, referralsQ, followUpsQ, reintegrationQ] = kpiQueries(req.filters);
  const run = (q: { sql: string; params: Record<string, string> }) => cached(db, q.sql);

  const count = (v: number) => (isSmall(v, k) ? null : roundToK(v, k, req.round));
  const workers = run(caseloadQ!).all(caseloadQ!.params) as { worker: string; n: number }[];
  const openCases = workers.reduce((sum, w) => sum + w.n, 0);
  const unassigned = workers.find((w) => w.worker === '')?.n ?? 0;
  const perWorker = workers
    .filter((w) => w.worker !== '')
    .map((w) => ({ worker: w.worker, openCases: w.n }))
    .sort((a, b) => b.openCases - a.openCases || (a.worker < b.worker ? -1 : 1));
  const counts = perWorker.map((w) => w.openCases);

  const delays = (run(delaysQ!).all(delaysQ!.params) as { days: number; n: number }[]).flatMap((d) => Array<number>(d.n).fill(d.days));
  stopIfCancelled(opts.signal);
  const decisions = run(referralsQ!).get(referralsQ!.params) as { accepted: number; decided: number };
  const followUps = run(followUpsQ!).get({ ...followUpsQ!.params, today }) as { open: number; overdue: number };
  const quarters = (run(reintegrationQ!).all(reintegrationQ!.params) as { period: string; n: number; total: number }[]).sort((a, b) => (a.period < b.period ? -1 : 1));

  // accepted + rejected = decided: one line, so that no two published figures give away a small third.
  const decision = suppressLine([decisions.accepted, decisions.decided - decisions.accepted], k);
  const shown = (v: number, hidden: boolean) => (hidden ? null : roundToK(v, k, req.round));
  progress(2, 2, 'cases');
  return {
    asOf: today,
    caseload: {
      openCases: count(openCases),
      unassigned: count(unassigned),
      workers: perWorker.length,
      perWorker,
      median: median(counts),
      max: counts.length ? Math.max(...counts) : null,
    },
    identificationToReferral: { cases: count(delays.length), medianDays: delays.length >= k ? median(delays) : null },
    referrals: {
      decided: shown(decisions.decided, decision.totalHidden),
      accepted: shown(decisions.accepted, decision.hidden[0]!),
      share: decision.totalHidden || decision.hidden[0] || decisions.decided === 0 ? null : decisions.accepted / decisions.decided,
    },
    followUps: { open: count(followUps.open), overdue: count(followUps.overdue) },
    reintegration: quarters.map((q) => ({ period: q.period, visits: count(q.n), meanScore: q.n >= k ? Math.round((q.total / q.n) * 1000) / 1000 : null })),
  };
}
