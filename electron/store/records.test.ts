import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { newWorkspace, unwrap } from '../testing/fixtures';
import { testRegistry } from '../testing/noteRecord';
import { mergeDetailsJson, stateDigest, type Envelope } from './records';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function unlockedWithNotes() {
  const { core } = await newWorkspace({ registry: testRegistry() });
  return core.session.requireUnlocked();
}

describe('the one write path for synchronised records', () => {
  it('writes the record, its change-log row and its audit entry together', async () => {
    const u = await unlockedWithNotes();
    const note = u.transaction(() => u.records.create('note', { title: 'Shelter visit' }));
    expect(note.id).toMatch(UUID_V7);
    expect(note).toMatchObject({ ownerOrg: 'TH-ATTF', updatedBy: 'admin', deleted: false, data: { title: 'Shelter visit', body: '', tags: [] } });
    expect(Object.values(note.vv)).toEqual([1]);
    const db = u.workspace.db;
    expect(db.prepare('SELECT record_id, op FROM change_log').all()).toEqual([{ record_id: note.id, op: 'put' }]);
    expect(db.prepare(`SELECT action, record_id FROM audit_log WHERE record_type = 'note'`).all()).toEqual([{ action: 'note.create', record_id: note.id }]);
  });

  it('refuses to write outside a transaction', async () => {
    const u = await unlockedWithNotes();
    expect(() => u.records.create('note', { title: 'x' })).toThrow(/transaction/);
  });

  it('rolls back record, change log and audit entry when the caller’s transaction fails', async () => {
    const u = await unlockedWithNotes();
    const auditBefore = u.workspace.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(() =>
      u.transaction(() => {
        u.records.create('note', { title: 'will vanish' });
        throw new Error('something later in the same transaction failed');
      }),
    ).toThrow();
    const db = u.workspace.db;
    expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
    expect(u.audit.verify().ok).toBe(true);
  });

  it('stamps only the fields that changed, and a no-op update writes nothing', async () => {
    const u = await unlockedWithNotes();
    const created = u.transaction(() => u.records.create('note', { title: 'Intake', body: 'first' }));
    const node = Object.keys(created.vv)[0]!;
    const updated = u.transaction(() => u.records.update('note', created.id, { body: 'second' }));
    expect(updated.vv).toEqual({ [node]: 2 });
    expect(updated.fieldClock).toMatchObject({ title: [node, 1], body: [node, 2], tags: [node, 1] });
    expect(updated.hlc > created.hlc).toBe(true);
    const same = u.transaction(() => u.records.update('note', created.id, { body: 'second' }));
    expect(same.vv).toEqual({ [node]: 2 });
    expect(u.workspace.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(2);
  });

  it('deletes as a tombstone that keeps the id and version but drops the content', async () => {
    const u = await unlockedWithNotes();
    const created = u.transaction(() => u.records.create('note', { title: 'Name of a person' }));
    const gone = u.transaction(() => u.records.remove('note', created.id));
    expect(gone).toMatchObject({ id: created.id, deleted: true, data: {} });
    const raw = u.workspace.db.prepare('SELECT data, deleted FROM records WHERE id = ?').get(created.id);
    expect(raw).toEqual({ data: '{}', deleted: 1 });
    expect(() => u.transaction(() => u.records.update('note', created.id, { title: 'back' }))).toThrow(/There is no note/);
  });

  it('only the owner organisation edits a record', async () => {
    const u = await unlockedWithNotes();
    const theirs = u.transaction(() => u.records.create('note', { title: 'from Myanmar' }, { ownerOrg: 'MM-DSW' }));
    expect(() => u.transaction(() => u.records.update('note', theirs.id, { title: 'mine now' }))).toThrow(/belongs to MM-DSW/);
  });

  it('rejects data that does not fit the record type', async () => {
    const u = await unlockedWithNotes();
    expect(() => u.transaction(() => u.records.create('note', { title: '' }))).toThrow(/not valid/);
  });

  it('a created record is stored with its envelope, change-log row and audit entry; an unknown type or data that is not an object changes nothing', async () => {
    const u = await unlockedWithNotes();
    const db = u.workspace.db;
    const given = { title: 'Built by the generator', body: 'b', tags: ['x'] };
    const note = u.transaction(() => u.records.create('note', given));
    expect(note.data).toEqual(given);
    expect(Object.keys(note.fieldClock).sort()).toEqual(['body', 'tags', 'title']);
    const row = db.prepare('SELECT data, field_clock, vv FROM records WHERE id = ?').get(note.id) as { data: string; field_clock: string; vv: string };
    expect(JSON.parse(row.data)).toEqual(given);
    expect(JSON.parse(row.field_clock)).toEqual(note.fieldClock);
    expect(JSON.parse(row.vv)).toEqual(note.vv);
    expect(db.prepare('SELECT op, fields FROM change_log WHERE record_id = ?').get(note.id)).toEqual({ op: 'put', fields: JSON.stringify(['title', 'body', 'tags']) });
    expect(db.prepare('SELECT action FROM audit_log WHERE record_id = ?').pluck().all(note.id)).toEqual(['note.create']);
    const before = db.prepare('SELECT count(*) FROM records').pluck().get();
    expect(() => u.transaction(() => u.records.create('no_such_type', given))).toThrow(/Unknown record type/);
    for (const bad of [null, 'text', [given]]) expect(() => u.transaction(() => u.records.create('note', bad))).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(before);
    expect(u.audit.verify().ok).toBe(true);
  });

  it('the state digest follows record versions', async () => {
    const u = await unlockedWithNotes();
    const empty = stateDigest(u.workspace.db);
    const note: Envelope = u.transaction(() => u.records.create('note', { title: 'a' }));
    const one = stateDigest(u.workspace.db);
    expect(one).not.toBe(empty);
    u.transaction(() => u.records.update('note', note.id, { title: 'b' }));
    expect(stateDigest(u.workspace.db)).not.toBe(one);
  });

  it('workspace.info counts records per type', async () => {
    const { core } = await newWorkspace({ registry: testRegistry() });
    const u = core.session.requireUnlocked();
    u.transaction(() => {
      u.records.create('note', { title: 'a' });
      u.records.create('note', { title: 'b' });
    });
    expect(unwrap(await core.dispatcher.dispatch('workspace.info', {}))).toMatchObject({ records: { note: 2 } });
  });
});

describe('the audit details of a merged record', () => {
  it('are the canonical JSON of { bundleId, from, fields, new }, byte for byte, whatever the strings hold', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.record({ isNew: fc.boolean(), fields: fc.array(text, { maxLength: 8 }), bundleId: text, sender: text }), (info) => {
        expect(mergeDetailsJson(info)).toBe(canonicalJson({ bundleId: info.bundleId, from: info.sender, fields: info.fields, new: info.isNew }));
      }),
      { numRuns: 2000 },
    );
  });
});
