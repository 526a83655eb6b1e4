import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { workplansContract } from '../../shared/contract/workplans';
import {
  activityProblems,
  DEFAULT_PILLARS,
  indicatorProblems,
  planProblems,
  type ActivityData,
  type IndicatorData,
  type PlanData,
} from '../../shared/domain/workplans';
import { xlsxStrings } from '../../shared/i18n/workplans-xlsx';
import type { Unlocked } from '../identity/session';
import { agencyEntries, withAgencies } from './agencies';
import { assertNoProblems, meta, read, requireHolder, requirePlan, requireRecord, sortByCode, write, type Plan } from './context';
import { childIds, listNpa, listPlans, planRecordCount, type Stored } from './planIndex';
import type { NpaData, NpaRecordType } from './recordTypes';

/**
 * The plan structure (docs/workplans.md §Model): plan, pillars, outcomes, outputs, activities,
 * indicators and annual workplans. Only the organisation holding a plan (the secretariat that created
 * or imported it) changes it; ministries receive it in plan-structure bundles and read it.
 */

type In<M extends keyof typeof workplansContract> = z.output<(typeof workplansContract)[M]['input']>;

export const planView = (u: Unlocked, p: Plan) => {
  const { id: _id, ownerOrg: _o, updatedAt: _u, updatedBy: _b, ...data } = p;
  return { ...data, ...meta(p), isHolder: p.ownerOrg === u.organisation.code };
};

const view = <T extends { id: string; ownerOrg: string; updatedAt: string; updatedBy: string }>(r: T): T => ({ ...r });

/** Creates the record, or replaces the editable fields of an existing one of the same plan. */
function save<T extends NpaRecordType>(u: Unlocked, type: T, planId: string, id: string | undefined, data: NpaData<T>, what: string): Stored<NpaData<T>> {
  if (id) {
    const existing = requireRecord(u, type, id, what);
    if ((existing as { planId?: string }).planId !== planId) throw new CounterpartError('VALIDATION', `This ${what} belongs to another plan.`, { id });
    const env = u.records.update(type, id, data);
    return { ...(env.data as NpaData<T>), id: env.id, ownerOrg: env.ownerOrg, updatedAt: env.updatedAt, updatedBy: env.updatedBy };
  }
  const env = u.records.create(type, data);
  return { ...(env.data as NpaData<T>), id: env.id, ownerOrg: env.ownerOrg, updatedAt: env.updatedAt, updatedBy: env.updatedBy };
}

/** A code is used once per level of a plan. */
function requireUniqueCode(u: Unlocked, type: NpaRecordType, planId: string, code: string, id: string | undefined, what: string): void {
  const clash = listNpa(u.workspace.db, type, planId).find((r) => 'code' in r && r.code === code && r.id !== id);
  if (clash) throw new CounterpartError('CONFLICT', `The plan already has ${what} with the code ${code}.`, { code });
}

function requireParent(u: Unlocked, type: NpaRecordType, parentId: string, planId: string, what: string): void {
  const parent = requireRecord(u, type, parentId, what);
  if ((parent as { planId?: string }).planId !== planId) throw new CounterpartError('VALIDATION', `That ${what} belongs to another plan.`, { parentId });
}

function removeLeaf(u: Unlocked, type: NpaRecordType, id: string, what: string, children: NpaRecordType[]): { id: string; removed: true } {
  return write(u, () => {
    const record = requireRecord(u, type, id, what);
    requireHolder(u, requirePlan(u, (record as { planId: string }).planId), `remove ${what}s`);
    const held = children.reduce((n, t) => n + childIds(u.workspace.db, id, t).length, 0);
    if (held > 0) throw new CounterpartError('CONFLICT', `This ${what} still has ${held} item${held === 1 ? '' : 's'} under it; remove or move them first.`, { id, children: held });
    u.records.remove(type, id);
    return { id, removed: true as const };
  });
}

// ---- Plans ---------------------------------------------------------------------------------------

