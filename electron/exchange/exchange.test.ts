import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDigest, type Envelope } from '../store/records';
import { newOffice, OFFICES, outDir, pair, type Office } from './testkit';

const digest = (o: Office) => stateDigest(o.core.session.requireUnlocked().workspace.db);
const counts = (o: Office) => o.core.session.requireUnlocked().workspace.db.prepare('SELECT count(*) AS n FROM records').pluck().get();

function createNotes(o: Office, titles: string[]): Envelope[] {
  const u = o.core.session.requireUnlocked();
  return u.transaction(() => titles.map((title) => u.records.create('note', { title, body: `body of ${title}` })));
}

const note = (o: Office, id: string) => o.core.session.requireUnlocked().records.get('note', id);

async function exportTo(from: Office, to: string, params: Record<string, unknown> = {}) {
  return from.call('bundles.export', { to: [to], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'Case follow-up', outDir: outDir(), ...params });
}

async function twoOffices() {
  const th = await newOffice(OFFICES.TH);
  const mm = await newOffice(OFFICES.MM);
  await pair(th, mm);
  return { th, mm };
}

describe('bundles between two offices', () => {
  it('TH-ATTF exports notes, MM-DSW inspects (changing nothing) then imports; both hold the same state', async () => {
    const { th, mm } = await twoOffices();
    const notes = createNotes(th, ['Intake at Mae Sot', 'Shelter placement', 'Medical check']);
    const sent = await exportTo(th, 'MM-DSW');
    expect(sent).toMatchObject({ bundleType: 'case-update', seq: 1, records: { note: 3 } });
    expect(sent.path).toMatch(/[0-9a-f]{32}\.cpb$/);
    expect(readFileSync(sent.path).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const before = digest(mm);
    const inspection = await mm.call('bundles.inspect', { path: sent.path });
    expect(inspection).toMatchObject({
      bundleType: 'case-update',
      sender: { org: 'TH-ATTF', trust: 'verified' },
      stream: { seq: 1 },
      records: { note: 3 },
      sequence: 'new',
      missing: [],
      preview: { new: 3, updated: 0, conflicting: 0, refused: 0 },
    });
    expect(digest(mm)).toBe(before);

    const receipts = outDir();
    const imported = await mm.call('bundles.import', { path: sent.path, previewToken: inspection.previewToken, receiptDir: receipts });
    expect(imported).toMatchObject({ status: 'imported', sequence: 'new', applied: { new: 3 } });
    expect(digest(mm)).toBe(digest(th));
    for (const n of notes) expect(note(mm, n.id)).toMatchObject({ data: n.data, ownerOrg: 'TH-ATTF', vv: n.vv });

    // The receipt goes back and marks the bundle delivered in TH's sent log.
    expect(imported.receiptPath).toBeTruthy();
    expect((await th.call('bundles.import', { path: imported.receiptPath! })).bundleType).toBe('receipt');
    const sentLog = await th.call('bundles.sent', {});
    expect(sentLog.find((b) => b.bundleId === sent.bundleId)?.acknowledgedAt).toBeTruthy();
  });

  it('"since the last bundle" sends only what changed, and the same bundle twice is a no-op that says so', async () => {
    const { th, mm } = await twoOffices();
    const [a] = createNotes(th, ['first', 'second']);
    const first = await exportTo(th, 'MM-DSW');
    await mm.call('bundles.import', { path: first.path });
    const u = th.core.session.requireUnlocked();
    u.transaction(() => u.records.update('note', a!.id, { body: 'changed' }));
    const second = await exportTo(th, 'MM-DSW');
    expect(second).toMatchObject({ seq: 2, records: { note: 1 } });
    expect((await mm.call('bundles.import', { path: second.path })).applied).toMatchObject({ updated: 1, new: 0 });
    const again = await mm.call('bundles.import', { path: second.path });
    expect(again).toMatchObject({ status: 'duplicate', applied: { new: 0, updated: 0 } });
    expect(note(mm, a!.id)?.data.body).toBe('changed');
    expect(digest(mm)).toBe(digest(th));
  });

  it('a field profile keeps out what the recipient does not need', async () => {
    const { th, mm } = await twoOffices();
    const [n] = createNotes(th, ['Referral to shelter']);
    const sent = await exportTo(th, 'MM-DSW', { type: 'case-referral' });
    await mm.call('bundles.import', { path: sent.path });
    expect(note(mm, n!.id)?.data).toEqual({ title: 'Referral to shelter', tags: [] });
  });

  it('a gap is reported in words, and the late bundle fills it', async () => {
    const { th, mm } = await twoOffices();
    createNotes(th, ['one']);
    const b1 = await exportTo(th, 'MM-DSW');
    createNotes(th, ['two']);
    const b2 = await exportTo(th, 'MM-DSW');
    createNotes(th, ['three']);
    const b3 = await exportTo(th, 'MM-DSW');
    await mm.call('bundles.import', { path: b1.path });
    expect((await mm.call('bundles.inspect', { path: b3.path })).sequence).toBe('after-gap');
    expect(await mm.call('bundles.import', { path: b3.path })).toMatchObject({ sequence: 'after-gap', missing: [2] });
    const streams = await mm.call('bundles.streams', {});
    expect(streams.find((s) => s.direction === 'in')).toMatchObject({ partner: 'TH-ATTF', lastSeq: 3, missing: [2] });
    expect(streams.find((s) => s.direction === 'in')?.notices).toEqual([{ code: 'BUNDLE_NEVER_ARRIVED', params: { seq: 2, partner: 'TH-ATTF' } }]);
    expect(await mm.call('bundles.import', { path: b2.path })).toMatchObject({ sequence: 'fills-gap', missing: [] });
    expect(digest(mm)).toBe(digest(th));
  });

  it('a lost bundle is written again byte for byte and still imports', async () => {
    const { th, mm } = await twoOffices();
    createNotes(th, ['one']);
    const lost = await exportTo(th, 'MM-DSW');
    const again = await th.call('bundles.resend', { bundleId: lost.bundleId, outDir: outDir() });
    expect(readFileSync(again.path).equals(readFileSync(lost.path))).toBe(true);
    expect((await mm.call('bundles.import', { path: again.path })).status).toBe('imported');
  });

  it('an unverified partner gets nothing without an audited administrator override, and a revoked one nothing at all', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    await th.call('partners.import', { cardJson: JSON.stringify((await mm.call('exchange.card', {})).card) });
    createNotes(th, ['x']);
    const refused = await th.core.dispatcher.dispatch('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: outDir() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PARTNER_UNVERIFIED' } });
    // An override without a reason is refused and writes nothing.
    const dir = outDir();
    const noReason = await th.core.dispatcher.dispatch('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: dir, overrideUnverified: true });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(readdirSync(dir)).toEqual([]);
    const reason = 'Fingerprint call scheduled; urgent return on Friday';
    await exportTo(th, 'MM-DSW', { overrideUnverified: true, overrideReason: reason });
    const audited = await th.call('audit.list', { action: 'bundle.export.override_unverified', limit: 5 });
    expect(audited.total).toBe(1);
    expect(audited.entries[0]!.details).toMatchObject({ partner: 'MM-DSW', reason });
    await th.call('partners.revoke', { code: 'MM-DSW', reason: 'office closed' });
    const revoked = await th.core.dispatcher.dispatch('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: outDir(), overrideUnverified: true, overrideReason: reason });
    expect(revoked).toMatchObject({ ok: false, error: { code: 'PARTNER_REVOKED' } });
  });

  it('a personal-data record type leaves only through its consent gate', async () => {
    const { exchangeRegistry } = await import('./testkit');
    const { z } = await import('zod');
    const registry = exchangeRegistry();
    registry.register({
      type: 'victim',
      schema: z.object({ name: z.string(), consent: z.boolean() }),
      personalData: true,
      profiles: { 'case-referral': { fields: 'all' } },
      consent: { check: ({ record }) => (record.data.consent === true ? { allowed: true, consentRef: `consent-${record.id}` } : { allowed: false, reason: 'no consent recorded' }) },
    });
    const th = await newOffice(OFFICES.TH, registry);
    const mm = await newOffice(OFFICES.MM);
    await pair(th, mm);
    const u = th.core.session.requireUnlocked();
    const [yes, no] = u.transaction(() => [u.records.create('victim', { name: 'A', consent: true }), u.records.create('victim', { name: 'B', consent: false })]);
    const params = { to: ['MM-DSW'], type: 'case-referral', purpose: 'referral for return', outDir: outDir() };
    expect(await th.core.dispatcher.dispatch('bundles.export', { ...params, select: { mode: 'ids', ids: [no!.id] } })).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    const ok = await th.call('bundles.export', { ...params, select: { mode: 'ids', ids: [yes!.id] } });
    expect(ok.records).toEqual({ victim: 1 });
    const audited = await th.call('audit.list', { action: 'victim.export', limit: 5 });
    expect(audited.entries.map((e) => e.recordId)).toEqual([yes!.id]);

    // An exchange officer may not override the consent; an administrator may, with a reason, audited per record.
    const overrideReason = 'Court order 17/2026 requires the file at the receiving office';
    await th.call('users.add', { username: 'ko', displayName: 'Ko Exchange', role: 'exchange_officer', password: 'a long enough passphrase for tests' });
    const noReason = await th.core.dispatcher.dispatch('bundles.export', { ...params, select: { mode: 'ids', ids: [no!.id] }, overrideConsent: true });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const overridden = await th.call('bundles.export', { ...params, select: { mode: 'ids', ids: [no!.id] }, overrideConsent: true, overrideReason });
    expect(overridden.records).toEqual({ victim: 1 });
    const trail = await th.call('audit.list', { action: 'bundle.export.override_consent', limit: 5 });
    expect(trail.entries.map((e) => [e.recordId, (e.details as { reason: string }).reason])).toEqual([[no!.id, overrideReason]]);

    // Hundreds of consent references do not fit the manifest: as many as fit, and how many more.
    const many = u.transaction(() => Array.from({ length: 400 }, (_, i) => u.records.create('victim', { name: `P${i}`, consent: true })));
    const bulk = await th.call('bundles.export', { ...params, select: { mode: 'ids', ids: many.map((r) => r.id) } });
    expect(bulk.records).toEqual({ victim: 400 });
    const { summariseConsentRefs } = await import('./export');
    const refs = new Set(many.map((r) => `consent-${r.id}`));
    const summary = summariseConsentRefs(refs)!;
    expect(summary.length).toBeLessThanOrEqual(4000);
    expect(summary).toMatch(/ … and \d+ more$/);
    expect(summariseConsentRefs(new Set(['b', 'a']))).toBe('a, b');

    th.core.session.lock('user');
    await th.call('session.unlock', { username: 'ko', password: 'a long enough passphrase for tests' });
    const officer = await th.core.dispatcher.dispatch('bundles.export', { ...params, select: { mode: 'ids', ids: [no!.id] }, overrideConsent: true, overrideReason });
    expect(officer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('an import with a preview token refuses with PREVIEW_STALE when the workspace changed since the preview, and changes nothing', async () => {
    const { th, mm } = await twoOffices();
    createNotes(th, ['one', 'two']);
    const sent = await exportTo(th, 'MM-DSW');
    const first = await mm.call('bundles.inspect', { path: sent.path });
    // Nothing changed: the same token again.
    expect((await mm.call('bundles.inspect', { path: sent.path })).previewToken).toBe(first.previewToken);
    // A local write after the preview: the token no longer names this state.
    createNotes(mm, ['written at MM-DSW after the preview']);
    const before = { digest: digest(mm), count: counts(mm) };
    const stale = await mm.core.dispatcher.dispatch('bundles.import', { path: sent.path, previewToken: first.previewToken });
    expect(stale).toMatchObject({ ok: false, error: { code: 'PREVIEW_STALE' } });
    expect({ digest: digest(mm), count: counts(mm) }).toEqual(before);
    // Another bundle imported after the preview (the stream moved on) makes it stale too.
    const second = await mm.call('bundles.inspect', { path: sent.path });
    expect(second.previewToken).not.toBe(first.previewToken);
    createNotes(th, ['three']);
    const other = await exportTo(th, 'MM-DSW');
    await mm.call('bundles.import', { path: other.path });
    expect((await mm.core.dispatcher.dispatch('bundles.import', { path: sent.path, previewToken: second.previewToken })).ok).toBe(false);
    // Previewed again, it imports: a token names the file too, so another file's token is refused.
    const third = await mm.call('bundles.inspect', { path: sent.path });
    expect(await mm.core.dispatcher.dispatch('bundles.import', { path: sent.path, previewToken: (await mm.call('bundles.inspect', { path: other.path })).previewToken })).toMatchObject({ ok: false, error: { code: 'PREVIEW_STALE' } });
    expect(await mm.call('bundles.import', { path: sent.path, previewToken: third.previewToken })).toMatchObject({ status: 'imported', applied: { new: 2 } });
  });

  it('a cancelled export or import writes nothing', async () => {
    const { th, mm } = await twoOffices();
    createNotes(th, ['x']);
    const aborted = AbortSignal.abort();
    const dir = outDir();
    const cancelled = await th.core.dispatcher.dispatch('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: dir }, { signal: aborted });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(readdirSync(dir)).toEqual([]);
    const progress: string[] = [];
    const sent = await th.core.dispatcher.dispatch('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: dir }, { onProgress: (_d, _t, label) => progress.push(label) });
    expect(sent.ok && progress).toContain('encrypt');
    const path = sent.ok ? (sent.value as { path: string }).path : '';
    const before = digest(mm);
    expect(await mm.core.dispatcher.dispatch('bundles.import', { path }, { signal: aborted })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(digest(mm)).toBe(before);
  });
});

describe('refused bundles leave the workspace exactly as it was', () => {
  async function setup() {
    const { th, mm } = await twoOffices();
    createNotes(th, ['a', 'b']);
    const good = await exportTo(th, 'MM-DSW');
    return { th, mm, good };
  }

  async function expectRefused(mm: Office, path: string, code: string) {
    const before = { digest: digest(mm), count: counts(mm) };
    const result = await mm.core.dispatcher.dispatch('bundles.import', { path });
    expect(result, code).toMatchObject({ ok: false, error: { code } });
    expect({ digest: digest(mm), count: counts(mm) }).toEqual(before);
    expect(readdirSync(join(mm.dir))).toContain('workspace.db');
  }

  it('truncated, garbage, flipped byte, not for us, oversized', async () => {
    const { th, mm, good } = await setup();
    const bytes = readFileSync(good.path);
    const dir = outDir();
    const put = (name: string, data: Uint8Array) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    };
    await expectRefused(mm, put('truncated.cpb', bytes.subarray(0, bytes.length - 100)), 'BUNDLE_DECRYPT_FAILED');
    await expectRefused(mm, put('garbage.cpb', Buffer.from('this is not a bundle at all')), 'BUNDLE_NOT_AGE');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 200]! ^= 0x01;
    await expectRefused(mm, put('flipped.cpb', flipped), 'BUNDLE_DECRYPT_FAILED');

    const sec = await newOffice(OFFICES.SEC);
    await pair(th, sec);
    await expectRefused(sec, good.path, 'NOT_A_RECIPIENT');

    const { importBundle } = await import('./import');
    const u = mm.core.session.requireUnlocked();
    await expect(importBundle(u, good.path, { limits: { maxBundleBytes: 100, maxFileBytes: 1 << 20, maxFiles: 10, maxRecords: 10 } })).rejects.toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    await expect(importBundle(u, good.path, { limits: { maxBundleBytes: 1 << 20, maxFileBytes: 50, maxFiles: 10, maxRecords: 10 } })).rejects.toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    await expect(importBundle(u, good.path, { limits: { maxBundleBytes: 1 << 20, maxFileBytes: 1 << 20, maxFiles: 10, maxRecords: 1 } })).rejects.toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    // The good bundle still imports afterwards.
    expect((await mm.call('bundles.import', { path: good.path })).status).toBe('imported');
  });
});
