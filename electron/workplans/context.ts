import { CounterpartError } from '../../shared/contract/errors';
import type { RuleProblem } from '../../shared/domain/workplans';
import type { Unlocked } from '../identity/session';
import { findNpa, syncNpaIndex, type Stored } from './planIndex';
import type { NpaData } from './recordTypes';

/** Small helpers every workplans service uses: transactions that keep npa_index in step, and guards. */

export type Plan = Stored<NpaData<'npa_plan'>>;

/** A write: the records, the change log, the audit entries and npa_index in ONE transaction. */
export function write<T>(u: Unlocked, fn: () => T): T {
  return u.transaction(() => {
    syncNpaIndex(u.workspace.db);
    const result = fn();
    syncNpaIndex(u.workspace.db);
    return result;
  });
}

/** A read over an index brought up to date first (bundles may have brought records since). */
export function read<T>(u: Unlocked, fn: () => T): T {
  return u.transaction(() => {
    syncNpaIndex(u.workspace.db);
    return fn();
  });
}

export function requirePlan(u: Unlocked, planId: string): Plan {
  const plan = findNpa(u.workspace.db, 'npa_plan', planId);
  if (!plan) throw new CounterpartError('NOT_FOUND', 'There is no such plan in this workspace.', { planId });
  return plan;
}

/** Only the organisation holding the plan (its secretariat) changes the structure and reviews progress. */
export function requireHolder(u: Unlocked, plan: Plan, doing: string): void {
  if (plan.ownerOrg !== u.organisation.code) {
    throw new CounterpartError('FORBIDDEN', `This plan is held by ${plan.ownerOrg} (the NPA secretariat); only it can ${doing}.`, { ownerOrg: plan.ownerOrg });
  }
}

export function requireRecord<T extends Parameters<typeof findNpa>[1]>(u: Unlocked, type: T, id: string, what: string): Stored<NpaData<T>> {
  const record = findNpa(u.workspace.db, type, id);
  if (!record) throw new CounterpartError('NOT_FOUND', `There is no such ${what}.`, { id });
  return record;
}

/** Rule problems as one VALIDATION error that lists them all. */
export function assertNoProblems(problems: RuleProblem[]): void {
  if (problems.length === 0) return;
  throw new CounterpartError('VALIDATION', problems.map((p) => p.message).join(' '), { problems });
}

/** The envelope fields a view shows next to the data. */
export const meta = <T extends { id: string; ownerOrg: string; updatedAt: string; updatedBy: string }>(r: T) => ({ id: r.id, ownerOrg: r.ownerOrg, updatedAt: r.updatedAt, updatedBy: r.updatedBy });

/** Codes such as 1.2 and 1.10 in the order people expect. */
export const byCode = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const sortByCode = <T extends { code: string }>(list: T[]): T[] => list.sort((a, b) => byCode.compare(a.code, b.code));

export const nowIso = (): string => new Date().toISOString();
