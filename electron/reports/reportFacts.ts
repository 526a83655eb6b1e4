import { eventCountries, exploitationMonths, isoDay, type TraffickingEvent } from '../../shared/domain/cases';
import { computeKpis, type KpiCase, type KpiFollowUp, type KpiReferral, type Kpis, type ReportCase, type ReportFilters } from '../../shared/domain/reports';
import { CounterpartError } from '../../shared/contract/errors';
import { cached, type Db } from '../store/database';
import { syncCaseIndex } from '../cases/caseIndex';
import { periodFilterSql } from './reportCounts';

/**
 * Reads what reports count from the encrypted store: the case index (migration 003) for each case,
 * and the latest full screening for the multi-select groups, the exploitation countries and the months
 * in exploitation. Only coded values leave this file: no names, dates of birth, places or free text.
 */

type CaseRow = {
  case_id: string;
  owner_org: string;
  stage: string;
  gender: string;
  age: number | null;
  citizenships: string;
  scope: string;
  registered_at: string;
  identified_on: string;
  assignee: string | null;
};

type ScreeningRow = {
  case_id: string;
  screened_on: string;
  updated_at: string;
  means: string | null;
  exploitation: string | null;
  labour: string | null;
  sex_types: string | null;
  recruiter: string | null;
  events: string | null;
};

const list = (json: string | null): string[] => {
  if (!json) return [];
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};

export type Progress = (done: number, total: number, label: string) => void;

const stopIfCancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new CounterpartError('CANCELLED', 'The report was cancelled; nothing was written.');
};

/** Every case of the workspace as report facts, with its KPI facts. Steps: index, screenings, facts. */
export function loadReportCases(db: Db, opts: { today?: string; signal?: AbortSignal; progress?: Progress } = {}): { cases: ReportCase[]; kpiCases: KpiCase[] } {
  const today = opts.today ?? isoDay(new Date());
  const progress = opts.progress ?? (() => undefined);
  progress(0, 3, 'index');
  syncCaseIndex(db, today);
  const rows = cached(
    db,
    `SELECT ci.case_id, ci.owner_org, ci.stage, ci.gender, ci.age, ci.citizenships, ci.scope, ci.registered_at, ci.identified_on, ci.assignee
       FROM case_index ci ORDER BY ci.rowid`,
  ).all() as CaseRow[];
  // Read by type (indexed) and matched here: a join would make SQLite scan every record of every type.
  const identificationCountry = new Map(
    (
      cached(db, `SELECT id, json_extract(data, '$.identificationCountry') AS country FROM records WHERE type = 'case' AND deleted = 0`).all() as {
        id: string;
        country: string | null;
      }[]
    ).map((r) => [r.id, r.country]),
  );
  stopIfCancelled(opts.signal);
  progress(1, 3, 'screenings');
  const screenings = cached(
    db,
    `SELECT json_extract(data, '$.caseId') AS case_id, json_extract(data, '$.screenedOn') AS screened_on, updated_at,
            json_extract(data, '$.vic_MethodsOfControl') AS means, json_extract(data, '$.vic_TypeOfExploitation') AS exploitation,
            json_extract(data, '$.vic_ForcedLabourIndustry') AS labour, json_extract(data, '$.vic_TypeOfSexExploitation') AS sex_types,
            json_extract(data, '$.recruiterRelations') AS recruiter, json_extract(data, '$.events') AS events
       FROM records WHERE type = 'screening' AND deleted = 0 AND json_extract(data, '$.kind') = 'full'`,
  ).all() as ScreeningRow[];
  // The latest full screening of each case (the one the case file shows).
  const latest = new Map<string, ScreeningRow>();
  for (const s of screenings) {
    const seen = latest.get(s.case_id);
    if (!seen || `${s.screened_on}|${s.updated_at}` > `${seen.screened_on}|${seen.updated_at}`) latest.set(s.case_id, s);
  }
  stopIfCancelled(opts.signal);
  progress(2, 3, 'facts');
  const cases: ReportCase[] = [];
  const kpiCases: KpiCase[] = [];
  for (const row of rows) {
    const s = latest.get(row.case_id);
    const events = s?.events ? (JSON.parse(s.events) as TraffickingEvent[]) : [];
    cases.push({
      ownerOrg: row.owner_org,
      stage: row.stage,
      gender: row.gender,
      age: row.age,
      citizenship: list(row.citizenships),
      exploitationCountries: eventCountries(events).exploitation,
      identificationCountry: identificationCountry.get(row.case_id) ?? '',
      exploitation: list(s?.exploitation ?? null),
      labour: list(s?.labour ?? null),
      sexTypes: list(s?.sex_types ?? null),
      means: list(s?.means ?? null),
      recruiter: list(s?.recruiter ?? null),
      registeredOn: row.registered_at.slice(0, 10),
      identifiedOn: row.identified_on,
      scope: row.scope === 'international' || row.scope === 'internal' ? row.scope : 'unknown',
      traffickMonths: exploitationMonths(events, today),
    });
    kpiCases.push({ caseId: row.case_id, stage: row.stage, assignee: row.assignee, identifiedOn: row.identified_on });
  }
  progress(3, 3, 'facts');
  return { cases, kpiCases };
}

