import { z } from 'zod';
import { CountryCode } from '../organisation';

/** Small building blocks shared by every case schema. */

/** A calendar date, `YYYY-MM-DD` (no time zone: the day the thing happened where it happened). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** A moment, ISO 8601 with offset (`2025-03-01T09:30:00.000Z`). */
export const Timestamp = z.iso.datetime({ offset: true });

/** A record id (UUIDv7 from the write path). */
export const RecordId = z.uuid();

export { CountryCode };

/** ISO 639-1 or 639-2/3 language code, lower case (`my`, `tha`, `fr`). */
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'Use an ISO 639 language code, such as my, th or fr.');

/**
 * A phone number as typed, kept as digits with an optional leading `+`. HTCDS asks for E.164; a
 * local number with a leading 0 is accepted too, because that is what people are given in the field.
 */
export const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s\-().]/g, ''))
  .pipe(z.string().regex(/^\+?[0-9]{3,15}$/, 'A phone number is 3 to 15 digits, optionally starting with +.'));

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** ISO 4217 currency code (`THB`, `MMK`, `USD`). */
export const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => CURRENCIES.has(c), 'Use an ISO 4217 currency code, such as THB, MMK or USD.');

/** A short line of text someone typed (a name, a title). */
export const Line = (max = 200) => z.string().trim().min(1).max(max);
/** Free text (notes, descriptions). */
export const Text = (max = 20_000) => z.string().trim().max(max);

/** A user of this workspace, by user name. */
export const Username = z.string().min(1).max(64);

/** An organisation named in a case: a partner's code when it has one, and always a readable name. */
export const OrganisationRef = z.object({
  code: z.string().trim().max(40).optional(),
  name: Line(200),
});
export type OrganisationRef = z.infer<typeof OrganisationRef>;

/**
 * The Approvable concern (Primero's name): a supervisor's decision on something another person asked
 * for. Used by closure and cross-border handover.
 */
export const APPROVAL_DECISIONS = ['pending', 'approved', 'rejected'] as const;
export const ApprovalDecision = z.enum(APPROVAL_DECISIONS);
export const Approval = z.object({
  decision: ApprovalDecision,
  requestedBy: Username,
  requestedAt: Timestamp,
  decidedBy: Username.optional(),
  decidedAt: Timestamp.optional(),
  comment: Text(2000).optional(),
});
export type Approval = z.infer<typeof Approval>;

/** Today's date in UTC as `YYYY-MM-DD`. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return addDaysFast(date, days) ?? addDaysByDate(date, days);
}

/** The definition: through `Date` (a day 29–31 past the month's end rolls over, other bad input throws). */
export function addDaysByDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/**
 * The same in integer arithmetic (days from the civil date and back, H. Hinnant's algorithms), for
 * the common case: digits in place, month 1–12, day 1–31, a whole number of days, a result within
 * years 0000–9999. Anything else is left to the definition (null). Demo generation calls this tens of
 * times per case; parsing and formatting a Date each time was a visible share of it. Equal to
 * `addDaysByDate` wherever it answers (shared/domain/cases/dates.test.ts).
 */
function addDaysFast(date: string, days: number): string | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45 || !Number.isSafeInteger(days) || Math.abs(days) > 10_000_000) return null;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = date.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    y = y * 10 + c;
  }
  const m1 = date.charCodeAt(5) - 48;
  const m2 = date.charCodeAt(6) - 48;
  const d1 = date.charCodeAt(8) - 48;
  const d2 = date.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  // days_from_civil
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const z = era * 146097 + doe + days;
  // civil_from_days
  const era2 = Math.floor(z / 146097);
  const doe2 = z - era2 * 146097;
  const yoe2 = Math.floor((doe2 - Math.floor(doe2 / 1460) + Math.floor(doe2 / 36524) - Math.floor(doe2 / 146096)) / 365);
  const doy2 = doe2 - (365 * yoe2 + Math.floor(yoe2 / 4) - Math.floor(yoe2 / 100));
  const mp = Math.floor((5 * doy2 + 2) / 153);
  const day = doy2 - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe2 + era2 * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return null;
  return `${year < 10 ? '000' : year < 100 ? '00' : year < 1000 ? '0' : ''}${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Whole months between two dates (the end day counts when it reaches the start's day of month). */
export function monthsBetween(from: string, to: string): number {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months--;
  return Math.max(0, months);
}

type PatchField<T> =
  T extends z.ZodDefault<infer I extends z.core.SomeType> ? z.ZodOptional<I> : T extends z.ZodOptional<infer I extends z.core.SomeType> ? z.ZodOptional<z.ZodNullable<I>> : z.ZodOptional<T & z.core.SomeType>;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: PatchField<S[K]> };

/**
 * The schema of a partial change: every field optional and without its default, so that a field left
 * out of a change stays as it is (zod's `.partial()` would fill defaults in and wipe it). An optional
 * field may be sent as null to clear it (JSON has no undefined); `clearNulls` turns those into removals.
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<PatchShape<S>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      field instanceof z.ZodDefault ? z.optional(field.unwrap()) : field instanceof z.ZodOptional ? z.optional(z.nullable(field.unwrap())) : z.optional(field),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<PatchShape<S>>;
}

/** A change with nulls turned into removals (undefined), ready for the write path. */
export const clearNulls = <T extends Record<string, unknown>>(patch: T): { [K in keyof T]: Exclude<T[K], null> | undefined } =>
  Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === null ? undefined : v])) as { [K in keyof T]: Exclude<T[K], null> | undefined };