export function listPlanSummaries(u: Unlocked) {
  return read(u, () =>
    listPlans(u.workspace.db).map((p) => {
      const count = (type: NpaRecordType) => listNpa(u.workspace.db, type, p.id).length;
      return {
        id: p.id,
        title: p.title,
        country: p.country,
        startYear: p.startYear,
        endYear: p.endYear,
        version: p.version,
        status: p.status,
        ownerOrg: p.ownerOrg,
        isHolder: p.ownerOrg === u.organisation.code,
        counts: { pillars: count('npa_pillar'), outcomes: count('npa_outcome'), outputs: count('npa_output'), activities: count('npa_activity'), indicators: count('npa_indicator') },
      };
    }),
  );
}

/** Everything of one plan, each level in code order. */
export function planTree(u: Unlocked, planId: string) {
  return read(u, () => {
    const db = u.workspace.db;
    const plan = requirePlan(u, planId);
    return {
      plan: planView(u, plan),
      pillars: listNpa(db, 'npa_pillar', planId).sort((a, b) => a.order - b.order || a.code.localeCompare(b.code, 'en', { numeric: true })).map(view),
      outcomes: sortByCode(listNpa(db, 'npa_outcome', planId)).map(view),
      outputs: sortByCode(listNpa(db, 'npa_output', planId)).map(view),
      activities: sortByCode(listNpa(db, 'npa_activity', planId)).map(view),
      indicators: sortByCode(listNpa(db, 'npa_indicator', planId)).map(view),
      workplans: listNpa(db, 'npa_workplan', planId).sort((a, b) => a.year - b.year).map(view),
      agencies: agencyEntries(u, plan),
    };
  });
}

export function createPlan(u: Unlocked, input: In<'plans.create'>) {
  const { defaultPillars, language, ...fields } = input;
  const data: PlanData = { ...fields, agencies: [{ code: u.organisation.code, name: u.organisation.name }] };
  assertNoProblems(planProblems(data));
  return write(u, () => {
    const env = u.records.create('npa_plan', data);
    if (defaultPillars) {
      const names = xlsxStrings(language).pillars;
      DEFAULT_PILLARS.forEach((key, i) => u.records.create('npa_pillar', { planId: env.id, code: `P${i + 1}`, title: names[key], order: i + 1 }));
    }
    return planView(u, requirePlan(u, env.id));
  });
}

export function updatePlan(u: Unlocked, input: In<'plans.update'>) {
  return write(u, () => {
    const plan = requirePlan(u, input.planId);
    requireHolder(u, plan, 'change the plan');
    const next = { ...plan, ...input.patch };
    if (input.patch.agencies) {
      withAgencies(u, { agencies: [] }, input.patch.agencies.map((a) => a.code));
      const kept = new Set(input.patch.agencies.map((a) => a.code));
      const db = u.workspace.db;
      const used = [
        ...listNpa(db, 'npa_activity', plan.id).flatMap((a) => [a.leadAgency, ...a.supportingAgencies]),
        ...listNpa(db, 'npa_indicator', plan.id).map((i) => i.responsibleAgency),
      ].filter((c) => !kept.has(c));
      if (used.length) throw new CounterpartError('CONFLICT', `${[...new Set(used)].join(', ')} still lead, support or report on parts of the plan; keep them in its agencies.`, { agencies: [...new Set(used)] });
    }
    assertNoProblems(planProblems(next));
    if (input.patch.startYear !== undefined || input.patch.endYear !== undefined) {
      const outside = listNpa(u.workspace.db, 'npa_activity', plan.id).filter((a) => a.workplanYear < next.startYear || a.workplanYear > next.endYear);
      if (outside.length) throw new CounterpartError('VALIDATION', `Activities ${outside.map((a) => a.code).join(', ')} fall outside the new plan years.`, { activities: outside.map((a) => a.code) });
    }
    u.records.update('npa_plan', plan.id, input.patch);
    return planView(u, requirePlan(u, plan.id));
  });
}

