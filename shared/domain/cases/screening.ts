import { z } from 'zod';
import { CountryCode, IsoDate, LanguageCode, Line, RecordId, Text, Username } from './common';
import { ScreeningOutcome } from './lifecycle';
import {
  DecisionMakingOrg,
  ExploitationType,
  IsicSection,
  MethodOfControl,
  Platform,
  RecruiterRelation,
  RecruitmentMethod,
  RelationshipToTrafficker,
  SexExploitationType,
  TraffickingEventType,
  TraffickingStatus,
} from './vocabulary';

/**
 * Screening along the SOPs: a rapid screening (short checklist, first contact) and then a full
 * screening interview with indicators of recruitment, movement, exploitation and control, the HTCDS
 * victim-context codes, the trafficking events, and an outcome with date and screener.
 */

/** The rapid checklist: each answered yes / no / unknown. */
export const RAPID_INDICATORS = [
  'deceived_about_job',
  'recruitment_fee_or_debt',
  'documents_held_by_others',
  'not_free_to_leave',
  'threats_or_violence',
  'unpaid_or_underpaid',
  'excessive_hours',
  'sexual_exploitation_signs',
  'forced_to_commit_crimes',
  'under_18_in_exploitative_work',
] as const;
export const RapidIndicator = z.enum(RAPID_INDICATORS);
export const Answer = z.enum(['yes', 'no', 'unknown']);
export type Answer = z.infer<typeof Answer>;

export const RECRUITMENT_INDICATORS = ['deceptive_job_offer', 'deceived_about_conditions', 'recruitment_fee_debt', 'abducted', 'sold_by_family_or_other', 'false_documents_provided', 'recruited_as_child'] as const;
export const MOVEMENT_INDICATORS = ['documents_taken_in_transit', 'irregular_crossing_arranged', 'transported_by_recruiter', 'confined_during_transit', 'sold_or_transferred'] as const;
export const EXPLOITATION_INDICATORS = ['unpaid_or_underpaid', 'excessive_hours', 'hazardous_work', 'forced_sexual_services', 'no_days_off', 'lives_at_workplace', 'forced_to_commit_crimes', 'forced_to_beg', 'married_without_consent', 'child_in_worst_forms'] as const;

/** One place and time on the trafficking path (HTCDS "Historic Trafficking Events", `hte_*`). */
export const TraffickingEvent = z.object({
  hte_Type: TraffickingEventType,
  hte_Country: CountryCode,
  hte_State: Line(120).optional(),
  hte_City: Line(120).optional(),
  hte_Date: IsoDate.optional(),
  /** When this stage ended (exploitation end = exit or rescue); with hte_Date gives the duration. */
  endDate: IsoDate.optional(),
  hte_Description: Text(2000).optional(),
});
export type TraffickingEvent = z.infer<typeof TraffickingEvent>;

const common = {
  caseId: RecordId,
  screenedOn: IsoDate,
  screenedBy: Username,
  interviewLanguage: LanguageCode.optional(),
  interpreterUsed: z.boolean().default(false),
  location: Line(200).optional(),
  notes: Text(10_000).optional(),
};

export const RapidScreening = z.object({
  kind: z.literal('rapid'),
  ...common,
  answers: z.partialRecord(RapidIndicator, Answer),
  /** The screener's conclusion: go on to a full screening or not. */
  fullScreeningNeeded: z.boolean(),
});
export type RapidScreening = z.infer<typeof RapidScreening>;

export const FullScreening = z.object({
  kind: z.literal('full'),
  ...common,
  recruitmentIndicators: z.array(z.enum(RECRUITMENT_INDICATORS)).default([]),
  movementIndicators: z.array(z.enum(MOVEMENT_INDICATORS)).default([]),
  exploitationIndicators: z.array(z.enum(EXPLOITATION_INDICATORS)).default([]),
  vic_MethodOfRecruitment: z.array(RecruitmentMethod).default([]),
  vic_RecruitmentWebsitesAndApps: z.array(Platform).default([]),
  vic_MethodsOfControl: z.array(MethodOfControl).default([]),
  vic_TypeOfExploitation: z.array(ExploitationType).default([]),
  /** ISIC sections of forced labour; HTCDS has one value, several are kept because CTDC counts each. */
  vic_ForcedLabourIndustry: z.array(IsicSection).default([]),
  vic_TypeOfSexExploitation: z.array(SexExploitationType).default([]),
  vic_ExploitationWebsitesAndApps: z.array(Platform).default([]),
  vic_RelationshipToTrafficker: RelationshipToTrafficker.optional(),
  recruiterRelations: z.array(RecruiterRelation).default([]),
  vic_AgeWhenTrafficked: z.number().int().min(0).max(120).optional(),
  events: z.array(TraffickingEvent).max(40).default([]),
  outcome: ScreeningOutcome,
  vic_TraffickingStatus: TraffickingStatus.optional(),
  vic_TraffickingStatusDecisionMakingOrg: DecisionMakingOrg.optional(),
});
export type FullScreening = z.infer<typeof FullScreening>;

export const Screening = z.discriminatedUnion('kind', [RapidScreening, FullScreening]);
export type Screening = z.infer<typeof Screening>;

/** The rapid checklist suggests a full screening when any indicator is answered yes. */
export const rapidSuggestsFullScreening = (answers: Partial<Record<z.infer<typeof RapidIndicator>, Answer>>): boolean => Object.values(answers).some((a) => a === 'yes');

/** Countries of the trafficking path by role. */
export function eventCountries(events: readonly TraffickingEvent[]): { origin: string[]; transit: string[]; exploitation: string[] } {
  const of = (t: string) => [...new Set(events.filter((e) => e.hte_Type === t).map((e) => e.hte_Country))];
  return { origin: of('Recruitment'), transit: of('Transit'), exploitation: of('Exploitation') };
}

export type TraffickingScope = 'international' | 'internal' | 'unknown';

/**
 * International vs internal, as CTDC derives it: trafficking is international when the country of
 * exploitation differs from the person's citizenship (any of them), or when the path crossed a border.
 * Falls back to the country of identification when no exploitation country is recorded.
 */
export function traffickingScope(citizenships: readonly string[], events: readonly TraffickingEvent[], identificationCountry?: string): TraffickingScope {
  const { origin, transit, exploitation } = eventCountries(events);
  const where = exploitation.length ? exploitation : identificationCountry ? [identificationCountry] : [];
  if (citizenships.length === 0 || where.length === 0) return 'unknown';
  const path = new Set([...origin, ...transit, ...where]);
  if (path.size > 1) return 'international';
  return where.every((c) => citizenships.includes(c)) ? 'internal' : 'international';
}

/** Months in exploitation: from the first exploitation event's date to its end (or `today` when ongoing). */
export function exploitationMonths(events: readonly TraffickingEvent[], today: string): number | null {
  const spans = events.filter((e) => e.hte_Type === 'Exploitation' && e.hte_Date);
  if (spans.length === 0) return null;
  const start = spans.map((e) => e.hte_Date!).sort()[0]!;
  const end = spans.map((e) => e.endDate ?? today).sort().at(-1)!;
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ey - sy) * 12 + (em - sm) - (ed < sd ? 1 : 0));
}

/** CTDC `traffickMonths` band. */
export const traffickMonthsBand = (months: number | null): '0--12 (0-1 yr)' | '13--24 (1-2 yrs)' | '25+ (2+ yrs)' | '' =>
  months === null ? '' : months <= 12 ? '0--12 (0-1 yr)' : months <= 24 ? '13--24 (1-2 yrs)' : '25+ (2+ yrs)';
