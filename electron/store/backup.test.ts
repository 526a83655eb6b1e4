import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createCore, type Core } from '../rpc/core';
import { newWorkspace, tempDir, unwrap, ADMIN_PASSWORD, TEST_KDF, TEST_ORG, TEST_THROTTLE } from '../testing/fixtures';
import { RecordRegistry } from './records';
import { restoreBackup } from './backup';

const SECRET_NOTE = 'Interview notes: Mae Sot shelter, room 4';
const registry = () => new RecordRegistry().register({ type: 'note', schema: z.object({ text: z.string() }), personalData: true });

type Info = { workspaceId: string; organisation: { name: string; code: string }; schemaVersion: number; users: number; stateDigest: string; records: Record<string, number> };

const info = async (core: Core): Promise<Info> => unwrap(await core.dispatcher.dispatch('workspace.info', {})) as Info;

/** A workspace with a second user and one record holding personal data, and a backup of it. */
async function workspaceWithBackup(): Promise<{ core: Core; dir: string; backup: string; before: Info }> {
  const { core, dir } = await newWorkspace({ registry: registry() });
  unwrap(await core.dispatcher.dispatch('users.add', { username: 'nilar', displayName: 'Nilar Case Worker', role: 'case_worker', password: 'a long case worker passphrase' }));
  const u = core.session.requireUnlocked();
  u.transaction(() => u.records.create('note', { text: SECRET_NOTE }));
  const before = await info(core);
  const { path } = unwrap(await core.dispatcher.dispatch('backup.create', {})) as { path: string };
  return { core, dir, backup: path, before };
}

