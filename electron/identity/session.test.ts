import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../rpc/core';
import { newWorkspace, unwrap, ADMIN_PASSWORD, TEST_KDF, TEST_THROTTLE } from '../testing/fixtures';
import { FAILURES_FILE } from './throttle';

describe('unlocking a workspace', () => {
  it('creates a workspace whose database holds no names in plaintext', async () => {
    const { core, dir } = await newWorkspace();
    core.session.lock('user');
    const bytes = readFileSync(join(dir, 'workspace.db'));
    for (const text of ['Anti-Trafficking Task Force', 'TH-ATTF', 'Somchai Admin', 'admin', 'SQLite format 3']) {
      expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(false);
    }
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).not.toContain('admin');
  });

  it('a wrong password is refused with WRONG_PASSWORD, a growing delay, and only an audit entry to show for it', async () => {
    const { core, dir } = await newWorkspace();
    const before = unwrap(await core.dispatcher.dispatch('workspace.info', {})) as { stateDigest: string; auditEntries: number };
    core.session.lock('user');
    const dbBefore = readFileSync(join(dir, 'workspace.db'));

    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const result = await core.dispatcher.dispatch('session.unlock', { username: 'admin', password: 'not the password at all' });
      expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
      const retryAfterMs = (result as unknown as { error: { details: { retryAfterMs: number } } }).error.details.retryAfterMs;
      expect(Date.now() - started).toBeGreaterThanOrEqual(retryAfterMs);
      delays.push(retryAfterMs);
    }
    expect(delays).toEqual([20, 40, 80]);
    expect(readFileSync(join(dir, 'workspace.db')).equals(dbBefore)).toBe(true);
    expect(existsSync(join(dir, FAILURES_FILE))).toBe(true);

    unwrap(await core.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const after = unwrap(await core.dispatcher.dispatch('workspace.info', {})) as { stateDigest: string };
    expect(after.stateDigest).toBe(before.stateDigest);
    const log = unwrap(await core.dispatcher.dispatch('audit.list', { action: 'session.unlock' })) as { entries: { outcome: string }[] };
    expect(log.entries.map((e) => e.outcome).sort()).toEqual(['failed', 'failed', 'failed', 'ok']);
    expect(existsSync(join(dir, FAILURES_FILE))).toBe(false);
  });

  it('an unknown user is refused exactly like a wrong password', async () => {
    const { core } = await newWorkspace();
    core.session.lock('user');
    const result = await core.dispatcher.dispatch('session.unlock', { username: 'nobody', password: ADMIN_PASSWORD });
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
  });

  it('locks after the idle minutes and drops the key', async () => {
    let now = Date.now();
    const { core } = await newWorkspace({ now: () => now });
    unwrap(await core.dispatcher.dispatch('settings.update', { idleMinutes: 5 }));
    now += 4 * 60_000;
    expect((unwrap(await core.dispatcher.dispatch('session.status', {})) as { state: string }).state).toBe('unlocked');
    now += 5 * 60_000 + 1;
    const result = await core.dispatcher.dispatch('workspace.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect((unwrap(await core.dispatcher.dispatch('session.status', {})) as { state: string }).state).toBe('locked');
  });

  it('the recovery code sets a new password when the old one is forgotten', async () => {
    const { core, dir, recoveryCode } = await newWorkspace();
    core.session.lock('user');
    const wrong = await core.dispatcher.dispatch('session.recover', { username: 'admin', recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', newPassword: 'a brand new passphrase here' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_RECOVERY_CODE' } });
    unwrap(await core.dispatcher.dispatch('session.recover', { username: 'admin', recoveryCode: recoveryCode.toLowerCase(), newPassword: 'a brand new passphrase here' }));
    core.session.lock('user');
    const fresh = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0 });
    expect(await fresh.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    unwrap(await fresh.dispatcher.dispatch('session.unlock', { username: 'admin', password: 'a brand new passphrase here' }));
  });
});

describe('key slots cannot be swapped or probed', () => {
  it('a case worker who copies their slot under the admin’s tag cannot unlock as admin', async () => {
    const { core, dir } = await newWorkspace();
    unwrap(await core.dispatcher.dispatch('users.add', { username: 'thida', displayName: 'Thida', role: 'case_worker', password: 'a case worker passphrase here' }));
    core.session.lock('user');
    const path = join(dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { workspaceId: string; slots: { userTag: string | null; kind: string }[] };
    const { userTag } = await import('../store/keyslots');
    const adminTag = userTag(file.workspaceId, 'admin');
    const thidaSlot = file.slots.find((s) => s.userTag === userTag(file.workspaceId, 'thida'))!;
    file.slots = [{ ...thidaSlot, userTag: adminTag }, ...file.slots.filter((s) => s.userTag !== adminTag)];
    writeFileSync(path, JSON.stringify(file));
    const fresh = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0 });
    expect(await fresh.dispatcher.dispatch('session.unlock', { username: 'admin', password: 'a case worker passphrase here' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
  });

  it('a new recovery code replaces the old one', async () => {
    const { core, dir, recoveryCode } = await newWorkspace();
    const { recoveryCode: fresh } = unwrap(await core.dispatcher.dispatch('workspace.newRecoveryCode', {})) as { recoveryCode: string };
    expect(fresh).not.toBe(recoveryCode);
    core.session.lock('user');
    const again = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0 });
    expect(await again.dispatcher.dispatch('session.recover', { username: 'admin', recoveryCode, newPassword: 'another good passphrase now' })).toMatchObject({ ok: false, error: { code: 'WRONG_RECOVERY_CODE' } });
    unwrap(await again.dispatcher.dispatch('session.recover', { username: 'admin', recoveryCode: fresh, newPassword: 'another good passphrase now' }));
  });
});
