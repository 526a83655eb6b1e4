/**
 * Exchange figures for `npm run bench` (scripts/bench.ts), on a tier workspace (scripts/benchTier.ts):
 * a case-update bundle of everything in the tier exported to a fresh partner office, then imported by
 * that office RUNNING IN ITS OWN WORKER THREAD (electron/worker, the same entry as the app) while this
 * thread measures its event-loop delay. Beside them, in the same run on the same bytes: the reference
 * `age` CLI and our streaming age (electron/exchange/age.ts) encrypting and decrypting the bundle's
 * plaintext tar.
 *
 * Memory is the process-wide resident set sampled every 25 ms during each step (the worker's memory is
 * in the same process), reported as growth over the value when the step started.
 *
 * The import's raw floor, in the same run: every row the import added to the receiving workspace (records,
 * change log, audit entries, stream and bundle rows), read back afterwards and inserted with prepared
 * INSERTs, in one transaction, into a fresh SQLCipher database with the same schema — what the import
 * would cost with no reading, checking, merging or hashing at all (as scripts/benchInsert.ts does for
 * the write path). Rows are read and inserted 5,000 at a time, so memory stays flat; only the inserts
 * and the commit are timed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { CoreWorker } from '../electron/worker/client';
import { decryptStream, encryptStream } from '../electron/exchange/age';
import { createCore } from '../electron/rpc/core';
import { openDatabase, type Db } from '../electron/store/database';
import { loadMigrations, migrate } from '../electron/store/migrate';
import type { MethodName, MethodOutput } from '../shared/contract';
import { BENCH_KDF, BENCH_PASSWORD, callOf, type BenchTier } from './benchTier';
import { freshPath, markTables, quote, rowKey, tablesOf, type Mark, type TableInfo, type Value } from './benchInsert';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => bytes / 2 ** 20;
const perSec = (n: number, ms: number) => Math.round(n / (ms / 1000));
const hasAge = () => spawnSync('sh', ['-c', 'command -v age']).status === 0;

/** Samples the process's RSS while `work` runs; returns its result, duration and peak RSS growth. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRssGrowthMiB: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, ms, peakRssGrowthMiB: round(mib(peak - before)) };
  } finally {
    clearInterval(timer);
  }
}

/** Time between progress labels of one call ("where the time goes"). */
function stageClock() {
  const stages: Record<string, number> = {};
  let label = 'start';
  let mark = performance.now();
  return {
    onProgress: (_done: number, _total: number, next: string) => {
      const now = performance.now();
      stages[label] = round((stages[label] ?? 0) + now - mark);
      label = next;
      mark = now;
    },
    end: () => {
      stages[label] = round((stages[label] ?? 0) + performance.now() - mark);
      return stages;
    },
  };
}

async function workerCall<M extends MethodName>(worker: CoreWorker, method: M, params: unknown, onProgress?: (done: number, total: number, label: string) => void): Promise<MethodOutput<M>> {
  const callId = randomUUID();
  const off = worker.on((event) => {
    if (event.type === 'progress' && event.callId === callId) onProgress?.(event.done, event.total, event.label);
  });
  try {
    const result = await worker.invoke(method, params, callId);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  } finally {
    off();
  }
}

/** Our streaming age and the age CLI on the same plaintext file, alternated ROUNDS times (medians). */
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

