import { z } from 'zod';
import { CountryCode, OrgCode } from '../organisation';
import { Sha256Hex } from '../exchange';
import { CurrencyCode } from './currencies';
import { Period } from './periods';
import {
  ActivityStatus,
  AgeBand,
  CaseSource,
  Citizenship,
  Disaggregation,
  Frequency,
  Measure,
  PlanStatus,
  ReportState,
  ResultLevel,
  ReviewDecision,
  Sex,
} from './vocabulary';

/**
 * The NPA records (DESIGN §7, IATI-shaped): plan -> pillar -> outcome -> output -> activity; indicators
 * on outcomes, outputs or activities; annual workplans; progress reports and the secretariat's reviews.
 * Each schema is the `data` of one synchronised record type (electron/workplans/recordTypes.ts); rules
 * that span fields or records (end after start, codes unique, agencies known) are checked by the services.
 */

export const RecordId = z.uuid();

/** Codes people write in plans: `P1`, `1.2.3`, `IND-07`. */
export const NpaCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'A code is letters, digits and . _ / - (such as 1.2.3 or IND-07).');

export const Year = z.number().int().min(1990).max(2100);
export const IsoDay = z.iso.date();
const Title = (max: number) => z.string().trim().min(1).max(max);
const Notes = (max: number) => z.string().trim().max(max).default('');

/** Red / amber / green: achievement (percent of target) at or above `greenAt` is green, at or above `amberAt` amber. */
export const RagThresholds = z.object({ greenAt: z.number().min(0).max(1000), amberAt: z.number().min(0).max(1000) });
export type RagThresholds = z.infer<typeof RagThresholds>;
export const DEFAULT_RAG: RagThresholds = { greenAt: 90, amberAt: 60 };

/** Days after the end of a period by which its report is due, per frequency. */
export const DueDays = z.object({
  monthly: z.number().int().min(0).max(366),
  quarterly: z.number().int().min(0).max(366),
  yearly: z.number().int().min(0).max(366),
});
export type DueDays = z.infer<typeof DueDays>;
export const DEFAULT_DUE_DAYS: DueDays = { monthly: 10, quarterly: 15, yearly: 30 };

/** An agency taking part in the plan, with its name as known when it was added (ministries see names). */
export const PlanAgency = z.object({
  code: OrgCode,
  name: Title(200),
  /** DHIS2 attribute option combo code for this reporting agency (default: the agency code). */
  dhis2AttributeOptionCombo: z.string().trim().min(1).max(50).optional(),
});
export type PlanAgency = z.infer<typeof PlanAgency>;

export const PlanData = z.object({
  country: CountryCode,
  title: Title(300),
  startYear: Year,
  endYear: Year,
  version: Title(40),
  status: PlanStatus.default('draft'),
  description: Notes(5000),
  agencies: z.array(PlanAgency).max(500).default([]),
  rag: RagThresholds.default(DEFAULT_RAG),
  dueDays: DueDays.default(DEFAULT_DUE_DAYS),
  /** DHIS2 organisation unit code the national figures are reported against (default: the country code). */
  dhis2OrgUnit: z.string().trim().min(1).max(50).optional(),
});
export type PlanData = z.infer<typeof PlanData>;

export const PillarData = z.object({ planId: RecordId, code: NpaCode, title: Title(300), order: z.number().int().min(0).max(1000).default(0) });
export type PillarData = z.infer<typeof PillarData>;

export const OutcomeData = z.object({ planId: RecordId, pillarId: RecordId, code: NpaCode, title: Title(500) });
export type OutcomeData = z.infer<typeof OutcomeData>;

export const OutputData = z.object({ planId: RecordId, outcomeId: RecordId, code: NpaCode, title: Title(500) });
export type OutputData = z.infer<typeof OutputData>;

export const ActivityData = z.object({
  planId: RecordId,
  outputId: RecordId,
  code: NpaCode,
  title: Title(500),
  description: Notes(5000),
  leadAgency: OrgCode,
  supportingAgencies: z.array(OrgCode).max(50).default([]),
  start: IsoDay,
  end: IsoDay,
  budget: z.number().nonnegative().max(1e15).nullable().default(null),
  currency: CurrencyCode.nullable().default(null),
  status: ActivityStatus.default('not_started'),
  workplanYear: Year,
});
export type ActivityData = z.infer<typeof ActivityData>;

/** A number for unit and percent indicators, words for qualitative ones. */
export const IndicatorValue = z.union([z.number().finite(), z.string().trim().min(1).max(2000)]);
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const Target = z.object({ period: Period, value: IndicatorValue });
export type Target = z.infer<typeof Target>;

