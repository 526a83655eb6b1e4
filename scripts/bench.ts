/**
 * `npm run bench [-- --records N --rounds N --unlocks N --cases N[,N…] --exchange-max N]`: prints ONE JSON document of measured figures, each
 * beside the baseline it should be read against, measured in the same run on the same machine.
 * Benchmarks are not tests: nothing here passes or fails.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { argon2id } from 'hash-wasm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { createCore } from '../electron/rpc/core';
import { DEFAULT_KDF } from '../electron/store/keyslots';
import { openDatabase } from '../electron/store/database';
import { loadMigrations, migrate } from '../electron/store/migrate';
import { testRegistry } from '../electron/testing/noteRecord';
import { benchCases } from './benchCases';
import { benchReports } from './benchReports';
import { benchExchange } from './benchExchange';
import { benchInsert } from './benchInsert';
import { BENCH_PASSWORD, openTier, type BenchTier } from './benchTier';

/** Bytes of the encrypted database files of a workspace (main file, WAL). */
const databaseBytes = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.db(-wal)?$/.test(e.name))
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);

/** Unlocking the tier workspace (shipped Argon2id parameters, the database at this size). */
async function tierUnlock(tier: BenchTier, runs: number) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    tier.core.session.lock('user');
    const t = performance.now();
    const result = await tier.core.dispatcher.dispatch('session.unlock', { username: 'admin', password: BENCH_PASSWORD });
    samples.push(performance.now() - t);
    if (!result.ok) throw new Error(`session.unlock: ${result.error.message}`);
  }
  return stats(samples);
}

const Args = z.object({
  records: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  rounds: z.coerce.number().int().min(1).max(15).default(3),
  unlocks: z.coerce.number().int().min(1).max(50).default(5),
  /** The tiers: demo cases per workspace, comma-separated. */
  cases: z
    .string()
    .default('10000,100000,1000000')
    .transform((s) => s.split(',').map((n) => Number(n.trim())))
    .pipe(z.array(z.number().int().min(1).max(1_000_000)).min(1).max(5)),
  /** Bundle export/import runs for tiers up to this size. */
  'exchange-max': z.coerce.number().int().min(1).max(1_000_000).default(100_000),
});
const { values } = parseArgs({ options: { records: { type: 'string' }, rounds: { type: 'string' }, unlocks: { type: 'string' }, cases: { type: 'string' }, 'exchange-max': { type: 'string' } }, allowPositionals: false });
const args = Args.parse(values);

