import { Settings } from '../../shared/contract/workspace';
import type { Db } from '../store/database';

export const DEFAULT_SETTINGS: Settings = { idleMinutes: 15 };

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...stored });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function writeSettings(db: Db, patch: Partial<Settings>): Settings {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run({ key, value: JSON.stringify(value) });
  return readSettings(db);
}