/**
 * The cases the KPIs count under these filters, straight from the case index (the KPIs need no
 * screening facts): the same cases, in the same order, as `loadReportCases` kept by `matchesFilters`.
 */
export function loadKpiCases(db: Db, f: ReportFilters, opts: { today?: string; signal?: AbortSignal; progress?: Progress } = {}): KpiCase[] {
  const progress = opts.progress ?? (() => undefined);
  progress(0, 2, 'index');
  syncCaseIndex(db, opts.today ?? isoDay(new Date()));
  stopIfCancelled(opts.signal);
  progress(1, 2, 'cases');
  const { where, params } = periodFilterSql(f, 'substr(registered_at, 1, 10)');
  const cases = cached(
    db,
    `SELECT case_id AS caseId, stage, assignee, identified_on AS identifiedOn FROM case_index ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`,
  ).all(params) as KpiCase[];
  progress(2, 2, 'cases');
  return cases;
}

/** Referrals (not handovers) with the day they were made and where they stand. */
export function loadReferrals(db: Db): KpiReferral[] {
  return cached(
    db,
    `SELECT json_extract(data, '$.caseId') AS caseId, json_extract(data, '$.cas_OutgoingReferralDate') AS referredOn, json_extract(data, '$.status') AS status
       FROM records WHERE type = 'transition' AND deleted = 0 AND json_extract(data, '$.kind') = 'referral'`,
  ).all() as KpiReferral[];
}

export function loadFollowUps(db: Db): KpiFollowUp[] {
  const rows = cached(
    db,
    `SELECT json_extract(data, '$.caseId') AS caseId, json_extract(data, '$.dueDate') AS dueDate, json_extract(data, '$.visitDate') AS visitDate,
            coalesce(json_extract(data, '$.cancelled'), 0) AS cancelled, json_extract(data, '$.composite') AS composite
       FROM records WHERE type = 'followup' AND deleted = 0`,
  ).all() as { caseId: string; dueDate: string; visitDate: string | null; cancelled: number; composite: number | null }[];
  return rows.map((r) => ({ ...r, cancelled: !!r.cancelled }));
}

/**
 * The KPIs derived again from the records: the cases from the case index, every referral and follow-up
 * read from `records` (a json_extract scan of all of them). Not used by the handlers since migration 008
 * (`storeKpis` reads the kept facts); kept as the reference electron/reports/kpiStore.test.ts and
 * scripts/benchReports.ts compare the kept figures with.
 */
export function kpisByDerivation(db: Db, req: { filters: ReportFilters; k: number; round: boolean }, today: string = isoDay(new Date())): Kpis {
  return computeKpis({ cases: loadKpiCases(db, req.filters, { today }), referrals: loadReferrals(db), followUps: loadFollowUps(db), today, k: req.k, round: req.round });
}
