import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUNG_KYAW_MOE, caseOffice } from './testkit';

/** A PNG: the 8-byte signature, then whatever we want inside (the content is never decoded). */
const png = (inner: Buffer) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), inner]);
/** A Windows program: "MZ" header, whatever its name says. */
const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(512)]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function withCase() {
  const o = await caseOffice();
  await o.as('aye');
  const { caseId } = await o.call('cases.register', AUNG_KYAW_MOE);
  const stored = async () => {
    const db = o.core.session.requireUnlocked().workspace.db;
    return {
      records: db.prepare(`SELECT count(*) FROM records WHERE type = 'attachment'`).pluck().get(),
      blobs: db.prepare('SELECT count(*) FROM attachment_blobs').pluck().get(),
    };
  };
  return { o, caseId, stored };
}

describe('attachments', () => {
  it('stores an allowed file encrypted inside the database and gives back the same bytes', async () => {
    const { o, caseId } = await withCase();
    const content = png(randomBytes(2000));
    const meta = await o.call('attachments.upload', { caseId, fileName: 'passport scan', description: 'Passport, first page', contentBase64: content.toString('base64') });
    expect(meta).toMatchObject({ fileName: 'passport scan.png', mediaType: 'image/png', size: content.length, uploadedBy: 'aye' });
    const back = await o.call('attachments.download', { id: meta.id });
    expect(Buffer.from(back.contentBase64, 'base64').equals(content)).toBe(true);
    expect((await o.call('cases.get', { id: caseId })).attachments).toHaveLength(1);
  });

  it('refuses a program renamed .pdf (the type is read from the content) and stores nothing', async () => {
    const { o, caseId, stored } = await withCase();
    const result = await o.attempt('attachments.upload', { caseId, fileName: 'medical-report.pdf', contentBase64: exe.toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TYPE_NOT_ALLOWED', message: 'This file is not a PDF, JPEG, PNG or WebP image (whatever its name says), so it cannot be attached.' } });
    expect(await stored()).toEqual({ records: 0, blobs: 0 });
    expect((await o.call('cases.timeline', { id: caseId })).entries.map((e) => e.kind)).toEqual(['registered']);
  });

  it('refuses a file over the limit and stores nothing', async () => {
    const { o, caseId, stored } = await withCase();
    await o.as('admin');
    await o.call('caseSettings.update', { attachmentMaxBytes: 4096 });
    await o.as('aye');
    const result = await o.attempt('attachments.upload', { caseId, fileName: 'photo.png', contentBase64: png(randomBytes(5000)).toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TOO_LARGE' } });
    expect(await stored()).toEqual({ records: 0, blobs: 0 });
    expect(await o.attempt('attachments.upload', { caseId, fileName: 'photo.png', contentBase64: png(randomBytes(3000)).toString('base64') })).toMatchObject({ ok: true });
  });

  it('never leaves the bytes in plaintext in any file of the workspace folder, backups included', async () => {
    const { o, caseId } = await withCase();
    const marker = Buffer.from(`COUNTERPART-PLAINTEXT-MARKER-${randomBytes(16).toString('hex')}`);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), marker, randomBytes(256), marker]);
    const meta = await o.call('attachments.upload', { caseId, fileName: 'statement.pdf', contentBase64: pdf.toString('base64') });
    expect(meta.mediaType).toBe('application/pdf');
    await o.as('admin');
    await o.call('backup.create', {});
    const files = filesUnder(o.dir);
    expect(files.some((f) => f.endsWith('.cpbackup'))).toBe(true);
    expect(files.some((f) => f.endsWith('workspace.db'))).toBe(true);
    for (const file of files) expect(readFileSync(file).includes(marker), file).toBe(false);
    o.core.session.lock('user');
    for (const file of filesUnder(o.dir)) expect(readFileSync(file).includes(marker), file).toBe(false);
  });

  it('a case manager removes an attachment: the record is a tombstone and the content is wiped', async () => {
    const { o, caseId, stored } = await withCase();
    const meta = await o.call('attachments.upload', { caseId, fileName: 'x.png', contentBase64: png(randomBytes(100)).toString('base64') });
    expect(await o.attempt('attachments.remove', { id: meta.id, reason: 'Wrong person' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await o.as('somchai');
    await o.call('attachments.remove', { id: meta.id, reason: 'Uploaded to the wrong case' });
    expect((await stored()).blobs).toBe(0);
    expect((await o.call('cases.get', { id: caseId })).attachments).toHaveLength(0);
  });
});
