import Database from 'better-sqlite3-multiple-ciphers';
import { CounterpartError } from '../../shared/contract/errors';

export type Db = Database.Database;

export const DB_FILE = 'workspace.db';

/**
 * The cipher pragmas, in the order they must be issued (docs/formats.md §Database).
 * SQLCipher 4 defaults: 4096-byte pages, HMAC-SHA512, a raw 256-bit key so no KDF runs.
 */
export function cipherPragmas(key: Uint8Array): string[] {
  if (key.length !== 32) throw new CounterpartError('INTERNAL', 'The master key must be 32 bytes.');
  // A view, not a copy: Buffer.from(Uint8Array) would leave a copy of the key in Node's buffer pool.
  const hex = Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex');
  return [`cipher='sqlcipher'`, 'legacy=4', `key="x'${hex}'"`];
}

/** Opens (or creates) the encrypted database. A wrong key or a foreign file gives WORKSPACE_CORRUPT. */
export function openDatabase(path: string, key: Uint8Array, opts: { mustExist: boolean }): Db {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: opts.mustExist });
  } catch (err) {
    throw new CounterpartError('WORKSPACE_NOT_FOUND', `Cannot open ${path}: ${(err as Error).message}`);
  }
  try {
    for (const pragma of cipherPragmas(key)) db.pragma(pragma);
    // Reading the schema is the first access that needs the key; a wrong key fails here.
    db.prepare('SELECT count(*) AS n FROM sqlite_schema').get();
  } catch {
    db.close();
    throw new CounterpartError('WORKSPACE_CORRUPT', 'The workspace database cannot be decrypted with this key.');
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Work that belongs at the end of a transaction rather than at every write in it (the audit log head):
 * hooks registered under a key run once, in the transaction, just before it commits.
 */
export type CommitScope = {
  readonly hooks: Map<string, () => void>;
  /** Called when a nested `inTransaction` (a savepoint) rolled back and the transaction goes on. */
  readonly rollbacks: Set<() => void>;
};
const scopes = new WeakMap<Db, CommitScope>();

/**
 * Runs fn in one IMMEDIATE transaction (takes the write lock up front, so no upgrade deadlocks).
 * Called inside another transaction it is a savepoint of it, as before; the outermost call runs the
 * commit hooks after fn, inside the transaction, so a failing hook rolls everything back.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) {
    const scope = scopes.get(db);
    try {
      return db.transaction(fn)();
    } catch (err) {
      for (const reset of scope?.rollbacks ?? []) reset();
      throw err;
    }
  }
  return db
    .transaction(() => {
      const scope: CommitScope = { hooks: new Map(), rollbacks: new Set() };
      scopes.set(db, scope);
      try {
        const result = fn();
        for (const hook of scope.hooks.values()) hook();
        return result;
      } finally {
        scopes.delete(db);
      }
    })
    .immediate();
}

/** The commit scope of the `inTransaction` running on this connection, or null (none, or a plain `db.transaction`). */
export function commitScope(db: Db): CommitScope | null {
  return db.inTransaction ? (scopes.get(db) ?? null) : null;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection (hot paths call this per row). */
export function cached(db: Db, sql: string): Database.Statement {
  let byConnection = statements.get(db);
  if (!byConnection) statements.set(db, (byConnection = new Map()));
  let statement = byConnection.get(sql);
  if (!statement) byConnection.set(sql, (statement = db.prepare(sql)));
  return statement;
}
