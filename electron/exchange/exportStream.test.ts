import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDigest } from '../store/records';
import { tempDir } from '../testing/fixtures';
import { decryptBytes, generateIdentity, identityToRecipient } from './age';
import { parseManifest, sha256Hex, type DsseEnvelope } from './bundle';
import { Spool, spoolSource, writeBundleFile, type BundleSource } from './bundleWriter';
import { readTar } from './tar';
import { newOffice, OFFICES, outDir, pair, type Office } from './testkit';

/**
 * The streaming write side (docs/bundles.md §Export): records are read in pages and spooled encrypted,
 * the bundle goes through age into `<name>.partial`, and a cancel or failure at any point leaves no
 * file behind and nothing in the sent log.
 */

const db = (o: Office) => o.core.session.requireUnlocked().workspace.db;

function createNotes(o: Office, n: number): void {
  const u = o.core.session.requireUnlocked();
  u.transaction(() => {
    for (let i = 0; i < n; i++) u.records.create('note', { title: `Follow-up ${i}`, body: `Household visit ${i}; referral to shelter.` });
  });
}

async function twoOffices() {
  const th = await newOffice(OFFICES.TH);
  const mm = await newOffice(OFFICES.MM);
  await pair(th, mm);
  return { th, mm };
}

const exportParams = (dir: string) => ({ to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'Case follow-up', outDir: dir });

