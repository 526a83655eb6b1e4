import { describe, expect, it } from 'vitest';
import { stateDigest } from '../store/records';
import { newOffice, OFFICES, outDir, pair, type Office } from './testkit';

const u = (o: Office) => o.core.session.requireUnlocked();
const digest = (o: Office) => stateDigest(u(o).workspace.db);
const note = (o: Office, id: string) => u(o).records.get('note', id)!;
const edit = (o: Office, id: string, patch: Record<string, unknown>) => u(o).transaction(() => u(o).records.update('note', id, patch));

async function send(from: Office, to: Office, type = 'case-update', ids?: string[]) {
  const sent = await from.call('bundles.export', {
    to: [to.code],
    type,
    select: ids ? { mode: 'ids', ids } : { mode: 'sinceLast' },
    purpose: 'handover of a returnee',
    outDir: outDir(),
  });
  return to.call('bundles.import', { path: sent.path });
}

describe('merge: ownership, handover, concurrent edits and the conflict queue', () => {
  it('a non-owner cannot edit; a signed handover moves ownership; edits in the handover window merge or wait as conflicts; resolving converges both sides', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    await pair(th, mm);
    const created = u(th).transaction(() => u(th).records.create('note', { title: 'Returnee A', body: 'in shelter', tags: ['return'] }));
    await send(th, mm);
    expect(() => edit(mm, created.id, { body: 'MM edit' })).toThrow(/belongs to TH-ATTF/);

    // TH hands over to MM (a case manager may approve this); MM takes ownership on import.
    const handover = await send(th, mm, 'ownership-transfer', [created.id]);
    expect(handover.status).toBe('imported');
    expect(note(mm, created.id).ownerOrg).toBe('MM-DSW');
    // Until TH hears back it still edits (the handover window), while MM edits as the new owner.
    expect(note(th, created.id).ownerOrg).toBe('TH-ATTF');
    edit(th, created.id, { body: 'TH: medical check done', tags: ['return', 'medical'] });
    edit(mm, created.id, { body: 'MM: family traced', title: 'Returnee A (Yangon)' });

    const atMm = await send(th, mm);
    expect(atMm.applied).toMatchObject({ conflicting: 1, refused: 0, held: 0 });
    const atTh = await send(mm, th);
    expect(atTh.applied).toMatchObject({ conflicting: 1, refused: 0 });

    // Non-overlapping fields merged, the same field waits in both queues; both show the same data.
    expect(note(th, created.id).ownerOrg).toBe('MM-DSW');
    for (const o of [th, mm]) {
      expect(note(o, created.id).data).toMatchObject({ title: 'Returnee A (Yangon)', tags: ['return', 'medical'] });
    }
    expect(note(th, created.id).data).toEqual(note(mm, created.id).data);
    expect(digest(th)).toBe(digest(mm));
    const [thConflict] = await th.call('conflicts.list', {});
    const [mmConflict] = await mm.call('conflicts.list', {});
    expect(thConflict).toMatchObject({ field: 'body', state: 'open', canResolve: false });
    expect(mmConflict).toMatchObject({ field: 'body', state: 'open', canResolve: true });
    expect(new Set([mmConflict!.localValue, mmConflict!.remoteValue])).toEqual(new Set(['TH: medical check done', 'MM: family traced']));
    // TH no longer owns it: it can neither edit nor resolve.
    expect(() => edit(th, created.id, { body: 'x' })).toThrow(/belongs to MM-DSW/);
    expect(await th.core.dispatcher.dispatch('conflicts.resolve', { id: thConflict!.id, choice: 'mine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // MM resolves with an edit that keeps both; the resolution travels and closes TH's entry too.
    const resolved = await mm.call('conflicts.resolve', { id: mmConflict!.id, choice: 'edit', value: 'MM: family traced; TH: medical check done' });
    expect(resolved.state).toBe('resolved');
    await send(mm, th);
    expect(await th.call('conflicts.list', {})).toEqual([]);
    expect((await th.call('conflicts.list', { state: 'superseded' }))[0]).toMatchObject({ field: 'body' });
    expect(note(th, created.id).data.body).toBe('MM: family traced; TH: medical check done');
    expect(digest(th)).toBe(digest(mm));
  });

  it('a selection of records in any order, naming one twice, travels in id order and is imported', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    await pair(th, mm);
    const notes = u(th).transaction(() => ['first', 'second', 'third'].map((title) => u(th).records.create('note', { title })));
    const ids = notes.map((n) => n.id);
    const imported = await send(th, mm, 'case-update', [ids[2]!, ids[0]!, ids[2]!, ids[1]!]);
    expect(imported).toMatchObject({ status: 'imported', applied: { new: 3, refused: 0 } });
    expect(ids.map((id) => note(mm, id).data.title)).toEqual(['first', 'second', 'third']);
  });

  it('a record of another organisation sent by a non-owner is refused and reported, not applied', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    await pair(th, mm);
    const mine = u(mm).transaction(() => u(mm).records.create('note', { title: 'MM note' }));
    await send(mm, th);
    // TH forges an edit of MM's record by writing it directly (bypassing the owner check) and sends it.
    const db = u(th).workspace.db;
    db.prepare(`UPDATE records SET owner_org = 'TH-ATTF' WHERE id = ?`).run(mine.id);
    edit(th, mine.id, { title: 'hijacked' });
    db.prepare(`UPDATE records SET owner_org = 'MM-DSW' WHERE id = ?`).run(mine.id);
    db.prepare(`INSERT INTO ownership_transfers (record_id, record_type, from_org, to_org, bundle_id, state, offered_at) VALUES (?, 'note', 'TH-ATTF', 'XX', 'x', 'offered', 'x')`).run(mine.id);
    const forged = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'ids', ids: [mine.id] }, purpose: 'forged edit', outDir: outDir() });
    // The preview says why, as a code with parameters that the screen words in the user's language.
    const preview = await mm.call('bundles.inspect', { path: forged.path });
    expect(preview.refusals).toEqual([{ recordId: mine.id, recordType: 'note', reason: 'OWNED_HERE', params: { owner: 'MM-DSW', sender: 'TH-ATTF' } }]);
    const result = await mm.call('bundles.import', { path: forged.path });
    expect(result.applied).toMatchObject({ refused: 1, updated: 0 });
    expect(note(mm, mine.id).data.title).toBe('MM note');
  });
});
