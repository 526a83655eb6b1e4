import { z } from 'zod';
import { addDays, IsoDate, Line, RecordId, Text, Username } from './common';

/**
 * Reintegration (IOM's integrated approach): a plan made with the person within a month of return,
 * goals per dimension (economic, social, psychosocial), and follow-up visits that score the
 * sustainability of reintegration from 0 to 1 per dimension, with a composite under versioned weights.
 */

export const DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export const Dimension = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof Dimension>;

export const ReintegrationGoal = z.object({
  dimension: Dimension,
  goal: Line(500),
  actions: Text(2000).optional(),
  dueDate: IsoDate.optional(),
  status: z.enum(['open', 'achieved', 'dropped']).default('open'),
});

/** HTCDS "Support Plan" (`spl_*`) for reintegration. */
export const ReintegrationPlan = z.object({
  caseId: RecordId,
  planDate: IsoDate,
  spl_Objectives: Text(5000).pipe(z.string().min(1)),
  spl_ActionPlan: Text(10_000).optional(),
  spl_PlannedEndDate: IsoDate.optional(),
  spl_ActualEndDate: IsoDate.optional(),
  goals: z.array(ReintegrationGoal).max(40),
  agreedWithPerson: z.boolean(),
  reviewOn: IsoDate.optional(),
  plannedBy: Username,
});
export type ReintegrationPlan = z.infer<typeof ReintegrationPlan>;

/** A plan is due within this many days of the person's return. */
export const PLAN_DUE_DAYS = 30;

/**
 * Is the reintegration plan overdue? Due {@link PLAN_DUE_DAYS} days after the actual return; overdue
 * when no plan exists after that day, late when the plan was made after it.
 */
export function reintegrationPlanDue(returnedOn: string | null, planDate: string | null, today: string): { dueOn: string | null; overdue: boolean; late: boolean } {
  if (!returnedOn) return { dueOn: null, overdue: false, late: false };
  const dueOn = addDays(returnedOn, PLAN_DUE_DAYS);
  if (planDate) return { dueOn, overdue: false, late: planDate > dueOn };
  return { dueOn, overdue: today > dueOn, late: false };
}

/** Sustainability scores, each 0 (not sustainable) to 1 (fully sustainable). */
export const Score = z.number().min(0).max(1);
export const DimensionScores = z.object({ economic: Score, social: Score, psychosocial: Score });
export type DimensionScores = z.infer<typeof DimensionScores>;

/**
 * Composite weights, as versioned configuration: a version, once used for a score, never changes
 * (the follow-up stores the version it was scored with); a programme adds a new version instead.
 */
export const ScoreWeights = z
  .object({
    version: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,40}$/, 'A weights version is lower-case letters, digits, dots and hyphens.'),
    economic: z.number().min(0).max(1),
    social: z.number().min(0).max(1),
    psychosocial: z.number().min(0).max(1),
    description: Text(500).optional(),
  })
  .refine((w) => w.economic + w.social + w.psychosocial > 0, { message: 'At least one weight must be above zero.' });
export type ScoreWeights = z.infer<typeof ScoreWeights>;

/** The built-in weights: the three dimensions count equally. */
export const EQUAL_WEIGHTS: ScoreWeights = { version: 'equal-v1', economic: 1, social: 1, psychosocial: 1, description: 'Economic, social and psychosocial count equally.' };

/** Weighted mean of the three dimension scores, rounded to 3 decimals. */
export function compositeScore(scores: DimensionScores, weights: ScoreWeights): number {
  const total = weights.economic + weights.social + weights.psychosocial;
  const sum = scores.economic * weights.economic + scores.social * weights.social + scores.psychosocial * weights.psychosocial;
  return Math.round((sum / total) * 1000) / 1000;
}

export const FOLLOWUP_KINDS = ['home_visit', 'phone', 'office_visit', 'community_visit'] as const;

export const FollowUp = z.object({
  caseId: RecordId,
  kind: z.enum(FOLLOWUP_KINDS),
  dueDate: IsoDate,
  scheduledBy: Username,
  visitDate: IsoDate.optional(),
  visitedBy: Username.optional(),
  scores: DimensionScores.optional(),
  composite: Score.optional(),
  weightsVersion: z.string().optional(),
  observations: Text(10_000).optional(),
  nextSteps: Text(5000).optional(),
  cancelled: z.boolean().default(false),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const followUpOpen = (f: FollowUp): boolean => f.visitDate === undefined && !f.cancelled;