export const ComputedFrom = z.discriminatedUnion('source', [
  z.object({ source: z.literal(CaseSource.enum.victimsIdentified) }),
  z.object({ source: z.literal(CaseSource.enum.shareReferredWithinDays), days: z.number().int().min(0).max(365) }),
]);
export type ComputedFrom = z.infer<typeof ComputedFrom>;

export const IndicatorData = z.object({
  planId: RecordId,
  resultLevel: ResultLevel,
  resultId: RecordId,
  code: NpaCode,
  title: Title(500),
  definition: Notes(5000),
  measure: Measure,
  /** Higher is better (true) or lower is better (false). */
  ascending: z.boolean().default(true),
  baseline: IndicatorValue.nullable().default(null),
  baselineYear: Year.nullable().default(null),
  targets: z.array(Target).max(1000).default([]),
  disaggregation: z.array(Disaggregation).max(3).default([]),
  responsibleAgency: OrgCode,
  frequency: Frequency,
  dataSource: Notes(500),
  computedFrom: ComputedFrom.nullable().default(null),
  /** DHIS2 data element code (default: `NPA_<code>`); the target element is this with `_TARGET`. */
  dhis2DataElement: z.string().trim().min(1).max(50).nullable().default(null),
});
export type IndicatorData = z.infer<typeof IndicatorData>;

export const Milestones = z.object({ q1: Notes(1000), q2: Notes(1000), q3: Notes(1000), q4: Notes(1000) });
export type Milestones = z.infer<typeof Milestones>;

export const WorkplanItem = z.object({ activityId: RecordId, milestones: Milestones.default({ q1: '', q2: '', q3: '', q4: '' }) });
export type WorkplanItem = z.infer<typeof WorkplanItem>;

export const WorkplanData = z.object({
  planId: RecordId,
  year: Year,
  status: z.enum(['draft', 'approved']).default('draft'),
  items: z.array(WorkplanItem).max(5000).default([]),
});
export type WorkplanData = z.infer<typeof WorkplanData>;

/** One row of a disaggregated actual: the dimensions it is for, and its value. */
export const BreakdownRow = z.object({ sex: Sex.optional(), ageBand: AgeBand.optional(), citizenship: Citizenship.optional(), value: z.number().finite() });
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const IndicatorActual = z.object({
  indicatorId: RecordId,
  value: IndicatorValue.nullable(),
  breakdown: z.array(BreakdownRow).max(500).default([]),
  comment: Notes(2000),
  /** Filled from this workspace's case data (not typed in). */
  computed: z.boolean().default(false),
});
export type IndicatorActual = z.infer<typeof IndicatorActual>;

export const ActivityUpdate = z.object({
  activityId: RecordId,
  status: ActivityStatus,
  percentComplete: z.number().min(0).max(100),
  narrative: Notes(5000),
});
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

/** Evidence: an attachment (by its SHA-256) and/or a reference (file number, address), with a title. */
export const EvidenceRef = z.object({ title: Title(300), sha256: Sha256Hex.optional(), reference: z.string().trim().max(1000).optional() });
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** An agency's progress for one period. Owned by the agency; only its office edits it. */
export const ProgressData = z.object({
  planId: RecordId,
  agency: OrgCode,
  period: Period,
  status: ReportState.default('draft'),
  /** How many times it was submitted; a review answers one revision. */
  revision: z.number().int().min(0).default(0),
  submittedAt: z.string().nullable().default(null),
  submittedBy: z.string().nullable().default(null),
  indicatorActuals: z.array(IndicatorActual).max(2000).default([]),
  activityUpdates: z.array(ActivityUpdate).max(2000).default([]),
  narrative: Notes(20000),
  evidence: z.array(EvidenceRef).max(200).default([]),
});
export type ProgressData = z.infer<typeof ProgressData>;

/** The secretariat's decision on one revision of a report. Owned by the secretariat. */
export const ReviewData = z.object({
  planId: RecordId,
  progressId: RecordId,
  agency: OrgCode,
  period: Period,
  revision: z.number().int().min(1),
  decision: ReviewDecision,
  comments: Notes(5000),
  reviewedBy: z.string().min(1).max(100),
  reviewedAt: z.string().min(1).max(40),
});
export type ReviewData = z.infer<typeof ReviewData>;

type Unwrapped<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<Unwrapped<S[K]>> };

/**
 * A partial change of a record: every field optional and WITHOUT its default (zod applies a default
 * even inside `.optional()`, so `.partial()` would reset fields the change does not name).
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<PatchShape<S>> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, z.optional(field instanceof z.ZodDefault ? field.unwrap() : field)]));
  return z.object(shape) as unknown as z.ZodObject<PatchShape<S>>;
}