export function removePlan(u: Unlocked, planId: string) {
  return write(u, () => {
    const plan = requirePlan(u, planId);
    requireHolder(u, plan, 'remove the plan');
    const held = planRecordCount(u.workspace.db, planId);
    if (held > 0) throw new CounterpartError('CONFLICT', `The plan still holds ${held} items (pillars, activities, reports, ...); remove them first.`, { planId, records: held });
    u.records.remove('npa_plan', planId);
    return { id: planId, removed: true as const };
  });
}

// ---- Pillars, outcomes, outputs ----------------------------------------------------------------------

export function savePillar(u: Unlocked, input: In<'pillars.save'>) {
  const { id, ...data } = input;
  return write(u, () => {
    requireHolder(u, requirePlan(u, data.planId), 'change pillars');
    requireUniqueCode(u, 'npa_pillar', data.planId, data.code, id, 'a pillar');
    return view(save(u, 'npa_pillar', data.planId, id, data, 'pillar'));
  });
}
export const removePillar = (u: Unlocked, id: string) => removeLeaf(u, 'npa_pillar', id, 'pillar', ['npa_outcome']);

export function saveOutcome(u: Unlocked, input: In<'outcomes.save'>) {
  const { id, ...data } = input;
  return write(u, () => {
    requireHolder(u, requirePlan(u, data.planId), 'change outcomes');
    requireParent(u, 'npa_pillar', data.pillarId, data.planId, 'pillar');
    requireUniqueCode(u, 'npa_outcome', data.planId, data.code, id, 'an outcome');
    return view(save(u, 'npa_outcome', data.planId, id, data, 'outcome'));
  });
}
export const removeOutcome = (u: Unlocked, id: string) => removeLeaf(u, 'npa_outcome', id, 'outcome', ['npa_output', 'npa_indicator']);

export function saveOutput(u: Unlocked, input: In<'outputs.save'>) {
  const { id, ...data } = input;
  return write(u, () => {
    requireHolder(u, requirePlan(u, data.planId), 'change outputs');
    requireParent(u, 'npa_outcome', data.outcomeId, data.planId, 'outcome');
    requireUniqueCode(u, 'npa_output', data.planId, data.code, id, 'an output');
    return view(save(u, 'npa_output', data.planId, id, data, 'output'));
  });
}
export const removeOutput = (u: Unlocked, id: string) => removeLeaf(u, 'npa_output', id, 'output', ['npa_activity', 'npa_indicator']);

// ---- Activities ------------------------------------------------------------------------------------

export function listActivities(u: Unlocked, input: In<'activities.list'>) {
  return read(u, () => {
    requirePlan(u, input.planId);
    return sortByCode(listNpa(u.workspace.db, 'npa_activity', input.planId, { agency: input.agency, period: input.year === undefined ? undefined : String(input.year) })).map(view);
  });
}

/** Checks and stores one activity; the plan gains any agency it names for the first time. */
export function putActivity(u: Unlocked, plan: Plan, id: string | undefined, data: ActivityData): Stored<ActivityData> {
  requireParent(u, 'npa_output', data.outputId, plan.id, 'output');
  requireUniqueCode(u, 'npa_activity', plan.id, data.code, id, 'an activity');
  assertNoProblems(activityProblems(data, plan));
  const agencies = withAgencies(u, plan, [data.leadAgency, ...data.supportingAgencies]);
  if (agencies) u.records.update('npa_plan', plan.id, { agencies });
  return save(u, 'npa_activity', plan.id, id, data, 'activity');
}

export function saveActivity(u: Unlocked, input: In<'activities.save'>) {
  const { id, ...data } = input;
  return write(u, () => {
    const plan = requirePlan(u, data.planId);
    requireHolder(u, plan, 'change activities');
    return view(putActivity(u, plan, id, data));
  });
}

export function removeActivity(u: Unlocked, id: string) {
  return write(u, () => {
    const activity = requireRecord(u, 'npa_activity', id, 'activity');
    const reported = listNpa(u.workspace.db, 'npa_progress', activity.planId).filter((p) => p.activityUpdates.some((a) => a.activityId === id));
    if (reported.length) throw new CounterpartError('CONFLICT', `Progress was reported on activity ${activity.code}; set its status to cancelled instead of removing it.`, { id });
    return removeLeaf(u, 'npa_activity', id, 'activity', ['npa_indicator']);
  });
}

