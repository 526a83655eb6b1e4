import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../rpc/core';
import { loadMigrations, type Migration } from './migrate';
import { newWorkspace, unwrap, ADMIN_PASSWORD, TEST_KDF } from '../testing/fixtures';

const withExtra = (sql: string): Migration[] => [...loadMigrations(), { version: loadMigrations().length + 1, name: 'test_extra', sql }];

describe('migrations', () => {
  it('upgrade an older workspace after taking a backup, each migration in one transaction', async () => {
    const { core, dir } = await newWorkspace();
    core.session.lock('user');
    const newer = createCore(dir, { kdf: TEST_KDF, idleCheckMs: 0, migrations: withExtra('CREATE TABLE extra (x INTEGER);') });
    unwrap(await newer.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const u = newer.session.requireUnlocked();
    expect(u.workspace.db.pragma('user_version', { simple: true })).toBe(loadMigrations().length + 1);
    expect(u.workspace.db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'extra'`).pluck().get()).toBe('extra');
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.startsWith(`pre-migration-v${loadMigrations().length}-`))).toHaveLength(1);
  });

  it('a failing migration changes nothing', async () => {
    const { core, dir } = await newWorkspace();
    core.session.lock('user');
    const broken = createCore(dir, { kdf: TEST_KDF, idleCheckMs: 0, migrations: withExtra('CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1);') });
    const result = await broken.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { migration: loadMigrations().length + 1 } } });
    const again = createCore(dir, { kdf: TEST_KDF, idleCheckMs: 0 });
    unwrap(await again.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const db = again.session.requireUnlocked().workspace.db;
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'half'`).pluck().get()).toBe(0);
  });

  it('a workspace written by a newer version is refused with a clear message, untouched', async () => {
    const { core, dir } = await newWorkspace();
    core.session.requireUnlocked().workspace.db.pragma('user_version = 99');
    core.session.lock('user');
    const old = createCore(dir, { kdf: TEST_KDF, idleCheckMs: 0 });
    const result = await old.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD });
    expect(result).toMatchObject({ ok: false, error: { code: 'WORKSPACE_TOO_NEW', details: { schemaVersion: 99, supported: loadMigrations().length } } });
    expect(!result.ok && result.error.message).toContain('newer version of Counterpart');
  });

  it('the shipped migrations are numbered without gaps', () => {
    expect(loadMigrations().map((m) => m.version)).toEqual(loadMigrations().map((_, i) => i + 1));
  });
});
