import {
  ageBandOf,
  periodEnd,
  periodStart,
  type BreakdownRow,
  type Citizenship,
  type Disaggregation,
  type IndicatorData,
  type Sex,
} from '../../shared/domain/workplans';
import { cached, type Db } from '../store/database';
import { syncCaseIndex } from '../cases/caseIndex';

/**
 * Indicators computed from case data (docs/workplans.md §Computed indicators): "victims identified, by
 * sex" or "share referred within 7 days of identification" for a period, counted over the cases this
 * organisation holds. Only the figures leave: a progress report carries numbers, never a case.
 *
 * `CaseIndicatorSource` is the seam: the workplans module asks it for figures; `caseIndexSource` answers
 * from the case index of migration 003 (electron/cases keeps `case_index`, brought up to date with
 * `syncCaseIndex`) and the days to the first referral kept beside it (`kpi_cases`, migration 008).
 */

export type DayRange = { start: string; end: string };
export type VictimsIdentified = { total: number; breakdown: BreakdownRow[] };
export type ShareReferred = { identified: number; referred: number; percent: number | null };

export interface CaseIndicatorSource {
  /** Whether this workspace keeps case data that can be counted. */
  readonly available: boolean;
  /** Presumed victims identified in the range (not those screened as not a victim), by the given dimensions. */
  victimsIdentified(range: DayRange, by: readonly Disaggregation[]): VictimsIdentified;
  /** Of the cases identified in the range, how many were referred to a service within `days` days. */
  shareReferredWithinDays(range: DayRange, days: number): ShareReferred;
}

/** HTCDS `prs_Gender` to the reporting sex. */
const SEX_OF: Record<string, Sex> = {
  Feminine: 'female',
  Masculine: 'male',
  TransgenderFeminine: 'other',
  TransgenderMasculine: 'other',
  NonConforming: 'other',
  NonSpecifiedUnknown: 'unknown',
};

const REQUIRED_COLUMNS = ['case_id', 'owner_org', 'demo', 'identified_on', 'screening', 'gender', 'age', 'citizenships'];

function hasCaseIndex(db: Db): boolean {
  const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info('case_index')`).pluck().all() as string[]));
  return REQUIRED_COLUMNS.every((c) => columns.has(c));
}

type CaseFacts = { gender: string; age: number | null; citizenships: string };

const CASES_IN_RANGE = `FROM case_index c
  WHERE c.owner_org = @org AND c.demo = 0 AND c.identified_on BETWEEN @start AND @end
    AND (c.screening IS NULL OR c.screening <> 'not_a_victim')`;

/** Counts over the case index of this workspace, for cases owned by `org` (real cases, not demo ones). */
export function caseIndexSource(db: Db, org: { code: string; country: string }): CaseIndicatorSource {
  const available = hasCaseIndex(db);
  // Cases merged from bundles (a handover to us) reach the index lazily: catch it up before counting.
  if (available) syncCaseIndex(db);
  const citizenship = (json: string): Citizenship => {
    const list = JSON.parse(json) as unknown;
    if (!Array.isArray(list) || list.length === 0) return 'unknown';
    return list.includes(org.country) ? 'national' : 'foreign';
  };
  return {
    available,
    victimsIdentified(range, by) {
      if (!available) return { total: 0, breakdown: [] };
      const rows = cached(db, `SELECT c.gender, c.age, c.citizenships ${CASES_IN_RANGE}`).all({ org: org.code, ...range }) as CaseFacts[];
      const groups = new Map<string, BreakdownRow>();
      if (by.length > 0) {
        for (const r of rows) {
          const row: BreakdownRow = { value: 0 };
          if (by.includes('sex')) row.sex = SEX_OF[r.gender] ?? 'unknown';
          if (by.includes('ageBand')) row.ageBand = ageBandOf(r.age);
          if (by.includes('citizenship')) row.citizenship = citizenship(r.citizenships);
          const key = `${row.sex ?? ''}|${row.ageBand ?? ''}|${row.citizenship ?? ''}`;
          const g = groups.get(key) ?? row;
          g.value += 1;
          groups.set(key, g);
        }
      }
      return { total: rows.length, breakdown: [...groups.values()] };
    },
    shareReferredWithinDays(range, days) {
      if (!available) return { identified: 0, referred: 0, percent: null };
      const row = cached(
        db,
        `SELECT count(*) AS identified,
                -- referral_days: days from identification to the first referral (0 when before it), NULL without one.
                coalesce(sum((SELECT k.referral_days <= @days FROM kpi_cases k WHERE k.case_rowid = c.rowid)), 0) AS referred
         ${CASES_IN_RANGE}`,
      ).get({ org: org.code, days, ...range }) as { identified: number; referred: number };
      return { ...row, percent: row.identified === 0 ? null : Math.round((row.referred / row.identified) * 1000) / 10 };
    },
  };
}

export type ComputedFigure = { value: number | null; breakdown: BreakdownRow[]; note: string };

/** The figure of a computed indicator for one period, or null when it is not computed or no case data is here. */
export function computeActual(source: CaseIndicatorSource, indicator: Pick<IndicatorData, 'computedFrom' | 'disaggregation'>, period: string): ComputedFigure | null {
  const how = indicator.computedFrom;
  if (!how || !source.available) return null;
  const range = { start: periodStart(period), end: periodEnd(period) };
  if (how.source === 'victimsIdentified') {
    const v = source.victimsIdentified(range, indicator.disaggregation);
    return { value: v.total, breakdown: v.breakdown, note: `Counted from ${v.total} case${v.total === 1 ? '' : 's'} identified ${range.start} to ${range.end}.` };
  }
  const s = source.shareReferredWithinDays(range, how.days);
  return {
    value: s.percent,
    breakdown: [],
    note: s.identified === 0 ? `No case was identified ${range.start} to ${range.end}.` : `${s.referred} of ${s.identified} cases identified ${range.start} to ${range.end} were referred within ${how.days} days.`,
  };
}
