import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { casesContract } from '../../shared/contract/cases';
import type { Assistance } from '../../shared/domain/cases';
import { getRecord, type StoredRecord } from './caseRecords';
import { advanceCase } from './lifecycle';
import { createRecord, onCase, updateRecord, type Operation } from './operation';
import { recordStep } from './steps';

/** The assistance log: what was given, by whom, when, at what cost. */

type Input<M extends keyof typeof casesContract> = z.output<(typeof casesContract)[M]['input']>;

export function recordAssistance(o: Operation, input: Input<'assistance.record'>): StoredRecord<Assistance> {
  const provider = input.providerId ? getRecord(o.db, 'service_provider', input.providerId) : null;
  const named = provider ? { code: provider.orgCode, name: provider.org_Name } : input.provider;
  if (!named) throw new CounterpartError('VALIDATION', 'Say who gave the assistance: a provider of the directory, or its name.');
  if (input.referralId) {
    const referral = getRecord(o.db, 'transition', input.referralId);
    if (referral.caseId !== input.caseId || referral.kind !== 'referral') throw new CounterpartError('VALIDATION', 'That referral belongs to another case.');
  }
  return onCase(o, input.caseId, () => {
    const a = createRecord(o, 'assistance', { ...input, provider: named, recordedBy: o.viewer.username });
    recordStep(o.u, input.caseId, 'assistance_recorded', {
      recordType: 'assistance',
      recordId: a.id,
      occurredAt: input.startDate,
      details: { type: input.type, providerId: input.providerId ?? null, provider: named.name, cost: input.cost ? `${input.cost.amount} ${input.cost.currency}` : null },
    });
    advanceCase(o, input.caseId, 'assistance');
    return a;
  });
}

export function updateAssistance(o: Operation, input: Input<'assistance.update'>): StoredRecord<Assistance> {
  const current = getRecord(o.db, 'assistance', input.id);
  return onCase(o, current.caseId, () => {
    const { id, ...patch } = input;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Assistance>;
    const a = updateRecord(o, 'assistance', id, defined);
    recordStep(o.u, current.caseId, 'assistance_updated', { recordType: 'assistance', recordId: id, details: { fields: Object.keys(defined) } });
    return a;
  });
}
