import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { CaseListInput, CaseRow } from '../../shared/contract/cases';
import {
  addDays,
  ageBand,
  CASE_NUMBER_PATTERN,
  queryKeys,
  RISK_LEVELS,
  type CaseStatus,
  type ExploitationType,
  type Gender,
  type RiskLevel,
  type ScreeningOutcome,
  type Stage,
} from '../../shared/domain/cases';
import { cached, type Db } from '../store/database';
import { type Viewer } from './access';
import { NO_DUE } from './caseIndex';

/** Lists, search and duplicate candidates over the case index (migration 003). */

export type IndexRow = {
  rowid: number;
  case_id: string;
  case_number: string;
  owner_org: string;
  display_name: string;
  stage: Stage;
  status: CaseStatus;
  assignee: string | null;
  risk_level: RiskLevel | null;
  risk_rank: number;
  screening: ScreeningOutcome | null;
  gender: Gender;
  age: number | null;
  citizenships: string;
  exploitation: string;
  scope: 'international' | 'internal' | 'unknown';
  registered_at: string;
  identified_on: string;
  updated_at: string;
  next_due: string;
  closure_pending: number;
  duplicate_open: number;
  demo: number;
};

export function toCaseRow(r: IndexRow, showNames: boolean, today: string): CaseRow {
  const due = r.next_due === NO_DUE ? null : r.next_due;
  return {
    caseId: r.case_id,
    caseNumber: r.case_number,
    displayName: showNames ? r.display_name : null,
    namesHidden: !showNames,
    gender: r.gender,
    age: showNames ? r.age : null,
    ageBand: ageBand(r.age),
    citizenships: JSON.parse(r.citizenships) as string[],
    stage: r.stage,
    status: r.status,
    assignee: r.assignee,
    riskLevel: r.risk_level,
    screeningOutcome: r.screening,
    exploitation: JSON.parse(r.exploitation) as ExploitationType[],
    scope: r.scope,
    registeredAt: r.registered_at,
    identifiedOn: r.identified_on,
    updatedAt: r.updated_at,
    nextDue: due,
    overdue: due !== null && due < today,
    closurePending: r.closure_pending === 1,
    possibleDuplicate: r.duplicate_open === 1,
    demo: r.demo === 1,
    ownerOrg: r.owner_org,
  };
}

export function caseRowById(db: Db, caseId: string, showNames: boolean, today: string): CaseRow {
  const row = cached(db, 'SELECT * FROM case_index WHERE case_id = @caseId').get({ caseId }) as IndexRow | undefined;
  if (!row) throw new CounterpartError('NOT_FOUND', 'There is no such case.', { caseId });
  return toCaseRow(row, showNames, today);
}

/** The sort columns (fixed names; never taken from input). */
const SORT_COLUMNS = { registered: 'registered_at', updated: 'updated_at', identified: 'identified_on', caseNumber: 'case_number', risk: 'risk_rank', due: 'next_due' } as const;

const Cursor = z.tuple([z.union([z.string(), z.number()]), z.number().int()]);
const encodeCursor = (value: string | number, rowid: number): string => Buffer.from(JSON.stringify([value, rowid]), 'utf8').toString('base64url');
function decodeCursor(cursor: string): [string | number, number] {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new CounterpartError('VALIDATION', 'The page cursor is not valid; start from the first page.');
  }
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** FTS5 query matching every key as a substring (keys are normalised: no quotes, no spaces). */
export const matchAll = (keys: string[]): string => keys.map((k) => quote(k)).join(' AND ');

type Where = { clauses: string[]; params: Record<string, unknown> };

/** Below this many matching cases a multi-valued filter is read from its own table; above, the page walks the sort index. */
const FEW = 5000;

/**
 * A filter on a multi-valued side table (citizenships, exploitation types). A rare value is cheapest
 * as the set of matching cases, sorted; a common one as a check per row while the sort index is
 * walked until the page is full. One indexed count decides.
 */
function multiValued(db: Db, table: 'case_citizenship' | 'case_exploitation', column: 'country' | 'type', name: string, values: readonly string[], few: number): [string, Record<string, unknown>] {
  const params = { [name]: JSON.stringify(values) };
  const matching = db.prepare(`SELECT count(*) FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(@${name}))`).pluck().get(params) as number;
  return matching <= few
    ? [`ci.rowid IN (SELECT case_rowid FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(@${name})))`, params]
    : [`EXISTS (SELECT 1 FROM ${table} m WHERE m.case_rowid = ci.rowid AND m.${column} IN (SELECT value FROM json_each(@${name})))`, params];
}

