import type { Dashboard, DashboardActivity, DashboardIndicator } from '../../shared/contract/workplans';
import {
  ACTIVITY_STATUSES,
  achievement,
  actualFor,
  applies,
  combineBreakdowns,
  contains,
  parsePeriod,
  periodEnd,
  periodsOfYears,
  periodStart,
  ragOf,
  RAGS,
  targetFor,
  todayIso,
  type ActivityStatus,
  type Basis,
  type BreakdownRow,
  type IndicatorValue,
  type ProgressStatus,
  type Rag,
} from '../../shared/domain/workplans';
import type { Unlocked } from '../identity/session';
import { agencyNamer } from './agencies';
import { countItems, dueItemsOf } from './calendar';
import { read, requirePlan, sortByCode } from './context';
import { listNpa } from './planIndex';
import { statusOf, type Report } from './progress';

/**
 * The dashboard of one period (docs/workplans.md §Dashboard): per pillar the activities by status and
 * the indicators by red / amber / green; each indicator's target, actual, achievement, breakdown and
 * series; each activity's latest reported status; who has reported. The XLSX report and the DHIS2
 * export are built from the same figures.
 */

/** Report statuses counted under each basis. */
export const COUNTED: Record<Basis, readonly ProgressStatus[]> = { approved: ['approved'], submitted: ['submitted', 'approved'] };

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export type Figure = { period: string; value: IndicatorValue | null; breakdown: BreakdownRow[]; comment: string; computed: boolean; agency: string };

/** The actuals of each indicator in the reports counted under a basis. */
export function countedFigures(u: Unlocked, planId: string, basis: Basis): { reports: Report[]; figures: Map<string, Figure[]> } {
  const counted = new Set(COUNTED[basis]);
  const reports = listNpa(u.workspace.db, 'npa_progress', planId).filter((r) => counted.has(statusOf(u, r)));
  const figures = new Map<string, Figure[]>();
  for (const r of reports) {
    for (const a of r.indicatorActuals) {
      const list = figures.get(a.indicatorId) ?? [];
      list.push({ period: r.period, value: a.value, breakdown: a.breakdown, comment: a.comment, computed: a.computed, agency: r.agency });
      figures.set(a.indicatorId, list);
    }
  }
  return { reports, figures };
}

