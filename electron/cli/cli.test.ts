import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLCipher from '@signalapp/sqlcipher';
import { Keyslots } from '../store/keyslots';
import { loadMigrations } from '../store/migrate';
import { tempDir, ADMIN_PASSWORD } from '../testing/fixtures';

const BIN = fileURLToPath(new URL('../../scripts/counterpart.mjs', import.meta.url));

type Run = { status: number | null; stdout: string; stderr: string };

function counterpart(args: string[], env: Record<string, string> = {}, config = tempDir('cli-config-')): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: config, COUNTERPART_TEST_KDF: '1', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function initWorkspace(): { dir: string; config: string; init: Run } {
  const dir = join(tempDir(), 'w');
  const config = tempDir('cli-config-');
  const init = counterpart(
    ['init', '--workspace', dir, '--org-name', 'Anti-Trafficking Task Force', '--org-code', 'TH-ATTF', '--country', 'THA', '--admin', 'admin'],
    { COUNTERPART_PASSWORD: ADMIN_PASSWORD },
    config,
  );
  return { dir, config, init };
}

/** Opens the workspace database with an independent SQLCipher build, as an attacker with the key would. */
async function withSqlcipher(dir: string, fn: (db: SQLCipher) => void): Promise<void> {
  const key = await Keyslots.load(dir).unlockUser('admin', ADMIN_PASSWORD);
  const db = new SQLCipher(join(dir, 'workspace.db'));
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

describe('the counterpart command line', { timeout: 180_000 }, () => {
  it('init creates the workspace and prints the recovery code once; info reports it', () => {
    const { dir, config, init } = initWorkspace();
    expect(init.status).toBe(0);
    const codes = init.stdout.match(/[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}/g);
    expect(codes).toHaveLength(1);
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).not.toContain(codes![0]);

    const info = counterpart(['info', '--workspace', dir, '--json'], { COUNTERPART_PASSWORD: ADMIN_PASSWORD }, config);
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ organisation: { name: 'Anti-Trafficking Task Force', code: 'TH-ATTF', country: 'THA' }, users: 1, schemaVersion: loadMigrations().length, records: {} });

    const again = counterpart(['init', '--workspace', dir, '--org-name', 'Another office', '--org-code', 'XX', '--country', 'THA', '--admin', 'admin'], { COUNTERPART_PASSWORD: ADMIN_PASSWORD }, config);
    expect(again.status).toBe(5);
    expect(again.stderr).toContain('WORKSPACE_EXISTS');
  });

  it('a wrong password exits 3 with WRONG_PASSWORD and leaves the database as it was', () => {
    const { dir, config } = initWorkspace();
    const before = readFileSync(join(dir, 'workspace.db'));
    const run = counterpart(['info', '--workspace', dir], { COUNTERPART_PASSWORD: 'definitely not it' }, config);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('WRONG_PASSWORD');
    expect(readFileSync(join(dir, 'workspace.db')).equals(before)).toBe(true);
  });

  it('refuses a weak password at init and never reads passwords from argv', () => {
    const dir = join(tempDir(), 'w');
    const run = counterpart(['init', '--workspace', dir, '--org-name', 'Task Force', '--org-code', 'TH-ATTF', '--country', 'THA', '--admin', 'admin'], { COUNTERPART_PASSWORD: 'password1234' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('WEAK_PASSWORD');
    expect(counterpart(['init', '--password', 'x']).status).toBe(2);
  });

  it('audit verify names the entry changed with an SQLCipher client', async () => {
    const { dir, config } = initWorkspace();
    const env = { COUNTERPART_PASSWORD: ADMIN_PASSWORD };
    expect(counterpart(['audit', 'verify', '--workspace', dir], env, config)).toMatchObject({ status: 0 });

    await withSqlcipher(dir, (db) => db.exec(`UPDATE audit_log SET username = 'someone-else' WHERE seq = 2`));
    const broken = counterpart(['audit', 'verify', '--workspace', dir, '--json'], env, config);
    expect(broken.status).toBe(6);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('audit verify notices a deleted entry', async () => {
    const { dir, config } = initWorkspace();
    await withSqlcipher(dir, (db) => db.exec('DELETE FROM audit_log WHERE seq = 3'));
    const broken = counterpart(['audit', 'verify', '--workspace', dir], { COUNTERPART_PASSWORD: ADMIN_PASSWORD }, config);
    expect(broken.status).toBe(6);
    expect(broken.stdout).toContain('first bad entry 3');
  });

  it('manages users: add, list, disable; a disabled user cannot unlock', () => {
    const { dir, config } = initWorkspace();
    const env = { COUNTERPART_PASSWORD: ADMIN_PASSWORD, COUNTERPART_NEW_PASSWORD: 'mingalaba social worker 2026' };
    expect(counterpart(['users', 'add', '--workspace', dir, '--username', 'thida', '--role', 'case_worker', '--display-name', 'Thida'], env, config).status).toBe(0);
    const list = JSON.parse(counterpart(['users', 'list', '--workspace', dir, '--json'], env, config).stdout) as { username: string; role: string }[];
    expect(list.map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['thida', 'case_worker'],
    ]);
    const asThida = counterpart(['users', 'list', '--workspace', dir, '--user', 'thida'], { COUNTERPART_PASSWORD: 'mingalaba social worker 2026' }, config);
    expect(asThida.status).toBe(4);
    expect(asThida.stderr).toContain('FORBIDDEN');
    expect(counterpart(['users', 'disable', '--workspace', dir, '--username', 'thida'], env, config).status).toBe(0);
    const disabled = counterpart(['info', '--workspace', dir, '--user', 'thida'], { COUNTERPART_PASSWORD: 'mingalaba social worker 2026' }, config);
    expect(disabled.status).toBe(3);
  });

  it('backs up and restores a workspace that opens with the same password', () => {
    const { dir, config } = initWorkspace();
    const env = { COUNTERPART_PASSWORD: ADMIN_PASSWORD };
    const out = join(tempDir(), 'office.cpbackup');
    expect(counterpart(['backup', '--workspace', dir, '--out', out], env, config).status).toBe(0);
    const restoredDir = join(tempDir(), 'restored');
    const restored = counterpart(['restore', '--from', out, '--workspace', restoredDir, '--json'], env, config);
    expect(restored.status).toBe(0);
    const original = JSON.parse(counterpart(['info', '--workspace', dir, '--json'], env, config).stdout) as { stateDigest: string; workspaceId: string };
    expect(JSON.parse(restored.stdout)).toMatchObject({ workspaceId: original.workspaceId, stateDigest: original.stateDigest });
    const garbage = join(tempDir(), 'garbage.cpbackup');
    spawnSync('sh', ['-c', `head -c 4096 /dev/urandom > ${garbage}`]);
    const bad = counterpart(['restore', '--from', garbage, '--workspace', join(tempDir(), 'nope')], env, config);
    expect(bad.status).toBe(5);
    expect(bad.stderr).toContain('BACKUP_INVALID');
  });
});