/** The case whose number was typed whole (any case), if there is one. */
function exactCaseNumber(db: Db, text: string): IndexRow | null {
  const wanted = text.trim().toUpperCase();
  if (!CASE_NUMBER_PATTERN.test(wanted)) return null;
  return (cached(db, 'SELECT * FROM case_index WHERE case_number = @wanted').get({ wanted }) as IndexRow | undefined) ?? null;
}

/** Up to this many text matches the page is read from the matching cases themselves; above, off the sort index. */
const FEW_TEXT = 1000;

/**
 * The free-text filter of the list. Few matches (a name, a case number): read those cases by rowid
 * and sort them. Many (a common fragment: "kyaw" is in one case in fifty): walk the sort index and
 * keep the rows whose rowid is in the set of matches, built once; the unary + keeps SQLite from
 * reading every match's row first and sorting them all.
 */
function textFilter(db: Db, text: string, match: string, few: number): [string, Record<string, unknown>] {
  const exact = exactCaseNumber(db, text);
  if (exact !== null) return ['ci.rowid = @textRowid', { textRowid: exact.rowid }];
  const limit = Math.min(few, FEW_TEXT);
  const rowids = cached(db, 'SELECT rowid FROM case_search WHERE case_search MATCH @match ORDER BY rowid DESC LIMIT @limit').pluck().all({ match, limit: limit + 1 }) as number[];
  return rowids.length <= limit
    ? ['ci.rowid IN (SELECT value FROM json_each(@textRowids))', { textRowids: JSON.stringify(rowids) }]
    : ['+ci.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH @match)', { match }];
}

function filters(db: Db, input: CaseListInput, viewer: Viewer, today: string, few: number, byStage: boolean): Where {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, values: Record<string, unknown> = {}) => {
    clauses.push(clause);
    Object.assign(params, values);
  };
  const citizenship = input.citizenship?.length ? multiValued(db, 'case_citizenship', 'country', 'countries', input.citizenship, few) : null;
  const exploitation = input.exploitation?.length ? multiValued(db, 'case_exploitation', 'type', 'exploitation', input.exploitation, few) : null;
  // When a common multi-valued filter walks the sort index, the few-valued columns must not lure the
  // planner onto their own index (a unary + keeps SQLite from using it).
  const walk = byStage || [citizenship, exploitation].some((m) => m?.[0].startsWith('EXISTS'));
  const inList = (column: string, name: string, values: readonly unknown[] | undefined) => {
    if (values && values.length > 0) add(`${walk ? '+' : ''}ci.${column} IN (SELECT value FROM json_each(@${name}))`, { [name]: JSON.stringify(values) });
  };
  if (viewer.onlyAssigned || input.view === 'mine') add('ci.assignee = @me', { me: viewer.username });
  if (input.view === 'overdue') add('ci.next_due < @today', { today });
  if (!byStage) inList('stage', 'stages', input.stage);
  inList('status', 'statuses', input.status);
  inList('gender', 'genders', input.gender);
  inList('screening', 'outcomes', input.screeningOutcome);
  if (input.risk?.length) inList('risk_rank', 'riskRanks', input.risk.map((r) => (r === 'unassessed' ? 0 : RISK_LEVELS.indexOf(r) + 1)));
  if (input.assignee === null) add('ci.assignee IS NULL');
  else if (input.assignee !== undefined) add('ci.assignee = @assignee', { assignee: input.assignee });
  if (citizenship) add(...citizenship);
  if (exploitation) add(...exploitation);
  if (input.scope) add('ci.scope = @scope', { scope: input.scope });
  if (input.registeredFrom) add('ci.registered_at >= @registeredFrom', { registeredFrom: input.registeredFrom });
  if (input.registeredTo) add('ci.registered_at < @registeredBefore', { registeredBefore: addDays(input.registeredTo, 1) });
  if (input.identifiedFrom) add('ci.identified_on >= @identifiedFrom', { identifiedFrom: input.identifiedFrom });
  if (input.identifiedTo) add('ci.identified_on <= @identifiedTo', { identifiedTo: input.identifiedTo });
  if (input.closurePending !== undefined) add('ci.closure_pending = @closurePending', { closurePending: input.closurePending ? 1 : 0 });
  if (input.possibleDuplicate !== undefined) add('ci.duplicate_open = @duplicateOpen', { duplicateOpen: input.possibleDuplicate ? 1 : 0 });
  if (input.demo !== undefined) add('ci.demo = @demo', { demo: input.demo ? 1 : 0 });
  if (input.text) {
    if (!viewer.seesNames) throw new CounterpartError('FORBIDDEN', 'Searching by name, phone or case number is for case staff; use the filters instead.');
    const { keys } = queryKeys(input.text);
    if (keys.length === 0) throw new CounterpartError('VALIDATION', 'Type at least 3 characters to search.');
    add(...textFilter(db, input.text, matchAll(keys), few));
  }
  return { clauses, params };
}

