import { eventCountries, isoDay, type CaseRecord } from '../../shared/domain/cases';
import { daysBetween, quarterOf } from '../../shared/domain/reports';
import { cached, inTransaction, type Db } from '../store/database';
import { childrenOf, findRecord, type CaseChildren, type StoredRecord } from '../cases/caseRecords';
import { deriveCase, latestFullScreening, type CaseFacts } from '../cases/derive';

/**
 * The report facts of migration 005, kept in step with the case index: `writeReportFacts` runs where
 * the index row of a case is written (electron/cases/caseIndex.ts) and moves the case's counts in
 * `report_counts` in the same statement; the cascade from `case_index` drops them with the case, and
 * the trigger of the migration takes its counts with them.
 * The same facts the reference derivation (`loadReportCases`) reads from the case and its latest
 * full screening, coded: no name, date of birth, place below country or free text.
 */

type FactRow = {
  case_rowid: number;
  registered_on: string;
  stage: string;
  owner_org: string;
  gender: string;
  age: number | null;
  scope: string;
  citizenship: string;
  countries: string;
  exploitation: string;
  labour: string;
  sex_types: string;
  means: string;
  recruiter: string;
  exploitation_countries: string;
  identification_country: string;
  exploited_from: string | null;
  exploited_to: string | null;
  exploited_ongoing: number;
};

const COLUMNS = [
  'case_rowid',
  'registered_on',
  'stage',
  'owner_org',
  'gender',
  'age',
  'scope',
  'citizenship',
  'countries',
  'exploitation',
  'labour',
  'sex_types',
  'means',
  'recruiter',
  'exploitation_countries',
  'identification_country',
  'exploited_from',
  'exploited_to',
  'exploited_ongoing',
] as const satisfies readonly (keyof FactRow)[];

/** Stored lists keep what the reference reads: the string values of an array, in order. */
const codes = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The facts row of one case, from what the case index was just written from. */
export function reportFactsOf(rowid: number, c: StoredRecord<CaseRecord>, children: CaseChildren, facts: Pick<CaseFacts, 'ageAtRegistration' | 'scope'>): FactRow {
  const full = latestFullScreening(children);
  const events = full?.events ?? [];
  const exploitationCountries = eventCountries(events).exploitation;
  const identificationCountry = typeof c.identificationCountry === 'string' ? c.identificationCountry : '';
  const spans = events.filter((e) => e.hte_Type === 'Exploitation' && e.hte_Date);
  const ends = spans.map((e) => e.endDate).filter((d): d is string => !!d);
  return {
    case_rowid: rowid,
    registered_on: c.registeredAt.slice(0, 10),
    stage: c.stage,
    owner_org: c.ownerOrg,
    gender: !c.prs_Gender || c.prs_Gender === 'NonSpecifiedUnknown' ? '' : c.prs_Gender,
    age: facts.ageAtRegistration,
    scope: facts.scope === 'international' || facts.scope === 'internal' ? facts.scope : '',
    citizenship: JSON.stringify(codes(c.prs_Citizenship)),
    countries: JSON.stringify(exploitationCountries.length ? exploitationCountries : identificationCountry ? [identificationCountry] : []),
    exploitation: JSON.stringify(codes(full?.vic_TypeOfExploitation)),
    labour: JSON.stringify(codes(full?.vic_ForcedLabourIndustry)),
    sex_types: JSON.stringify(codes(full?.vic_TypeOfSexExploitation)),
    means: JSON.stringify(codes(full?.vic_MethodsOfControl)),
    recruiter: JSON.stringify(codes(full?.recruiterRelations)),
    exploitation_countries: JSON.stringify(exploitationCountries),
    identification_country: identificationCountry,
    exploited_from: spans.length ? spans.map((e) => e.hte_Date!).sort()[0]! : null,
    exploited_to: ends.length ? ends.sort().at(-1)! : null,
    exploited_ongoing: spans.length > ends.length ? 1 : 0,
  };
}

