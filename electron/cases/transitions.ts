import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { casesContract } from '../../shared/contract/cases';
import { canMoveTransition, isCrossBorder, isOpenTransition, type Handover, type Referral, type TransitionStatus } from '../../shared/domain/cases';
import { requireSupervisor } from './access';
import { childrenOf, getRecord, type StoredRecord } from './caseRecords';
import { requireConsent } from './consentGate';
import { handoverNeeds } from './consents';
import { advanceCase } from './lifecycle';
import { createRecord, onCase, updateRecord, type Operation } from './operation';
import { recordStep } from './steps';

/**
 * Referrals and handovers: one Transition model with statuses in_progress / accepted / rejected /
 * done / revoked, behind the one consent gate. A cross-border handover also needs a supervisor's
 * approval before it can be completed.
 */

type Input<M extends keyof typeof casesContract> = z.output<(typeof casesContract)[M]['input']>;

export function createReferral(o: Operation, input: Input<'referrals.create'>): StoredRecord<Referral> {
  const provider = getRecord(o.db, 'service_provider', input.providerId);
  if (!provider.active) throw new CounterpartError('VALIDATION', `${provider.org_Name} is marked inactive in the service directory.`);
  return onCase(o, input.caseId, () => {
    const consentBasis = requireConsent(
      o.u,
      o.viewer,
      input.caseId,
      [{ kind: 'sharing', purpose: 'referral', recipient: { providerId: provider.id, code: provider.orgCode, name: provider.org_Name } }],
      provider.org_Name,
      'referral',
      input.consentOverride,
    );
    const { consentOverride: _override, ...fields } = input;
    const referral = createRecord(o, 'transition', {
      ...fields,
      kind: 'referral',
      status: 'in_progress',
      cas_ReferredOrganisation: { code: provider.orgCode, name: provider.org_Name },
      requestedBy: o.viewer.username,
      requestedAt: o.now,
      consentBasis,
      history: [{ status: 'in_progress', at: o.now, by: o.viewer.username }],
    }) as StoredRecord<Referral>;
    recordStep(o.u, input.caseId, 'referral_created', {
      recordType: 'transition',
      recordId: referral.id,
      occurredAt: input.cas_OutgoingReferralDate,
      details: { providerId: provider.id, provider: provider.org_Name, services: input.services, urgency: input.urgency, consent: consentBasis.kind },
    });
    advanceCase(o, input.caseId, 'assistance');
    return referral;
  });
}

function moveTransition<T extends Referral | Handover>(o: Operation, t: StoredRecord<T>, status: TransitionStatus, comment?: string): StoredRecord<T> {
  if (!canMoveTransition(t.status, status)) {
    throw new CounterpartError('INVALID_TRANSITION', `A ${t.kind} that is ${t.status.replace('_', ' ')} cannot become ${status.replace('_', ' ')}.`, { from: t.status, to: status });
  }
  updateRecord(o, 'transition', t.id, { status, history: [...t.history, { status, at: o.now, by: o.viewer.username, comment }] });
  return getRecord(o.db, 'transition', t.id) as unknown as StoredRecord<T>;
}

function referralOf(o: Operation, id: string): StoredRecord<Referral> {
  const t = getRecord(o.db, 'transition', id);
  if (t.kind !== 'referral') throw new CounterpartError('NOT_FOUND', `There is no referral with id ${id}.`);
  return t;
}

function handoverOf(o: Operation, id: string): StoredRecord<Handover> {
  const t = getRecord(o.db, 'transition', id);
  if (t.kind !== 'handover') throw new CounterpartError('NOT_FOUND', `There is no handover with id ${id}.`);
  return t;
}

export function setReferralStatus(o: Operation, id: string, status: TransitionStatus, comment?: string): StoredRecord<Referral> {
  const referral = referralOf(o, id);
  return onCase(o, referral.caseId, () => {
    const next = moveTransition(o, referral, status, comment);
    recordStep(o.u, referral.caseId, 'referral_status', { recordType: 'transition', recordId: id, details: { from: referral.status, to: status, providerId: referral.providerId } });
    return next;
  });
}

