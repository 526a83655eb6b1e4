import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createCore } from '../rpc/core';
import { newWorkspace, unwrap, ADMIN_PASSWORD, TEST_KDF } from '../testing/fixtures';
import { testRegistry } from '../testing/noteRecord';

const WRITER = fileURLToPath(new URL('../testing/crashWriter.ts', import.meta.url));
const COUNT = 60_000;

/** Runs the writer (in this very process id: `node --import tsx`, no wrapper) and SIGKILLs it `delayMs` after its transaction started. */
function killMidTransaction(dir: string, delayMs: number): Promise<{ sawCommit: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(COUNT)], { env: { ...process.env, COUNTERPART_PASSWORD: ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('IN_TX') && !child.killed) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (!out.includes('IN_TX')) return reject(new Error(`the writer never started its transaction (signal ${signal})`));
      resolve({ sawCommit: out.includes('COMMITTED') });
    });
  });
}

describe('a process killed in the middle of a large write transaction', () => {
  it('leaves a workspace that reopens intact, with the transaction entirely absent', async () => {
    const { core, dir } = await newWorkspace({ registry: testRegistry() });
    const before = unwrap(await core.dispatcher.dispatch('workspace.info', {})) as { auditEntries: number };
    core.session.lock('user');

    for (const delayMs of [0, 150, 400]) {
      const { sawCommit } = await killMidTransaction(dir, delayMs);
      expect(sawCommit).toBe(false);

      const reopened = createCore(dir, { kdf: TEST_KDF, idleCheckMs: 0, registry: testRegistry() });
      unwrap(await reopened.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
      const u = reopened.session.requireUnlocked();
      expect(u.workspace.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const notes = u.workspace.db.prepare(`SELECT count(*) FROM records WHERE type = 'note'`).pluck().get();
      const changes = u.workspace.db.prepare('SELECT count(*) FROM change_log').pluck().get();
      const writes = u.workspace.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'note.create'`).pluck().get();
      expect([notes, changes, writes]).toEqual([0, 0, 0]);
      expect(u.audit.verify().ok).toBe(true);
      reopened.session.lock('user');
    }
    expect(before.auditEntries).toBeGreaterThan(0);
  });

  it('a transaction that completes is entirely present', async () => {
    const { core, dir } = await newWorkspace({ registry: testRegistry() });
    core.session.lock('user');
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, '2000'], { env: { ...process.env, COUNTERPART_PASSWORD: ADMIN_PASSWORD }, stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    const reopened = createCore(dir, { kdf: TEST_KDF, idleCheckMs: 0, registry: testRegistry() });
    unwrap(await reopened.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const db = reopened.session.requireUnlocked().workspace.db;
    expect(db.prepare(`SELECT count(*) FROM records WHERE type = 'note'`).pluck().get()).toBe(2000);
    expect(db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(2000);
    reopened.session.lock('user');
  });
});
