import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CounterpartError } from '../../shared/contract/errors';
import type { Db } from './database';

export type Migration = { version: number; name: string; sql: string };

/** The folder of numbered migrations; the packaged app copies it next to its bundle and passes the path. */
export const defaultMigrationsDir = (): string => fileURLToPath(new URL('./migrations/', import.meta.url));

export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.slice(4, -4), sql: readFileSync(join(dir, file), 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new CounterpartError('INTERNAL', `Migrations must be numbered 001, 002, ... without gaps (found ${m.version} at position ${i + 1}).`);
  });
  return migrations;
}

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

/** Refuses a database written by a newer Counterpart before anything is changed. */
export function assertNotNewer(db: Db, migrations: Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new CounterpartError(
      'WORKSPACE_TOO_NEW',
      `This workspace was written by a newer version of Counterpart (schema ${current}; this version knows up to ${latest}). Install the newer version to open it.`,
      { schemaVersion: current, supported: latest },
    );
  }
}

/** Applies pending migrations, each in its own transaction together with its user_version bump. */
export function migrate(db: Db, migrations: Migration[]): { from: number; to: number } {
  assertNotNewer(db, migrations);
  const from = schemaVersion(db);
  for (const m of migrations.slice(from)) {
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (err) {
      throw new CounterpartError('INTERNAL', `Upgrading the workspace to schema ${m.version} (${m.name}) failed, and that step was undone: ${(err as Error).message}`, {
        migration: m.version,
      });
    }
  }
  return { from, to: schemaVersion(db) };
}
