import { z } from 'zod';
import type { CaseStatus } from './vocabulary';

/**
 * The case lifecycle of the SOPs (DESIGN §7): identification -> screening -> referral and assistance
 * -> return -> reintegration -> closed. A stage says where the person is in that path; the HTCDS
 * `cas_Status` (Active / FollowUp / Closed / ClosedReferred) follows from it.
 */

export const STAGES = ['identification', 'screening', 'assistance', 'return', 'reintegration', 'closed'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/** Moves a person may make by hand (closing and reopening have their own steps with approval). */
export const STAGE_MOVES: Readonly<Record<Stage, readonly Stage[]>> = {
  identification: ['screening'],
  screening: ['assistance'],
  assistance: ['return', 'reintegration'],
  return: ['assistance', 'reintegration'],
  reintegration: ['assistance'],
  closed: [],
};

export const SCREENING_OUTCOMES = ['presumed_victim', 'not_a_victim', 'at_risk', 'undetermined'] as const;
export const ScreeningOutcome = z.enum(SCREENING_OUTCOMES);
export type ScreeningOutcome = z.infer<typeof ScreeningOutcome>;

export type StageCheck = { ok: true } | { ok: false; reason: 'not_allowed' | 'screening_outcome' | 'closed' };

/**
 * May a case move from one stage to another? Assistance needs a screening that found a presumed
 * victim or a person at risk; a closed case moves only by reopening.
 */
export function checkStageMove(from: Stage, to: Stage, ctx: { screeningOutcome: ScreeningOutcome | null }): StageCheck {
  if (from === 'closed') return { ok: false, reason: 'closed' };
  if (!STAGE_MOVES[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  if (to === 'assistance' && from === 'screening' && ctx.screeningOutcome !== 'presumed_victim' && ctx.screeningOutcome !== 'at_risk') {
    return { ok: false, reason: 'screening_outcome' };
  }
  return { ok: true };
}

/** The stage a step moves the case forward to, when it is later on the path than where the case is. */
export function advanceTo(current: Stage, target: Stage, ctx: { screeningOutcome: ScreeningOutcome | null }): Stage {
  if (current === target || current === 'closed') return current;
  const order = STAGES.indexOf(target) > STAGES.indexOf(current);
  return order && checkStageMove(current, target, ctx).ok ? target : current;
}

/** HTCDS `cas_Status` for an open case at a stage. */
export const statusForStage = (stage: Stage): CaseStatus => (stage === 'reintegration' ? 'FollowUp' : 'Active');

/** Why a case was closed (`cas_ReasonForCaseClosure` keeps the words; this keeps the category for counting). */
export const CLOSURE_REASONS = [
  'reintegrated',
  'referred_elsewhere',
  'not_a_victim',
  'declined_assistance',
  'lost_contact',
  'moved_away',
  'deceased',
  'duplicate',
  'other',
] as const;
export const ClosureReason = z.enum(CLOSURE_REASONS);
export type ClosureReason = z.infer<typeof ClosureReason>;

/** A case referred onward is "ClosedReferred" in HTCDS; every other closure is "Closed". */
export const closedStatusFor = (reason: ClosureReason): CaseStatus => (reason === 'referred_elsewhere' ? 'ClosedReferred' : 'Closed');

/** Case numbers `ORG-YEAR-NNNNN` (the organisation code may itself contain hyphens: TH-ATTF-2025-00042). */
export const CASE_NUMBER_PATTERN = /^[A-Z0-9]{2,10}(-[A-Z0-9]{1,12}){0,3}-\d{4}-\d{5,}$/;
export const CaseNumber = z.string().regex(CASE_NUMBER_PATTERN, 'A case number looks like TH-ATTF-2025-00042.');
export const formatCaseNumber = (orgCode: string, year: number, n: number): string => `${orgCode}-${year}-${String(n).padStart(5, '0')}`;
