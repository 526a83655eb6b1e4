import type { z } from 'zod';
import type { casesContract } from '../../shared/contract/cases';
import { suggestRiskLevel, type RiskLevel } from '../../shared/domain/cases';
import { advanceCase } from './lifecycle';
import { createRecord, onCase, type Operation } from './operation';
import { recordStep } from './steps';
import type { StoredRecord } from './caseRecords';
import type { RecordData } from './recordTypes';

/** Screening (rapid, then full) and the vulnerability and risk assessment. */

type Input<M extends keyof typeof casesContract> = z.output<(typeof casesContract)[M]['input']>;

export function recordRapidScreening(o: Operation, input: Input<'screening.recordRapid'>): StoredRecord<RecordData<'screening'>> {
  return onCase(o, input.caseId, () => {
    const s = createRecord(o, 'screening', { ...input, kind: 'rapid', screenedBy: input.screenedBy ?? o.viewer.username });
    const yes = Object.values(input.answers).filter((a) => a === 'yes').length;
    recordStep(o.u, input.caseId, 'screened_rapid', { recordType: 'screening', recordId: s.id, occurredAt: input.screenedOn, details: { indicatorsYes: yes, fullScreeningNeeded: input.fullScreeningNeeded } });
    advanceCase(o, input.caseId, 'screening');
    return s;
  });
}

export function recordFullScreening(o: Operation, input: Input<'screening.recordFull'>): StoredRecord<RecordData<'screening'>> {
  return onCase(o, input.caseId, () => {
    const s = createRecord(o, 'screening', { ...input, kind: 'full', screenedBy: input.screenedBy ?? o.viewer.username });
    recordStep(o.u, input.caseId, 'screened_full', {
      recordType: 'screening',
      recordId: s.id,
      occurredAt: input.screenedOn,
      details: { outcome: input.outcome, exploitation: input.vic_TypeOfExploitation, screenedBy: input.screenedBy ?? o.viewer.username },
    });
    advanceCase(o, input.caseId, 'screening');
    return s;
  });
}

export function assessRisk(o: Operation, input: Input<'risk.assess'>): StoredRecord<RecordData<'risk_assessment'>> & { suggestedLevel: RiskLevel } {
  const suggestedLevel = suggestRiskLevel(input.factors);
  return onCase(o, input.caseId, () => {
    const r = createRecord(o, 'risk_assessment', { ...input, overallLevel: input.overallLevel ?? suggestedLevel, assessedBy: o.viewer.username });
    recordStep(o.u, input.caseId, 'risk_assessed', {
      recordType: 'risk_assessment',
      recordId: r.id,
      occurredAt: input.assessedOn,
      details: { overallLevel: r.overallLevel, suggestedLevel, factors: input.factors.length, safetyPlan: input.safetyPlan !== undefined },
    });
    return { ...r, suggestedLevel };
  });
}
