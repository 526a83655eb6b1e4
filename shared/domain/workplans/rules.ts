import { breakdownKey } from './achievement';
import { nests, parsePeriod } from './periods';
import type { ActivityData, IndicatorActual, IndicatorData, IndicatorValue, PlanData } from './model';
import { DISAGGREGATIONS, type Measure } from './vocabulary';

/**
 * Rules that span fields of one record (the record schemas check each field alone). Each problem names
 * the field and says in plain words what is wrong; services turn them into VALIDATION errors and the
 * spreadsheet import into per-cell problems.
 */

export type RuleProblem = { field: string; message: string };

const MAX_PLAN_YEARS = 20;

export function planProblems(plan: Pick<PlanData, 'startYear' | 'endYear' | 'rag' | 'agencies'>): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (plan.endYear < plan.startYear) out.push({ field: 'endYear', message: `The plan ends (${plan.endYear}) before it starts (${plan.startYear}).` });
  else if (plan.endYear - plan.startYear >= MAX_PLAN_YEARS) out.push({ field: 'endYear', message: `A plan covers at most ${MAX_PLAN_YEARS} years.` });
  if (plan.rag.amberAt > plan.rag.greenAt) out.push({ field: 'rag', message: 'The amber threshold must not be above the green threshold.' });
  const codes = plan.agencies.map((a) => a.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) out.push({ field: 'agencies', message: `The agency ${dup} is listed twice.` });
  return out;
}

export function activityProblems(a: Pick<ActivityData, 'start' | 'end' | 'budget' | 'currency' | 'workplanYear' | 'leadAgency' | 'supportingAgencies'>, plan: Pick<PlanData, 'startYear' | 'endYear'>): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (a.end < a.start) out.push({ field: 'end', message: `The activity ends (${a.end}) before it starts (${a.start}).` });
  if (a.budget !== null && a.currency === null) out.push({ field: 'currency', message: 'A budget needs its currency (ISO 4217, such as USD or MMK).' });
  if (a.workplanYear < plan.startYear || a.workplanYear > plan.endYear) {
    out.push({ field: 'workplanYear', message: `The workplan year ${a.workplanYear} is outside the plan (${plan.startYear}-${plan.endYear}).` });
  }
  if (a.supportingAgencies.includes(a.leadAgency)) out.push({ field: 'supportingAgencies', message: `${a.leadAgency} leads the activity; it is not also a supporting agency.` });
  return out;
}

/** Whether a value fits a measure: numbers for unit (not negative) and percent (0-100), words for qualitative. */
export function valueProblem(measure: Measure, value: IndicatorValue): string | null {
  if (measure === 'qualitative') return typeof value === 'string' ? null : 'A qualitative indicator takes words, not a number.';
  if (typeof value !== 'number') return `A ${measure} indicator takes a number.`;
  if (value < 0) return 'The value cannot be negative.';
  if (measure === 'percent' && value > 100) return 'A percentage is between 0 and 100.';
  return null;
}

export function indicatorProblems(ind: Pick<IndicatorData, 'measure' | 'frequency' | 'targets' | 'baseline' | 'disaggregation' | 'computedFrom'>, plan: Pick<PlanData, 'startYear' | 'endYear'>): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (ind.baseline !== null) {
    const p = valueProblem(ind.measure, ind.baseline);
    if (p) out.push({ field: 'baseline', message: `Baseline: ${p}` });
  }
  const seen = new Set<string>();
  ind.targets.forEach((t, i) => {
    const field = `targets.${i}`;
    if (seen.has(t.period)) out.push({ field, message: `There are two targets for ${t.period}.` });
    seen.add(t.period);
    const p = parsePeriod(t.period);
    if (!nests(ind.frequency, p.frequency)) out.push({ field, message: `A ${ind.frequency} indicator cannot have a target for the shorter period ${t.period}.` });
    if (p.year < plan.startYear || p.year > plan.endYear) out.push({ field, message: `The target period ${t.period} is outside the plan (${plan.startYear}-${plan.endYear}).` });
    const vp = valueProblem(ind.measure, t.value);
    if (vp) out.push({ field, message: `Target for ${t.period}: ${vp}` });
  });
  if (new Set(ind.disaggregation).size !== ind.disaggregation.length) out.push({ field: 'disaggregation', message: 'A disaggregation is listed twice.' });
  if (ind.computedFrom?.source === 'victimsIdentified' && ind.measure !== 'unit') {
    out.push({ field: 'computedFrom', message: 'Victims identified is a count: the indicator must measure units.' });
  }
  if (ind.computedFrom?.source === 'shareReferredWithinDays') {
    if (ind.measure !== 'percent') out.push({ field: 'computedFrom', message: 'A share referred is a percentage: the indicator must measure percent.' });
    if (ind.disaggregation.length > 0) out.push({ field: 'disaggregation', message: 'A share referred is not disaggregated.' });
  }
  return out;
}

/** An actual against its indicator: the value fits the measure; breakdown rows use declared dimensions once each. */
export function actualProblems(ind: Pick<IndicatorData, 'measure' | 'disaggregation' | 'code'>, actual: Pick<IndicatorActual, 'value' | 'breakdown'>): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (actual.value !== null) {
    const p = valueProblem(ind.measure, actual.value);
    if (p) out.push({ field: 'value', message: `${ind.code}: ${p}` });
  }
  if (actual.breakdown.length > 0 && ind.measure === 'qualitative') out.push({ field: 'breakdown', message: `${ind.code}: a qualitative indicator has no breakdown.` });
  const keys = new Set<string>();
  actual.breakdown.forEach((row, i) => {
    const field = `breakdown.${i}`;
    for (const dim of DISAGGREGATIONS) {
      if (row[dim] !== undefined && !ind.disaggregation.includes(dim)) out.push({ field, message: `${ind.code} is not disaggregated by ${dim}.` });
    }
    if (ind.disaggregation.every((dim) => row[dim] === undefined)) out.push({ field, message: `${ind.code}: a breakdown row names no dimension.` });
    if (keys.has(breakdownKey(row))) out.push({ field, message: `${ind.code}: the same breakdown row appears twice.` });
    keys.add(breakdownKey(row));
    const vp = valueProblem(ind.measure, row.value);
    if (vp) out.push({ field, message: `${ind.code}: ${vp}` });
  });
  return out;
}
