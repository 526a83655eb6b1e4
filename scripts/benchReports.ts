/**
 * Report figures for `npm run bench` (scripts/bench.ts): the demographic report (every dimension and
 * a cross-tab, disclosure control included) over the workspace of demo cases that benchCases built,
 * through the dispatcher — beside the bare read of the facts it counts, and the KPIs.
 */
import { join } from 'node:path';
import { createCore } from '../electron/rpc/core';
import { loadReportCases } from '../electron/reports/reportFacts';
import type { MethodName } from '../shared/contract';

const round = (n: number) => Math.round(n * 10) / 10;
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), runs: samples.length };
}

const PASSWORD = 'correct horse battery staple';
const CHEAP_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

/** Reuses `root/cases-ws` (left locked by benchCases) and unlocks it as its administrator. */
export async function benchReports(root: string, cases: number, opts: { runs?: number } = {}) {
  const runs = opts.runs ?? 5;
  const core = createCore(join(root, 'cases-ws'), { idleCheckMs: 0, kdf: CHEAP_KDF });
  const call = async (method: MethodName, params: unknown) => {
    const result = await core.dispatcher.dispatch(method, params);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  await call('session.unlock', { username: 'admin', password: PASSWORD });
  const db = core.session.requireUnlocked().workspace.db;
  const time = async (fn: () => unknown) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const request = { crossTab: { rows: 'gender', columns: 'ageBand' }, k: 5 };
  const counted = ((await call('reports.demographics', request)) as { cases: number | null }).cases;
  const demographics: number[] = [];
  const kpis: number[] = [];
  const facts: number[] = [];
  for (let i = 0; i < runs; i++) {
    demographics.push(await time(() => call('reports.demographics', request)));
    kpis.push(await time(() => call('reports.kpis', { k: 5 })));
    facts.push(await time(() => loadReportCases(db)));
  }
  core.session.lock('user');
  return {
    cases,
    casesCounted: counted,
    demographics: {
      ...stats(demographics),
      what: 'reports.demographics: all ten dimensions and a gender x age-band cross-tab, with complementary suppression, through the dispatcher (role check, audit, output check)',
      baseline: { what: 'reading the report facts alone (case index joined with the latest full screening)', ...stats(facts) },
    },
    kpis: { ...stats(kpis), what: 'reports.kpis: caseload, days to referral, referrals accepted, overdue follow-ups, reintegration by quarter' },
  };
}
