import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { productionRegistry } from '../rpc/recordTypes';
import { AUNG_KYAW_MOE, today } from '../cases/testkit';
import type { Manifest } from './bundle';
import { db, expectRefused, resigned, unpack } from './forgeKit';
import { newOffice, OFFICES, outDir, pair } from './testkit';

/**
 * Attachments travel in case bundles as `attachments/<sha256>`, listed in the signed manifest with hash
 * and size, checked on import, and stored inside the receiving office's encrypted database.
 */

/** A small PNG (the attachment check reads the type from the first bytes). */
const png = (marker: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR ${marker} `.repeat(200))]);

async function caseWithAttachment() {
  const th = await newOffice(OFFICES.TH, productionRegistry());
  const mm = await newOffice(OFFICES.MM, productionRegistry());
  await pair(th, mm);
  const { caseId } = await th.call('cases.register', AUNG_KYAW_MOE);
  await th.call('consent.record', {
    caseId,
    purpose: 'sharing',
    con_Consent: true,
    recipient: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
    sharingPurposes: ['case_management'],
    takenOn: today(),
    method: 'written',
  });
  const content = png('passport page');
  const attachment = await th.call('attachments.upload', { caseId, fileName: 'passport.png', contentBase64: content.toString('base64') });
  const sent = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'Case management', outDir: outDir() });
  return { th, mm, caseId, content, attachment, sent, sha256: createHash('sha256').update(content).digest('hex') };
}

describe('attachments in case bundles', () => {
  it('travel as attachments/<sha256>, listed with hash and size, and arrive in the encrypted database', async () => {
    const { mm, content, attachment, sent, sha256 } = await caseWithAttachment();
    expect(sent.records).toMatchObject({ attachment: 1 });
    const files = await unpack(mm, sent.path);
    expect(Buffer.from(files.get(`attachments/${sha256}`)!).equals(content)).toBe(true);
    const manifest = JSON.parse(Buffer.from((JSON.parse(Buffer.from(files.get('envelope.json')!).toString()) as { payload: string }).payload, 'base64').toString()) as Manifest;
    expect(manifest.files.find((f) => f.path === `attachments/${sha256}`)).toEqual({ path: `attachments/${sha256}`, sha256, size: content.length, records: 0 });

    await mm.call('bundles.import', { path: sent.path });
    const stored = db(mm).prepare('SELECT size, content FROM attachment_blobs WHERE sha256 = ?').get(sha256) as { size: number; content: Buffer };
    expect(stored.size).toBe(content.length);
    expect(stored.content.equals(content)).toBe(true);
    const downloaded = await mm.call('attachments.download', { id: attachment.id });
    expect(Buffer.from(downloaded.contentBase64, 'base64').equals(content)).toBe(true);
  });

  it('a missing, extra, renamed or changed attachment file is refused with its code and changes nothing', async () => {
    const { th, mm, sent, sha256 } = await caseWithAttachment();
    const path = `attachments/${sha256}`;
    // The manifest names the file, the archive lacks it.
    await expectRefused(mm, await resigned(th, mm, sent.path, (_m, files) => files.delete(path)), 'BUNDLE_FILE_MISSING');
    // Neither the manifest nor the archive holds it, but the attachment record names it.
    await expectRefused(
      mm,
      await resigned(th, mm, sent.path, (m, files) => {
        files.delete(path);
        m.files = m.files.filter((f) => f.path !== path);
      }),
      'BUNDLE_FILE_MISSING',
    );
    // A second file, signed in the manifest, that no record names.
    const extra = png('not named by any record');
    const extraSha = createHash('sha256').update(extra).digest('hex');
    await expectRefused(
      mm,
      await resigned(th, mm, sent.path, (m, files) => {
        files.set(`attachments/${extraSha}`, extra);
        m.files.push({ path: `attachments/${extraSha}`, sha256: extraSha, size: extra.length, records: 0 });
      }),
      'BUNDLE_FILE_EXTRA',
    );
    // Other bytes under the same name: the manifest's hash no longer matches.
    await expectRefused(mm, await resigned(th, mm, sent.path, (_m, files) => files.set(path, png('swapped'))), 'BUNDLE_HASH_MISMATCH');
    // Other bytes whose hash the manifest gives, under the old name: a name must be its hash.
    const swapped = png('swapped');
    await expectRefused(
      mm,
      await resigned(th, mm, sent.path, (m, files) => {
        files.set(path, swapped);
        const entry = m.files.find((f) => f.path === path)!;
        entry.sha256 = createHash('sha256').update(swapped).digest('hex');
        entry.size = swapped.length;
      }),
      'BUNDLE_HASH_MISMATCH',
    );
    expect(db(mm).prepare('SELECT count(*) FROM attachment_blobs').pluck().get()).toBe(0);
    // The untouched bundle still imports.
    expect((await mm.call('bundles.import', { path: sent.path })).status).toBe('imported');
  });
});
