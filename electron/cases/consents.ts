import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { casesContract, ConsentNeedInput } from '../../shared/contract/cases';
import { consentActive, isCrossBorder, type ConsentNeed } from '../../shared/domain/cases';
import { requireCaseAccess } from './access';
import { getRecord, type StoredRecord } from './caseRecords';
import { checkConsent, type ConsentCheck } from './consentGate';
import { createRecord, onCase, updateRecord, type Operation } from './operation';
import type { RecordData } from './recordTypes';
import { recordStep } from './steps';

/** Recording and withdrawing consent, and asking the gate before an action. */

type Input<M extends keyof typeof casesContract> = z.output<(typeof casesContract)[M]['input']>;
export type ConsentView = StoredRecord<RecordData<'consent'>> & { active: boolean };

export const consentView = (c: StoredRecord<RecordData<'consent'>>, today: string): ConsentView => ({ ...c, active: consentActive(c, today) });

export function recordConsent(o: Operation, input: Input<'consent.record'>): ConsentView {
  return onCase(o, input.caseId, () => {
    const c = createRecord(o, 'consent', { ...input, takenBy: o.viewer.username });
    recordStep(o.u, input.caseId, 'consent_recorded', {
      recordType: 'consent',
      recordId: c.id,
      occurredAt: input.takenOn,
      details: { purpose: input.purpose, given: input.con_Consent, recipient: input.recipient?.code ?? input.recipient?.providerId ?? null, sharingPurposes: input.sharingPurposes },
    });
    return consentView(c, o.today);
  });
}

export function withdrawConsent(o: Operation, id: string, withdrawnOn: string, reason?: string): ConsentView {
  const consent = getRecord(o.db, 'consent', id);
  return onCase(
    o,
    consent.caseId,
    () => {
      if (consent.withdrawnOn) throw new CounterpartError('INVALID_TRANSITION', 'This consent was already withdrawn.');
      const c = updateRecord(o, 'consent', id, { withdrawnOn, withdrawnBy: o.viewer.username, withdrawalReason: reason });
      recordStep(o.u, consent.caseId, 'consent_withdrawn', { recordType: 'consent', recordId: id, occurredAt: withdrawnOn, details: { purpose: consent.purpose } });
      return consentView(c, o.today);
    },
    { closedOk: true },
  );
}

/** The needs of an action, as the gate checks them, and the name of who would receive the information. */
export function needsFor(o: Operation, caseId: string, need: z.output<typeof ConsentNeedInput>): { needs: ConsentNeed[]; recipientName: string } {
  switch (need.kind) {
    case 'referral': {
      const provider = getRecord(o.db, 'service_provider', need.providerId);
      return { needs: [{ kind: 'sharing', purpose: 'referral', recipient: { providerId: provider.id, code: provider.orgCode, name: provider.org_Name } }], recipientName: provider.org_Name };
    }
    case 'handover': {
      const plan = getRecord(o.db, 'return_plan', need.returnId);
      if (plan.caseId !== caseId) throw new CounterpartError('VALIDATION', 'That return plan belongs to another case.');
      return handoverNeeds(o, plan);
    }
    case 'share':
      return { needs: [{ kind: 'sharing', purpose: need.purpose, recipient: { code: need.orgCode } }], recipientName: need.orgCode };
  }
}

/** A return needs the person's consent to return; crossing a border also needs consent to share with the receiving organisation. */
export function handoverNeeds(o: Operation, plan: RecordData<'return_plan'>): { needs: ConsentNeed[]; recipientName: string } {
  const needs: ConsentNeed[] = [{ kind: 'purpose', purpose: 'return' }];
  if (isCrossBorder(plan.destinationCountry, o.u.organisation.country)) {
    needs.push({ kind: 'sharing', purpose: 'return', recipient: { code: plan.receivingOrganisation.code, name: plan.receivingOrganisation.name } });
  }
  return { needs, recipientName: plan.receivingOrganisation.name };
}

export function checkConsentFor(o: Operation, caseId: string, need: z.output<typeof ConsentNeedInput>): ConsentCheck {
  requireCaseAccess(o.u, caseId, o.viewer);
  const { needs, recipientName } = needsFor(o, caseId, need);
  return checkConsent(o.db, caseId, needs, recipientName, o.today);
}