describe('streaming export', () => {
  it('more records than a page: every record travels once, the manifest matches the bytes, the sent log keeps the file byte for byte', async () => {
    const { th, mm } = await twoOffices();
    createNotes(th, 1234);
    const dir = outDir();
    const sent = await th.call('bundles.export', exportParams(dir));
    expect(sent.records).toEqual({ note: 1234 });
    expect(readdirSync(dir)).toEqual([sent.path.split('/').pop()]);

    // Our own archive key opens it: the tar holds the envelope and one data file of 1234 distinct lines.
    const identityFile = join(outDir(), 'th.txt');
    await th.call('keys.exportIdentity', { out: identityFile });
    const identity = readFileSync(identityFile, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    const files = await readTar(await decryptBytes(readFileSync(sent.path), [identity]), { maxFileBytes: 1 << 30, maxFiles: 10 });
    expect([...files.keys()]).toEqual(['envelope.json', 'data/note.ndjson']);
    const envelope = JSON.parse(Buffer.from(files.get('envelope.json')!).toString('utf8')) as DsseEnvelope;
    const manifest = parseManifest(new Uint8Array(Buffer.from(envelope.payload, 'base64')));
    const data = files.get('data/note.ndjson')!;
    expect(manifest.files).toEqual([{ path: 'data/note.ndjson', sha256: sha256Hex(data), size: data.length, records: 1234 }]);
    const ids = Buffer.from(data).toString('utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(new Set(ids).size).toBe(1234);
    expect([...ids].sort()).toEqual(ids);

    const stored = db(th).prepare('SELECT length(ciphertext) AS inline, (SELECT count(*) FROM sent_bundle_parts p WHERE p.bundle_id = s.bundle_id) AS parts FROM sent_bundles s WHERE bundle_id = ?').get(sent.bundleId);
    expect(stored).toEqual({ inline: 0, parts: 1 });
    const again = await th.call('bundles.resend', { bundleId: sent.bundleId, outDir: outDir() });
    expect(readFileSync(again.path).equals(readFileSync(sent.path))).toBe(true);

    await mm.call('bundles.import', { path: sent.path });
    expect(stateDigest(db(mm))).toBe(stateDigest(db(th)));
  });

  it.each(['select', 'encrypt'])('a cancel during "%s" leaves no file, no spool, no sent log entry and no checkpoint', async (stage) => {
    const { th } = await twoOffices();
    createNotes(th, 1600);
    const dir = outDir();
    const controller = new AbortController();
    const seen: string[] = [];
    const result = await th.core.dispatcher.dispatch('bundles.export', exportParams(dir), {
      signal: controller.signal,
      onProgress: (done, total, label) => {
        seen.push(label);
        // "encrypt" past its first half-step is the writer's own progress: the cancel lands mid-file.
        if (label === stage && done > (stage === 'encrypt' ? total / 2 : 0)) controller.abort();
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(seen).toContain(stage);
    expect(readdirSync(dir)).toEqual([]);
    expect(db(th).prepare('SELECT count(*) FROM sent_bundles').pluck().get()).toBe(0);
    expect(db(th).prepare('SELECT count(*) FROM export_checkpoints').pluck().get()).toBe(0);
    expect(db(th).prepare(`SELECT count(*) FROM audit_log WHERE action = 'bundle.export' AND outcome = 'ok'`).pluck().get()).toBe(0);

    // Nothing was consumed: the next export carries all of them.
    const sent = await th.call('bundles.export', exportParams(dir));
    expect(sent).toMatchObject({ seq: 1, records: { note: 1600 } });
  });
});

describe('bundle writer', () => {
  const recipient = identityToRecipient(generateIdentity());
  const input = (files: BundleSource[]) => ({
    manifest: {
      bundleId: '0190f5e2-7a3b-7c1d-8e9f-0a1b2c3d4e5f',
      bundleType: 'case-update' as const,
      sender: { org: 'TH-ATTF', fingerprint: 'a'.repeat(64) },
      recipients: [{ org: 'MM-DSW', fingerprint: 'b'.repeat(64) }],
      stream: { id: 'TH-ATTF>MM-DSW', seq: 1, prev: null },
      createdAt: '2026-01-01T00:00:00.000Z',
      purpose: 'test',
      legalBasis: null,
      consentRef: null,
      deleteAfter: null,
      acknowledgements: [],
      transfers: [],
      keyUpdate: null,
    },
    files,
    signer: { fingerprint: 'a'.repeat(64), sign: () => new Uint8Array(64) },
    ageRecipients: [recipient],
  });
  const lines = Buffer.from('{"id":1}\n{"id":2}\n');

  it('a file whose bytes are not the ones declared in the manifest: INTERNAL, and no file or partial is left', async () => {
    const dir = tempDir('writer-');
    const liar: BundleSource = { path: 'data/note.ndjson', sha256: sha256Hex(lines), size: lines.length, records: 2, content: () => [Buffer.from('{"id":1}\n{"id":3}\n')] };
    await expect(writeBundleFile(input([liar]), dir, 'x.cpb')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a source that fails half-way: its error, and no file or partial is left', async () => {
    const dir = tempDir('writer-');
    const failing: BundleSource = {
      path: 'data/note.ndjson',
      sha256: sha256Hex(lines),
      size: lines.length,
      records: 2,
      *content() {
        yield lines.subarray(0, 5);
        throw new Error('disk went away');
      },
    };
    await expect(writeBundleFile(input([failing]), dir, 'x.cpb')).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/disk went away/) });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an existing file of the same name is never replaced', async () => {
    const dir = tempDir('writer-');
    const source: BundleSource = { path: 'data/note.ndjson', sha256: sha256Hex(lines), size: lines.length, records: 2, content: () => [lines] };
    await writeBundleFile(input([source]), dir, 'x.cpb');
    const first = readFileSync(join(dir, 'x.cpb'));
    await expect(writeBundleFile(input([source]), dir, 'x.cpb')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(join(dir, 'x.cpb')).equals(first)).toBe(true);
    expect(readdirSync(dir)).toEqual(['x.cpb']);
  });

  it('the spool holds no plaintext on disk and gives back exactly what was written', () => {
    const dir = tempDir('spool-');
    const spool = new Spool(dir);
    const line = Buffer.from(`${JSON.stringify({ name: 'Aung San Kyi', phone: '+95 9 123 456' })}\n`);
    for (let i = 0; i < 5000; i++) spool.write(line);
    const source = spoolSource('data/person.ndjson', spool);
    const all = Buffer.concat([...spool.read()]);
    expect(all.equals(Buffer.concat(Array.from({ length: 5000 }, () => line)))).toBe(true);
    expect(source).toMatchObject({ sha256: sha256Hex(all), size: all.length, records: 5000 });
    const onDisk = readFileSync(spool.path);
    expect(onDisk.length).toBeGreaterThan(all.length);
    expect(onDisk.includes('Aung San Kyi')).toBe(false);
    spool.remove();
    expect(readdirSync(dir)).toEqual([]);
  });
});
