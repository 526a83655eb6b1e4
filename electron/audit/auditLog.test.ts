import { describe, expect, it } from 'vitest';
import { newWorkspace } from '../testing/fixtures';
import { testRegistry } from '../testing/noteRecord';
import { AuditLog, SYSTEM_ACTOR } from './auditLog';

async function unlockedWithNotes() {
  const { core } = await newWorkspace({ registry: testRegistry() });
  return core.session.requireUnlocked();
}

type Head = { seq: number; hash: string };
const metaHead = (u: Awaited<ReturnType<typeof unlockedWithNotes>>): Head => JSON.parse(u.workspace.db.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`).pluck().get() as string) as Head;
const lastEntry = (u: Awaited<ReturnType<typeof unlockedWithNotes>>): Head => u.workspace.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Head;

/** Counts writes to meta.audit_head with a temporary trigger (lives only on this connection). */
function countHeadWrites(u: Awaited<ReturnType<typeof unlockedWithNotes>>): () => number {
  const db = u.workspace.db;
  db.exec(`CREATE TEMP TABLE head_writes (n INTEGER);
    CREATE TEMP TRIGGER head_written_u AFTER UPDATE ON main.meta WHEN new.key = 'audit_head' BEGIN INSERT INTO head_writes VALUES (1); END;
    CREATE TEMP TRIGGER head_written_i AFTER INSERT ON main.meta WHEN new.key = 'audit_head' BEGIN INSERT INTO head_writes VALUES (1); END;`);
  return () => db.prepare('SELECT count(*) FROM temp.head_writes').pluck().get() as number;
}

describe('the audit chain under batched writes', () => {
  it('a transaction of 500 record writes chains 500 entries and moves the log head once, to the last of them', async () => {
    const u = await unlockedWithNotes();
    const headWrites = countHeadWrites(u);
    const before = lastEntry(u);
    u.transaction(() => {
      for (let i = 0; i < 500; i++) u.records.create('note', { title: `Visit ${i}` });
    });
    expect(headWrites()).toBe(1);
    expect(lastEntry(u).seq).toBe(before.seq + 500);
    expect(metaHead(u)).toEqual(lastEntry(u));
    expect(u.audit.verify()).toEqual({ ok: true, entries: before.seq + 500 });
  });

  it('entries of an inner step that rolled back leave no gap: the chain and the head stay right', async () => {
    const u = await unlockedWithNotes();
    const db = u.workspace.db;
    u.transaction(() => {
      u.records.create('note', { title: 'kept before' });
      try {
        u.transaction(() => {
          u.records.create('note', { title: 'rolled back' });
          u.records.create('note', { title: 'rolled back too' });
          throw new Error('the inner step fails and is handled');
        });
      } catch {
        // handled by the caller: the outer transaction goes on
      }
      u.records.create('note', { title: 'kept after' });
    });
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'note.create'`).pluck().get()).toBe(2);
    expect(metaHead(u)).toEqual(lastEntry(u));
    expect(u.audit.verify()).toMatchObject({ ok: true });
  });

  it('a plain db.transaction step that rolled back unseen makes the whole transaction refuse to commit, rather than break the chain', async () => {
    const u = await unlockedWithNotes();
    const db = u.workspace.db;
    const before = lastEntry(u);
    expect(() =>
      u.transaction(() => {
        u.records.create('note', { title: 'first' });
        try {
          db.transaction(() => {
            u.records.create('note', { title: 'rolled back' });
            throw new Error('inner failure');
          })();
        } catch {
          // swallowed by careless code: the audit batch cannot see this rollback
        }
        u.records.create('note', { title: 'after' });
      }),
    ).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(lastEntry(u)).toEqual(before);
    expect(db.prepare(`SELECT count(*) FROM records WHERE type = 'note'`).pluck().get()).toBe(0);
    expect(u.audit.verify()).toMatchObject({ ok: true });
  });

  it('appends outside the managed transactions (on their own, or inside a plain one) still move the head', async () => {
    const u = await unlockedWithNotes();
    const db = u.workspace.db;
    const audit = new AuditLog(db);
    audit.append({ actor: SYSTEM_ACTOR, action: 'test.alone', outcome: 'ok' });
    expect(metaHead(u)).toEqual(lastEntry(u));
    db.transaction(() => {
      audit.append({ actor: SYSTEM_ACTOR, action: 'test.plain', outcome: 'ok' });
      audit.append({ actor: SYSTEM_ACTOR, action: 'test.plain', outcome: 'ok', details: { n: 2 } });
    })();
    expect(metaHead(u)).toEqual(lastEntry(u));
    expect(audit.verify()).toMatchObject({ ok: true });
  });

  it('entries cut off the end are still found after more writes', async () => {
    const u = await unlockedWithNotes();
    const db = u.workspace.db;
    u.transaction(() => {
      for (let i = 0; i < 5; i++) u.records.create('note', { title: `Visit ${i}` });
    });
    const { seq } = lastEntry(u);
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(seq - 2);
    u.transaction(() => {
      for (let i = 0; i < 3; i++) u.records.create('note', { title: `Later ${i}` });
    });
    expect(u.audit.verify()).toMatchObject({ ok: false, firstBadSeq: seq - 1 });
  });

  it('entry hashes are the documented ones: sha256(prev + "\\n" + canonical JSON of the fields)', async () => {
    const u = await unlockedWithNotes();
    const entry = u.audit.append({ actor: u.actor, action: 'test.hash', recordType: 'note', recordId: 'n-1', outcome: 'ok', details: { b: [1, 'two'], a: null }, at: '2026-01-02T03:04:05.000Z' });
    const { canonicalJson } = await import('../../shared/domain/canonicalJson');
    const { createHash } = await import('node:crypto');
    const row = u.workspace.db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(entry.seq) as Record<string, unknown>;
    const expected = createHash('sha256')
      .update(`${String(row.prev_hash)}\n`)
      .update(canonicalJson({ seq: row.seq, at: row.at, userId: row.user_id, username: row.username, role: row.role, action: row.action, recordType: row.record_type, recordId: row.record_id, outcome: row.outcome, details: row.details }))
      .digest('hex');
    expect(row.hash).toBe(expected);
    expect(entry).toMatchObject({ hash: expected, details: { a: null, b: [1, 'two'] } });
  });

  it('`add` writes the same chained entry as `append`, inside a managed transaction and on its own', async () => {
    const u = await unlockedWithNotes();
    const at = '2026-01-02T03:04:05.000Z';
    const input = { actor: u.actor, action: 'test.add', recordType: 'note', recordId: 'n-2', outcome: 'ok' as const, details: { z: 1, a: [true, null] } };
    const appended = u.audit.append({ ...input, at });
    u.audit.add({ ...input, at });
    u.transaction(() => {
      u.audit.add({ ...input, at });
      u.audit.add({ ...input, at });
    });
    const db = u.workspace.db;
    const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(appended.seq) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    const { canonicalJson } = await import('../../shared/domain/canonicalJson');
    const { createHash } = await import('node:crypto');
    let prev = rows[0]!.prev_hash as string;
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({ seq: appended.seq + i, at, action: 'test.add', record_id: 'n-2', details: '{"a":[true,null],"z":1}', prev_hash: prev });
      const fields = { seq: row.seq, at: row.at, userId: row.user_id, username: row.username, role: row.role, action: row.action, recordType: row.record_type, recordId: row.record_id, outcome: row.outcome, details: row.details };
      expect(row.hash).toBe(createHash('sha256').update(`${prev}\n${canonicalJson(fields)}`).digest('hex'));
      prev = row.hash as string;
    }
    expect(rows[0]!.hash).toBe(appended.hash);
    expect(JSON.parse(db.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`).pluck().get() as string)).toEqual({ seq: appended.seq + 3, hash: prev });
    expect(u.audit.verify()).toMatchObject({ ok: true });
  });
});