export function requestHandover(o: Operation, returnId: string, override?: { reason: string }): StoredRecord<Handover> {
  const plan = getRecord(o.db, 'return_plan', returnId);
  if (plan.cancelled) throw new CounterpartError('INVALID_TRANSITION', 'This return was cancelled.');
  return onCase(o, plan.caseId, () => {
    const open = childrenOf(o.db, plan.caseId).transition.find((t) => t.kind === 'handover' && t.returnId === returnId && isOpenTransition(t.status));
    if (open) throw new CounterpartError('INVALID_TRANSITION', 'A handover for this return is already under way.', { handoverId: open.id });
    const { needs, recipientName } = handoverNeeds(o, plan);
    const consentBasis = requireConsent(o.u, o.viewer, plan.caseId, needs, recipientName, 'handover', override);
    const crossBorder = isCrossBorder(plan.destinationCountry, o.u.organisation.country);
    const handover = createRecord(o, 'transition', {
      kind: 'handover',
      caseId: plan.caseId,
      returnId,
      status: 'in_progress',
      receivingOrganisation: plan.receivingOrganisation,
      crossBorder,
      approval: crossBorder ? { decision: 'pending', requestedBy: o.viewer.username, requestedAt: o.now } : undefined,
      requestedBy: o.viewer.username,
      requestedAt: o.now,
      consentBasis,
      history: [{ status: 'in_progress', at: o.now, by: o.viewer.username }],
    }) as StoredRecord<Handover>;
    recordStep(o.u, plan.caseId, 'handover_requested', {
      recordType: 'transition',
      recordId: handover.id,
      details: { returnId, destination: plan.destinationCountry, receivingOrg: plan.receivingOrganisation.code ?? null, crossBorder, consent: consentBasis.kind },
    });
    return handover;
  });
}

/** A supervisor, other than the one who asked, approves or rejects a cross-border handover. */
export function approveHandover(o: Operation, id: string, decision: 'approve' | 'reject', comment?: string): StoredRecord<Handover> {
  requireSupervisor(o.viewer, 'approve a cross-border handover');
  const handover = handoverOf(o, id);
  return onCase(o, handover.caseId, () => {
    const approval = handover.approval;
    if (!approval || approval.decision !== 'pending') throw new CounterpartError('INVALID_TRANSITION', 'This handover does not wait for approval.');
    if (approval.requestedBy === o.viewer.username) throw new CounterpartError('APPROVAL_REQUIRED', 'A handover needs the approval of another case manager than the person who asked for it.');
    const decided = { ...approval, decision: decision === 'approve' ? ('approved' as const) : ('rejected' as const), decidedBy: o.viewer.username, decidedAt: o.now, comment };
    let next = updateRecord(o, 'transition', id, { approval: decided }) as StoredRecord<Handover>;
    if (decision === 'reject') next = moveTransition(o, next, 'rejected', comment);
    recordStep(o.u, handover.caseId, 'handover_decided', { recordType: 'transition', recordId: id, details: { decision: decided.decision } });
    return next;
  });
}

export function setHandoverStatus(o: Operation, id: string, status: TransitionStatus, comment?: string): StoredRecord<Handover> {
  const handover = handoverOf(o, id);
  return onCase(o, handover.caseId, () => {
    if (status === 'done' && handover.crossBorder && handover.approval?.decision !== 'approved') {
      throw new CounterpartError('APPROVAL_REQUIRED', 'A case manager must approve this cross-border handover before the person is handed over.');
    }
    const next = moveTransition(o, handover, status, comment);
    recordStep(o.u, handover.caseId, 'handover_status', { recordType: 'transition', recordId: id, details: { from: handover.status, to: status } });
    if (status === 'done') {
      const plan = getRecord(o.db, 'return_plan', handover.returnId);
      if (!plan.actualReturnDate) updateRecord(o, 'return_plan', plan.id, { actualReturnDate: o.today });
    }
    return next;
  });
}
