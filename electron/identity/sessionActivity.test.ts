import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newWorkspace, unwrap, ADMIN_PASSWORD } from '../testing/fixtures';

type AuditPage = { entries: { action: string; outcome: string; details: Record<string, unknown> | null }[] };

/**
 * A call in flight is activity: the idle lock never closes the database under a running operation,
 * and the idle countdown starts again when the last call ends (DESIGN §5, docs/security.md §Idle lock).
 */
describe('long operations and the idle lock', () => {
  it('a backup that runs longer than the idle minutes finishes, and the next call still works', async () => {
    let now = Date.now();
    const { core, dir } = await newWorkspace({ now: () => now });
    unwrap(await core.dispatcher.dispatch('settings.update', { idleMinutes: 1 }));
    let checkedWhileRunning: string | null = null;
    const result = await core.dispatcher.dispatch('backup.create', {}, {
      onProgress: () => {
        // Ten minutes of (fake) time pass while the snapshot streams; the idle timer ticks meanwhile.
        now += 10 * 60_000;
        checkedWhileRunning = core.session.status().state;
      },
    });
    expect(checkedWhileRunning).toBe('unlocked');
    expect(result).toMatchObject({ ok: true });
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.cpbackup'))).toHaveLength(1);
    // The countdown restarted when the backup ended: the very next call is not refused as idle.
    expect(await core.dispatcher.dispatch('workspace.info', {})).toMatchObject({ ok: true });
    // ...and the idle lock still works once nothing runs.
    now += 60_000;
    expect(await core.dispatcher.dispatch('workspace.info', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('a manual lock during a backup cancels it cleanly: no backup file, no half-written data, the key is dropped when it stops', async () => {
    const { core, dir } = await newWorkspace();
    let lockedDuring = false;
    let dbOpenRightAfterLock: boolean | null = null;
    const result = await core.dispatcher.dispatch('backup.create', {}, {
      onProgress: () => {
        if (lockedDuring) return;
        lockedDuring = true;
        const db = core.session.requireUnlocked().workspace.db;
        core.session.lock('user');
        // New calls are refused at once; the running one is told to stop and the database closes when it has.
        dbOpenRightAfterLock = db.open;
      },
    });
    expect(lockedDuring).toBe(true);
    expect(dbOpenRightAfterLock).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(core.session.isUnlocked).toBe(false);
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
    expect(existsSync(join(dir, 'backups'))).toBe(true);

    unwrap(await core.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const log = unwrap(await core.dispatcher.dispatch('audit.list', { limit: 10 })) as AuditPage;
    const actions = log.entries.map((e) => `${e.action}:${e.outcome}`).reverse();
    expect(actions.slice(-3)).toEqual(['session.lock:ok', 'backup.create:failed', 'session.unlock:ok']);
    expect(unwrap(await core.dispatcher.dispatch('audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('a call that tries to start a transaction after the lock is refused with SESSION_LOCKED and writes nothing', async () => {
    const { core } = await newWorkspace();
    const u = core.session.requireUnlocked();
    const hold = core.session.hold();
    core.session.lock('user');
    expect(() => u.transaction(() => u.users.insert({ username: 'late', displayName: 'Late', role: 'viewer' }))).toThrow(expect.objectContaining({ code: 'SESSION_LOCKED' }));
    expect(u.workspace.isClosed).toBe(false);
    hold.release();
    expect(u.workspace.isClosed).toBe(true);
    unwrap(await core.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const users = unwrap(await core.dispatcher.dispatch('users.list', {})) as { username: string }[];
    expect(users.map((x) => x.username)).toEqual(['admin']);
  });
});
