import { z } from 'zod';

/**
 * The steps of a case as the timeline shows them. Each step is an audit entry (`case.<kind>`) written
 * in the same transaction as the change, carrying codes and ids only — never names or free text, so
 * the audit log stays free of personal data while the case file shows the words.
 */
export const TIMELINE_KINDS = [
  'registered',
  'updated',
  'assigned',
  'stage_changed',
  'duplicate_resolved',
  'screened_rapid',
  'screened_full',
  'risk_assessed',
  'consent_recorded',
  'consent_withdrawn',
  'consent_overridden',
  'referral_created',
  'referral_status',
  'assistance_recorded',
  'assistance_updated',
  'return_planned',
  'return_updated',
  'handover_requested',
  'handover_decided',
  'handover_status',
  'reintegration_planned',
  'reintegration_updated',
  'followup_scheduled',
  'followup_recorded',
  'followup_cancelled',
  'note_added',
  'task_added',
  'task_done',
  'attachment_added',
  'attachment_removed',
  'closure_requested',
  'closure_decided',
  'reopened',
] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

/** The audit action of a step. */
export const stepAction = (kind: TimelineKind): string => `case.${kind}`;

export const StepValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type StepValue = z.infer<typeof StepValue>;

export const TimelineEntry = z.object({
  seq: z.number().int(),
  kind: TimelineKind,
  /** When it happened (the date the person gave, e.g. the screening day); `recordedAt` is when it was entered. */
  occurredAt: z.string(),
  recordedAt: z.string(),
  by: z.string().nullable(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  details: z.record(z.string(), StepValue),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
