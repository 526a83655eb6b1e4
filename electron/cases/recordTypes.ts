import type { z } from 'zod';
import {
  Assistance,
  AttachmentMeta,
  CaseNote,
  CaseRecord,
  CaseTask,
  ConsentRecord,
  FollowUp,
  ReintegrationPlan,
  ReturnPlan,
  RiskAssessment,
  Screening,
  ServiceProvider,
  Transition,
} from '../../shared/domain/cases';

/**
 * The synchronised record types of case management. The case holds the person; every other type is
 * an owned child carrying `caseId` (found through the `records_by_case` index), so an office that does
 * not own a case can still add notes, follow-ups or assistance to it (DESIGN §6). Providers are the
 * service directory and hold no personal data.
 */
export const CASE_RECORD_TYPES = {
  case: CaseRecord,
  screening: Screening,
  risk_assessment: RiskAssessment,
  consent: ConsentRecord,
  transition: Transition,
  assistance: Assistance,
  return_plan: ReturnPlan,
  reintegration_plan: ReintegrationPlan,
  followup: FollowUp,
  case_note: CaseNote,
  case_task: CaseTask,
  attachment: AttachmentMeta,
  service_provider: ServiceProvider,
} as const;

export type CaseRecordType = keyof typeof CASE_RECORD_TYPES;
export type CaseChildType = Exclude<CaseRecordType, 'case' | 'service_provider'>;
export type RecordData<T extends CaseRecordType> = z.output<(typeof CASE_RECORD_TYPES)[T]>;

export const CASE_CHILD_TYPES = Object.keys(CASE_RECORD_TYPES).filter((t) => t !== 'case' && t !== 'service_provider') as CaseChildType[];