const PASSWORD = 'correct horse battery staple';
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), runs: samples.length };
};
const round = (n: number) => Math.round(n * 10) / 10;
const time = async (fn: () => unknown) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const root = mkdtempSync(join(tmpdir(), 'counterpart-bench-'));
try {
  // Unlock with the shipped Argon2id parameters, beside the bare KDF run on its own.
  const dir = join(root, 'ws');
  const core = createCore(dir, { idleCheckMs: 0, registry: testRegistry() });
  const created = await core.dispatcher.dispatch('workspace.create', {
    organisation: { name: 'Bench Task Force', code: 'BENCH', country: 'THA', type: 'LawEnforcement' },
    admin: { username: 'admin', displayName: 'Admin', password: PASSWORD },
  });
  if (!created.ok) throw new Error(created.error.message);
  const unlockSamples: number[] = [];
  const kdfSamples: number[] = [];
  for (let i = 0; i < args.unlocks; i++) {
    core.session.lock('user');
    unlockSamples.push(await time(() => core.dispatcher.dispatch('session.unlock', { username: 'admin', password: PASSWORD })));
    kdfSamples.push(
      await time(() =>
        argon2id({ password: PASSWORD, salt: randomBytes(16), iterations: DEFAULT_KDF.iterations, memorySize: DEFAULT_KDF.memoryKiB, parallelism: DEFAULT_KDF.parallelism, hashLength: 32, outputType: 'binary' }),
      ),
    );
  }

  // Writes through the service path (validation, envelope, change log, audit chain) beside raw inserts of the same rows.
  // Rounds alternate between the two (each a transaction of `records` rows) so that load from other
  // processes falls on both alike; the figures are the medians over the rounds.
  const u = core.session.requireUnlocked();
  const rows = Array.from({ length: args.records }, (_, i) => ({ title: `Note ${i}`, body: 'Follow-up visit, household interview, referral to shelter.', tags: ['bench'] }));
  const rawDb = openDatabase(join(root, 'raw.db'), randomBytes(32), { mustExist: false });
  migrate(rawDb, loadMigrations());
  const insert = rawDb.prepare(
    `INSERT INTO records (id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data) VALUES (?, 'note', 'BENCH', ?, '{"n":1}', '{}', ?, 'admin', 0, ?)`,
  );
  // The floor: the three rows the service path writes per record (record, change log, audit entry with its hash), as bare SQL.
  const floorDb = openDatabase(join(root, 'floor.db'), randomBytes(32), { mustExist: false });
  migrate(floorDb, loadMigrations());
  const floorRecord = floorDb.prepare(
    `INSERT INTO records (id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data) VALUES (?, 'note', 'BENCH', ?, '{"n":1}', '{}', ?, 'admin', 0, ?)`,
  );
  const floorChange = floorDb.prepare(`INSERT INTO change_log (record_type, record_id, hlc, op, fields, at) VALUES ('note', ?, ?, 'put', '["body","tags","title"]', ?)`);
  const floorAudit = floorDb.prepare(
    `INSERT INTO audit_log (seq, at, user_id, username, role, action, record_type, record_id, outcome, details, prev_hash, hash) VALUES (?, ?, ?, 'admin', 'admin', 'note.create', 'note', ?, 'ok', NULL, ?, ?)`,
  );
  const serviceSamples: number[] = [];
  const rawSamples: number[] = [];
  const floorSamples: number[] = [];
  let floorSeq = 0;
  let floorHash = '0'.repeat(64);
  for (let round = 0; round < args.rounds; round++) {
    serviceSamples.push(await time(() => u.transaction(() => rows.forEach((row) => u.records.create('note', row)))));
    const now = new Date().toISOString();
    rawSamples.push(await time(() => rawDb.transaction(() => rows.forEach((row, i) => insert.run(uuidv7(), String(round * args.records + i).padStart(13, '0'), now, JSON.stringify(row))))()));
    floorSamples.push(
      await time(() =>
        floorDb.transaction(() =>
          rows.forEach((row, i) => {
            const id = uuidv7();
            const hlc = String(round * args.records + i).padStart(13, '0');
            floorRecord.run(id, hlc, now, JSON.stringify(row));
            floorChange.run(id, hlc, now);
            const hash = createHash('sha256').update(`${floorHash}\n${id}`).digest('hex');
            floorAudit.run(++floorSeq, now, 'user-id', id, floorHash, hash);
            floorHash = hash;
          }),
        )(),
      ),
    );
  }
  core.session.lock('user');
  rawDb.close();
  floorDb.close();
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  const serviceMs = median(serviceSamples);
  const rawMs = median(rawSamples);
  const floorMs = median(floorSamples);

  // One workspace per tier, generated once and shared by every measurement of that size.
  const tiers: Record<string, unknown> = {};
  for (const n of args.cases) {
    const tierRoot = join(root, `tier-${n}`);
    mkdirSync(tierRoot);
    const tier = await openTier(tierRoot, n);
    const figures: Record<string, unknown> = {
      demo: { cases: n, ms: Math.round(tier.demoMs), casesPerSec: Math.round(n / (tier.demoMs / 1000)), databaseMiB: Math.round(databaseBytes(join(tierRoot, 'tier-ws')) / 2 ** 20) },
    };
    figures.unlock = await tierUnlock(tier, args.unlocks);
    figures.insert = await benchInsert(tier, { rounds: args.rounds });
    figures.cases = await benchCases(tier);
    figures.reports = await benchReports(tier);
    if (n <= args['exchange-max']) figures.exchange = await benchExchange(tier);
    figures.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    tiers[String(n)] = figures;
    tier.core.session.lock('user');
    rmSync(tierRoot, { recursive: true, force: true });
  }

  const servicePerSec = Math.round(args.records / (serviceMs / 1000));
  const rawPerSec = Math.round(args.records / (rawMs / 1000));
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
    unlock: {
      kdf: { algorithm: 'argon2id', ...DEFAULT_KDF },
      ...stats(unlockSamples),
      baseline: { what: 'the Argon2id derivation alone, same parameters', ...stats(kdfSamples) },
    },
    insert: {
      records: args.records,
      rounds: args.rounds,
      servicePathPerSec: servicePerSec,
      baseline: { what: 'raw SQLCipher INSERT of the same rows into the same table, one transaction', rawPerSec },
      ratio: Math.round((servicePerSec / rawPerSec) * 1000) / 1000,
      floor: {
        what: 'bare SQL of the three rows the service path writes per record (record, change-log row, hashed audit entry), one transaction',
        perSec: Math.round(args.records / (floorMs / 1000)),
        ratioToRaw: Math.round((rawMs / floorMs) * 1000) / 1000,
      },
      perRound: { serviceMs: serviceSamples.map(round), rawMs: rawSamples.map(round), floorMs: floorSamples.map(round) },
    },
    tiers,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
