import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../rpc/core';
import type { SessionOptions } from '../identity/session';
import type { Result } from '../../shared/contract/errors';

/** Cheap Argon2id for tests that are not about the KDF (the format tests use the real cost). */
export const TEST_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
export const TEST_THROTTLE = { baseDelayMs: 20, maxDelayMs: 200, now: Date.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

export const ADMIN_PASSWORD = 'correct horse battery staple';
export const TEST_ORG = { name: 'Anti-Trafficking Task Force', code: 'TH-ATTF', country: 'THA', type: 'LawEnforcement' } as const;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty temp folder, removed after the test. */
export function tempDir(prefix = 'counterpart-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A core over a fresh workspace folder (`ws` inside a temp dir), created and unlocked as `admin`. */
export async function newWorkspace(opts: SessionOptions = {}): Promise<{ core: Core; dir: string; recoveryCode: string }> {
  const dir = join(tempDir(), 'ws');
  const core = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0, ...opts });
  const created = unwrap(
    await core.dispatcher.dispatch('workspace.create', {
      organisation: TEST_ORG,
      admin: { username: 'admin', displayName: 'Somchai Admin', password: ADMIN_PASSWORD },
    }),
  ) as { recoveryCode: string };
  return { core, dir, recoveryCode: created.recoveryCode };
}
