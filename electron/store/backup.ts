import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import { DB_FILE } from './database';
import { KEYSLOTS_FILE, Keyslots } from './keyslots';
import { schemaVersion } from './migrate';
import type { Workspace } from './workspace';

/**
 * Backups: a POSIX tar holding backup.json, keyslots.json and a consistent encrypted snapshot of
 * workspace.db (made by VACUUM INTO, which keeps the SQLCipher encryption and key). Nothing in it is
 * plaintext but the key slots, so it opens with the same passwords and recovery code as the workspace
 * had when it was taken. Format: docs/formats.md §Backup.
 */

const BackupManifest = z.object({
  format: z.literal('counterpart-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  workspaceId: z.string().uuid(),
  schemaVersion: z.number().int(),
  database: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }),
});
type BackupManifest = z.infer<typeof BackupManifest>;

export type Progress = (done: number, total: number) => void;
export type LongOp = { signal?: AbortSignal; onProgress?: Progress };

const MAX_SMALL_ENTRY = 1024 * 1024;

function progressTap(total: number, onProgress?: Progress, signal?: AbortSignal): Transform {
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (signal?.aborted) return cb(new CounterpartError('CANCELLED', 'The backup was cancelled.'));
      done += chunk.length;
      onProgress?.(done, total);
      cb(null, chunk);
    },
  });
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function writeBackup(workspace: Workspace, outPath: string, op: LongOp = {}): Promise<{ path: string; bytes: number; createdAt: string }> {
  mkdirSync(dirname(outPath), { recursive: true, mode: 0o700 });
  const snapshot = join(dirname(outPath), `.snapshot-${randomBytes(8).toString('hex')}.db`);
  const partial = `${outPath}.partial`;
  let pack: tar.Pack | null = null;
  let written: Promise<void> | null = null;
  try {
    workspace.db.prepare('VACUUM INTO @path').run({ path: snapshot });
    const size = statSync(snapshot).size;
    const manifest: BackupManifest = {
      format: 'counterpart-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      workspaceId: workspace.workspaceId,
      schemaVersion: schemaVersion(workspace.db),
      database: { sha256: await sha256File(snapshot), size },
    };
    pack = tar.pack();
    written = pipeline(pack, createWriteStream(partial, { mode: 0o600 }));
    // Awaited below; if copying fails first, this must not surface as an unhandled rejection.
    written.catch(() => undefined);
    pack.entry({ name: 'backup.json', mode: 0o600 }, `${JSON.stringify(manifest, null, 2)}\n`);
    pack.entry({ name: KEYSLOTS_FILE, mode: 0o600 }, `${JSON.stringify(workspace.keyslots.toJSON(), null, 2)}\n`);
    const dbEntry = pack.entry({ name: DB_FILE, size, mode: 0o600 });
    await pipeline(createReadStream(snapshot), progressTap(size, op.onProgress, op.signal), dbEntry);
    pack.finalize();
    await written;
    renameSync(partial, outPath);
    return { path: outPath, bytes: statSync(outPath).size, createdAt: manifest.createdAt };
  } catch (err) {
    pack?.destroy();
    await written?.catch(() => undefined);
    rmSync(partial, { force: true });
    throw err instanceof CounterpartError ? err : new CounterpartError('INTERNAL', `The backup could not be written: ${(err as Error).message}`);
  } finally {
    rmSync(snapshot, { force: true });
  }
}

/**
 * Restores a backup into `targetDir`. Every entry is checked (names, sizes, database hash) before the
 * folder is touched; an existing workspace is only replaced with `force`, and is then moved aside, not deleted.
 */
export async function restoreBackup(file: string, targetDir: string, opts: { force?: boolean } & LongOp = {}): Promise<{ workspaceId: string; replaced: string | null }> {
  if (!existsSync(file)) throw new CounterpartError('BACKUP_INVALID', `There is no backup file at ${file}.`);
  const total = statSync(file).size;
  const staging = `${targetDir}.restoring-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const small = new Map<string, string>();
  let dbHash: string | null = null;
  let dbSize = 0;
  try {
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      void (async () => {
        if (header.type !== 'file') throw new CounterpartError('BACKUP_INVALID', `The backup holds an unexpected ${header.type} entry.`);
        if (header.name === DB_FILE) {
          if (dbHash) throw new CounterpartError('BACKUP_INVALID', 'The backup holds two databases.');
          const hash = createHash('sha256');
          const tap = new Transform({
            transform(chunk: Buffer, _e, cb) {
              hash.update(chunk);
              dbSize += chunk.length;
              cb(null, chunk);
            },
          });
          await pipeline(stream, tap, createWriteStream(join(staging, DB_FILE), { mode: 0o600 }));
          dbHash = hash.digest('hex');
        } else if ((header.name === 'backup.json' || header.name === KEYSLOTS_FILE) && !small.has(header.name) && (header.size ?? 0) <= MAX_SMALL_ENTRY) {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          small.set(header.name, Buffer.concat(chunks).toString('utf8'));
        } else {
          throw new CounterpartError('BACKUP_INVALID', `The backup holds an unexpected file: ${header.name}`);
        }
      })().then(() => next(), (err: unknown) => next(err as Error));
    });
    try {
      await pipeline(createReadStream(file), progressTap(total, opts.onProgress, opts.signal), extract);
    } catch (err) {
      if (err instanceof CounterpartError) throw err;
      throw new CounterpartError('BACKUP_INVALID', 'The file is not a Counterpart backup (it is not a readable archive).');
    }
    let manifest: BackupManifest;
    try {
      manifest = BackupManifest.parse(JSON.parse(small.get('backup.json') ?? 'null'));
    } catch {
      throw new CounterpartError('BACKUP_INVALID', 'The backup has no valid backup.json.');
    }
    if (!dbHash || dbHash !== manifest.database.sha256 || dbSize !== manifest.database.size) {
      throw new CounterpartError('BACKUP_INVALID', 'The database inside the backup is damaged (its checksum does not match).');
    }
    const keyslotsText = small.get(KEYSLOTS_FILE);
    if (!keyslotsText) throw new CounterpartError('BACKUP_INVALID', 'The backup has no keyslots.json.');
    writeFileSync(join(staging, KEYSLOTS_FILE), keyslotsText, { mode: 0o600 });
    const keyslots = Keyslots.load(staging);
    if (keyslots.workspaceId !== manifest.workspaceId) throw new CounterpartError('BACKUP_INVALID', 'The key slots in the backup belong to another workspace.');

    let replaced: string | null = null;
    if (existsSync(targetDir) && readdirSync(targetDir).length > 0) {
      if (!opts.force) throw new CounterpartError('WORKSPACE_EXISTS', `${targetDir} already holds files; restore into a new folder, or pass --force to move the current one aside.`);
      replaced = `${targetDir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(targetDir, replaced);
    } else if (existsSync(targetDir)) {
      rmSync(targetDir, { recursive: true });
    }
    renameSync(staging, targetDir);
    return { workspaceId: manifest.workspaceId, replaced };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
