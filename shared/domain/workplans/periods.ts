import { z } from 'zod';
import type { Frequency } from './vocabulary';

/**
 * Reporting periods as DHIS2 writes them: yearly `2025`, quarterly `2025Q1`, monthly `202503`.
 * Dates are ISO calendar days (`YYYY-MM-DD`) compared as strings; no time zones are involved.
 */

export const PERIOD_PATTERN = /^(\d{4})(?:Q([1-4])|(0[1-9]|1[0-2]))?$/;

export const Period = z.string().trim().regex(PERIOD_PATTERN, 'A period is a year (2025), a quarter (2025Q1) or a month (202503).');
export type Period = z.infer<typeof Period>;

export type ParsedPeriod = { frequency: Frequency; year: number; /** quarter 1-4 or month 1-12; 1 for a year */ index: number };

export function parsePeriod(period: string): ParsedPeriod {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError(`Not a period: ${period}`);
  const year = Number(m[1]);
  if (m[2]) return { frequency: 'quarterly', year, index: Number(m[2]) };
  if (m[3]) return { frequency: 'monthly', year, index: Number(m[3]) };
  return { frequency: 'yearly', year, index: 1 };
}

export const isPeriod = (value: string): boolean => PERIOD_PATTERN.test(value);

export const frequencyOf = (period: string): Frequency => parsePeriod(period).frequency;

const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatPeriod(p: ParsedPeriod): string {
  if (p.frequency === 'yearly') return String(p.year);
  if (p.frequency === 'quarterly') return `${p.year}Q${p.index}`;
  return `${p.year}${pad2(p.index)}`;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First and last month (1-12) a period covers. */
function months(p: ParsedPeriod): [number, number] {
  if (p.frequency === 'yearly') return [1, 12];
  if (p.frequency === 'quarterly') return [(p.index - 1) * 3 + 1, p.index * 3];
  return [p.index, p.index];
}

/** First day of the period. */
export function periodStart(period: string): string {
  const p = parsePeriod(period);
  return `${p.year}-${pad2(months(p)[0])}-01`;
}

/** Last day of the period. */
export function periodEnd(period: string): string {
  const p = parsePeriod(period);
  const last = months(p)[1];
  return `${p.year}-${pad2(last)}-${pad2(daysInMonth(p.year, last))}`;
}

/** The period of a frequency that contains a day. */
export function periodOf(day: string, frequency: Frequency): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (frequency === 'yearly') return String(year);
  if (frequency === 'quarterly') return `${year}Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}${pad2(month)}`;
}

const RANK: Record<Frequency, number> = { monthly: 0, quarterly: 1, yearly: 2 };

/** Whether periods of `inner` frequency nest in periods of `outer` (a month in a quarter, a quarter in a year). */
export const nests = (inner: Frequency, outer: Frequency): boolean => RANK[inner] <= RANK[outer];

/** Whether `inner` lies wholly within `outer` (a period contains itself). */
export function contains(outer: string, inner: string): boolean {
  return periodStart(outer) <= periodStart(inner) && periodEnd(inner) <= periodEnd(outer);
}

/** Every period of a frequency from the first to the last year, in order. */
export function periodsOfYears(frequency: Frequency, fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const count = frequency === 'yearly' ? 1 : frequency === 'quarterly' ? 4 : 12;
    for (let index = 1; index <= count; index++) out.push(formatPeriod({ frequency, year, index }));
  }
  return out;
}

/** The periods of a frequency inside `outer`, in order; empty when the frequency is coarser than `outer`. */
export function periodsWithin(outer: string, frequency: Frequency): string[] {
  const p = parsePeriod(outer);
  if (!nests(frequency, p.frequency)) return [];
  return periodsOfYears(frequency, p.year, p.year).filter((q) => contains(outer, q));
}

/** Adds days to an ISO day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** When a period's report is due: the given number of days after the period ends. */
export const dueDate = (period: string, daysAfterEnd: number): string => addDays(periodEnd(period), daysAfterEnd);

/** A report is overdue once its due day has passed and it was not sent (submitted or approved). */
export function isOverdue(due: string, today: string, status: string): boolean {
  return today > due && status !== 'submitted' && status !== 'approved';
}

/** Orders periods by start, then coarser first (2025 before 2025Q1 before 202501). */
export function comparePeriods(a: string, b: string): number {
  const sa = periodStart(a);
  const sb = periodStart(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return RANK[frequencyOf(b)] - RANK[frequencyOf(a)];
}

export const todayIso = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
