import { z } from 'zod';

/**
 * The vocabularies of the NPA model (DESIGN §7, docs/workplans.md). Stored values are these codes;
 * the UI and the spreadsheets translate them.
 */

export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** The four pillars a new plan starts with (titles from shared/i18n/workplans-xlsx.ts); all editable. */
export const DEFAULT_PILLARS = ['prevention', 'protection', 'prosecution', 'partnership'] as const;
export type DefaultPillar = (typeof DEFAULT_PILLARS)[number];

export const ACTIVITY_STATUSES = ['not_started', 'in_progress', 'completed', 'delayed', 'cancelled'] as const;
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

/** unit: a count or amount; percent: 0-100; qualitative: words (no achievement ratio, no RAG). */
export const MEASURES = ['unit', 'percent', 'qualitative'] as const;
export const Measure = z.enum(MEASURES);
export type Measure = z.infer<typeof Measure>;

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export const Frequency = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof Frequency>;

/** The level of the results chain an indicator measures. */
export const RESULT_LEVELS = ['outcome', 'output', 'activity'] as const;
export const ResultLevel = z.enum(RESULT_LEVELS);
export type ResultLevel = z.infer<typeof ResultLevel>;

export const DISAGGREGATIONS = ['sex', 'ageBand', 'citizenship'] as const;
export const Disaggregation = z.enum(DISAGGREGATIONS);
export type Disaggregation = z.infer<typeof Disaggregation>;

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const Sex = z.enum(SEXES);
export type Sex = z.infer<typeof Sex>;

/** Age bands for reporting: children (0-17) first, then adults; `unknown` when the age is not known. */
export const AGE_BANDS = ['0-11', '12-17', '18-24', '25-34', '35-49', '50+', 'unknown'] as const;
export const AgeBand = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBand>;

export function ageBandOf(age: number | null | undefined): AgeBand {
  if (age === null || age === undefined || !Number.isFinite(age) || age < 0) return 'unknown';
  if (age <= 11) return '0-11';
  if (age <= 17) return '12-17';
  if (age <= 24) return '18-24';
  if (age <= 34) return '25-34';
  if (age <= 49) return '35-49';
  return '50+';
}

/** National of the reporting country, foreign national, or not known. */
export const CITIZENSHIPS = ['national', 'foreign', 'unknown'] as const;
export const Citizenship = z.enum(CITIZENSHIPS);
export type Citizenship = z.infer<typeof Citizenship>;

/** What each disaggregation dimension may take. */
export const DISAGGREGATION_VALUES = { sex: SEXES, ageBand: AGE_BANDS, citizenship: CITIZENSHIPS } as const;

/** A progress report as stored (the ministry's side of the workflow). */
export const REPORT_STATES = ['draft', 'submitted'] as const;
export const ReportState = z.enum(REPORT_STATES);

/** The secretariat's decision on one submitted revision. */
export const REVIEW_DECISIONS = ['approved', 'returned'] as const;
export const ReviewDecision = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** Where a report stands, from the report and the secretariat's reviews (progress.ts). */
export const PROGRESS_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export const ProgressStatus = z.enum(PROGRESS_STATUSES);
export type ProgressStatus = z.infer<typeof ProgressStatus>;

/** A due item: a progress status, or `missing` when no report was started. */
export const DUE_STATUSES = ['missing', ...PROGRESS_STATUSES] as const;
export const DueStatus = z.enum(DUE_STATUSES);
export type DueStatus = z.infer<typeof DueStatus>;

export const RAGS = ['green', 'amber', 'red', 'none'] as const;
export const Rag = z.enum(RAGS);
export type Rag = z.infer<typeof Rag>;

/** Which progress counts in the dashboard, the report and DHIS2: approved only, or submitted too. */
export const BASES = ['approved', 'submitted'] as const;
export const Basis = z.enum(BASES);
export type Basis = z.infer<typeof Basis>;

/** Indicators whose actuals come from this workspace's case data (electron/workplans/caseIndicators.ts). */
export const CASE_SOURCES = ['victimsIdentified', 'shareReferredWithinDays'] as const;
export const CaseSource = z.enum(CASE_SOURCES);
export type CaseSource = z.infer<typeof CaseSource>;
