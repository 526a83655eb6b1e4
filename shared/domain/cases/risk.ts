import { z } from 'zod';
import { IsoDate, Line, RecordId, Text, Username } from './common';

/**
 * Vulnerability and risk assessment at the four levels of IOM's determinants-of-vulnerability model
 * (individual, household/family, community, structural). Each factor is a risk or a protective factor
 * with a severity; the assessor sets the overall level (a suggestion is computed) and a safety plan.
 */

export const RISK_LEVELS_OF_ANALYSIS = ['individual', 'household', 'community', 'structural'] as const;
export const AnalysisLevel = z.enum(RISK_LEVELS_OF_ANALYSIS);

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** Overall risk, low to high; `rank` orders it in lists (0 = not assessed). */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;
export const riskRank = (level: RiskLevel | null): number => (level ? RISK_LEVELS.indexOf(level) + 1 : 0);

export const RiskFactor = z.object({
  level: AnalysisLevel,
  kind: z.enum(['risk', 'protective']),
  /** What it is, in the assessor's words ("debt to recruiter still owed", "supportive mother"). */
  factor: Line(300),
  severity: Severity,
  notes: Text(2000).optional(),
});
export type RiskFactor = z.infer<typeof RiskFactor>;

export const SafetyPlan = z.object({
  measures: Text(5000).pipe(z.string().min(1)),
  /** Who to call, where to go: kept in words, not in the person's contact fields. */
  emergencyArrangements: Text(2000).optional(),
  reviewOn: IsoDate.optional(),
});

export const RiskAssessment = z.object({
  caseId: RecordId,
  assessedOn: IsoDate,
  assessedBy: Username,
  factors: z.array(RiskFactor).max(60),
  overallLevel: RiskLevel,
  safetyPlan: SafetyPlan.optional(),
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;

const weight: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

/**
 * A suggestion for the overall level: risk weights minus half the protective weights. Any high risk
 * factor that protection does not offset keeps the case high. The assessor decides.
 */
export function suggestRiskLevel(factors: readonly RiskFactor[]): RiskLevel {
  const risk = factors.filter((f) => f.kind === 'risk').reduce((n, f) => n + weight[f.severity], 0);
  const protective = factors.filter((f) => f.kind === 'protective').reduce((n, f) => n + weight[f.severity], 0);
  const net = risk - protective / 2;
  const anyHigh = factors.some((f) => f.kind === 'risk' && f.severity === 'high');
  if ((anyHigh && net >= 3) || net >= 6) return 'high';
  if (net >= 2) return 'medium';
  return 'low';
}