/** The tar entries of a backup file: name, where its data starts, and its size (ustar headers, 512-byte blocks). */
function tarEntries(archive: Buffer): { name: string; offset: number; size: number }[] {
  const entries: { name: string; offset: number; size: number }[] = [];
  let at = 0;
  while (at + 512 <= archive.length && archive[at] !== 0) {
    const header = archive.subarray(at, at + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    entries.push({ name, offset: at + 512, size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

const coreFor = (dir: string): Core => createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0, registry: registry() });

/** Every file under a folder with its SHA-256, to show that a failed restore changed nothing. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path, createHash('sha256').update(readFileSync(path)).digest('hex')];
      }),
  );
}

describe('backups', () => {
  it('a backup is a tar of backup.json, keyslots.json and the still-encrypted database', async () => {
    const { core, dir, backup, before } = await workspaceWithBackup();
    core.session.lock('user');
    expect(dirname(backup)).toBe(join(dir, 'backups'));
    expect(backup).toMatch(/counterpart-TH-ATTF-.*\.cpbackup$/);

    const archive = readFileSync(backup);
    const entries = tarEntries(archive);
    expect(entries.map((e) => e.name)).toEqual(['backup.json', 'keyslots.json', 'workspace.db']);
    const part = (name: string) => {
      const e = entries.find((x) => x.name === name)!;
      return archive.subarray(e.offset, e.offset + e.size);
    };

    const db = part('workspace.db');
    for (const plaintext of ['SQLite format 3', TEST_ORG.name, 'Somchai Admin', 'Nilar Case Worker', SECRET_NOTE]) {
      expect(archive.includes(Buffer.from(plaintext, 'utf8'))).toBe(false);
    }
    const manifest = JSON.parse(part('backup.json').toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'counterpart-backup',
      version: 1,
      workspaceId: before.workspaceId,
      schemaVersion: before.schemaVersion,
      database: { sha256: createHash('sha256').update(db).digest('hex'), size: db.length },
    });
    expect(JSON.parse(part('keyslots.json').toString('utf8'))).toEqual(JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')));
  });

  it('restoring into a new folder gives the same workspace, opened by the same passwords', async () => {
    const { core, backup, before } = await workspaceWithBackup();
    // A change after the backup must not be in the restored copy.
    unwrap(await core.dispatcher.dispatch('users.add', { username: 'later', displayName: 'Added Later', role: 'case_worker', password: 'another long passphrase' }));
    core.session.lock('user');

    const target = join(tempDir(), 'restored');
    const result = await restoreBackup(backup, target);
    expect(result).toEqual({ workspaceId: before.workspaceId, replaced: null });
    expect(readdirSync(target).sort()).toEqual(['keyslots.json', 'workspace.db']);

    const restored = coreFor(target);
    unwrap(await restored.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    const after = await info(restored);
    expect(after).toMatchObject({
      workspaceId: before.workspaceId,
      organisation: before.organisation,
      schemaVersion: before.schemaVersion,
      users: 2,
      stateDigest: before.stateDigest,
      records: { note: 1 },
    });
    expect(unwrap(await restored.dispatcher.dispatch('audit.verify', {}))).toMatchObject({ ok: true });
    restored.session.lock('user');

    unwrap(await restored.dispatcher.dispatch('session.unlock', { username: 'nilar', password: 'a long case worker passphrase' }));
    restored.session.lock('user');
    expect(await restored.dispatcher.dispatch('session.unlock', { username: 'later', password: 'another long passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
  });

  describe('a damaged or foreign file is refused with BACKUP_INVALID and the target folder is left alone', () => {
    const damage: Record<string, (archive: Buffer) => Buffer> = {
      'one flipped byte in the database': (archive) => {
        const db = tarEntries(archive).find((e) => e.name === 'workspace.db')!;
        const copy = Buffer.from(archive);
        copy[db.offset + Math.floor(db.size / 2)]! ^= 0x01;
        return copy;
      },
      'a file cut short': (archive) => archive.subarray(0, Math.floor(archive.length / 2)),
      'random bytes': () => randomBytes(64 * 1024),
      'an empty file': () => Buffer.alloc(0),
    };

    for (const [what, corrupt] of Object.entries(damage)) {
      it(`${what}: no new folder`, async () => {
        const { core, backup } = await workspaceWithBackup();
        core.session.lock('user');
        const bad = join(tempDir(), 'bad.cpbackup');
        writeFileSync(bad, corrupt(readFileSync(backup)));
        const parent = tempDir();
        const target = join(parent, 'restored');

        await expect(restoreBackup(bad, target)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
        expect(existsSync(target)).toBe(false);
        expect(readdirSync(parent)).toEqual([]); // no staging folder left behind
      });

      it(`${what}: an existing workspace stays as it was, even with force`, async () => {
        const { core, dir, backup } = await workspaceWithBackup();
        core.session.lock('user');
        const bad = join(tempDir(), 'bad.cpbackup');
        writeFileSync(bad, corrupt(readFileSync(backup)));
        const before = snapshot(dir);

        await expect(restoreBackup(bad, dir, { force: true })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
        expect(snapshot(dir)).toEqual(before);
        expect(readdirSync(dirname(dir))).toEqual(['ws']);
      });
    }

    it('a file that does not exist', async () => {
      const target = join(tempDir(), 'restored');
      await expect(restoreBackup(join(tempDir(), 'missing.cpbackup'), target)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      expect(existsSync(target)).toBe(false);
    });
  });

  it('restoring over an existing workspace needs force, and then moves the old one aside instead of deleting it', async () => {
    const { core, backup, before } = await workspaceWithBackup();
    core.session.lock('user');
    const other = await newWorkspace();
    const otherInfo = await info(other.core);
    other.core.session.lock('user');
    const otherFiles = snapshot(other.dir);

    await expect(restoreBackup(backup, other.dir)).rejects.toMatchObject({ code: 'WORKSPACE_EXISTS' });
    expect(snapshot(other.dir)).toEqual(otherFiles);

    const { workspaceId, replaced } = await restoreBackup(backup, other.dir, { force: true });
    expect(workspaceId).toBe(before.workspaceId);
    expect(replaced).not.toBeNull();
    expect(dirname(replaced!)).toBe(dirname(other.dir));
    // The old workspace is still on disk, byte for byte, and still opens.
    const moved = Object.fromEntries(Object.entries(snapshot(replaced!)).map(([path, hash]) => [path.replace(replaced!, other.dir), hash]));
    expect(moved).toEqual(otherFiles);
    const old = coreFor(replaced!);
    unwrap(await old.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    expect((await info(old)).workspaceId).toBe(otherInfo.workspaceId);
    old.session.lock('user');

    const restored = coreFor(other.dir);
    unwrap(await restored.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
    expect((await info(restored)).stateDigest).toBe(before.stateDigest);
    expect((await info(restored)).workspaceId).toBe(before.workspaceId);
    restored.session.lock('user');
  });
});
