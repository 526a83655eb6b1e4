import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { ProgressForm, ProgressView, SaveDraftInput, workplansContract } from '../../shared/contract/workplans';
import {
  actualProblems,
  currentReview,
  dueDate,
  effectiveStatus,
  frequencyOf,
  isOverdue,
  mayEdit,
  mayReview,
  maySubmit,
  parsePeriod,
  periodEnd,
  periodStart,
  targetFor,
  todayIso,
  transitionRefusal,
  type IndicatorActual,
  type ProgressStatus,
  type ReviewDecision,
} from '../../shared/domain/workplans';
import type { Unlocked } from '../identity/session';
import { agencyNamer } from './agencies';
import { caseIndexSource, computeActual, type CaseIndicatorSource } from './caseIndicators';
import { meta, nowIso, read, requireHolder, requirePlan, requireRecord, sortByCode, write, type Plan } from './context';
import { listNpa, syncNpaIndex, type Stored } from './planIndex';
import type { NpaData } from './recordTypes';

/**
 * Progress (docs/workplans.md §Progress): each responsible agency enters, in its own workspace, the
 * actuals of its indicators and the status of the activities it leads, for one period; submits; the
 * secretariat approves or returns the submitted revision with comments. The report is the agency's
 * record, the review the secretariat's: neither side can change the other's.
 */

type In<M extends keyof typeof workplansContract> = z.output<(typeof workplansContract)[M]['input']>;
export type Report = Stored<NpaData<'npa_progress'>>;
export type Review = Stored<NpaData<'npa_review'>>;

const writerRoles = new Set(['admin', 'me_officer']);

export const reviewsOf = (u: Unlocked, report: Report): Review[] =>
  listNpa(u.workspace.db, 'npa_review', report.planId, { agency: report.agency, period: report.period })
    .filter((r) => r.progressId === report.id)
    .sort((a, b) => (a.reviewedAt < b.reviewedAt ? -1 : 1));

export const statusOf = (u: Unlocked, report: Report): ProgressStatus => effectiveStatus(report, reviewsOf(u, report));

export const reportDue = (plan: Plan, period: string): string => dueDate(period, plan.dueDays[frequencyOf(period)]);

export function progressView(u: Unlocked, plan: Plan, report: Report, today: string = todayIso()): ProgressView {
  const reviews = reviewsOf(u, report);
  const status = effectiveStatus(report, reviews);
  const due = reportDue(plan, report.period);
  const review = currentReview(report, reviews);
  const mayWrite = writerRoles.has(u.user.role);
  return {
    ...meta(report),
    planId: report.planId,
    agency: report.agency,
    agencyName: agencyNamer(u, plan)(report.agency),
    period: report.period,
    status,
    revision: report.revision,
    submittedAt: report.submittedAt,
    submittedBy: report.submittedBy,
    indicatorActuals: report.indicatorActuals,
    activityUpdates: report.activityUpdates,
    narrative: report.narrative,
    evidence: report.evidence,
    reviews: reviews.map((r) => ({ ...r })),
    returnedComments: review?.decision === 'returned' ? review.comments : null,
    dueDate: due,
    overdue: isOverdue(due, today, status),
    canEdit: mayWrite && report.ownerOrg === u.organisation.code && mayEdit(status),
    canSubmit: mayWrite && report.ownerOrg === u.organisation.code && maySubmit(status),
    canReview: mayWrite && plan.ownerOrg === u.organisation.code && mayReview(status),
  };
}

export const findReport = (u: Unlocked, planId: string, agency: string, period: string): Report | null =>
  listNpa(u.workspace.db, 'npa_progress', planId, { agency, period })[0] ?? null;

function requirePeriodInPlan(plan: Plan, period: string): void {
  const { year } = parsePeriod(period);
  if (year < plan.startYear || year > plan.endYear) throw new CounterpartError('VALIDATION', `${period} is outside the plan (${plan.startYear}-${plan.endYear}).`, { period });
}

/** What an agency reports for a period: its indicators of that frequency, and (each quarter) the activities it leads that run then. */
export function expectedFor(u: Unlocked, plan: Plan, agency: string, period: string) {
  const db = u.workspace.db;
  const frequency = frequencyOf(period);
  const indicators = sortByCode(listNpa(db, 'npa_indicator', plan.id, { agency })).filter((i) => i.frequency === frequency);
  const activities =
    frequency === 'quarterly'
      ? sortByCode(listNpa(db, 'npa_activity', plan.id, { agency })).filter((a) => a.status !== 'cancelled' && a.start <= periodEnd(period) && a.end >= periodStart(period))
      : [];
  return { indicators, activities };
}

export function caseSource(u: Unlocked): CaseIndicatorSource {
  return caseIndexSource(u.workspace.db, { code: u.organisation.code, country: u.organisation.country });
}

