import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CounterpartError } from '../../shared/contract/errors';
import { Keyslots, newRecoveryCode, DEFAULT_KDF, type KdfCost } from './keyslots';
import { openDatabase, DB_FILE, type Db } from './database';
import { loadMigrations, migrate, assertNotNewer, schemaVersion, type Migration } from './migrate';
import { writeBackup } from './backup';

export type StoreOptions = {
  kdf?: KdfCost;
  migrations?: Migration[];
};

/**
 * An unlocked workspace: the open encrypted database and the key slots. Holding one of these means
 * holding the master key; `close()` zeroes our copy and closes SQLCipher, which wipes its own.
 */
export class Workspace {
  private constructor(
    readonly dir: string,
    readonly db: Db,
    readonly keyslots: Keyslots,
    private readonly masterKey: Uint8Array,
    readonly kdf: KdfCost,
  ) {}

  static exists(dir: string): boolean {
    return Keyslots.exists(dir) && existsSync(join(dir, DB_FILE));
  }

  /**
   * Creates the folder's database and key slots: a random master key, wrapped for the first user and
   * for a new recovery code (returned once, never stored).
   */
  static async create(dir: string, firstUser: { username: string; password: string }, opts: StoreOptions = {}): Promise<{ workspace: Workspace; recoveryCode: string }> {
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new CounterpartError('WORKSPACE_EXISTS', `${dir} is not empty; choose a new or empty folder for the workspace.`);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const kdf = opts.kdf ?? DEFAULT_KDF;
    const masterKey: Uint8Array = randomBytes(32);
    const keyslots = Keyslots.create(dir, crypto.randomUUID());
    const recoveryCode = newRecoveryCode();
    await keyslots.setUserSlot(firstUser.username, firstUser.password, masterKey, kdf);
    await keyslots.setRecoverySlot(recoveryCode, masterKey, kdf);
    const db = openDatabase(join(dir, DB_FILE), masterKey, { mustExist: false });
    migrate(db, opts.migrations ?? loadMigrations());
    db.prepare(`INSERT INTO meta (key, value) VALUES ('workspace_id', @id)`).run({ id: keyslots.workspaceId });
    keyslots.save();
    return { workspace: new Workspace(dir, db, keyslots, masterKey, kdf), recoveryCode };
  }

  /** Opens with a master key already unwrapped from a slot. Migrates, after a backup, when the schema is older. */
  static async open(dir: string, keyslots: Keyslots, masterKey: Uint8Array, opts: StoreOptions = {}): Promise<Workspace> {
    let db: Db;
    try {
      db = openDatabase(join(dir, DB_FILE), masterKey, { mustExist: true });
    } catch (err) {
      masterKey.fill(0);
      throw err;
    }
    const workspace = new Workspace(dir, db, keyslots, masterKey, opts.kdf ?? DEFAULT_KDF);
    try {
      const migrations = opts.migrations ?? loadMigrations();
      assertNotNewer(db, migrations);
      const current = schemaVersion(db);
      if (current < migrations.length) {
        await writeBackup(workspace, join(dir, 'backups', `pre-migration-v${current}-${Date.now()}.cpbackup`));
        migrate(db, migrations);
      }
      const id = db.prepare(`SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get();
      if (id !== keyslots.workspaceId) throw new CounterpartError('WORKSPACE_CORRUPT', 'keyslots.json belongs to a different workspace database.');
      return workspace;
    } catch (err) {
      workspace.close();
      throw err;
    }
  }

  get workspaceId(): string {
    return this.keyslots.workspaceId;
  }

  /** For slot rewrites (add user, change password): the key never leaves the core. */
  withMasterKey<T>(fn: (key: Uint8Array) => T): T {
    if (this.closed) throw new CounterpartError('SESSION_LOCKED', 'The workspace is locked.');
    return fn(this.masterKey);
  }

  private closed = false;

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.masterKey.fill(0);
    if (this.db.open) this.db.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
