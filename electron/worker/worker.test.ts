import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { CoreWorker } from './client';
import { tempDir, TEST_KDF, TEST_ORG, ADMIN_PASSWORD } from '../testing/fixtures';
import type { CoreEvent } from '../../shared/contract';

describe('the core in its worker thread', () => {
  it('creates a workspace, answers calls, reports progress of a backup, and can cancel one', async () => {
    const dir = join(tempDir(), 'ws');
    const core = await CoreWorker.start({ workspaceDir: dir, kdf: TEST_KDF });
    try {
      const created = await core.invoke('workspace.create', {
        organisation: TEST_ORG,
        admin: { username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD },
      });
      expect(created).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } });

      const events: CoreEvent[] = [];
      core.on((e) => events.push(e));
      const backup = await core.invoke('backup.create', {}, 'call-1');
      expect(backup).toMatchObject({ ok: true });
      const progress = events.filter((e) => e.type === 'progress' && e.callId === 'call-1');
      expect(progress.length).toBeGreaterThan(0);
      const last = progress.at(-1) as Extract<CoreEvent, { type: 'progress' }>;
      expect(last.done).toBe(last.total);

      const cancelled = core.invoke('backup.create', {}, 'call-2');
      core.cancel('call-2');
      const result = await cancelled;
      if (!result.ok) expect(result.error.code).toBe('CANCELLED');
      // Whichever way the race went, no half-written backup is left behind.
      expect(readdirSync(join(dir, 'backups')).filter((f) => f.includes('.partial') || f.startsWith('.snapshot'))).toEqual([]);

      expect(await core.invoke('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    } finally {
      await core.stop();
    }
    expect(existsSync(join(dir, 'workspace.db'))).toBe(true);
  });

  it('pushes a session.locked event when the user locks', async () => {
    const dir = join(tempDir(), 'ws');
    const core = await CoreWorker.start({ workspaceDir: dir, kdf: TEST_KDF });
    try {
      await core.invoke('workspace.create', { organisation: TEST_ORG, admin: { username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD } });
      const locked = new Promise<CoreEvent>((resolve) => core.on((e) => e.type === 'session.locked' && resolve(e)));
      await core.invoke('session.lock', {});
      expect(await locked).toEqual({ type: 'session.locked', reason: 'user' });
      expect(await core.invoke('workspace.info', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    } finally {
      await core.stop();
    }
  });
});
