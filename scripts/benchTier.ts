/**
 * One benchmark tier of `npm run bench`: a workspace holding `cases` demo cases, built once and shared
 * by every measurement of that tier (list and search, reports, exchange, the write path), so that a
 * million-case tier is generated a single time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../electron/rpc/core';
import type { MethodName, MethodOutput } from '../shared/contract';

export const BENCH_PASSWORD = 'correct horse battery staple';
/** Cheap Argon2id for the bench workspaces; the unlock figure uses the shipped parameters separately. */
export const BENCH_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

export type Call = <M extends MethodName>(method: M, params: unknown) => Promise<MethodOutput<M>>;

export type BenchTier = {
  /** A scratch folder of this tier (other workspaces, bundles, raw databases go under it). */
  root: string;
  /** The unlocked core of the tier workspace (administrator session). */
  core: Core;
  call: Call;
  /** Demo cases in the workspace. */
  cases: number;
  /** How long generating them took (the cases added in this run). */
  demoMs: number;
  /** Demo cases the workspace already held when the run began (a kept tier, `--keep`); 0 for a new one. */
  reused: number;
};

export const callOf =
  (core: Core): Call =>
  async (method, params) => {
    // The bench is one user at work: the minutes it spends outside the dispatcher (a reference
    // derivation read straight from the database takes half an hour at 1M cases) are not idle time.
    core.session.touch();
    const result = await core.dispatcher.dispatch(method, params);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };

/**
 * Opens the tier workspace under `root` (creating it when the folder holds none) and tops it up to
 * `cases` demo cases, reporting progress on stderr. A workspace kept from an earlier run (`--keep`) is
 * unlocked and only the missing cases are generated; demo generation commits in chunks, so a run
 * stopped half-way resumes where it stopped.
 */
export async function openTier(root: string, cases: number): Promise<BenchTier> {
  // The shipped Argon2id parameters, so that the tier's unlock figure is what a user waits for.
  const dir = join(root, 'tier-ws');
  const core = createCore(dir, { idleCheckMs: 0 });
  const call = callOf(core);
  if (existsSync(dir)) await call('session.unlock', { username: 'admin', password: BENCH_PASSWORD });
  else
    await call('workspace.create', {
      organisation: { name: 'Bench Task Force', code: 'BENCH', country: 'THA', type: 'LawEnforcement' },
      admin: { username: 'admin', displayName: 'Admin', password: BENCH_PASSWORD },
    });
  const db = core.session.requireUnlocked().workspace.db;
  const reused = db.prepare('SELECT count(*) FROM case_index WHERE demo = 1').pluck().get() as number;
  const missing = Math.max(0, cases - reused);
  let lastTenth = -1;
  const onProgress = (done: number, total: number) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth !== lastTenth) process.stderr.write(`bench: ${cases} tier, demo cases ${reused + done}/${cases}\n`);
    lastTenth = tenth;
  };
  const start = performance.now();
  if (missing > 0) {
    const demo = await core.dispatcher.dispatch('demo.generate', { cases: missing }, { onProgress });
    if (!demo.ok) throw new Error(`demo.generate: ${demo.error.message}`);
  }
  return { root, core, call, cases: reused + missing, demoMs: performance.now() - start, reused };
}
