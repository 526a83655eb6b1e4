import type { z } from 'zod';
import {
  ActivityData,
  IndicatorData,
  OutcomeData,
  OutputData,
  PillarData,
  PlanData,
  ProgressData,
  ReviewData,
  WorkplanData,
} from '../../shared/domain/workplans';
import type { RecordRegistry } from '../store/records';

/**
 * The synchronised record types of NPA workplans. None holds personal data: the secretariat receives
 * aggregates only (DESIGN §6).
 *
 * Travel (docs/workplans.md §Exchange): the plan structure and the secretariat's reviews go from the
 * secretariat to the ministries in plan-structure bundles; each agency's progress reports go to the
 * secretariat in workplan-progress bundles (reviews may ride along either way). Only a record's owner
 * sends it, so a ministry can never send, or change, the plan or another agency's progress.
 */
export const NPA_RECORD_TYPES = {
  npa_plan: PlanData,
  npa_pillar: PillarData,
  npa_outcome: OutcomeData,
  npa_output: OutputData,
  npa_activity: ActivityData,
  npa_indicator: IndicatorData,
  npa_workplan: WorkplanData,
  npa_progress: ProgressData,
  npa_review: ReviewData,
} as const;

export type NpaRecordType = keyof typeof NPA_RECORD_TYPES;
export type NpaData<T extends NpaRecordType> = z.output<(typeof NPA_RECORD_TYPES)[T]>;
export const NPA_TYPES = Object.keys(NPA_RECORD_TYPES) as NpaRecordType[];

const STRUCTURE: readonly NpaRecordType[] = ['npa_plan', 'npa_pillar', 'npa_outcome', 'npa_output', 'npa_activity', 'npa_indicator', 'npa_workplan'];

export function registerWorkplanRecordTypes(registry: RecordRegistry): RecordRegistry {
  for (const type of NPA_TYPES) {
    const profiles =
      type === 'npa_progress'
        ? { 'workplan-progress': { fields: 'all' as const } }
        : type === 'npa_review'
          ? { 'plan-structure': { fields: 'all' as const }, 'workplan-progress': { fields: 'all' as const } }
          : STRUCTURE.includes(type)
            ? { 'plan-structure': { fields: 'all' as const } }
            : {};
    registry.register({ type, schema: NPA_RECORD_TYPES[type], personalData: false, profiles });
  }
  return registry;
}
