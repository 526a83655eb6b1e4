import type { Calendar, DueItem } from '../../shared/contract/workplans';
import {
  addDays,
  daysBetween,
  frequencyOf,
  isOverdue,
  periodEnd,
  periodsOfYears,
  periodStart,
  todayIso,
  type DueStatus,
  type Frequency,
} from '../../shared/domain/workplans';
import type { Unlocked } from '../identity/session';
import { agencyNamer } from './agencies';
import { read, requirePlan, sortByCode, type Plan } from './context';
import { listNpa } from './planIndex';
import { reportDue, statusOf, type Report } from './progress';

/**
 * The reporting calendar (docs/workplans.md §Due dates): a report is due from an agency for every period
 * of each indicator it is responsible for (at the indicator's frequency), and every quarter in which an
 * activity it leads runs; due the plan's number of days after the period ends; overdue after that
 * until it is submitted.
 */

type Key = string;
const keyOf = (agency: string, period: string): Key => `${agency}\u0000${period}`;

/** Every report the plan expects, whatever its date: agency, period, and what it covers. */
export function expectedReports(u: Unlocked, plan: Plan): Map<Key, { agency: string; period: string; indicators: DueItem['indicators']; activities: DueItem['activities'] }> {
  const db = u.workspace.db;
  const out = new Map<Key, { agency: string; period: string; indicators: DueItem['indicators']; activities: DueItem['activities'] }>();
  const add = (agency: string, period: string) => {
    const key = keyOf(agency, period);
    let item = out.get(key);
    if (!item) out.set(key, (item = { agency, period, indicators: [], activities: [] }));
    return item;
  };
  const periods = new Map<Frequency, string[]>();
  const periodsOf = (f: Frequency) => periods.get(f) ?? periods.set(f, periodsOfYears(f, plan.startYear, plan.endYear)).get(f)!;
  for (const ind of sortByCode(listNpa(db, 'npa_indicator', plan.id))) {
    for (const period of periodsOf(ind.frequency)) add(ind.responsibleAgency, period).indicators.push({ id: ind.id, code: ind.code, title: ind.title });
  }
  for (const act of sortByCode(listNpa(db, 'npa_activity', plan.id))) {
    if (act.status === 'cancelled') continue;
    for (const period of periodsOf('quarterly')) {
      if (act.start <= periodEnd(period) && act.end >= periodStart(period)) add(act.leadAgency, period).activities.push({ id: act.id, code: act.code, title: act.title });
    }
  }
  return out;
}

export function dueItemsOf(u: Unlocked, plan: Plan, today: string, keep: (item: { agency: string; period: string; dueDate: string }) => boolean): DueItem[] {
  const name = agencyNamer(u, plan);
  const reports = new Map<Key, Report>();
  for (const r of listNpa(u.workspace.db, 'npa_progress', plan.id)) if (!reports.has(keyOf(r.agency, r.period))) reports.set(keyOf(r.agency, r.period), r);
  const items: DueItem[] = [];
  for (const [key, e] of expectedReports(u, plan)) {
    const due = reportDue(plan, e.period);
    if (!keep({ agency: e.agency, period: e.period, dueDate: due })) continue;
    const report = reports.get(key);
    const status: DueStatus = report ? statusOf(u, report) : 'missing';
    const overdue = isOverdue(due, today, status);
    items.push({
      agency: e.agency,
      agencyName: name(e.agency),
      period: e.period,
      frequency: frequencyOf(e.period),
      dueDate: due,
      status,
      overdue,
      daysLate: overdue ? daysBetween(due, today) : 0,
      progressId: report?.id ?? null,
      indicators: e.indicators,
      activities: e.activities,
    });
  }
  return items.sort((a, b) => (a.dueDate === b.dueDate ? a.agency.localeCompare(b.agency) || a.period.localeCompare(b.period) : a.dueDate < b.dueDate ? -1 : 1));
}

const emptyCounts = () => ({ due: 0, missing: 0, draft: 0, submitted: 0, approved: 0, returned: 0, overdue: 0 });
type Counts = ReturnType<typeof emptyCounts>;

/** Counts of due items by agency and in total. */
export function countItems(items: readonly DueItem[]): { byAgency: (Counts & { agency: string; agencyName: string })[]; totals: Counts } {
  const totals = emptyCounts();
  const byAgency = new Map<string, Counts & { agency: string; agencyName: string }>();
  for (const item of items) {
    let c = byAgency.get(item.agency);
    if (!c) byAgency.set(item.agency, (c = { agency: item.agency, agencyName: item.agencyName, ...emptyCounts() }));
    for (const target of [c, totals]) {
      target.due++;
      target[item.status]++;
      if (item.overdue) target.overdue++;
    }
  }
  return { byAgency: [...byAgency.values()].sort((a, b) => a.agency.localeCompare(b.agency)), totals };
}

/**
 * What is due between `from` and `to` (by due date; default: from the plan's first day to 31 days
 * after `asOf`), for one agency or all.
 */
export function calendarDue(u: Unlocked, input: { planId: string; agency?: string; asOf?: string; from?: string; to?: string }): Calendar {
  return read(u, () => {
    const plan = requirePlan(u, input.planId);
    const asOf = input.asOf ?? todayIso();
    const from = input.from ?? `${plan.startYear}-01-01`;
    const to = input.to ?? addDays(asOf, 31);
    const items = dueItemsOf(u, plan, asOf, (i) => (!input.agency || i.agency === input.agency) && i.dueDate >= from && i.dueDate <= to);
    return { planId: plan.id, asOf, from, to, items, ...countItems(items) };
  });
}