export function progressForm(u: Unlocked, input: In<'progress.get'>): ProgressForm {
  return read(u, () => {
    const plan = requirePlan(u, input.planId);
    const agency = input.agency ?? u.organisation.code;
    requirePeriodInPlan(plan, input.period);
    const report = findReport(u, plan.id, agency, input.period);
    const { indicators, activities } = expectedFor(u, plan, agency, input.period);
    const source = caseSource(u);
    const own = agency === u.organisation.code;
    const quarter = parsePeriod(input.period).index;
    const workplan = listNpa(u.workspace.db, 'npa_workplan', plan.id, { period: String(parsePeriod(input.period).year) })[0];
    const lastUpdates = latestActivityUpdates(u, plan, agency, input.period);
    return {
      planId: plan.id,
      planTitle: plan.title,
      agency,
      agencyName: agencyNamer(u, plan)(agency),
      period: input.period,
      dueDate: reportDue(plan, input.period),
      report: report ? progressView(u, plan, report) : null,
      indicators: indicators.map((i) => ({
        id: i.id,
        code: i.code,
        title: i.title,
        measure: i.measure,
        ascending: i.ascending,
        frequency: i.frequency,
        disaggregation: i.disaggregation,
        baseline: i.baseline,
        target: targetFor(i, input.period),
        computedFrom: i.computedFrom,
        computed: own ? computeActual(source, i, input.period) : null,
      })),
      activities: activities.map((a) => {
        const item = workplan?.items.find((w) => w.activityId === a.id);
        const milestone = item ? item.milestones[`q${quarter}` as 'q1' | 'q2' | 'q3' | 'q4'] : '';
        return { id: a.id, code: a.code, title: a.title, plannedStatus: a.status, start: a.start, end: a.end, milestone, lastUpdate: lastUpdates.get(a.id) ?? null };
      }),
      caseDataAvailable: own && source.available,
    };
  });
}

/** The latest update of each activity in this agency's reports of earlier periods. */
function latestActivityUpdates(u: Unlocked, plan: Plan, agency: string, before: string) {
  const out = new Map<string, NpaData<'npa_progress'>['activityUpdates'][number] & { period: string }>();
  const reports = listNpa(u.workspace.db, 'npa_progress', plan.id, { agency })
    .filter((r) => periodEnd(r.period) < periodStart(before))
    .sort((a, b) => (periodEnd(a.period) < periodEnd(b.period) ? -1 : 1));
  for (const r of reports) for (const a of r.activityUpdates) out.set(a.activityId, { ...a, period: r.period });
  return out;
}

export function listProgress(u: Unlocked, input: In<'progress.list'>) {
  return read(u, () => {
    const plan = requirePlan(u, input.planId);
    const today = todayIso();
    return listNpa(u.workspace.db, 'npa_progress', plan.id, { agency: input.agency, period: input.period })
      .map((r) => progressView(u, plan, r, today))
      .filter((v) => !input.status || v.status === input.status)
      .sort((a, b) => (a.period === b.period ? a.agency.localeCompare(b.agency) : a.period < b.period ? 1 : -1))
      .map((v) => ({
        id: v.id,
        planId: v.planId,
        agency: v.agency,
        agencyName: v.agencyName,
        period: v.period,
        status: v.status,
        revision: v.revision,
        submittedAt: v.submittedAt,
        dueDate: v.dueDate,
        overdue: v.overdue,
        updatedAt: v.updatedAt,
        indicators: v.indicatorActuals.length,
        activities: v.activityUpdates.length,
      }));
  });
}

/** Checks every line of a draft against the plan: own indicators and activities only, right frequency, values that fit. */
function checkLines(u: Unlocked, plan: Plan, agency: string, input: SaveDraftInput): IndicatorActual[] {
  const frequency = frequencyOf(input.period);
  const seen = new Set<string>();
  const actuals = input.indicatorActuals.map((a) => {
    const ind = requireRecord(u, 'npa_indicator', a.indicatorId, 'indicator');
    if (ind.planId !== plan.id) throw new CounterpartError('VALIDATION', `Indicator ${ind.code} belongs to another plan.`);
    if (ind.responsibleAgency !== agency) {
      throw new CounterpartError('FORBIDDEN', `Indicator ${ind.code} is reported by ${ind.responsibleAgency}; ${agency} cannot enter its progress.`, { indicator: ind.code, responsibleAgency: ind.responsibleAgency });
    }
    if (ind.frequency !== frequency) throw new CounterpartError('VALIDATION', `Indicator ${ind.code} is reported ${ind.frequency}, not in a ${frequency} report.`, { indicator: ind.code });
    if (seen.has(ind.id)) throw new CounterpartError('VALIDATION', `Indicator ${ind.code} appears twice in the report.`, { indicator: ind.code });
    seen.add(ind.id);
    const problems = actualProblems(ind, a);
    if (problems.length) throw new CounterpartError('VALIDATION', problems.map((p) => p.message).join(' '), { indicator: ind.code, problems });
    return { ...a, computed: false };
  });
  const activitiesSeen = new Set<string>();
  for (const upd of input.activityUpdates) {
    const act = requireRecord(u, 'npa_activity', upd.activityId, 'activity');
    if (act.planId !== plan.id) throw new CounterpartError('VALIDATION', `Activity ${act.code} belongs to another plan.`);
    if (act.leadAgency !== agency) {
      throw new CounterpartError('FORBIDDEN', `Activity ${act.code} is led by ${act.leadAgency}; only its office enters its progress.`, { activity: act.code, leadAgency: act.leadAgency });
    }
    if (frequency !== 'quarterly') throw new CounterpartError('VALIDATION', 'Activity progress is reported each quarter (a period such as 2025Q1).');
    if (activitiesSeen.has(act.id)) throw new CounterpartError('VALIDATION', `Activity ${act.code} appears twice in the report.`);
    activitiesSeen.add(act.id);
  }
  if (!input.fillComputed) return actuals;
  // Computed indicators take the figures of this workspace's cases, replacing anything typed in.
  const source = caseSource(u);
  const computed = expectedFor(u, plan, agency, input.period).indicators.filter((i) => i.computedFrom !== null);
  const byId = new Map(actuals.map((a) => [a.indicatorId, a]));
  for (const ind of computed) {
    const figure = computeActual(source, ind, input.period);
    if (!figure) continue;
    byId.set(ind.id, { indicatorId: ind.id, value: figure.value, breakdown: figure.breakdown, comment: figure.note, computed: true });
  }
  return [...byId.values()];
}

