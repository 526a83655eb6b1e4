/**
 * `npx tsx scripts/explain.ts [--cases N] [--dir PATH]`: prints what SQLite actually does for the hot
 * case queries — the SQL each call runs, its `EXPLAIN QUERY PLAN`, and the call's time — over a demo
 * workspace of N cases (default 10,000). The calls go through the real dispatcher; the SQL is captured
 * as the case module prepares it, so the plans are those of the code as it is, not of a copy.
 * With --dir, an existing demo workspace there is reused (and created the first time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createCore } from '../electron/rpc/core';
import { Workspace } from '../electron/store/workspace';
import type { MethodName } from '../shared/contract';

const Args = z.object({
  cases: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  dir: z.string().min(1).optional(),
});
const { values } = parseArgs({ options: { cases: { type: 'string' }, dir: { type: 'string' } }, allowPositionals: false });
const args = Args.parse(values);

const PASSWORD = 'correct horse battery staple';
const CHEAP_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const root = args.dir ?? mkdtempSync(join(tmpdir(), 'counterpart-explain-'));
const dir = join(root, 'ws');

type Captured = { sql: string; params: unknown[] };

try {
  const core = createCore(dir, { idleCheckMs: 0, kdf: CHEAP_KDF });
  const call = async (method: MethodName, params: unknown) => {
    const result = await core.dispatcher.dispatch(method, params);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  if (!Workspace.exists(dir)) {
    await call('workspace.create', { organisation: { name: 'Explain Task Force', code: 'EXPLAIN', country: 'THA', type: 'LawEnforcement' }, admin: { username: 'admin', displayName: 'Admin', password: PASSWORD } });
    process.stderr.write(`explain: generating ${args.cases} demo cases in ${dir}\n`);
    await call('demo.generate', { cases: args.cases });
    core.session.lock('user');
  }
  // A fresh connection, so every statement the calls below use is prepared (and captured) anew.
  await call('session.unlock', { username: 'admin', password: PASSWORD });
  const db = core.session.requireUnlocked().workspace.db;
  const total = db.prepare('SELECT count(*) FROM case_index').pluck().get() as number;

  let captured: Captured[] = [];
  const prepare = db.prepare.bind(db) as (sql: string) => Database.Statement;
  (db as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => {
    const statement = prepare(sql);
    if (!/^\s*(SELECT|WITH)\b/i.test(sql)) return statement;
    for (const name of ['all', 'get', 'iterate'] as const) {
      const original = statement[name].bind(statement) as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[name] = (...params: unknown[]) => {
        captured.push({ sql, params });
        return original(...params);
      };
    }
    return statement;
  };

  const someone = db.prepare(`SELECT assignee FROM case_index WHERE assignee IS NOT NULL GROUP BY assignee ORDER BY count(*) DESC LIMIT 1`).pluck().get() as string | undefined;
  const scenarios: { name: string; method: MethodName; params: unknown }[] = [
    { name: 'case list, first page (newest first)', method: 'cases.list', params: { limit: 50 } },
    { name: 'case list, first page by stage', method: 'cases.list', params: { limit: 50, stage: ['assistance', 'reintegration'] } },
    { name: 'case list, first page with its (capped) count, as the list screen asks', method: 'cases.list', params: { limit: 50, withTotal: true } },
    { name: 'case list, first page by stage and citizenship', method: 'cases.list', params: { limit: 50, stage: ['assistance', 'reintegration'], citizenship: ['MMR'] } },
    { name: 'case list, forced labour by risk', method: 'cases.list', params: { limit: 50, exploitation: ['ForcedLabour'], sort: 'risk' } },
    { name: 'case list, first page by assignee', method: 'cases.list', params: { limit: 50, assignee: someone ?? 'admin' } },
    { name: 'case list, text filter with many matches (common fragment) and its count', method: 'cases.list', params: { limit: 50, text: 'kyaw', withTotal: true } },
    { name: 'case list, text filter with few matches', method: 'cases.list', params: { limit: 50, text: 'somchai jaidee' } },
    { name: 'case list, overdue by due date', method: 'cases.list', params: { limit: 50, view: 'overdue', sort: 'due', direction: 'asc' } },
    { name: 'full-text search, Latin name without accents', method: 'cases.search', params: { query: 'hernandez', limit: 20 } },
    { name: 'full-text search, Burmese fragment', method: 'cases.search', params: { query: 'ကျော်', limit: 20 } },
    { name: 'overdue follow-ups and tasks (due list)', method: 'tasks.due', params: {} },
    { name: 'everything due, every case (due list)', method: 'tasks.due', params: { mine: false, limit: 100 } },
  ];

  const lines: string[] = [`# EXPLAIN QUERY PLAN over ${total} cases (${dir})`, `# SQLite ${db.prepare('SELECT sqlite_version()').pluck().get() as string}`, ''];
  for (const scenario of scenarios) {
    captured = [];
    const started = performance.now();
    const result = await core.dispatcher.dispatch(scenario.method, scenario.params);
    const ms = performance.now() - started;
    lines.push(`## ${scenario.name}`, `${scenario.method} ${JSON.stringify(scenario.params)} -> ${result.ok ? 'ok' : result.error.code}, ${ms.toFixed(1)} ms`);
    const seen = new Set<string>();
    for (const { sql, params } of captured) {
      if (seen.has(sql) || /FROM (meta|settings|users|organisation)\b/i.test(sql)) continue;
      seen.add(sql);
      lines.push('', '```sql', sql.replace(/\s+/g, ' ').trim(), '```');
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, 0]]);
      for (const step of plan) {
        const d = (depth.get(step.parent) ?? 0) + 1;
        depth.set(step.id, d);
        lines.push(`${'  '.repeat(d - 1)}${step.detail}`);
      }
    }
    lines.push('');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  core.session.lock('user');
} finally {
  if (!args.dir) rmSync(root, { recursive: true, force: true });
}
