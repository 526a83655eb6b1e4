import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { newOffice, OFFICES, outDir, pair, type Office } from './testkit';

/**
 * One bundle that holds every kind of record an import meets — new (one of them deleted), updated,
 * unchanged, conflicting and kept aside for want of ownership news — gives its counts and writes, per
 * record, the rows the merge rules say (docs/bundles.md §Merge): the import's fast paths for new
 * records must not change what lands in the database.
 */

const u = (o: Office) => o.core.session.requireUnlocked();
type RecordRow = { id: string; type: string; owner_org: string; hlc: string; vv: string; field_clock: string; updated_at: string; updated_by: string; deleted: number; data: string };
const row = (o: Office, id: string) => u(o).workspace.db.prepare('SELECT id, type, owner_org, hlc, vv, field_clock, updated_at, updated_by, deleted, data FROM records WHERE id = ?').get(id) as RecordRow | undefined;
const count = (o: Office, sql: string, ...params: unknown[]) => u(o).workspace.db.prepare(sql).pluck().get(...params) as number;
const write = <T>(o: Office, fn: () => T): T => u(o).transaction(fn);

async function send(from: Office, to: Office, type: string, ids?: string[]) {
  const sent = await from.call('bundles.export', { to: [to.code], type, select: ids ? { mode: 'ids', ids } : { mode: 'sinceLast' }, purpose: 'case management', outDir: outDir() });
  return to.call('bundles.import', { path: sent.path });
}

describe('import of a bundle mixing new, updated, unchanged, conflicting and held records', () => {
  it('counts each kind and writes exactly the merged rows, the conflict, the kept-aside version and one change and audit entry per written record', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    const sec = await newOffice(OFFICES.SEC);
    await pair(th, mm);
    await pair(th, sec);

    const note = (title: string, body: string, tags: string[] = []) => write(th, () => u(th).records.create('note', { title, body, tags })).id;
    const unchanged = note('Intake interview', 'screened at the border', ['intake']);
    const updated = note('Shelter placement', 'placed in Yangon shelter');
    const conflicting = note('Family tracing', 'started');
    expect((await send(th, mm, 'case-update')).applied).toMatchObject({ new: 3 });

    // Handed over to MM; in the handover window both offices write the same field.
    expect((await send(th, mm, 'ownership-transfer', [conflicting])).status).toBe('imported');
    write(th, () => u(th).records.update('note', conflicting, { body: 'TH: aunt found in Mawlamyine' }));
    write(mm, () => u(mm).records.update('note', conflicting, { body: 'MM: mother traced' }));

    // Handed over to SEC and known at TH as SEC's: MM has no news of that handover, so it keeps it aside.
    const held = note('Legal aid', 'lawyer assigned');
    expect((await send(th, sec, 'ownership-transfer', [held])).status).toBe('imported');
    expect((await send(sec, th, 'case-update')).status).toBe('imported');
    expect(row(th, held)!.owner_org).toBe(OFFICES.SEC.code);

    write(th, () => u(th).records.update('note', updated, { title: 'Shelter placement (moved to Mandalay)', tags: ['shelter', 'moved'] }));
    const fresh = [note('Medical check', 'done', ['health']), note('Return plan', 'escort booked', ['return', 'escort'])];
    const removed = note('Duplicate entry', 'registered twice');
    write(th, () => u(th).records.remove('note', removed));
    fresh.push(removed);

    const before = { unchanged: row(mm, unchanged)!, changes: count(mm, 'SELECT count(*) FROM change_log'), merges: count(mm, `SELECT count(*) FROM audit_log WHERE action = 'note.merge'`) };
    // Sorted: an export by ids writes them in the order given, and a data file must ascend (docs/bundles.md §Format).
    const result = await send(th, mm, 'case-update', [...fresh, unchanged, updated, conflicting, held].sort());
    expect(result.applied).toEqual({ new: 3, updated: 1, unchanged: 1, conflicting: 1, held: 1, refused: 0 });

    // New and updated records: the sender's version, data and field clocks in field-name order.
    for (const id of [...fresh, updated]) {
      const theirs = row(th, id)!;
      const ours = row(mm, id)!;
      expect(ours).toEqual({ ...theirs, vv: ours.vv, field_clock: canonicalJson(JSON.parse(theirs.field_clock)), data: canonicalJson(JSON.parse(theirs.data)) });
      expect(JSON.parse(ours.vv)).toEqual(JSON.parse(theirs.vv));
    }
    expect(JSON.parse(row(mm, removed)!.data)).toEqual({});
    expect(row(mm, removed)!.deleted).toBe(1);
    expect(JSON.parse(row(mm, updated)!.data)).toEqual({ title: 'Shelter placement (moved to Mandalay)', body: 'placed in Yangon shelter', tags: ['shelter', 'moved'] });
    // Unchanged: not a byte rewritten.
    expect(row(mm, unchanged)).toEqual(before.unchanged);
    // Conflicting: one write shown, the other open in the queue; both offices' versions joined.
    const x = row(mm, conflicting)!;
    const open = u(mm).workspace.db.prepare(`SELECT field, sibling_value, sibling_org, state FROM conflicts WHERE record_id = ?`).all(conflicting) as { field: string; sibling_value: string; sibling_org: string; state: string }[];
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ field: 'body', state: 'open' });
    expect(new Set([JSON.parse(x.data).body, JSON.parse(open[0]!.sibling_value)])).toEqual(new Set(['TH: aunt found in Mawlamyine', 'MM: mother traced']));
    expect(Object.keys(JSON.parse(x.vv)).sort()).toEqual([u(th).organisation.nodeId, u(mm).organisation.nodeId].sort());
    expect(x.owner_org).toBe(OFFICES.MM.code);
    // Held: kept aside with its reason, not written.
    expect(row(mm, held)).toBeUndefined();
    const kept = u(mm).workspace.db.prepare('SELECT sender, reason FROM held_versions WHERE record_id = ?').all(held) as { sender: string; reason: string }[];
    expect(kept).toHaveLength(1);
    expect(kept[0]!.sender).toBe(OFFICES.TH.code);
    expect(JSON.parse(kept[0]!.reason)).toMatchObject({ code: 'OWNER_UNCONFIRMED', params: { owner: OFFICES.SEC.code } });
    // One change-log row and one merge audit entry per written record (3 new, 1 updated, 1 conflicting).
    expect(count(mm, 'SELECT count(*) FROM change_log') - before.changes).toBe(5);
    expect(count(mm, `SELECT count(*) FROM audit_log WHERE action = 'note.merge'`) - before.merges).toBe(5);
    const merged = u(mm).workspace.db.prepare(`SELECT record_id, details FROM audit_log WHERE action = 'note.merge' ORDER BY seq DESC LIMIT 5`).all() as { record_id: string; details: string }[];
    expect(new Set(merged.map((m) => m.record_id))).toEqual(new Set([...fresh, updated, conflicting]));
    for (const m of merged) expect(JSON.parse(m.details)).toMatchObject({ new: fresh.includes(m.record_id), from: OFFICES.TH.code });
  });
});
