/**
 * `npm run bench [-- --records N --rounds N --unlocks N --cases N[,N…] --exchange-max N --keep DIR --only-generate --parts insert,cases,reports,exchange]`: prints ONE JSON document of measured figures, each
 * beside the baseline it should be read against, measured in the same run on the same machine.
 * Benchmarks are not tests: nothing here passes or fails.
 *
 * `--keep DIR` keeps each tier's workspace in DIR/tier-N and reuses it in later runs, adding only the
 * demo cases it lacks (a million-case tier takes over an hour to generate through the service path);
 * `--only-generate` stops after generating (or topping up) the tiers.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { createCore } from '../electron/rpc/core';
import { DEFAULT_KDF } from '../electron/store/keyslots';
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
  keep: z.string().min(1).optional(),
  /** Which measurements run on each tier (default all); unlock and demo figures are always printed. */
  parts: z
    .string()
    .default('insert,cases,reports,exchange')
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(z.enum(['insert', 'cases', 'reports', 'exchange'])).min(1)),
  'only-generate': z.boolean().default(false),
});
const { values } = parseArgs({ options: { records: { type: 'string' }, rounds: { type: 'string' }, unlocks: { type: 'string' }, cases: { type: 'string' }, 'exchange-max': { type: 'string' }, keep: { type: 'string' }, parts: { type: 'string' }, 'only-generate': { type: 'boolean' } }, allowPositionals: false });
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

  core.session.lock('user');

  // One workspace per tier, generated once and shared by every measurement of that size.
  const tiers: Record<string, unknown> = {};
  for (const [i, n] of args.cases.entries()) {
    const tierRoot = join(args.keep ?? root, `tier-${n}`);
    mkdirSync(tierRoot, { recursive: true });
    const tier = await openTier(tierRoot, n);
    const added = tier.cases - tier.reused;
    const figures: Record<string, unknown> = {
      demo: {
        cases: tier.cases,
        ...(tier.reused > 0 ? { keptFromEarlierRun: tier.reused } : {}),
        added,
        ms: Math.round(tier.demoMs),
        casesPerSec: added > 0 ? Math.round(added / (tier.demoMs / 1000)) : null,
        databaseMiB: Math.round(databaseBytes(join(tierRoot, 'tier-ws')) / 2 ** 20),
      },
    };
    if (args['only-generate']) {
      tiers[String(n)] = figures;
      tier.core.session.lock('user');
      continue;
    }
    // Each part's figures also go to stderr as soon as they are measured: a run that fails later
    // (hours into a 1M tier) keeps what it measured.
    const measure = async (name: string, run: () => Promise<unknown>) => {
      figures[name] = await run();
      process.stderr.write(`bench: ${n} tier, ${name}: ${JSON.stringify(figures[name])}\n`);
    };
    await measure('unlock', () => tierUnlock(tier, args.unlocks));
    // The legacy single-table figure (notes, `--records`) once, in the first tier.
    const part = (name: (typeof args.parts)[number]) => args.parts.includes(name);
    // The cases part registers cases (not demo ones) in the tier; demo.generate then refuses to mix
    // demo cases with them. A fresh tier runs insert first; a kept one that ran the cases part before says so.
    const registered = tier.core.session.requireUnlocked().workspace.db.prepare('SELECT count(*) FROM case_index WHERE demo = 0').pluck().get() as number;
    if (part('insert') && registered > 0) {
      figures.insert = { notMeasured: `the kept tier holds ${registered} registered cases from an earlier run's cases part, and demo.generate does not add demo cases beside registered ones; measure the write path on a fresh tier or a copy kept before the cases part` };
      process.stderr.write(`bench: ${n} tier, insert not measured: ${registered} registered cases in the kept tier\n`);
    } else if (part('insert')) await measure('insert', () => benchInsert(tier, { rounds: args.rounds, notes: i === 0 ? args.records : 0 }));
    if (part('cases')) await measure('cases', () => benchCases(tier));
    if (part('reports')) await measure('reports', () => benchReports(tier));
    if (part('exchange') && n <= args['exchange-max']) await measure('exchange', () => benchExchange(tier));
    figures.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    tiers[String(n)] = figures;
    tier.core.session.lock('user');
    // A kept tier keeps its workspace; its scratch folders (exchange partner, raw databases) go.
    if (args.keep) {
      for (const e of readdirSync(tierRoot)) if (e !== 'tier-ws') rmSync(join(tierRoot, e), { recursive: true, force: true });
    } else {
      rmSync(tierRoot, { recursive: true, force: true });
    }
  }

  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
    unlock: {
      kdf: { algorithm: 'argon2id', ...DEFAULT_KDF },
      ...stats(unlockSamples),
      baseline: { what: 'the Argon2id derivation alone, same parameters', ...stats(kdfSamples) },
    },
    tiers,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
