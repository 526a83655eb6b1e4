import { z } from 'zod';
import { STAGES } from '../cases';

/**
 * What a report counts about one case: the facts of the case index and of its latest full screening,
 * never a name, a date of birth, a place below country or free text. Built in electron/reports from
 * the encrypted store; everything in shared/domain/reports is pure over these.
 */
export type ReportCase = {
  ownerOrg: string;
  stage: string;
  /** `prs_Gender` (HTCDS). */
  gender: string;
  /** Age in whole years at registration, or null when neither birth date nor estimate is known. */
  age: number | null;
  citizenship: readonly string[];
  /** Countries of the exploitation events; CTDC falls back to the identification country. */
  exploitationCountries: readonly string[];
  identificationCountry: string;
  exploitation: readonly string[];
  labour: readonly string[];
  sexTypes: readonly string[];
  means: readonly string[];
  recruiter: readonly string[];
  /** Day of registration (YYYY-MM-DD). */
  registeredOn: string;
  /** Day of identification (YYYY-MM-DD). */
  identifiedOn: string;
  scope: 'international' | 'internal' | 'unknown';
  traffickMonths: number | null;
};

const Day = z.iso.date();

/** Which cases a report counts. Every field narrows; none given = every case of the workspace. */
export const ReportFilters = z
  .object({
    /** Registration between these days (inclusive). */
    from: Day.optional(),
    to: Day.optional(),
    stage: z.array(z.enum(STAGES)).max(STAGES.length).optional(),
    /** Owning organisation codes. */
    organisation: z.array(z.string().min(1).max(40)).max(50).optional(),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { message: 'The period starts after it ends.', path: ['to'] });
export type ReportFilters = z.infer<typeof ReportFilters>;

/** Whether a case passes the filters (registration day, stage, owning organisation). */
export function matchesFilters(c: Pick<ReportCase, 'registeredOn' | 'stage' | 'ownerOrg'>, f: ReportFilters): boolean {
  return (!f.from || c.registeredOn >= f.from) && (!f.to || c.registeredOn <= f.to) && (!f.stage?.length || (f.stage as readonly string[]).includes(c.stage)) && (!f.organisation?.length || f.organisation.includes(c.ownerOrg));
}

export const applyFilters = (cases: readonly ReportCase[], f: ReportFilters): ReportCase[] => cases.filter((c) => matchesFilters(c, f));

/**
 * Age bands as the upper bounds of every band but the last (`[8, 17, 20, ...]` are CTDC's nine).
 * A configurable set: strictly increasing, at most 20 bands.
 */
export const AgeBandBounds = z
  .array(z.number().int().min(0).max(119))
  .min(1)
  .max(19)
  .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1]!), { message: 'Age band bounds must increase.' });
export type AgeBandBounds = z.infer<typeof AgeBandBounds>;

export const CTDC_AGE_BOUNDS: AgeBandBounds = [8, 17, 20, 23, 26, 29, 38, 47];

/** Band labels in CTDC's spelling (`0--8`, `48+`); for the CTDC bounds these are exactly CTDC's nine. */
export function ageBandLabels(bounds: AgeBandBounds): string[] {
  const labels: string[] = [];
  let lower = 0;
  for (const upper of bounds) {
    labels.push(`${lower}--${upper}`);
    lower = upper + 1;
  }
  labels.push(`${lower}+`);
  return labels;
}

export function ageBandOf(age: number | null, bounds: AgeBandBounds): string | null {
  if (age === null) return null;
  const labels = ageBandLabels(bounds);
  const i = bounds.findIndex((u) => age <= u);
  return labels[i === -1 ? bounds.length : i]!;
}