export function dashboardData(u: Unlocked, input: { planId: string; period: string; basis: Basis; asOf?: string }): Dashboard {
  return read(u, () => {
    const db = u.workspace.db;
    const plan = requirePlan(u, input.planId);
    const { period, basis } = input;
    const asOf = input.asOf ?? todayIso();
    const start = periodStart(period);
    const end = periodEnd(period);
    const name = agencyNamer(u, plan);

    const pillars = listNpa(db, 'npa_pillar', plan.id).sort((a, b) => a.order - b.order || a.code.localeCompare(b.code, 'en', { numeric: true }));
    const outcomes = new Map(listNpa(db, 'npa_outcome', plan.id).map((o) => [o.id, o]));
    const outputs = new Map(listNpa(db, 'npa_output', plan.id).map((o) => [o.id, o]));
    const allActivities = sortByCode(listNpa(db, 'npa_activity', plan.id));
    const activityById = new Map(allActivities.map((a) => [a.id, a]));
    const pillarOfOutcome = (id: string) => outcomes.get(id)?.pillarId ?? null;
    const pillarOfOutput = (id: string) => {
      const o = outputs.get(id);
      return o ? pillarOfOutcome(o.outcomeId) : null;
    };
    const pillarOfActivity = (id: string) => {
      const a = activityById.get(id);
      return a ? pillarOfOutput(a.outputId) : null;
    };
    const resultOf = (level: string, id: string): { pillarId: string | null; code: string } =>
      level === 'outcome'
        ? { pillarId: pillarOfOutcome(id), code: outcomes.get(id)?.code ?? '' }
        : level === 'output'
          ? { pillarId: pillarOfOutput(id), code: outputs.get(id)?.code ?? '' }
          : { pillarId: pillarOfActivity(id), code: activityById.get(id)?.code ?? '' };

    const { reports, figures } = countedFigures(u, plan.id, basis);

    const lastYear = Math.min(plan.endYear, parsePeriod(period).year);
    const indicators: DashboardIndicator[] = sortByCode(listNpa(db, 'npa_indicator', plan.id)).map((ind) => {
      const own = (figures.get(ind.id) ?? []).filter((f) => f.agency === ind.responsibleAgency && parsePeriod(f.period).frequency === ind.frequency);
      const inPeriod = own.filter((f) => contains(period, f.period)).sort((a, b) => (a.period < b.period ? -1 : 1));
      const applicable = applies(ind.frequency, period);
      const target = targetFor(ind, period);
      const actual = actualFor(ind, own, period);
      const achieved = achievement(ind.measure, ind.ascending, target, actual);
      const result = resultOf(ind.resultLevel, ind.resultId);
      const series = periodsOfYears(ind.frequency, plan.startYear, lastYear)
        .filter((p) => periodEnd(p) <= end)
        .map((p) => {
          const t = targetFor(ind, p);
          const a = actualFor(ind, own, p);
          const ach = achievement(ind.measure, ind.ascending, t, a);
          return { period: p, target: t, actual: a, achievement: ach, rag: ragOf(ach, plan.rag) };
        });
      return {
        id: ind.id,
        code: ind.code,
        title: ind.title,
        pillarId: result.pillarId,
        resultLevel: ind.resultLevel,
        resultCode: result.code,
        measure: ind.measure,
        ascending: ind.ascending,
        frequency: ind.frequency,
        responsibleAgency: ind.responsibleAgency,
        responsibleAgencyName: name(ind.responsibleAgency),
        baseline: ind.baseline,
        applicable,
        target,
        actual,
        achievement: achieved,
        rag: ragOf(achieved, plan.rag),
        breakdown: combineBreakdowns(ind.measure, inPeriod.map((f) => ({ period: f.period, rows: f.breakdown }))),
        computed: ind.computedFrom !== null,
        reportedPeriods: inPeriod.filter((f) => f.value !== null).map((f) => f.period),
        comments: inPeriod.filter((f) => f.comment !== '').map((f) => ({ period: f.period, comment: f.comment })),
        series,
      };
    });

    // Each activity's latest counted update from its lead agency, up to the end of the period.
    const updates = new Map<string, { period: string; status: ActivityStatus; percentComplete: number; narrative: string }>();
    for (const r of [...reports].sort((a, b) => (periodEnd(a.period) < periodEnd(b.period) ? -1 : 1))) {
      if (periodEnd(r.period) > end) continue;
      for (const upd of r.activityUpdates) {
        if (activityById.get(upd.activityId)?.leadAgency === r.agency) updates.set(upd.activityId, { ...upd, period: r.period });
      }
    }
    const activities: DashboardActivity[] = allActivities
      .filter((a) => (a.start <= end && a.end >= start) || a.workplanYear === parsePeriod(period).year)
      .map((a) => {
        const upd = updates.get(a.id);
        return {
          id: a.id,
          code: a.code,
          title: a.title,
          pillarId: pillarOfOutput(a.outputId),
          outputCode: outputs.get(a.outputId)?.code ?? '',
          leadAgency: a.leadAgency,
          leadAgencyName: name(a.leadAgency),
          workplanYear: a.workplanYear,
          start: a.start,
          end: a.end,
          budget: a.budget,
          currency: a.currency,
          status: upd?.status ?? a.status,
          percentComplete: upd?.percentComplete ?? null,
          reportedPeriod: upd?.period ?? null,
          narrative: upd?.narrative ?? '',
        };
      });

    const pillarRows = pillars.map((p) => {
      const acts = activities.filter((a) => a.pillarId === p.id);
      const inds = indicators.filter((i) => i.pillarId === p.id && i.applicable);
      const byStatus = zeroes(ACTIVITY_STATUSES);
      for (const a of acts) byStatus[a.status]++;
      const byRag = zeroes<Rag>(RAGS);
      for (const i of inds) byRag[i.rag]++;
      const budget = new Map<string, number>();
      for (const a of acts) if (a.budget !== null && a.currency) budget.set(a.currency, (budget.get(a.currency) ?? 0) + a.budget);
      return {
        id: p.id,
        code: p.code,
        title: p.title,
        activities: { total: acts.length, byStatus },
        indicators: { total: inds.length, byRag },
        budget: [...budget.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount })),
      };
    });
    const activitiesByStatus = zeroes(ACTIVITY_STATUSES);
    for (const a of activities) activitiesByStatus[a.status]++;
    const indicatorsByRag = zeroes<Rag>(RAGS);
    for (const i of indicators) if (i.applicable) indicatorsByRag[i.rag]++;

    const due = dueItemsOf(u, plan, asOf, (i) => contains(period, i.period));
    return {
      plan: { id: plan.id, title: plan.title, country: plan.country, startYear: plan.startYear, endYear: plan.endYear, version: plan.version, status: plan.status },
      period,
      periodStart: start,
      periodEnd: end,
      basis,
      asOf,
      thresholds: plan.rag,
      pillars: pillarRows,
      indicators,
      activities,
      totals: { activitiesByStatus, indicatorsByRag },
      reporting: countItems(due),
    };
  });
}

