import type { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { casesContract } from '../../shared/contract/cases';
import { isCrossBorder, type ReturnPlan } from '../../shared/domain/cases';
import { getRecord, type StoredRecord } from './caseRecords';
import { advanceCase } from './lifecycle';
import { createRecord, onCase, replaceRecord, type Operation } from './operation';
import { recordStep } from './steps';

/** Return plans (destination, route, escort, documents, receiving organisation, case conferences). */

type Input<M extends keyof typeof casesContract> = z.output<(typeof casesContract)[M]['input']>;

/** Creates a plan, or replaces the whole plan `id` (the form sends every field). */
export function saveReturnPlan(o: Operation, input: Input<'returns.save'>): StoredRecord<ReturnPlan> {
  if (input.id && getRecord(o.db, 'return_plan', input.id).caseId !== input.caseId) throw new CounterpartError('VALIDATION', 'That return plan belongs to another case.');
  return onCase(o, input.caseId, () => {
    const data = { ...input.plan, caseId: input.caseId };
    const plan = input.id ? replaceRecord(o, 'return_plan', input.id, data) : createRecord(o, 'return_plan', data);
    recordStep(o.u, input.caseId, input.id ? 'return_updated' : 'return_planned', {
      recordType: 'return_plan',
      recordId: plan.id,
      details: {
        destination: plan.destinationCountry,
        plannedDate: plan.plannedDate,
        actualReturnDate: plan.actualReturnDate ?? null,
        crossBorder: isCrossBorder(plan.destinationCountry, o.u.organisation.country),
        receivingOrg: plan.receivingOrganisation.code ?? null,
        cancelled: plan.cancelled,
      },
    });
    if (!plan.cancelled) advanceCase(o, input.caseId, 'return');
    return plan;
  });
}
