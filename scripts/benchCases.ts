/**
 * Case-management figures for `npm run bench` (scripts/bench.ts): demo cases written per second,
 * cases registered per second through the service path (search-before-create included), and list-page
 * and search latency over a workspace of `cases` demo cases — each beside the bare SQL it is built on.
 */
import { join } from 'node:path';
import { createCore } from '../electron/rpc/core';
import { matchAll } from '../electron/cases/caseQueries';
import { queryKeys } from '../shared/domain/cases';
import type { MethodName } from '../shared/contract';

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

const PASSWORD = 'correct horse battery staple';
const CHEAP_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

export async function benchCases(root: string, cases: number, opts: { runs?: number; registrations?: number } = {}) {
  const runs = opts.runs ?? 15;
  const registrations = opts.registrations ?? 200;
  const core = createCore(join(root, 'cases-ws'), { idleCheckMs: 0, kdf: CHEAP_KDF });
  const call = async (method: MethodName, params: unknown) => {
    const result = await core.dispatcher.dispatch(method, params);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  await call('workspace.create', { organisation: { name: 'Bench Task Force', code: 'BENCH', country: 'THA', type: 'LawEnforcement' }, admin: { username: 'admin', displayName: 'Admin', password: PASSWORD } });
  const db = core.session.requireUnlocked().workspace.db;

  // Demo cases through the write path (records, change log, audit, index), in chunks.
  let lastTenth = -1;
  const onProgress = (done: number, total: number) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth !== lastTenth) process.stderr.write(`bench: demo cases ${done}/${total}\n`);
    lastTenth = tenth;
  };
  const demoStart = performance.now();
  const demo = await core.dispatcher.dispatch('demo.generate', { cases }, { onProgress });
  if (!demo.ok) throw new Error(`demo.generate: ${demo.error.message}`);
  const demoMs = performance.now() - demoStart;

  const samples = async (params: unknown, method: MethodName) => {
    await call(method, params);
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await call(method, params);
      out.push(performance.now() - t);
    }
    return out;
  };

  // A list page as the case list asks for it: filters, sort, keyset cursor; dispatcher, audit and output check included.
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) cursor = ((await call('cases.list', { limit: 50, cursor: cursor ?? undefined })) as { nextCursor: string | null }).nextCursor;
  const pages: Record<string, unknown> = {
    firstPage: {},
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
  const rawSearch = db.prepare('SELECT rowid FROM case_search WHERE case_search MATCH @match ORDER BY rank LIMIT 20');
  const rawSearchSamples = Object.values(queries).flatMap((q) => Array.from({ length: runs }, () => timeSync(() => rawSearch.all({ match: matchAll(queryKeys(q).keys) }))));

  // Registration through the service path at this size: duplicate search, case number, records, index, audit.
  const regStart = performance.now();
  for (let i = 0; i < registrations; i++) {
    await call('cases.register', {
      person: { prs_FirstName: `Bench Person ${i}`, aliases: [`ဘန့်ချ် ${i}`], prs_Gender: i % 2 ? 'Feminine' : 'Masculine', prs_Birthdate: '1995-05-05', prs_Citizenship: ['MMR'], prs_MobilePhone: `+6681${String(i).padStart(7, '0')}` },
      identification: { identificationDate: '2025-06-01', identificationCountry: 'THA', identificationSource: 'Police' },
    });
  }
  const regMs = performance.now() - regStart;
  core.session.lock('user');

  const all = (m: Record<string, number[]>) => Object.values(m).flat();
  return {
    cases,
    demoGeneration: {
      casesPerSec: Math.round(cases / (demoMs / 1000)),
      seconds: round(demoMs / 1000),
      what: 'realistic demo cases (about ten records each, with history) through the write path, chunks of 200 per transaction',
    },
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
      what: 'cases.search, 20 best matches, through the dispatcher',
      baseline: { what: 'raw FTS5 trigram MATCH of the same keys, 20 rowids by rank', ...stats(rawSearchSamples) },
    },
  };
}