async function ageBeside(tier: BenchTier, bundlePath: string, work: string) {
  const identity = join(work, 'identity.txt');
  await tier.call('keys.exportIdentity', { out: identity });
  const id = readFileSync(identity, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
  const recipient = (await tier.call('exchange.card', {})).card.encryptionKey.recipient;
  const plain = join(work, 'bundle.tar');
  // The sender's own archive key opens its bundle: the plaintext tar, through our decryption.
  const opened = await measured(() => pipeline(createReadStream(bundlePath), decryptStream([id]), createWriteStream(plain)));
  const plainBytes = statSync(plain).size;
  const cli = hasAge();
  const samples = { oursEncrypt: [] as number[], oursDecrypt: [] as number[], cliEncrypt: [] as number[], cliDecrypt: [] as number[] };
  let oursPeak = opened.peakRssGrowthMiB;
  for (let i = 0; i < ROUNDS; i++) {
    const enc = await measured(() => pipeline(createReadStream(plain), encryptStream([recipient]), createWriteStream(join(work, 'ours.age'))));
    const dec = await measured(() => pipeline(createReadStream(join(work, 'ours.age')), decryptStream([id]), createWriteStream(join(work, 'ours.tar'))));
    samples.oursEncrypt.push(enc.ms);
    samples.oursDecrypt.push(dec.ms);
    oursPeak = Math.max(oursPeak, enc.peakRssGrowthMiB, dec.peakRssGrowthMiB);
    if (!cli) continue;
    const t0 = performance.now();
    execFileSync('age', ['-r', recipient, '-o', join(work, 'cli.age'), plain]);
    samples.cliEncrypt.push(performance.now() - t0);
    const t1 = performance.now();
    execFileSync('age', ['-d', '-i', identity, '-o', join(work, 'cli.tar'), join(work, 'cli.age')]);
    samples.cliDecrypt.push(performance.now() - t1);
  }
  const figures = (what: string, encrypt: number[], decrypt: number[]) => ({
    what,
    encryptMs: round(median(encrypt)),
    decryptMs: round(median(decrypt)),
    encryptMiBPerSec: round(mib(plainBytes) / (median(encrypt) / 1000)),
    decryptMiBPerSec: round(mib(plainBytes) / (median(decrypt) / 1000)),
  });
  return {
    plaintextMiB: round(mib(plainBytes)),
    rounds: ROUNDS,
    ours: { ...figures('electron/exchange/age.ts streaming, file to file, in this process; median of the rounds', samples.oursEncrypt, samples.oursDecrypt), peakRssGrowthMiB: oursPeak },
    ageCli: cli ? figures('the reference age CLI (Debian) on the same plaintext tar, one process each, alternated with ours; median', samples.cliEncrypt, samples.cliDecrypt) : { skipped: 'the age command is not installed' },
  };
}

/** A second connection to the receiving office's workspace, in this thread (the worker is idle or stopped meanwhile). */
async function withWorkspace<T>(dir: string, fn: (db: Db) => T): Promise<T> {
  const core = createCore(dir, { idleCheckMs: 0, kdf: BENCH_KDF });
  await callOf(core)('session.unlock', { username: 'admin', password: BENCH_PASSWORD });
  try {
    return fn(core.session.requireUnlocked().workspace.db);
  } finally {
    core.session.lock('user');
  }
}

const RAW_CHUNK = 5_000;

/** Prepared INSERTs of every row added since `marks` (rows changed in place in small tables: INSERT OR REPLACE), see the module comment. */
function rawFloor(db: Db, rawPath: string, tables: TableInfo[], marks: Map<string, Mark>) {
  const raw = openDatabase(freshPath(rawPath), randomBytes(32), { mustExist: false });
  migrate(raw, loadMigrations());
  // Rows a trigger adds are among the rows read back: inserted as such, not a second time by the trigger.
  for (const name of raw.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger'`).pluck().all() as string[]) raw.exec(`DROP TRIGGER ${quote(name)}`);
  let ms = 0;
  let cpuMs = 0;
  const timed = (fn: () => void) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    fn();
    ms += performance.now() - t;
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
  };
  const rowsByTable: Record<string, number> = {};
  const put = (table: string, columns: string[], rows: Value[][], upsert: boolean) => {
    if (rows.length === 0) return;
    const stmt = raw.prepare(`INSERT ${upsert ? 'OR REPLACE ' : ''}INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    timed(() => {
      for (const row of rows) stmt.run(row);
    });
    rowsByTable[table] = (rowsByTable[table] ?? 0) + rows.length;
  };
  raw.exec('BEGIN IMMEDIATE');
  for (const t of tables) {
    const mark = marks.get(t.name)!;
    if (t.withoutRowid) {
      // Small WITHOUT ROWID tables (a fresh workspace has no large one): compared whole.
      const all = db.prepare(`SELECT * FROM ${quote(t.name)}`).raw();
      const rows = (all.all() as Value[][]).filter((row) => !mark.snapshot?.has(rowKey(row)));
      put(t.name, all.columns().map((c) => c.name), rows, true);
      continue;
    }
    const select = db.prepare(`SELECT rowid, * FROM ${quote(t.name)} WHERE rowid > ? ORDER BY rowid LIMIT ${RAW_CHUNK}`).raw();
    const columns = select.columns().map((c) => c.name);
    // The rowid is kept for FTS5 (it ties the index to case_index) and used only to page the others.
    const keep = t.virtual ? columns.map((_, i) => i) : columns.slice(1).map((_, i) => i + 1);
    const names = keep.map((i) => (i === 0 ? 'rowid' : columns[i]!));
    if (mark.snapshot && !t.virtual) {
      const old = db.prepare(`SELECT * FROM ${quote(t.name)} WHERE rowid <= ?`).raw().all(mark.maxRowid) as Value[][];
      put(t.name, names, old.filter((row) => !mark.snapshot!.has(rowKey(row))), true);
    }
    for (let after = mark.maxRowid; ; ) {
      const page = select.all(after) as Value[][];
      if (page.length === 0) break;
      after = Number(page[page.length - 1]![0]);
      put(t.name, names, page.map((row) => keep.map((i) => row[i]!)), false);
    }
  }
  timed(() => raw.exec('COMMIT'));
  raw.close();
  return { rows: Object.values(rowsByTable).reduce((a, b) => a + b, 0), rowsByTable, ms, cpuMs };
}

export async function benchExchange(tier: BenchTier) {
  const work = join(tier.root, 'exchange');
  mkdirSync(work, { recursive: true });
  // The receiving office: a fresh workspace in a worker thread, as the app runs its core.
  const worker = await CoreWorker.start({ workspaceDir: join(work, 'mm-ws'), kdf: BENCH_KDF });
  try {
    await workerCall(worker, 'workspace.create', {
      // A partner code of its own per run: a tier kept from an earlier run (`--keep`) already knows the
      // partner of that run, and "since the last bundle" to a new partner is everything.
      organisation: { name: 'Department of Social Welfare', code: `MM-DSW-R${Date.now().toString(36).toUpperCase()}`, country: 'MMR', type: 'CentralGovernmentOrganisation' },
      admin: { username: 'admin', displayName: 'Admin', password: BENCH_PASSWORD },
    });
    const ours = (await tier.call('exchange.card', {})).card;
    const theirs = (await workerCall(worker, 'exchange.card', {})).card;
    await workerCall(worker, 'partners.import', { cardJson: JSON.stringify(ours) });
    await workerCall(worker, 'partners.verify', { code: ours.code, fingerprint: ours.fingerprint, how: 'in-person' });
    await tier.call('partners.import', { cardJson: JSON.stringify(theirs) });
    await tier.call('partners.verify', { code: theirs.code, fingerprint: theirs.fingerprint, how: 'in-person' });
    process.stderr.write(`bench: exchange — export of the ${tier.cases} tier\n`);

    // Export: demo people gave no sharing consent to MM-DSW, so the administrator overrides (as in an
    // emergency transfer); each record's override is audited, which is part of what is measured.
    const out = join(work, 'out');
    mkdirSync(out, { recursive: true });
    const exportStages = stageClock();
    const exported = await measured(async () => {
      const result = await tier.core.dispatcher.dispatch(
        'bundles.export',
        {
          to: [theirs.code],
          type: 'case-update',
          select: { mode: 'sinceLast' },
          purpose: 'Benchmark: case files for return',
          outDir: out,
          overrideConsent: true,
          overrideReason: 'Benchmark run on generated demo cases',
        },
        { onProgress: exportStages.onProgress },
      );
      if (!result.ok) throw new Error(`bundles.export: ${result.error.code} ${result.error.message}`);
      return result.value as MethodOutput<'bundles.export'>;
    });
    const exportStagesMs = exportStages.end();
    const bundle = exported.value;
    const records = Object.values(bundle.records).reduce((a, b) => a + b, 0);
    const cases = bundle.records.case ?? 0;

    process.stderr.write(`bench: exchange — import in the worker (${records} records)\n`);
    // A long export leaves the receiving office idle past its idle lock (15 minutes by default): sign
    // in again, as its user would, before the import is timed.
    if ((await workerCall(worker, 'session.status', {})).state !== 'unlocked') {
      await workerCall(worker, 'session.unlock', { username: 'admin', password: BENCH_PASSWORD });
    }
    // What the receiving workspace holds before the import (for the raw floor), read while its worker is idle.
    const receiving = join(work, 'mm-ws');
    const before = await withWorkspace(receiving, (db) => {
      const tables = tablesOf(db);
      return { tables, marks: markTables(db, tables) };
    });
    const importCpu = process.cpuUsage();
    const importStages = stageClock();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const imported = await measured(async () => {
      try {
        return { ok: true as const, value: await workerCall(worker, 'bundles.import', { path: bundle.path }, importStages.onProgress) };
      } catch (err) {
        return { ok: false as const, error: (err as Error).message };
      }
    });
    delay.disable();
    const importCpuUsed = process.cpuUsage(importCpu);
    const importCpuMs = (importCpuUsed.user + importCpuUsed.system) / 1000;
    const importStagesMs = importStages.end();
    const ms = (ns: number) => round(ns / 1e6);

    process.stderr.write('bench: exchange — raw floor of the import\n');
    await worker.stop();
    const floor = imported.value.ok ? await withWorkspace(receiving, (db) => rawFloor(db, join(work, 'import-raw.db'), before.tables, before.marks)) : null;

    process.stderr.write('bench: exchange — age beside\n');
    const age = await ageBeside(tier, bundle.path, work);
    writeFileSync(join(work, 'done'), '');

    return {
      cases,
      records,
      recordsByType: bundle.records,
      bundleMiB: round(mib(bundle.bytes)),
      export: {
        ms: round(exported.ms),
        casesPerSec: perSec(cases, exported.ms),
        recordsPerSec: perSec(records, exported.ms),
        mibPerSec: round(mib(bundle.bytes) / (exported.ms / 1000)),
        peakRssGrowthMiB: exported.peakRssGrowthMiB,
        stagesMs: exportStagesMs,
      },
      import: {
        where: 'the receiving core in a worker thread (electron/worker/entry.ts)',
        ...(imported.value.ok
          ? {
              ms: round(imported.ms),
              casesPerSec: perSec(cases, imported.ms),
              recordsPerSec: perSec(records, imported.ms),
              mibPerSec: round(mib(bundle.bytes) / (imported.ms / 1000)),
              applied: imported.value.value.applied,
            }
          : { failed: imported.value.error, ms: round(imported.ms) }),
        peakRssGrowthMiB: imported.peakRssGrowthMiB,
        cpuMs: round(importCpuMs),
        stagesMs: importStagesMs,
        mainThreadEventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        baseline: floor && {
          what:
            'the raw floor: prepared INSERTs of exactly the rows the import added (records, change log, audit entries, stream and bundle rows, ' +
            'plus the few audit entries of the bench signing in and out to read them), one transaction, into a fresh SQLCipher database with the same schema, in this thread',
          rows: floor.rows,
          rowsByTable: floor.rowsByTable,
          ms: round(floor.ms),
          cpuMs: round(floor.cpuMs),
          rawRowsPerSec: perSec(floor.rows, floor.ms),
          rawRecordsPerSec: perSec(records, floor.ms),
          rawCasesPerSec: perSec(cases, floor.ms),
        },
        ratio: floor && imported.value.ok ? round(floor.ms / imported.ms, 3) : null,
        byCpuTime: floor && imported.value.ok ? { importCpuMsPerRecord: round(importCpuMs / records, 4), rawCpuMsPerRecord: round(floor.cpuMs / records, 4), ratio: round(floor.cpuMs / importCpuMs, 3) } : null,
      },
      baseline: { age },
    };
  } finally {
    await worker.stop();
  }
}
