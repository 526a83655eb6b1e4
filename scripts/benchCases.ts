/**
 * Case-management figures for `npm run bench` (scripts/bench.ts), over one tier's workspace of demo
 * cases (scripts/benchTier.ts): cases registered per second through the service path (search-before-
 * create included), list-page, search and due-list latency — each beside the bare SQL it is built on,
 * measured in the same run.
 */
import { matchAll, SEARCH_CANDIDATES } from '../electron/cases/caseQueries';
import { indexTrigrams, queryKeys, searchKey } from '../shared/domain/cases';
import type { MethodName } from '../shared/contract';
import type { BenchTier } from './benchTier';

type Stats = { medianMs: number; p95Ms: number; runs: number };

const round = (n: number) => Math.round(n * 10) / 10;
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), runs: samples.length };
}
const timeSync = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

export async function benchCases(tier: BenchTier, opts: { runs?: number; registrations?: number } = {}) {
  const runs = opts.runs ?? 15;
  const registrations = opts.registrations ?? 200;
  const { core, call, cases } = tier;
  const db = core.session.requireUnlocked().workspace.db;

  const samples = async (params: unknown, method: MethodName) => {
    await call(method, params as never);
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await call(method, params as never);
      out.push(performance.now() - t);
    }
    return out;
  };

  // A list page as the case list asks for it: filters, sort, keyset cursor; dispatcher, audit and output check included.
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) cursor = (await call('cases.list', { limit: 50, cursor: cursor ?? undefined })).nextCursor;
  const pages: Record<string, unknown> = {
    firstPage: {},
    // What the case list screen asks for first: the page and the (capped) count.
    firstPageWithCount: { withTotal: true },
    stageAndCitizenship: { stage: ['assistance', 'reintegration'], citizenship: ['MMR'] },
    exploitationByRisk: { exploitation: ['ForcedLabour'], sort: 'risk' },
    overdueByDue: { view: 'overdue', sort: 'due', direction: 'asc' },
    // Below 1,001 cases there is no 21st page; the cursor is then null and the query is left out.
    ...(cursor ? { page21: { cursor } } : {}),
    textFilter: { text: 'kyaw' },
  };
  const listSamples: Record<string, number[]> = {};
  for (const [name, params] of Object.entries(pages)) listSamples[name] = await samples({ limit: 50, ...(params as object) }, 'cases.list');
  const rawList = db.prepare('SELECT * FROM case_index ORDER BY registered_at DESC, rowid DESC LIMIT 50');
  const rawListSamples = Array.from({ length: runs }, () => timeSync(() => rawList.all()));

  // Search: a Burmese fragment, Thai, a Latin name without accents, a case number, a phone fragment.
  const someNumber = db.prepare('SELECT case_number FROM case_index ORDER BY rowid DESC LIMIT 1').pluck().get() as string;
  const queries: Record<string, string> = { burmeseFragment: 'ကျော်', thai: 'สมชาย', latinNoAccents: 'hernandez', caseNumber: someNumber, phoneFragment: '9591234' };
  const searchSamples: Record<string, number[]> = {};
  for (const [name, query] of Object.entries(queries)) searchSamples[name] = await samples({ query, limit: 20 }, 'cases.search');
  // The bare SQL search is built on: the newest matches up to the cap, with their bm25 rank.
  const rawSearch = db.prepare('SELECT rowid, rank FROM case_search WHERE case_search MATCH @match ORDER BY rowid DESC LIMIT @candidates');
  const rawSearchSamples = Object.values(queries).flatMap((q) => Array.from({ length: runs }, () => timeSync(() => rawSearch.all({ match: matchAll(queryKeys(q).keys), candidates: SEARCH_CANDIDATES + 1 }))));
  // What search did before (rank over every match); shows why the candidates are capped.
  const rankAll = db.prepare('SELECT rowid FROM case_search WHERE case_search MATCH @match ORDER BY rank LIMIT 20');
  const rankAllSamples = Object.values(queries).flatMap((q) => Array.from({ length: Math.min(runs, 5) }, () => timeSync(() => rankAll.all({ match: matchAll(queryKeys(q).keys) }))));
  const matches = Object.fromEntries(
    Object.entries(queries).map(([name, q]) => [name, db.prepare('SELECT count(*) FROM case_search WHERE case_search MATCH @match').pluck().get({ match: matchAll(queryKeys(q).keys) }) as number]),
  );

  // The due list (tasks.due, 100 cases) beside the bare index read of those cases.
  const dueSamples = await samples({ mine: false, limit: 100 }, 'tasks.due');
  const rawDue = db.prepare(`SELECT case_id FROM case_index WHERE next_due < '9999-12-31' ORDER BY next_due LIMIT 100`);
  const rawDueSamples = Array.from({ length: runs }, () => timeSync(() => rawDue.all()));

  // The duplicate check as the registration form asks for it, for three of the tier's own demo persons
  // (fixed places in the index): their names only (what the form holds first), then the whole person.
  // Read-only: cases.duplicates writes nothing but its read audit entry.
  const persons = [0.1, 0.5, 0.9].map((at) => {
    const caseId = db.prepare('SELECT case_id FROM case_index WHERE demo = 1 ORDER BY rowid LIMIT 1 OFFSET @offset').pluck().get({ offset: Math.floor(at * cases) }) as string;
    const c = JSON.parse(db.prepare('SELECT data FROM records WHERE id = ?').pluck().get(caseId) as string) as Record<string, unknown>;
    const pick = (...fields: string[]) => Object.fromEntries(fields.filter((f) => c[f] !== undefined && c[f] !== null).map((f) => [f, c[f]]));
    return {
      names: pick('prs_FirstName', 'prs_MiddleName', 'prs_SecondName', 'aliases'),
      person: pick('prs_FirstName', 'prs_MiddleName', 'prs_SecondName', 'aliases', 'prs_Gender', 'prs_Birthdate', 'estimatedAge', 'estimatedAgeOn', 'prs_Citizenship'),
    };
  });
  const duplicateSamples: Record<string, number[]> = {};
  for (const [i, p] of persons.entries()) {
    duplicateSamples[`names${i + 1}`] = await samples(p.names, 'cases.duplicates');
    duplicateSamples[`person${i + 1}`] = await samples(p.person, 'cases.duplicates');
  }
  // What the check did before: bm25 over every case matching any of the name's eight rarest trigrams, 60 best (the SQL alone, without reading and scoring them).
  const termDocs = db.prepare(`SELECT doc FROM case_search_terms WHERE term = @term AND col = 'names'`).pluck();
  const rankedBefore = db.prepare('SELECT rowid FROM case_search WHERE case_search MATCH @match ORDER BY rank LIMIT 60');
  const rankedBeforeSamples = persons.flatMap((p) => {
    const name = [p.names.prs_FirstName, p.names.prs_MiddleName, p.names.prs_SecondName].filter(Boolean).join(' ');
    const rarest = indexTrigrams(searchKey(name))
      .map((term) => ({ term, doc: (termDocs.get({ term }) as number | undefined) ?? 0 }))
      .filter((g) => g.doc > 0)
      .sort((a, b) => a.doc - b.doc)
      .slice(0, 8)
      .map((g) => `"${g.term}"`);
    return Array.from({ length: Math.min(runs, 5) }, () => timeSync(() => rankedBefore.all({ match: `names : (${rarest.join(' OR ')})` })));
  });

  // Registration through the service path at this size: duplicate search, case number, records, index, audit.
  const regStart = performance.now();
  for (let i = 0; i < registrations; i++) {
    await call('cases.register', {
      person: { prs_FirstName: `Bench Person ${i}`, aliases: [`ဘန့်ချ် ${i}`], prs_Gender: i % 2 ? 'Feminine' : 'Masculine', prs_Birthdate: '1995-05-05', prs_Citizenship: ['MMR'], prs_MobilePhone: `+6681${String(i).padStart(7, '0')}` },
      identification: { identificationDate: '2025-06-01', identificationCountry: 'THA', identificationSource: 'Police' },
    });
  }
  const regMs = performance.now() - regStart;

  const all = (m: Record<string, number[]>) => Object.values(m).flat();
  return {
    cases,
    register: {
      registrations,
      servicePathPerSec: round(registrations / (regMs / 1000)),
      what: `cases.register through the dispatcher into the workspace of ${cases} cases: duplicate search, case number, record, index, audit`,
      baseline: { what: 'the raw INSERT and note write-path rates of the "insert" section, same run' },
    },
    listPage: {
      ...stats(all(listSamples)),
      byQuery: Object.fromEntries(Object.entries(listSamples).map(([k, v]) => [k, stats(v).medianMs])),
      what: 'cases.list, 50 rows, through the dispatcher (role check, validation, read audit entry, output check)',
      baseline: { what: 'raw SELECT of the first 50 rows of case_index by registration date', ...stats(rawListSamples) },
    },
    search: {
      ...stats(all(searchSamples)),
      byQuery: Object.fromEntries(Object.entries(searchSamples).map(([k, v]) => [k, stats(v).medianMs])),
      matches,
      what: `cases.search, 20 best of at most ${SEARCH_CANDIDATES} newest matches, through the dispatcher`,
      baseline: { what: `raw FTS5 trigram MATCH of the same keys: ${SEARCH_CANDIDATES} newest rowids with their rank`, ...stats(rawSearchSamples) },
      rankEveryMatch: { what: 'raw FTS5 MATCH ORDER BY rank LIMIT 20 (ranks every match; what search did before)', ...stats(rankAllSamples) },
    },
    duplicates: {
      ...stats(all(duplicateSamples)),
      byProbe: Object.fromEntries(Object.entries(duplicateSamples).map(([k, v]) => [k, stats(v)])),
      what: 'cases.duplicates through the dispatcher for three demo persons of the tier: their names only (namesN), and the whole person (personN: names, gender, birth, citizenship); the ten best flagged',
      baseline: { what: "the old candidate SQL alone: FTS5 rank over every case matching any of the name's 8 rarest trigrams, 60 best", ...stats(rankedBeforeSamples) },
    },
    dueList: {
      ...stats(dueSamples),
      what: 'tasks.due, 100 cases with something due, every case (cases and their children read in one statement)',
      baseline: { what: 'raw SELECT of those 100 cases off the due-date index', ...stats(rawDueSamples) },
    },
  };
}
