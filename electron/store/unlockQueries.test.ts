import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../testing/fixtures';
import { openDatabase } from './database';
import { loadMigrations, migrate } from './migrate';
import { latestHlc } from './records';

describe('what unlocking reads does not grow with the workspace', () => {
  it('the newest HLC is one descent of the change_log_by_hlc index, and it is the maximum, not the last row', () => {
    const db = openDatabase(join(tempDir(), 'w.db'), randomBytes(32), { mustExist: false });
    migrate(db, loadMigrations());
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT max(hlc) FROM change_log').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING COVERING INDEX change_log_by_hlc/);
    const log = db.prepare(`INSERT INTO change_log (record_type, record_id, hlc, op, fields, at) VALUES ('note', ?, ?, 'put', '[]', '2026-11-24T00:00:00Z')`);
    // A version merged from another office is logged with its own, older HLC after a newer local one.
    log.run('a', '1795483023058.00002.node-a');
    log.run('b', '1795483000000.00000.node-b');
    expect(latestHlc(db)).toBe('1795483023058.00002.node-a');
    db.close();
  });
});
