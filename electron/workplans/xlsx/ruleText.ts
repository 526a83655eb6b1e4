import type { z } from 'zod';
import type { ActivityData, IndicatorData, IndicatorValue, Measure, PlanData, RuleProblem } from '../../../shared/domain/workplans';
import type { Say } from './cells';

/**
 * The model's own checks (record schemas, shared/domain/workplans/rules.ts) say what is wrong in English
 * for services and logs. The spreadsheet import shows the same findings in the importing user's language:
 * which rule a problem is follows from the field it names and the record's values, so each is matched to
 * its translated message here. A finding not known here still reaches the user, quoted after a
 * translated lead-in, rather than being lost.
 */

/** A value that does not fit its measure (the conditions of valueProblem, in the same order). */
export function valueText(measure: Measure, value: IndicatorValue, say: Say): string {
  if (measure === 'qualitative') return say('qualitativeNeedsWords');
  if (typeof value !== 'number') return say(measure === 'percent' ? 'percentNeedsNumber' : 'unitNeedsNumber');
  if (value < 0) return say('negativeValue');
  return say('percentRange');
}

/** A schema issue of an assembled record (cells were already read, so only bounds and formats remain). */
export function issueText(issue: z.core.$ZodIssue, say: Say): string {
  if (issue.code === 'too_big') return say('valueTooBig', { max: String(issue.maximum) });
  if (issue.code === 'too_small') return say('valueTooSmall', { min: String(issue.minimum) });
  return say('valueInvalid');
}

const fallback = (p: RuleProblem, say: Say): string => say('ruleBroken', { detail: p.message });

export function planRuleText(p: RuleProblem, plan: PlanData, say: Say): string {
  switch (p.field) {
    case 'endYear':
      return plan.endYear < plan.startYear ? say('planEndsBeforeStart', { end: plan.endYear, start: plan.startYear }) : say('planTooLong', { max: 20 });
    case 'rag':
      return say('amberAboveGreen');
    case 'agencies': {
      const codes = plan.agencies.map((a) => a.code);
      return say('agencyTwice', { code: codes.find((c, i) => codes.indexOf(c) !== i) ?? '' });
    }
    default:
      return fallback(p, say);
  }
}

export function activityRuleText(p: RuleProblem, a: ActivityData, plan: { startYear: number; endYear: number }, say: Say): string {
  switch (p.field) {
    case 'end':
      return say('activityEndsBeforeStart', { end: a.end, start: a.start });
    case 'currency':
      return say('budgetNeedsCurrency');
    case 'workplanYear':
      return say('workplanYearOutside', { year: a.workplanYear, start: plan.startYear, end: plan.endYear });
    case 'supportingAgencies':
      return say('leadAlsoSupporting', { code: a.leadAgency });
    default:
      return fallback(p, say);
  }
}

export function indicatorRuleText(p: RuleProblem, ind: IndicatorData, say: Say): string {
  switch (p.field) {
    case 'baseline':
      return ind.baseline === null ? fallback(p, say) : say('baselineProblem', { problem: valueText(ind.measure, ind.baseline, say) });
    case 'disaggregation':
      return new Set(ind.disaggregation).size !== ind.disaggregation.length ? say('disaggregationTwice') : say('shareNotDisaggregated');
    case 'computedFrom':
      return ind.computedFrom?.source === 'victimsIdentified' ? say('victimsNeedUnits') : say('shareNeedsPercent');
    default:
      return fallback(p, say);
  }
}
