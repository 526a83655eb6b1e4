import { describe, expect, it } from 'vitest';
import { stateDigest } from '../store/records';
import { newOffice, OFFICES, outDir, pair, type Office } from './testkit';

/**
 * Regressions the convergence property test (convergence.test.ts) found, replayed as small explicit
 * scenarios so that they fail deterministically if the merge breaks again.
 */

const u = (o: Office) => o.core.session.requireUnlocked();
const note = (o: Office, id: string) => u(o).records.get('note', id)!;
const edit = (o: Office, id: string, patch: Record<string, unknown>) => u(o).transaction(() => u(o).records.update('note', id, patch));
const openConflicts = (o: Office) =>
  u(o).workspace.db.prepare(`SELECT record_id, field, sibling_clock, sibling_value FROM conflicts WHERE state = 'open' ORDER BY record_id, field, sibling_clock`).all();

async function send(from: Office, to: Office, type: string, ids?: string[]) {
  const sent = await from.call('bundles.export', { to: [to.code], type, select: ids ? { mode: 'ids', ids } : { mode: 'sinceLast' }, purpose: 'regression', outDir: outDir() });
  return to.call('bundles.import', { path: sent.path });
}

/** TH hands a note over to MM and both edit its body in the handover window: MM holds a body conflict. */
async function conflictAtMm() {
  const th = await newOffice(OFFICES.TH);
  const mm = await newOffice(OFFICES.MM);
  const sec = await newOffice(OFFICES.SEC);
  await pair(th, mm);
  await pair(th, sec);
  await pair(mm, sec);
  const created = u(th).transaction(() => u(th).records.create('note', { title: 'Returnee A', body: 'in shelter', tags: ['return'] }));
  await send(th, mm, 'case-update');
  await send(th, mm, 'ownership-transfer', [created.id]);
  edit(th, created.id, { body: 'TH: medical check done' });
  edit(mm, created.id, { body: 'MM: family traced' });
  expect((await send(th, mm, 'case-update')).applied).toMatchObject({ conflicting: 1, refused: 0, held: 0 });
  const [conflict] = await mm.call('conflicts.list', {});
  expect(conflict).toMatchObject({ field: 'body', state: 'open' });
  return { th, mm, sec, id: created.id, conflict: conflict! };
}

describe('merge regressions (convergence.test.ts, fast-check seed 987654)', () => {
  it('a conflict first received without its value (a referral keeps the field out) takes the value when a version carrying it arrives', async () => {
    const { mm, sec, id, conflict } = await conflictAtMm();

    // The referral keeps the body out: SEC learns of the body's write and of its open sibling as clocks only.
    expect((await send(mm, sec, 'case-referral')).applied).toMatchObject({ conflicting: 1, refused: 0, held: 0 });
    expect(note(sec, id).data.body).toBeUndefined();
    const [placeholder] = await sec.call('conflicts.list', {});
    expect(placeholder).toMatchObject({ field: 'body', state: 'open', remoteValue: undefined });

    // The case update carries the body and its sibling with their values; the version vector is the same.
    expect((await send(mm, sec, 'case-update')).applied).toMatchObject({ updated: 1, refused: 0, held: 0 });
    expect(note(sec, id).data).toEqual(note(mm, id).data);
    const [filled] = await sec.call('conflicts.list', {});
    expect(filled).toMatchObject({ id: placeholder!.id, field: 'body', state: 'open', remoteValue: conflict.remoteValue, localValue: conflict.localValue });
    expect(openConflicts(sec)).toEqual(openConflicts(mm));
    expect(stateDigest(u(sec).workspace.db)).toBe(stateDigest(u(mm).workspace.db));
  });

  it('an open sibling known only by its clock takes its value from a version whose version vector is not newer than ours', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    const sec = await newOffice(OFFICES.SEC);
    await pair(th, mm);
    await pair(mm, sec);
    const created = u(th).transaction(() => u(th).records.create('note', { title: 'Returnee B', body: 'in shelter', tags: [] }));
    const id = created.id;
    await send(th, mm, 'case-update');
    await send(th, mm, 'ownership-transfer', [id]);
    edit(th, id, { body: 'TH: medical check done' });
    // Two writes at MM: its body write has the higher counter, so MM's value is the one shown everywhere
    // (with equal counters the node ids, random, would decide).
    edit(mm, id, { body: 'MM: tracing' });
    edit(mm, id, { body: 'MM: family traced' });
    // MM's case update from before it hears of TH's edit; it reaches SEC late.
    const early = await mm.call('bundles.export', { to: [sec.code], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'regression', outDir: outDir() });
    expect((await send(th, mm, 'case-update')).applied).toMatchObject({ conflicting: 1 });
    const [conflict] = await mm.call('conflicts.list', {});
    expect(conflict).toMatchObject({ field: 'body', localValue: 'MM: family traced', remoteValue: 'TH: medical check done' });

    // SEC: the referral (the body and its open sibling as clocks only), then the early update (the shown
    // body's value, not the sibling's: that update had not seen it), then the current update, whose version
    // vector SEC has entirely seen already but which carries the sibling's value.
    expect((await send(mm, sec, 'case-referral')).applied).toMatchObject({ conflicting: 1, refused: 0, held: 0 });
    expect((await sec.call('bundles.import', { path: early.path })).applied).toMatchObject({ updated: 1, refused: 0, held: 0 });
    expect(note(sec, id).data.body).toBe('MM: family traced');
    expect((await sec.call('conflicts.list', {}))[0]).toMatchObject({ field: 'body', remoteValue: undefined });
    expect((await send(mm, sec, 'case-update')).applied).toMatchObject({ updated: 1, refused: 0, held: 0 });
    const [filled] = await sec.call('conflicts.list', {});
    expect(filled).toMatchObject({ field: 'body', state: 'open', localValue: conflict!.localValue, remoteValue: conflict!.remoteValue });
    expect(note(sec, id).data).toEqual(note(mm, id).data);
    expect(openConflicts(sec)).toEqual(openConflicts(mm));
    expect(stateDigest(u(sec).workspace.db)).toBe(stateDigest(u(mm).workspace.db));
  });
});
