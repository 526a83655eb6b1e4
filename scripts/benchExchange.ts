/**
 * Exchange figures for `npm run bench` (scripts/bench.ts): a case-update bundle of `cases` demo case
 * files exported by one office and imported by another — records/s, MB/s, peak RSS growth, and where
 * the time goes (the stages the calls report) — beside, in the same run on the same bytes, the reference
 * `age` CLI encrypting and decrypting the bundle's plaintext, and raw SQLCipher inserts of the same rows.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../electron/rpc/core';
import { openDatabase } from '../electron/store/database';
import { loadMigrations, migrate } from '../electron/store/migrate';
import type { MethodName, MethodOutput } from '../shared/contract';

const PASSWORD = 'correct horse battery staple';
const CHEAP_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => bytes / 2 ** 20;
/** Peak resident memory so far, in bytes (monotonic: its growth over a step is that step's new peak). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

type Office = { core: Core; call: <M extends MethodName>(method: M, params: unknown) => Promise<MethodOutput<M>> };

async function office(dir: string, organisation: { name: string; code: string; country: string; type: string }): Promise<Office> {
  const core = createCore(dir, { idleCheckMs: 0, kdf: CHEAP_KDF });
  const call = async <M extends MethodName>(method: M, params: unknown): Promise<MethodOutput<M>> => {
    const result = await core.dispatcher.dispatch(method, params);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
  await call('workspace.create', { organisation, admin: { username: 'admin', displayName: 'Admin', password: PASSWORD } });
  return { core, call };
}

/** Runs a long call and returns its duration and the time spent between its progress reports. */
async function timed<T>(o: Office, method: MethodName, params: unknown): Promise<{ ms: number; stages: Record<string, number>; value: T }> {
  const stages: Record<string, number> = {};
  let label = 'start';
  let mark = performance.now();
  const start = mark;
  const result = await o.core.dispatcher.dispatch(method, params, {
    onProgress: (_done, _total, next) => {
      const now = performance.now();
      stages[label] = round((stages[label] ?? 0) + now - mark);
      label = next ?? label;
      mark = now;
    },
  });
  const end = performance.now();
  // After the last report ("checked" on import, "done" on export) comes the rest of the call: planning and the one write transaction.
  stages[label === 'checked' ? 'planAndApply' : label] = round((stages[label] ?? 0) + end - mark);
  if (label === 'checked') delete stages.checked;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return { ms: end - start, stages, value: result.value as T };
}

const hasAge = () => spawnSync('sh', ['-c', 'command -v age']).status === 0;