export function saveDraft(u: Unlocked, input: SaveDraftInput): ProgressView {
  const agency = input.agency ?? u.organisation.code;
  if (agency !== u.organisation.code) {
    throw new CounterpartError('FORBIDDEN', `Progress of ${agency} is entered at ${agency}'s own office; this workspace belongs to ${u.organisation.code}.`, { agency });
  }
  return write(u, () => {
    const plan = requirePlan(u, input.planId);
    requirePeriodInPlan(plan, input.period);
    const indicatorActuals = checkLines(u, plan, agency, input);
    const lines = { indicatorActuals, activityUpdates: input.activityUpdates, narrative: input.narrative, evidence: input.evidence };
    const existing = findReport(u, plan.id, agency, input.period);
    if (existing) {
      const status = statusOf(u, existing);
      if (!mayEdit(status)) throw new CounterpartError('INVALID_TRANSITION', transitionRefusal('edit', status), { status });
      u.records.update('npa_progress', existing.id, { ...lines, status: 'draft' });
      return progressView(u, plan, requireRecord(u, 'npa_progress', existing.id, 'progress report'));
    }
    const env = u.records.create('npa_progress', { planId: plan.id, agency, period: input.period, status: 'draft', revision: 0, ...lines });
    return progressView(u, plan, requireRecord(u, 'npa_progress', env.id, 'progress report'));
  });
}

export function submitProgress(u: Unlocked, id: string): ProgressView {
  return write(u, () => {
    const report = requireRecord(u, 'npa_progress', id, 'progress report');
    if (report.ownerOrg !== u.organisation.code) {
      throw new CounterpartError('FORBIDDEN', `This report belongs to ${report.ownerOrg}; only its office submits it.`, { ownerOrg: report.ownerOrg });
    }
    const plan = requirePlan(u, report.planId);
    const status = statusOf(u, report);
    if (!maySubmit(status)) throw new CounterpartError('INVALID_TRANSITION', transitionRefusal('submit', status), { status });
    if (report.indicatorActuals.length === 0 && report.activityUpdates.length === 0 && report.narrative === '') {
      throw new CounterpartError('VALIDATION', 'The report is empty: enter at least one actual, activity update or narrative before submitting.');
    }
    u.records.update('npa_progress', id, { status: 'submitted', revision: report.revision + 1, submittedAt: nowIso(), submittedBy: u.user.username });
    return progressView(u, plan, requireRecord(u, 'npa_progress', id, 'progress report'));
  });
}

/** The secretariat's answer to the submitted revision: a review record it owns. */
export function reviewProgress(u: Unlocked, id: string, decision: ReviewDecision, comments: string): ProgressView {
  return write(u, () => {
    const report = requireRecord(u, 'npa_progress', id, 'progress report');
    const plan = requirePlan(u, report.planId);
    requireHolder(u, plan, decision === 'approved' ? 'approve progress' : 'return progress');
    const status = statusOf(u, report);
    if (!mayReview(status)) throw new CounterpartError('INVALID_TRANSITION', transitionRefusal(decision === 'approved' ? 'approve' : 'return', status), { status });
    u.records.create('npa_review', {
      planId: plan.id,
      progressId: report.id,
      agency: report.agency,
      period: report.period,
      revision: report.revision,
      decision,
      comments,
      reviewedBy: u.user.username,
      reviewedAt: nowIso(),
    });
    syncNpaIndex(u.workspace.db);
    return progressView(u, plan, report);
  });
}
