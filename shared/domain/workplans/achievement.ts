import { comparePeriods, contains, nests, parsePeriod, periodsWithin } from './periods';
import type { BreakdownRow, IndicatorValue, RagThresholds, Target } from './model';
import type { Frequency, Measure, Rag } from './vocabulary';

/**
 * Targets, actuals, achievement and red / amber / green (docs/workplans.md §Achievement).
 *
 * - A unit indicator's figure for a longer period is the sum of its periods (victims identified in
 *   2025 = the four quarters); a percent or qualitative indicator takes its latest period in the range.
 * - A target set for exactly the asked period wins; otherwise targets of the indicator's own periods
 *   inside it are combined the same way.
 * - Achievement = actual / target (higher is better), or target / actual (lower is better), in percent.
 */

export type Figure = { period: string; value: IndicatorValue | null };

const numeric = (v: IndicatorValue | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Combines the figures of consecutive periods into one figure for the longer period. */
export function combine(measure: Measure, figures: readonly Figure[]): IndicatorValue | null {
  const present = figures.filter((f) => f.value !== null && f.value !== undefined).sort((a, b) => comparePeriods(a.period, b.period));
  if (present.length === 0) return null;
  if (measure === 'unit') {
    const numbers = present.map((f) => f.value).filter(numeric);
    return numbers.length ? round(numbers.reduce((a, b) => a + b, 0)) : null;
  }
  return present.at(-1)!.value;
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Whether an indicator reported every `frequency` has a figure for `period` at all. */
export const applies = (frequency: Frequency, period: string): boolean => nests(frequency, parsePeriod(period).frequency);

/** The target of an indicator for a period (null when none is set or the period is shorter than its frequency). */
export function targetFor(ind: { measure: Measure; frequency: Frequency; targets: readonly Target[] }, period: string): IndicatorValue | null {
  const exact = ind.targets.find((t) => t.period === period);
  if (exact) return exact.value;
  if (!applies(ind.frequency, period)) return null;
  const own = new Set(periodsWithin(period, ind.frequency));
  return combine(ind.measure, ind.targets.filter((t) => own.has(t.period)));
}

/** The actual of an indicator for a period from its per-period actuals. */
export function actualFor(ind: { measure: Measure; frequency: Frequency }, actuals: readonly Figure[], period: string): IndicatorValue | null {
  if (!applies(ind.frequency, period)) return null;
  return combine(
    ind.measure,
    actuals.filter((a) => contains(period, a.period) && parsePeriod(a.period).frequency === ind.frequency),
  );
}

/** Achievement in percent, or null when there is nothing to compare (qualitative, a value missing). */
export function achievement(measure: Measure, ascending: boolean, target: IndicatorValue | null, actual: IndicatorValue | null): number | null {
  if (measure === 'qualitative' || !numeric(target) || !numeric(actual)) return null;
  if (ascending) {
    if (target === 0) return actual >= 0 ? 100 : 0;
    return round((actual / target) * 100);
  }
  // Lower is better: at or below target is 100 % or more; zero is the best there is.
  if (actual <= 0) return 100;
  return round((Math.max(target, 0) / actual) * 100);
}

export function ragOf(achieved: number | null, thresholds: RagThresholds): Rag {
  if (achieved === null) return 'none';
  if (achieved >= thresholds.greenAt) return 'green';
  if (achieved >= thresholds.amberAt) return 'amber';
  return 'red';
}

const rowKey = (r: BreakdownRow): string => `${r.sex ?? ''}|${r.ageBand ?? ''}|${r.citizenship ?? ''}`;

/** Adds breakdown rows of several periods by their dimensions (unit indicators), or keeps the latest. */
export function combineBreakdowns(measure: Measure, periods: readonly { period: string; rows: readonly BreakdownRow[] }[]): BreakdownRow[] {
  const sorted = [...periods].filter((p) => p.rows.length > 0).sort((a, b) => comparePeriods(a.period, b.period));
  if (sorted.length === 0) return [];
  if (measure !== 'unit') return sorted.at(-1)!.rows.map((r) => ({ ...r }));
  const sums = new Map<string, BreakdownRow>();
  for (const p of sorted) {
    for (const r of p.rows) {
      const prev = sums.get(rowKey(r));
      sums.set(rowKey(r), prev ? { ...prev, value: round(prev.value + r.value) } : { ...r });
    }
  }
  return [...sums.values()];
}

export const breakdownKey = rowKey;