export async function benchExchange(root: string, cases: number) {
  const th = await office(join(root, 'exchange-th'), { name: 'Anti-Trafficking Task Force', code: 'TH-ATTF', country: 'THA', type: 'LawEnforcement' });
  const mm = await office(join(root, 'exchange-mm'), { name: 'Department of Social Welfare', code: 'MM-DSW', country: 'MMR', type: 'CentralGovernmentOrganisation' });
  for (const [a, b] of [
    [th, mm],
    [mm, th],
  ] as const) {
    const card = (await b.call('exchange.card', {})).card;
    await a.call('partners.import', { cardJson: JSON.stringify(card) });
    await a.call('partners.verify', { code: card.code, fingerprint: card.fingerprint, how: 'in-person' });
  }
  process.stderr.write(`bench: exchange — ${cases} demo cases\n`);
  const demo = await th.core.dispatcher.dispatch('demo.generate', { cases });
  if (!demo.ok) throw new Error(`demo.generate: ${demo.error.message}`);

  // Export: demo people gave no sharing consent to MM-DSW, so the administrator overrides (as in an
  // emergency transfer); each record's override is audited, which is part of what is measured.
  const out = join(root, 'exchange-out');
  mkdirSync(out, { recursive: true });
  const rssBeforeExport = peakRss();
  const exported = await timed<MethodOutput<'bundles.export'>>(th, 'bundles.export', {
    to: ['MM-DSW'],
    type: 'case-update',
    select: { mode: 'sinceLast' },
    purpose: 'Benchmark: case files for return',
    outDir: out,
    overrideConsent: true,
    overrideReason: 'Benchmark run on generated demo cases',
  });
  const exportRss = peakRss() - rssBeforeExport;
  const records = Object.values(exported.value.records).reduce((a, b) => a + b, 0);
  const bundleBytes = exported.value.bytes;

  const rssBeforeImport = peakRss();
  const imported = await timed<MethodOutput<'bundles.import'>>(mm, 'bundles.import', { path: exported.value.path });
  const importRss = peakRss() - rssBeforeImport;

  // The same payload bytes through the reference age CLI, and the same rows as raw inserts.
  const work = join(root, 'exchange-age');
  mkdirSync(work, { recursive: true });
  const identity = join(work, 'identity.txt');
  await th.call('keys.exportIdentity', { out: identity });
  const recipient = (await th.call('exchange.card', {})).card.encryptionKey.recipient;
  let ageFigures: Record<string, unknown> = { skipped: 'the age command is not installed' };
  let rows: { type: string; line: string }[] = [];
  const plain = join(work, 'bundle.tar');
  if (hasAge()) {
    execFileSync('age', ['-d', '-i', identity, '-o', plain, exported.value.path]);
    const plainBytes = statSync(plain).size;
    const t0 = performance.now();
    execFileSync('age', ['-r', recipient, '-o', join(work, 'again.age'), plain]);
    const encryptMs = performance.now() - t0;
    const t1 = performance.now();
    execFileSync('age', ['-d', '-i', identity, '-o', join(work, 'again.tar'), join(work, 'again.age')]);
    const decryptMs = performance.now() - t1;
    ageFigures = { what: 'the reference age CLI (Debian) on the same plaintext tar, one process each', plaintextMiB: round(mib(plainBytes)), encryptMs: round(encryptMs), decryptMs: round(decryptMs) };
    const extracted = join(work, 'x');
    mkdirSync(extracted);
    execFileSync('tar', ['-xf', plain, '-C', extracted]);
    rows = readdirSync(join(extracted, 'data')).flatMap((file) =>
      readFileSync(join(extracted, 'data', file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => ({ type: file.replace(/\.ndjson$/, ''), line })),
    );
  }

  // Raw SQLCipher inserts of the same rows (envelope columns and data as they arrive), one transaction.
  let raw: Record<string, unknown> = { skipped: 'needs the decrypted rows (age CLI)' };
  if (rows.length) {
    const rawDb = openDatabase(join(root, 'exchange-raw.db'), randomBytes(32), { mustExist: false });
    migrate(rawDb, loadMigrations());
    const insert = rawDb.prepare(
      `INSERT INTO records (id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data) VALUES (@id, @type, @ownerOrg, @hlc, @vv, @fieldClock, @updatedAt, @updatedBy, @deleted, @data)`,
    );
    const t = performance.now();
    rawDb.transaction(() => {
      for (const { line } of rows) {
        const r = JSON.parse(line) as { id: string; type: string; ownerOrg: string; hlc: string; vv: unknown; fieldClock: unknown; updatedAt: string; updatedBy: string; deleted: boolean; data: unknown };
        insert.run({ ...r, vv: JSON.stringify(r.vv), fieldClock: JSON.stringify(r.fieldClock), deleted: r.deleted ? 1 : 0, data: JSON.stringify(r.data) });
      }
    })();
    const rawMs = performance.now() - t;
    rawDb.close();
    raw = { what: 'raw SQLCipher INSERT of the same rows into the records table, one transaction', rows: rows.length, perSec: Math.round(rows.length / (rawMs / 1000)), ms: round(rawMs) };
  }
  th.core.session.lock('user');
  mm.core.session.lock('user');

  const perSec = (n: number, ms: number) => Math.round(n / (ms / 1000));
  return {
    cases,
    records,
    recordsByType: exported.value.records,
    bundleMiB: round(mib(bundleBytes)),
    export: {
      ms: round(exported.ms),
      casesPerSec: perSec(cases, exported.ms),
      recordsPerSec: perSec(records, exported.ms),
      mibPerSec: round(mib(bundleBytes) / (exported.ms / 1000)),
      peakRssGrowthMiB: round(mib(exportRss)),
      stagesMs: exported.stages,
    },
    import: {
      ms: round(imported.ms),
      casesPerSec: perSec(cases, imported.ms),
      recordsPerSec: perSec(records, imported.ms),
      mibPerSec: round(mib(bundleBytes) / (imported.ms / 1000)),
      peakRssGrowthMiB: round(mib(importRss)),
      applied: imported.value.applied,
      stagesMs: imported.stages,
    },
    baseline: { age: ageFigures, rawInsert: raw },
  };
}