// Positional parameters (binding named ones looks every name up on the object, µs per statement).
const INSERT = `INSERT INTO report_facts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
const UPDATED = COLUMNS.filter((c) => c !== 'case_rowid');
const UPDATE = `UPDATE report_facts SET ${UPDATED.map((c) => `${c} = ?`).join(', ')} WHERE case_rowid = ?`;

const LISTS = [
  ['citizenship', 'citizenship'],
  ['countryOfExploitation', 'countries'],
  ['exploitationType', 'exploitation'],
  ['labourSector', 'labour'],
  ['meansOfControl', 'means'],
  ['recruiterRelation', 'recruiter'],
] as const;

/**
 * The rows of report_counts one case counts in: [dimension, category], category '' = nothing recorded
 * (the same as the trigger of migration 005 takes away when the row is dropped).
 */
export function countedCategories(row: FactRow): [string, string][] {
  const out: [string, string][] = [
    ['cases', ''],
    ['gender', row.gender],
    ['age', row.age === null ? '' : String(row.age)],
    ['scope', row.scope],
    ['yearOfRegistration', row.registered_on.slice(0, 4)],
  ];
  for (const [dimension, column] of LISTS) {
    const values = new Set(JSON.parse(row[column]) as string[]);
    if (values.size === 0) out.push([dimension, '']);
    for (const v of values) out.push([dimension, v]);
  }
  return out;
}

/** Parameters in order: month, stage, owner_org, n, categories (JSON of [dimension, category] pairs). */
const COUNT = `INSERT INTO report_counts (month, stage, owner_org, dimension, category, n)
  SELECT ?, ?, ?, value ->> 0, value ->> 1, ? FROM json_each(?) WHERE true
  ON CONFLICT (month, stage, owner_org, dimension, category) DO UPDATE SET n = n + excluded.n`;

/** Facts columns a cross-tab can pair (report_pair_counts), and their stored value as text. */
export const PAIRABLE = ['gender', 'age', 'scope', 'year', 'citizenship', 'countries', 'exploitation', 'labour', 'means', 'recruiter'] as const;
export type Pairable = (typeof PAIRABLE)[number];
/** The same as text in SQL (for counting a pair over report_facts). */
export const pairSql = (column: Pairable): string => (column === 'age' ? `coalesce(CAST(age AS TEXT), '')` : column === 'year' ? 'substr(registered_on, 1, 4)' : column);
const pairText = (row: FactRow, column: Pairable): string => (column === 'age' ? (row.age === null ? '' : String(row.age)) : column === 'year' ? row.registered_on.slice(0, 4) : row[column]);

const PAIR_COUNT = `INSERT INTO report_pair_counts (pair, month, stage, owner_org, r, c, n) VALUES (@pair, @month, @stage, @owner_org, @r, @c, @n)
  ON CONFLICT (pair, month, stage, owner_org, r, c) DO UPDATE SET n = n + excluded.n`;

function count(db: Db, row: FactRow, n: 1 | -1): void {
  const cell = { month: row.registered_on.slice(0, 7), stage: row.stage, owner_org: row.owner_org };
  cached(db, COUNT).run(cell.month, cell.stage, cell.owner_org, n, JSON.stringify(countedCategories(row)));
  if (n < 0) cached(db, 'DELETE FROM report_counts WHERE month = @month AND stage = @stage AND owner_org = @owner_org AND n = 0').run(cell);
  for (const pair of cached(db, 'SELECT pair FROM report_pairs').pluck().all() as string[]) {
    const [r, c] = pair.split('|') as [Pairable, Pairable];
    const key = { ...cell, pair, r: pairText(row, r), c: pairText(row, c) };
    cached(db, PAIR_COUNT).run({ ...key, n });
    if (n < 0) cached(db, 'DELETE FROM report_pair_counts WHERE pair = @pair AND month = @month AND stage = @stage AND owner_org = @owner_org AND r = @r AND c = @c AND n = 0').run(key);
  }
}

/**
 * Pairs kept at most: every write moves the counts of each kept pair, so a workspace where many
 * cross-tabs were asked for keeps the latest ones only (a dropped pair is counted again when asked).
 */
export const MAX_PAIRS = 8;

/** Counts a pair of columns over every case once, after which `count` keeps it in step. Idempotent. */
export function ensurePair(db: Db, r: Pairable, c: Pairable): string {
  const pair = `${r}|${c}`;
  if (cached(db, 'SELECT 1 FROM report_pairs WHERE pair = @pair').get({ pair })) return pair;
  inTransaction(db, () => {
    const oldest = cached(db, 'SELECT pair FROM report_pairs ORDER BY rowid LIMIT max(0, (SELECT count(*) FROM report_pairs) - @keep)').pluck().all({ keep: MAX_PAIRS - 1 }) as string[];
    for (const old of oldest) {
      cached(db, 'DELETE FROM report_pair_counts WHERE pair = @old').run({ old });
      cached(db, 'DELETE FROM report_pairs WHERE pair = @old').run({ old });
    }
    cached(
      db,
      `INSERT INTO report_pair_counts (pair, month, stage, owner_org, r, c, n)
       SELECT @pair, substr(registered_on, 1, 7), stage, owner_org, ${pairSql(r)}, ${pairSql(c)}, count(*) FROM report_facts GROUP BY 2, 3, 4, 5, 6`,
    ).run({ pair });
    cached(db, 'INSERT INTO report_pairs (pair) VALUES (@pair)').run({ pair });
  });
  return pair;
}

/**
 * Writes the facts of one case (call inside the transaction that wrote its index row) and moves its
 * counts. An unchanged row is left alone.
 */
export function writeReportFacts(
  db: Db,
  rowid: number,
  c: StoredRecord<CaseRecord>,
  children: CaseChildren,
  facts: Pick<CaseFacts, 'ageAtRegistration' | 'scope'>,
  fresh = false,
): void {
  const next = reportFactsOf(rowid, c, children, facts);
  // `fresh`: the case index row was just inserted, so no facts row can hang off it yet (they cascade with it).
  const seen = fresh ? undefined : (cached(db, 'SELECT * FROM report_facts WHERE case_rowid = ?').get(rowid) as FactRow | undefined);
  if (seen && COLUMNS.every((k) => seen[k] === next[k])) return;
  if (seen) {
    count(db, seen, -1);
    cached(db, UPDATE).run(...UPDATED.map((k) => next[k]), rowid);
  } else cached(db, INSERT).run(...COLUMNS.map((k) => next[k]));
  count(db, next, 1);
}

/**
 * Gives every case of the index its facts when some lack them (a workspace upgraded from schema 4),
 * once: afterwards the index keeps them. Cheap when complete (one lookup).
 */
export function ensureReportFacts(db: Db, today: string = isoDay(new Date())): number {
  if (cached(db, 'SELECT complete FROM report_facts_state WHERE id = 1').pluck().get() === 1) return 0;
  return inTransaction(db, () => {
    const missing = cached(db, 'SELECT ci.rowid, ci.case_id FROM case_index ci WHERE NOT EXISTS (SELECT 1 FROM report_facts f WHERE f.case_rowid = ci.rowid)').all() as {
      rowid: number;
      case_id: string;
    }[];
    for (const { rowid, case_id } of missing) {
      const c = findRecord(db, 'case', case_id);
      if (!c) continue;
      const children = childrenOf(db, c.id);
      writeReportFacts(db, rowid, c, children, deriveCase(c, children, today));
    }
    cached(db, 'UPDATE report_facts_state SET complete = 1 WHERE id = 1').run();
    return missing.length;
  });
}

/** What the KPI facts take from the case index row of a case (as written there). */
export type KpiCaseColumns = { registeredAt: string; stage: string; ownerOrg: string; assignee: string | null; identifiedOn: string };

const ACCEPTED = new Set(['accepted', 'done']);

/**
 * The KPI facts of migration 008: replaces the `kpi_cases` row and the `kpi_followups` rows of one case
 * that electron/reports/kpiStore.ts counts (call inside the transaction that wrote its index row;
 * `fresh`: the case had no index row, so it has no facts to remove first). The first referral is the
 * earliest referral day, its delay clamped at 0, as `computeKpis` counts it.
 */
export function writeKpiFacts(db: Db, rowid: number, c: KpiCaseColumns, children: CaseChildren, fresh: boolean): void {
  const referrals = children.transition.filter((t) => t.kind === 'referral');
  let first: string | undefined;
  for (const r of referrals) if (first === undefined || r.cas_OutgoingReferralDate < first) first = r.cas_OutgoingReferralDate;
  const registeredOn = c.registeredAt.slice(0, 10);
  cached(
    db,
    `INSERT INTO kpi_cases (case_rowid, registered_on, stage, owner_org, assignee, referral_days, referrals_decided, referrals_accepted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_rowid) DO UPDATE SET registered_on = excluded.registered_on, stage = excluded.stage, owner_org = excluded.owner_org,
       assignee = excluded.assignee, referral_days = excluded.referral_days, referrals_decided = excluded.referrals_decided, referrals_accepted = excluded.referrals_accepted`,
  ).run(
    rowid,
    registeredOn,
    c.stage,
    c.ownerOrg,
    c.assignee,
    first === undefined ? null : Math.max(0, daysBetween(c.identifiedOn, first)),
    referrals.filter((r) => ACCEPTED.has(r.status) || r.status === 'rejected').length,
    referrals.filter((r) => ACCEPTED.has(r.status)).length,
  );
  if (!fresh) cached(db, 'DELETE FROM kpi_followups WHERE case_rowid = ?').run(rowid);
  if (children.followup.length === 0) return;
  cached(
    db,
    `INSERT INTO kpi_followups (case_rowid, record_id, registered_on, stage, owner_org, due_date, visit_date, cancelled, composite, visit_quarter)
     SELECT ?, value ->> 0, ?, ?, ?, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)`,
  ).run(
    rowid,
    registeredOn,
    c.stage,
    c.ownerOrg,
    JSON.stringify(
      children.followup.map((f) => [
        f.id,
        f.dueDate,
        f.visitDate ?? null,
        f.cancelled ? 1 : 0,
        f.composite ?? null,
        f.visitDate !== undefined && f.composite !== undefined ? quarterOf(f.visitDate) : null,
      ]),
    ),
  );
}
