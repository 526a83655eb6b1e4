/**
 * One benchmark tier of `npm run bench`: a workspace holding `cases` demo cases, built once and shared
 * by every measurement of that tier (list and search, reports, exchange, the write path), so that a
 * million-case tier is generated a single time.
 */
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
  /** How long generating them took. */
  demoMs: number;
};

export const callOf =
  (core: Core): Call =>
  async (method, params) => {
    const result = await core.dispatcher.dispatch(method, params);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };

/** Creates a workspace under `root` and fills it with `cases` demo cases, reporting progress on stderr. */
export async function openTier(root: string, cases: number): Promise<BenchTier> {
  // The shipped Argon2id parameters, so that the tier's unlock figure is what a user waits for.
  const core = createCore(join(root, 'tier-ws'), { idleCheckMs: 0 });
  const call = callOf(core);
  await call('workspace.create', {
    organisation: { name: 'Bench Task Force', code: 'BENCH', country: 'THA', type: 'LawEnforcement' },
    admin: { username: 'admin', displayName: 'Admin', password: BENCH_PASSWORD },
  });
  let lastTenth = -1;
  const onProgress = (done: number, total: number) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth !== lastTenth) process.stderr.write(`bench: ${cases} tier, demo cases ${done}/${total}\n`);
    lastTenth = tenth;
  };
  const start = performance.now();
  const demo = await core.dispatcher.dispatch('demo.generate', { cases }, { onProgress });
  if (!demo.ok) throw new Error(`demo.generate: ${demo.error.message}`);
  return { root, core, call, cases, demoMs: performance.now() - start };
}
