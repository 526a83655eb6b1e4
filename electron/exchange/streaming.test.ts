import { describe, expect, it, vi } from 'vitest';
import { NoteData } from '../testing/noteRecord';
import { exchangeRegistry, newOffice, OFFICES, outDir, pair, type Office } from './testkit';
import { asFiles, db, expectRefused, resigned, seal, snapshot, unpack } from './forgeKit';
import { ENVELOPE_PATH, sha256Hex, type Manifest } from './bundle';
import { RECORD_BATCH } from './incoming';
import { importBundle } from './import';

/**
 * Import streams the bundle and applies records in batches inside its one transaction
 * (docs/bundles.md §Limits): a fault found late — in the last data file, after many records were
 * already applied — must still leave the workspace exactly as it was.
 */

// Two record types, so the bundle has two data files (data/memo.ndjson, then data/note.ndjson).
const registry = () => exchangeRegistry().register({ type: 'memo', schema: NoteData, personalData: false, profiles: { 'case-update': { fields: 'all' } } });

const MEMOS = RECORD_BATCH + 100;
const NOTES = 2 * RECORD_BATCH + 200;

async function setup() {
  const th = await newOffice(OFFICES.TH, registry());
  const mm = await newOffice(OFFICES.MM, registry());
  await pair(th, mm);
  const u = th.core.session.requireUnlocked();
  u.transaction(() => {
    for (let i = 0; i < MEMOS; i++) u.records.create('memo', { title: `memo ${i}` });
    for (let i = 0; i < NOTES; i++) u.records.create('note', { title: `note ${i}`, body: `body ${i}` });
  });
  const good = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: outDir() });
  return { th, mm, good };
}

const auditCount = (o: Office) => db(o).prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

/** Changes a data file and puts its true hash, size and count in the manifest (signed again by TH). */
function rewriteData(path: string, change: (lines: string[]) => string[]) {
  return (m: Manifest, files: Map<string, Uint8Array>) => {
    const lines = change(Buffer.from(files.get(path)!).toString('utf8').split('\n').filter(Boolean));
    const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
    files.set(path, bytes);
    const entry = m.files.find((f) => f.path === path)!;
    Object.assign(entry, { sha256: sha256Hex(bytes), size: bytes.length, records: lines.length });
  };
}

describe('streaming import', () => {
  it('a hash mismatch in the last data file, found after more than two batches were applied, changes nothing', async () => {
    const { mm, good } = await setup();
    const files = await unpack(mm, good.path);
    expect([...files.keys()]).toEqual([ENVELOPE_PATH, 'data/memo.ndjson', 'data/note.ndjson']);
    const notes = Buffer.from(files.get('data/note.ndjson')!).toString('utf8');
    const last = `note ${NOTES - 1}`;
    expect(notes.lastIndexOf(last)).toBeGreaterThan(0);
    // The same length, valid JSON, the same count: only the hash tells.
    files.set('data/note.ndjson', Buffer.from(notes.slice(0, notes.lastIndexOf(last)) + last.toUpperCase() + notes.slice(notes.lastIndexOf(last) + last.length)));
    const audit = auditCount(mm);
    const records = mm.core.session.requireUnlocked().records;
    // The import runs with a larger page cache (64 MiB), given back when it ends, whichever way it ends.
    const cacheSize = () => db(mm).pragma('cache_size', { simple: true }) as number;
    const cacheBefore = cacheSize();
    const cacheDuring: number[] = [];
    const applyRemoteMany = records.applyRemoteMany.bind(records);
    const applied = vi.spyOn(records, 'applyRemoteMany').mockImplementation((batch) => {
      cacheDuring.push(cacheSize());
      applyRemoteMany(batch);
    });
    await expectRefused(mm, await seal(mm, asFiles(files)), 'BUNDLE_HASH_MISMATCH');
    expect(cacheDuring).toEqual([-65536, -65536, -65536, -65536]);
    expect(cacheSize()).toBe(cacheBefore);
    // Every memo and the full batches of notes were written before the file's end showed the mismatch
    // (the last, partial batch of notes waits for the end of its file).
    expect(applied.mock.calls.length).toBe(4);
    expect(applied.mock.calls.reduce((n, [batch]) => n + batch.length, 0)).toBe(MEMOS + 2 * RECORD_BATCH);
    applied.mockRestore();
    // expectRefused compared the state digest and counts; the audit trail holds only the refusal.
    expect(auditCount(mm)).toBe(audit + 1);
    expect(db(mm).prepare(`SELECT action, outcome FROM audit_log ORDER BY seq DESC LIMIT 1`).get()).toEqual({ action: 'bundles.import', outcome: 'failed' });

    // The good bundle: every record, in batches.
    const before = snapshot(mm);
    const inspection = await mm.call('bundles.inspect', { path: good.path });
    expect(inspection.preview).toMatchObject({ new: MEMOS + NOTES, refused: 0 });
    expect(snapshot(mm)).toEqual(before);
    const imported = await mm.call('bundles.import', { path: good.path, previewToken: inspection.previewToken });
    expect(imported.applied).toMatchObject({ new: MEMOS + NOTES });
    expect(db(mm).prepare('SELECT count(*) FROM records').pluck().get()).toBe(MEMOS + NOTES);
    expect(cacheSize()).toBe(cacheBefore);
  });

  it('a record twice in a data file, records out of id order, a line over the limit, a data file before the envelope: refused, nothing changed', async () => {
    const { th, mm, good } = await setup();
    // Hash, size and count all agree with the signed manifest: the file itself is wrong.
    await expectRefused(mm, await resigned(th, mm, good.path, rewriteData('data/note.ndjson', (lines) => [...lines, lines[lines.length - 1]!])), 'BUNDLE_MALFORMED');
    await expectRefused(mm, await resigned(th, mm, good.path, rewriteData('data/note.ndjson', (lines) => [lines[1]!, lines[0]!, ...lines.slice(2)])), 'BUNDLE_MALFORMED');
    const { importBundle } = await import('./import');
    const u = mm.core.session.requireUnlocked();
    const before = snapshot(mm);
    await expect(importBundle(u, good.path, { limits: { maxBundleBytes: 1 << 30, maxFileBytes: 1 << 20, maxFiles: 10, maxRecords: 1e6, maxLineBytes: 40 } })).rejects.toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    expect(snapshot(mm)).toEqual(before);
    const files = await unpack(mm, good.path);
    const reordered = asFiles(files).reverse();
    expect(reordered[0]!.path).not.toBe(ENVELOPE_PATH);
    await expectRefused(mm, await seal(mm, reordered), 'BUNDLE_MALFORMED');
    expect((await mm.call('bundles.import', { path: good.path })).status).toBe('imported');
  });
  it('a cancel raised while the import runs (polled between batches, as the worker’s shared flag is) rolls back what was applied', async () => {
    const { mm, good } = await setup();
    const before = snapshot(mm);
    const u = mm.core.session.requireUnlocked();
    const applied = vi.spyOn(u.records, 'applyRemoteMany');
    let polls = 0;
    // Cancelled after two batches were applied inside the transaction.
    const interrupted = () => ++polls > 2;
    await expect(importBundle(u, good.path, { interrupted })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(applied.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(snapshot(mm)).toEqual(before);
    // Not cancelled: the same file imports.
    await expect(importBundle(u, good.path, { interrupted: () => false })).resolves.toMatchObject({ status: 'imported' });
  });
});
