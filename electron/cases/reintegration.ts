import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { casesContract } from '../../shared/contract/cases';
import { compositeScore, type FollowUp, type ReintegrationPlan } from '../../shared/domain/cases';
import { childrenOf, getRecord, type StoredRecord } from './caseRecords';
import { returnedOn } from './derive';
import { advanceCase } from './lifecycle';
import { createRecord, onCase, replaceRecord, updateRecord, type Operation } from './operation';
import { readCaseSettings, weightsVersion } from './settings';
import { recordStep } from './steps';
import { reintegrationPlanDue } from '../../shared/domain/cases';

/** Reintegration plans and follow-up visits with sustainability scores. */

type Input<M extends keyof typeof casesContract> = z.output<(typeof casesContract)[M]['input']>;

export function saveReintegrationPlan(o: Operation, input: Input<'reintegration.savePlan'>): StoredRecord<ReintegrationPlan> {
  if (input.id && getRecord(o.db, 'reintegration_plan', input.id).caseId !== input.caseId) throw new CounterpartError('VALIDATION', 'That plan belongs to another case.');
  return onCase(o, input.caseId, () => {
    const data = { ...input.plan, caseId: input.caseId, plannedBy: o.viewer.username };
    const plan = input.id ? replaceRecord(o, 'reintegration_plan', input.id, data) : createRecord(o, 'reintegration_plan', data);
    const due = reintegrationPlanDue(returnedOn(childrenOf(o.db, input.caseId)), plan.planDate, o.today);
    recordStep(o.u, input.caseId, input.id ? 'reintegration_updated' : 'reintegration_planned', {
      recordType: 'reintegration_plan',
      recordId: plan.id,
      occurredAt: plan.planDate,
      details: { goals: plan.goals.length, dimensions: [...new Set(plan.goals.map((g) => g.dimension))], late: due.late },
    });
    advanceCase(o, input.caseId, 'reintegration');
    return plan;
  });
}

export function scheduleFollowUp(o: Operation, caseId: string, kind: FollowUp['kind'], dueDate: string): StoredRecord<FollowUp> {
  return onCase(o, caseId, () => {
    const f = createRecord(o, 'followup', { caseId, kind, dueDate, scheduledBy: o.viewer.username, cancelled: false });
    recordStep(o.u, caseId, 'followup_scheduled', { recordType: 'followup', recordId: f.id, details: { kind, dueDate } });
    return f;
  });
}

export function cancelFollowUp(o: Operation, id: string, reason?: string): StoredRecord<FollowUp> {
  const current = getRecord(o.db, 'followup', id);
  return onCase(o, current.caseId, () => {
    if (current.visitDate || current.cancelled) throw new CounterpartError('INVALID_TRANSITION', 'This follow-up was already recorded or cancelled.');
    const f = updateRecord(o, 'followup', id, { cancelled: true, observations: reason ? `Cancelled: ${reason}` : current.observations });
    recordStep(o.u, current.caseId, 'followup_cancelled', { recordType: 'followup', recordId: id, details: { dueDate: current.dueDate } });
    return f;
  });
}

/** Records a visit; scores get their composite under the weights in use (and keep that version). */
export function recordFollowUp(o: Operation, input: Input<'followups.record'>): StoredRecord<FollowUp> {
  const current = getRecord(o.db, 'followup', input.id);
  if (current.visitDate) throw new CounterpartError('INVALID_TRANSITION', 'This follow-up was already recorded; schedule a new one.');
  const settings = readCaseSettings(o.db);
  const weights = weightsVersion(settings, settings.activeWeightsVersion);
  return onCase(o, current.caseId, () => {
    const composite = input.scores ? compositeScore(input.scores, weights) : undefined;
    const f = updateRecord(o, 'followup', input.id, {
      visitDate: input.visitDate,
      visitedBy: o.viewer.username,
      scores: input.scores,
      composite,
      weightsVersion: input.scores ? weights.version : undefined,
      observations: input.observations,
      nextSteps: input.nextSteps,
    });
    recordStep(o.u, current.caseId, 'followup_recorded', {
      recordType: 'followup',
      recordId: f.id,
      occurredAt: input.visitDate,
      details: {
        economic: input.scores?.economic ?? null,
        social: input.scores?.social ?? null,
        psychosocial: input.scores?.psychosocial ?? null,
        composite: composite ?? null,
        weightsVersion: input.scores ? weights.version : null,
      },
    });
    if (input.nextDueDate) {
      const next = createRecord(o, 'followup', { caseId: current.caseId, kind: current.kind, dueDate: input.nextDueDate, scheduledBy: o.viewer.username, cancelled: false });
      recordStep(o.u, current.caseId, 'followup_scheduled', { recordType: 'followup', recordId: next.id, details: { kind: current.kind, dueDate: input.nextDueDate } });
    }
    return f;
  });
}