// ---- Indicators ------------------------------------------------------------------------------------

const RESULT_TYPE = { outcome: 'npa_outcome', output: 'npa_output', activity: 'npa_activity' } as const;

export function listIndicators(u: Unlocked, input: In<'indicators.list'>) {
  return read(u, () => {
    requirePlan(u, input.planId);
    return sortByCode(listNpa(u.workspace.db, 'npa_indicator', input.planId, { agency: input.agency })).map(view);
  });
}

export function putIndicator(u: Unlocked, plan: Plan, id: string | undefined, data: IndicatorData): Stored<IndicatorData> {
  requireParent(u, RESULT_TYPE[data.resultLevel], data.resultId, plan.id, data.resultLevel);
  const clash = listNpa(u.workspace.db, 'npa_indicator', plan.id).find((i) => i.code === data.code && i.id !== id);
  if (clash) throw new CounterpartError('CONFLICT', `The plan already has an indicator with the code ${data.code}.`, { code: data.code });
  assertNoProblems(indicatorProblems(data, plan));
  const agencies = withAgencies(u, plan, [data.responsibleAgency]);
  if (agencies) u.records.update('npa_plan', plan.id, { agencies });
  return save(u, 'npa_indicator', plan.id, id, data, 'indicator');
}

export function saveIndicator(u: Unlocked, input: In<'indicators.save'>) {
  const { id, ...data } = input;
  return write(u, () => {
    const plan = requirePlan(u, data.planId);
    requireHolder(u, plan, 'change indicators');
    return view(putIndicator(u, plan, id, data));
  });
}

export function removeIndicator(u: Unlocked, id: string) {
  return write(u, () => {
    const indicator = requireRecord(u, 'npa_indicator', id, 'indicator');
    const reported = listNpa(u.workspace.db, 'npa_progress', indicator.planId).some((p) => p.indicatorActuals.some((a) => a.indicatorId === id));
    if (reported) throw new CounterpartError('CONFLICT', `Actuals were reported for indicator ${indicator.code}; it cannot be removed.`, { id });
    return removeLeaf(u, 'npa_indicator', id, 'indicator', []);
  });
}

// ---- Annual workplans --------------------------------------------------------------------------------

export function getWorkplan(u: Unlocked, planId: string, year: number) {
  return read(u, () => {
    requirePlan(u, planId);
    const found = listNpa(u.workspace.db, 'npa_workplan', planId, { period: String(year) })[0];
    return found ? view(found) : null;
  });
}

export function putWorkplan(u: Unlocked, plan: Plan, data: NpaData<'npa_workplan'>): Stored<NpaData<'npa_workplan'>> {
  if (data.year < plan.startYear || data.year > plan.endYear) throw new CounterpartError('VALIDATION', `${data.year} is outside the plan (${plan.startYear}-${plan.endYear}).`);
  const ids = data.items.map((i) => i.activityId);
  const twice = ids.find((a, i) => ids.indexOf(a) !== i);
  if (twice) throw new CounterpartError('VALIDATION', 'An activity is listed twice in the workplan.', { activityId: twice });
  for (const id of ids) requireParent(u, 'npa_activity', id, plan.id, 'activity');
  const existing = listNpa(u.workspace.db, 'npa_workplan', plan.id, { period: String(data.year) })[0];
  return save(u, 'npa_workplan', plan.id, existing?.id, data, 'workplan');
}

export function saveWorkplan(u: Unlocked, input: In<'workplans.save'>) {
  return write(u, () => {
    const plan = requirePlan(u, input.planId);
    requireHolder(u, plan, 'change annual workplans');
    return view(putWorkplan(u, plan, input));
  });
}

export const removeWorkplan = (u: Unlocked, id: string) => removeLeaf(u, 'npa_workplan', id, 'workplan', []);
