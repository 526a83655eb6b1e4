/**
 * Report figures for `npm run bench` (scripts/bench.ts) over a tier workspace: the demographic report
 * (every dimension and a cross-tab, disclosure control included) through the dispatcher, from the facts
 * kept in the store (migration 005) — beside, in the same run, the reference derivation it replaced
 * (every case and its latest full screening read and derived again, then counted). And the KPIs, from
 * the facts kept since migration 008, beside their reference derivation (every referral and follow-up
 * read from `records`), with the query plans of the KPI queries.
 */
import { isoDay } from '../shared/domain/cases';
import { demographicReport, DemographicRequest } from '../shared/domain/reports';
import { kpisByDerivation, loadReportCases } from '../electron/reports/reportFacts';
import { kpiQueries } from '../electron/reports/kpiStore';
import type { BenchTier } from './benchTier';

const round = (n: number) => Math.round(n * 10) / 10;
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), runs: samples.length };
}

const time = async (fn: () => unknown) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

/**
 * `runs` timed calls of each shape after one untimed call; the reference derivation runs
 * `referenceRuns` times (default: as many up to 100k cases, one above — it takes minutes at 1M),
 * alternating with the kept-facts calls so that the load of other processes falls on both.
 */
export async function benchReports(tier: BenchTier, opts: { runs?: number; referenceRuns?: number } = {}) {
  const runs = opts.runs ?? 5;
  const referenceRuns = opts.referenceRuns ?? (tier.cases > 100_000 ? 1 : runs);
  const db = tier.core.session.requireUnlocked().workspace.db;
  const request = { crossTab: { rows: 'gender', columns: 'ageBand' }, k: 5 };
  const oneWayOnly = { k: 5 };
  // A period whose ends fall inside months: whole months from the counts, the two ends from the facts.
  const periodOf = (): { from: string; to: string } => {
    const days = db.prepare('SELECT registered_on FROM report_facts ORDER BY registered_on').pluck().all() as string[];
    const at = (q: number) => days[Math.floor(q * Math.max(0, days.length - 1))] ?? isoDay(new Date());
    return { from: at(0.25), to: at(0.75) };
  };
  const firstMs = await time(() => tier.call('reports.demographics', request));
  const counted = (await tier.call('reports.demographics', request)).cases;
  const period = { ...request, filters: periodOf() };
  const demographics: number[] = [];
  const withoutCross: number[] = [];
  const withPeriod: number[] = [];
  const kpis: number[] = [];
  const kpiReference: number[] = [];
  let sameKpis = true;
  const reference: number[] = [];
  let identical = true;
  for (let i = 0; i < runs; i++) {
    demographics.push(await time(() => tier.call('reports.demographics', request)));
    withoutCross.push(await time(() => tier.call('reports.demographics', oneWayOnly)));
    withPeriod.push(await time(() => tier.call('reports.demographics', period)));
    kpis.push(await time(() => tier.call('reports.kpis', { k: 5 })));
    if (i < referenceRuns) {
      let byReference: unknown;
      kpiReference.push(await time(() => (byReference = kpisByDerivation(db, { filters: {}, k: 5, round: false }))));
      sameKpis &&= JSON.stringify(byReference) === JSON.stringify(await tier.call('reports.kpis', { k: 5 }));
    }
    if (i < referenceRuns) {
      let byReference: unknown;
      reference.push(await time(() => (byReference = demographicReport(loadReportCases(db).cases, DemographicRequest.parse(request)))));
      identical &&= JSON.stringify(byReference) === JSON.stringify(await tier.call('reports.demographics', request));
    }
  }
  return {
    cases: tier.cases,
    casesCounted: counted,
    demographics: {
      ...stats(demographics),
      firstCallMs: round(firstMs),
      what: 'reports.demographics: all ten dimensions and a gender x age-band cross-tab, with complementary suppression, through the dispatcher (role check, audit, output check), from the kept facts',
      baseline: {
        what: 'the reference derivation in the same run: every case and its latest full screening read and derived again (loadReportCases), then the same report computed over them (no dispatcher)',
        ...stats(reference),
        sameReport: identical,
      },
      oneWayOnly: { what: 'the ten one-way tables, no cross-tab', ...stats(withoutCross) },
      period: { what: 'with a registration period between the quartiles of the registration days (ends inside months)', filters: period.filters, ...stats(withPeriod) },
    },
    kpis: {
      ...stats(kpis),
      what: 'reports.kpis: caseload, days to referral, referrals accepted, overdue follow-ups, reintegration by quarter, through the dispatcher, from the kept facts (migration 008)',
      baseline: {
        what: 'the reference derivation in the same run: the cases from the case index, every referral and follow-up read from records (json_extract), computeKpis (no dispatcher) — the path reports.kpis took before migration 008',
        ...stats(kpiReference),
        sameKpis,
      },
      plans: Object.fromEntries(
        kpiQueries({}).map((q) => [q.name, (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all({ ...q.params, today: isoDay(new Date()) }) as { detail: string }[]).map((r) => r.detail)]),
      ),
    },
  };
}