/** Counting stops here: a caption says "more than 10,000" rather than reading every matching row. */
export const COUNT_CAP = 10_000;

/**
 * One page of cases, keyset-paginated on (sort column, rowid): constant cost however deep the page.
 * Filtered by stage and sorted by registration, each stage is read off its own (stage, registered_at)
 * index and the branches merged: recent cases are mostly early stages, so walking the date index
 * for later stages would pass over thousands of rows first.
 */
export function listCases(
  db: Db,
  input: CaseListInput,
  viewer: Viewer,
  today: string,
  few = FEW,
  countCap = COUNT_CAP,
): { rows: CaseRow[]; nextCursor: string | null; total: number | null; totalCapped: boolean } {
  const stages = input.sort === 'registered' && input.stage?.length ? [...new Set(input.stage)] : null;
  const { clauses, params } = filters(db, input, viewer, today, few, stages !== null);
  const column = SORT_COLUMNS[input.sort];
  const desc = input.direction === 'desc';
  const page = [...clauses];
  const pageParams: Record<string, unknown> = { ...params, limit: input.limit + 1 };
  if (input.cursor) {
    const [value, rowid] = decodeCursor(input.cursor);
    page.push(`(ci.${column}, ci.rowid) ${desc ? '<' : '>'} (@cursorValue, @cursorRowid)`);
    Object.assign(pageParams, { cursorValue: value, cursorRowid: rowid });
  }
  const where = (list: string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');
  const order = desc ? 'DESC' : 'ASC';
  let sql = `SELECT ci.* FROM case_index ci ${where(page)} ORDER BY ci.${column} ${order}, ci.rowid ${order} LIMIT @limit`;
  if (stages) {
    stages.forEach((stage, i) => (pageParams[`stage${i}`] = stage));
    const branch = (i: number) => `SELECT * FROM (SELECT ci.* FROM case_index ci ${where([`ci.stage = @stage${i}`, ...page])} ORDER BY ci.${column} ${order}, ci.rowid ${order} LIMIT @limit)`;
    sql = `SELECT * FROM (${stages.map((_, i) => branch(i)).join(' UNION ALL ')}) ORDER BY ${column} ${order}, rowid ${order} LIMIT @limit`;
  }
  const rows = db.prepare(sql).all(pageParams) as IndexRow[];
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const last = shown.at(-1);
  let total: number | null = null;
  let totalCapped = false;
  if (input.withTotal) {
    // Bounded: at a million cases an exact count would read every matching row on each call.
    // Text alone is counted in the full-text index, without reading a row of the case index.
    const all = stages ? [...clauses, 'ci.stage IN (SELECT value FROM json_each(@stages))'] : clauses;
    const textOnly = input.text && clauses.length === 1 && !stages && !clauses[0]!.startsWith('ci.rowid = ');
    const counted = db
      .prepare(textOnly ? 'SELECT count(*) FROM (SELECT rowid FROM case_search WHERE case_search MATCH @textMatch LIMIT @countLimit)' : `SELECT count(*) FROM (SELECT 1 FROM case_index ci ${where(all)} LIMIT @countLimit)`)
      .pluck()
      .get(textOnly ? { textMatch: matchAll(queryKeys(input.text!).keys), countLimit: countCap + 1 } : { ...(stages ? { ...params, stages: JSON.stringify(stages) } : params), countLimit: countCap + 1 }) as number;
    totalCapped = counted > countCap;
    total = Math.min(counted, countCap);
  }
  return {
    rows: shown.map((r) => toCaseRow(r, viewer.seesNames, today)),
    nextCursor: more && last ? encodeCursor(last[column], last.rowid) : null,
    total,
    totalCapped,
  };
}

/** Search ranks at most this many matches: a common fragment can match a tenth of a million cases. */
export const SEARCH_CANDIDATES = 500;

/**
 * Best matches for a typed query (names in any script, aliases, case number, phone, identity number).
 * The matches are taken newest first (FTS5 reads its rowid order backwards and stops at the cap) and
 * ranked among themselves by bm25; when there are more than `candidates`, `more` says so and the
 * rows are the best of the most recent matches — typing more letters narrows the search.
 */
export function searchCases(
  db: Db,
  query: string,
  limit: number,
  viewer: Viewer,
  today: string,
  candidates = SEARCH_CANDIDATES,
): { rows: CaseRow[]; tooShort: boolean; more: boolean } {
  const { keys } = queryKeys(query);
  if (keys.length === 0) return { rows: [], tooShort: true, more: false };
  // A whole case number is looked up in its unique index: its trigrams ("ORG-2026-") are in every case.
  const exact = exactCaseNumber(db, query);
  if (exact !== null && (!viewer.onlyAssigned || exact.assignee === viewer.username)) return { rows: [toCaseRow(exact, true, today)], tooShort: false, more: false };
  const mine = viewer.onlyAssigned ? 'AND ci.assignee = @me' : '';
  const found = db
    .prepare(
      `SELECT case_search.rowid AS rowid, case_search.rank AS rank FROM case_search ${mine ? 'JOIN case_index ci ON ci.rowid = case_search.rowid' : ''}
        WHERE case_search MATCH @match ${mine} ORDER BY case_search.rowid DESC LIMIT @candidates`,
    )
    .all({ match: matchAll(keys), candidates: candidates + 1, ...(viewer.onlyAssigned ? { me: viewer.username } : {}) }) as { rowid: number; rank: number }[];
  const more = found.length > candidates;
  const best = found
    .slice(0, candidates)
    .sort((a, b) => a.rank - b.rank || b.rowid - a.rowid)
    .slice(0, limit)
    .map((f) => f.rowid);
  const byRowid = new Map(
    (cached(db, 'SELECT * FROM case_index WHERE rowid IN (SELECT value FROM json_each(@rowids))').all({ rowids: JSON.stringify(best) }) as IndexRow[]).map((r) => [r.rowid, r]),
  );
  const rows = best.map((rowid) => byRowid.get(rowid)).filter((r): r is IndexRow => r !== undefined);
  // A typed case number goes first.
  const wanted = query.trim().toUpperCase();
  if (CASE_NUMBER_PATTERN.test(wanted)) rows.sort((a, b) => Number(b.case_number === wanted) - Number(a.case_number === wanted));
  return { rows: rows.map((r) => toCaseRow(r, true, today)), tooShort: false, more };
}

/** Search-before-create lives in its own file; registration and the duplicate check call it from here. */
export { findDuplicates } from './duplicateSearch';

type Count = { key: string; count: number };

/** Aggregates for dashboards (no names; every role may see them). */
export function caseStats(db: Db, today: string, demo?: boolean) {
  const demoOnly = (alias: string) => (demo === undefined ? '' : `WHERE ${alias}demo = @demo`);
  const where = demoOnly('');
  const params = demo === undefined ? {} : { demo: demo ? 1 : 0 };
  const group = (column: string): Count[] =>
    db.prepare(`SELECT coalesce(${column}, 'none') AS key, count(*) AS count FROM case_index ${where} GROUP BY 1 ORDER BY 2 DESC`).all(params) as Count[];
  const joined = (table: string, column: string): Count[] =>
    db
      .prepare(`SELECT t.${column} AS key, count(*) AS count FROM ${table} t JOIN case_index ci ON ci.rowid = t.case_rowid ${demoOnly('ci.')} GROUP BY 1 ORDER BY 2 DESC`)
      .all(params) as Count[];
  const scalar = (sql: string, extra: Record<string, unknown> = {}) => db.prepare(sql).pluck().get({ ...params, ...extra }) as number;
  const and = where ? `${where} AND` : 'WHERE';
  return {
    total: scalar(`SELECT count(*) FROM case_index ${where}`),
    byStage: group('stage'),
    byStatus: group('status'),
    byRisk: group('risk_level'),
    byGender: group('gender'),
    byScope: group('scope'),
    byCitizenship: joined('case_citizenship', 'country'),
    byExploitation: joined('case_exploitation', 'type'),
    byYear: group('substr(registered_at, 1, 4)'),
    overdue: scalar(`SELECT count(*) FROM case_index ${and} next_due < @today`, { today }),
    closurePending: scalar(`SELECT count(*) FROM case_index ${and} closure_pending = 1`),
    demo: scalar(`SELECT count(*) FROM case_index ${and} demo = 1`),
  };
}
