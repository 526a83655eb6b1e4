import { z } from 'zod';
import { isSmall, roundToK, suppressLine } from './disclosure';

/**
 * Case-management KPIs (docs/reports.md §KPIs). Figures about the work, not about people: a median or a
 * mean over fewer than k cases is not published (it would describe one or two persons), and counts from
 * 1 to k-1 are hidden like every other count that leaves the office.
 */

export type KpiCase = { caseId: string; stage: string; assignee: string | null; identifiedOn: string };
export type KpiReferral = { caseId: string; referredOn: string; status: string };
export type KpiFollowUp = { caseId: string; dueDate: string; visitDate: string | null; cancelled: boolean; composite: number | null };

const Count = z.number().int().min(0).nullable();

export const Kpis = z.object({
  asOf: z.string(),
  caseload: z.object({
    openCases: Count,
    unassigned: Count,
    workers: z.number().int().min(0),
    /** Open cases per case worker with at least one open case. */
    perWorker: z.array(z.object({ worker: z.string(), openCases: z.number().int().min(0) })),
    median: z.number().nullable(),
    max: z.number().int().nullable(),
  }),
  identificationToReferral: z.object({ cases: Count, medianDays: z.number().nullable() }),
  referrals: z.object({ decided: Count, accepted: Count, share: z.number().min(0).max(1).nullable() }),
  followUps: z.object({ open: Count, overdue: Count }),
  reintegration: z.array(z.object({ period: z.string(), visits: Count, meanScore: z.number().min(0).max(1).nullable() })),
});
export type Kpis = z.infer<typeof Kpis>;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const quarterOf = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

const ACCEPTED = new Set(['accepted', 'done']);

export function computeKpis(input: { cases: readonly KpiCase[]; referrals: readonly KpiReferral[]; followUps: readonly KpiFollowUp[]; today: string; k: number; round: boolean }): Kpis {
  const ids = new Set(input.cases.map((c) => c.caseId));

  const open = input.cases.filter((c) => c.stage !== 'closed');
  const perWorkerMap = new Map<string, number>();
  for (const c of open) if (c.assignee) perWorkerMap.set(c.assignee, (perWorkerMap.get(c.assignee) ?? 0) + 1);
  const perWorker = [...perWorkerMap].map(([worker, openCases]) => ({ worker, openCases })).sort((a, b) => b.openCases - a.openCases || (a.worker < b.worker ? -1 : 1));

  const identified = new Map(input.cases.map((c) => [c.caseId, c.identifiedOn]));
  const firstReferral = new Map<string, string>();
  for (const r of input.referrals) {
    if (!ids.has(r.caseId)) continue;
    const seen = firstReferral.get(r.caseId);
    if (!seen || r.referredOn < seen) firstReferral.set(r.caseId, r.referredOn);
  }
  const delays = [...firstReferral].map(([id, day]) => Math.max(0, daysBetween(identified.get(id)!, day)));

  const referrals = input.referrals.filter((r) => ids.has(r.caseId));
  const decided = referrals.filter((r) => ACCEPTED.has(r.status) || r.status === 'rejected');
  const accepted = decided.filter((r) => ACCEPTED.has(r.status));

  const followUps = input.followUps.filter((f) => ids.has(f.caseId));
  const openFollowUps = followUps.filter((f) => f.visitDate === null && !f.cancelled);
  const overdue = openFollowUps.filter((f) => f.dueDate < input.today);

  const byQuarter = new Map<string, number[]>();
  for (const f of followUps) {
    if (f.visitDate === null || f.composite === null) continue;
    const q = quarterOf(f.visitDate);
    const scores = byQuarter.get(q);
    if (scores) scores.push(f.composite);
    else byQuarter.set(q, [f.composite]);
  }
  const quarters = [...byQuarter].map(([period, scores]) => ({ period, n: scores.length, total: scores.reduce((a, b) => a + b, 0) }));
  return publishKpis(
    {
      openCases: open.length,
      unassigned: open.filter((c) => !c.assignee).length,
      perWorker,
      delays,
      decided: decided.length,
      accepted: accepted.length,
      openFollowUps: openFollowUps.length,
      overdue: overdue.length,
      quarters,
    },
    input,
  );
}

/** What the KPIs are made of, before disclosure control: counted from records or read from kept facts. */
export type KpiTotals = {
  openCases: number;
  unassigned: number;
  /** Open cases per case worker with at least one, most first. */
  perWorker: { worker: string; openCases: number }[];
  /** Days from identification to the first referral, one per referred case. */
  delays: number[];
  decided: number;
  accepted: number;
  openFollowUps: number;
  overdue: number;
  /** Scored visits per quarter of the visit: how many, and the sum of their scores. */
  quarters: { period: string; n: number; total: number }[];
};

/** The published KPIs from their totals: small counts hidden, counts rounded, medians and means only over k or more. */
export function publishKpis(t: KpiTotals, opts: { today: string; k: number; round: boolean }): Kpis {
  const { k } = opts;
  const count = (v: number) => (isSmall(v, k) ? null : roundToK(v, k, opts.round));
  // accepted + rejected = decided: one line, so that no two published figures give away a small third.
  const decision = suppressLine([t.accepted, t.decided - t.accepted], k);
  const shown = (v: number, hidden: boolean) => (hidden ? null : roundToK(v, k, opts.round));
  const counts = t.perWorker.map((w) => w.openCases);
  return {
    asOf: opts.today,
    caseload: {
      openCases: count(t.openCases),
      unassigned: count(t.unassigned),
      workers: t.perWorker.length,
      perWorker: t.perWorker,
      median: median(counts),
      max: counts.length ? Math.max(...counts) : null,
    },
    identificationToReferral: { cases: count(t.delays.length), medianDays: t.delays.length >= k ? median(t.delays) : null },
    referrals: {
      decided: shown(t.decided, decision.totalHidden),
      accepted: shown(t.accepted, decision.hidden[0]!),
      share: decision.totalHidden || decision.hidden[0] || t.decided === 0 ? null : t.accepted / t.decided,
    },
    followUps: { open: count(t.openFollowUps), overdue: count(t.overdue) },
    reintegration: [...t.quarters]
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .map((q) => ({ period: q.period, visits: count(q.n), meanScore: q.n >= k ? Math.round((q.total / q.n) * 1000) / 1000 : null })),
  };
}
