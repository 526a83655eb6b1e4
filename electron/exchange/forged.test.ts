import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { ENVELOPE_PATH, pae, PAYLOAD_TYPE, sha256Hex, writeBundle, type Manifest } from './bundle';
import { activeOrgKey, generateOrgKey, orgKeys, sign } from './keys';
import { PartnerStore } from './partners';
import { newOffice, OFFICES, outDir, pair } from './testkit';
import { asFiles, db, envelopeOf, expectRefused, resigned, seal, unpack } from './forgeKit';

async function setup() {
  const th = await newOffice(OFFICES.TH);
  const mm = await newOffice(OFFICES.MM);
  await pair(th, mm);
  const u = th.core.session.requireUnlocked();
  u.transaction(() => u.records.create('note', { title: 'a note' }));
  const good = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: outDir() });
  return { th, mm, good };
}

describe('forged, replayed and malformed bundles are refused, each with its own code', () => {
  it('a changed signature, a changed manifest, an unknown signing key', async () => {
    const { th, mm, good } = await setup();
    const files = await unpack(mm, good.path);
    const env = envelopeOf(files);
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    sig[0]! ^= 0x80;
    files.set(ENVELOPE_PATH, Buffer.from(JSON.stringify({ ...env, signatures: [{ ...env.signatures[0]!, sig: sig.toString('base64') }] })));
    await expectRefused(mm, await seal(mm, asFiles(files)), 'BUNDLE_SIGNATURE_INVALID');

    const m = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as Manifest;
    const changed = await unpack(mm, good.path);
    changed.set(ENVELOPE_PATH, Buffer.from(JSON.stringify({ ...env, payload: Buffer.from(canonicalJson({ ...m, purpose: 'something else' })).toString('base64') })));
    await expectRefused(mm, await seal(mm, asFiles(changed)), 'BUNDLE_SIGNATURE_INVALID');

    // Signed by a key that is nobody's we know, claiming to be TH-ATTF.
    const stranger = await generateOrgKey();
    const forged = await writeBundle({
      manifest: { ...m, bundleId: uuidv7(), sender: { org: 'TH-ATTF', fingerprint: stranger.fingerprint } },
      files: [...(await unpack(mm, good.path)).entries()].filter(([p]) => p !== ENVELOPE_PATH).map(([path, bytes]) => ({ path, bytes, records: 1 })),
      signer: { fingerprint: stranger.fingerprint, sign: (msg) => sign(stranger, msg) },
      ageRecipients: [activeOrgKey(db(mm))!.ageRecipient],
    });
    const forgedPath = join(outDir(), 'forged.cpb');
    writeFileSync(forgedPath, forged.bytes);
    await expectRefused(mm, forgedPath, 'BUNDLE_SIGNER_UNKNOWN');
    // ...and from an organisation that is not a partner at all.
    const unknownOrg = await writeBundle({
      manifest: { ...m, bundleId: uuidv7(), sender: { org: 'XX-NOBODY', fingerprint: stranger.fingerprint } },
      files: [],
      signer: { fingerprint: stranger.fingerprint, sign: (msg) => sign(stranger, msg) },
      ageRecipients: [activeOrgKey(db(mm))!.ageRecipient],
    });
    writeFileSync(forgedPath, unknownOrg.bytes);
    await expectRefused(mm, forgedPath, 'PARTNER_UNKNOWN');
    expect((await mm.call('bundles.import', { path: good.path })).status).toBe('imported');
    expect(th.code).toBe('TH-ATTF');
  });

  it('missing file, extra file, hash mismatch, unsafe paths, unknown format version, not addressed to us', async () => {
    const { th, mm, good } = await setup();
    const original = await unpack(mm, good.path);
    const dataPath = [...original.keys()].find((p) => p.startsWith('data/'))!;

    const missing = await unpack(mm, good.path);
    missing.delete(dataPath);
    await expectRefused(mm, await seal(mm, asFiles(missing)), 'BUNDLE_FILE_MISSING');

    const extra = await unpack(mm, good.path);
    extra.set(`attachments/${sha256Hex('x')}`, Buffer.from('x'));
    await expectRefused(mm, await seal(mm, asFiles(extra)), 'BUNDLE_FILE_EXTRA');
    const stray = await unpack(mm, good.path);
    stray.set('readme.txt', Buffer.from('hello'));
    await expectRefused(mm, await seal(mm, asFiles(stray)), 'BUNDLE_FILE_EXTRA');

    const tampered = await unpack(mm, good.path);
    const line = Buffer.from(tampered.get(dataPath)!).toString().replace('a note', 'A NOTE');
    tampered.set(dataPath, Buffer.from(line));
    await expectRefused(mm, await seal(mm, asFiles(tampered)), 'BUNDLE_HASH_MISMATCH');

    for (const name of ['../evil.txt', '/etc/passwd', 'data/../../x.ndjson', 'data\\x.ndjson']) {
      const unsafe = await unpack(mm, good.path);
      unsafe.set(name, Buffer.from('x'));
      await expectRefused(mm, await seal(mm, asFiles(unsafe)), 'BUNDLE_UNSAFE_PATH');
    }

    await expectRefused(mm, await resigned(th, mm, good.path, (m) => Object.assign(m, { formatVersion: 2 })), 'BUNDLE_UNSUPPORTED_VERSION');
    await expectRefused(mm, await resigned(th, mm, good.path, (m) => Object.assign(m, { recipients: [{ org: 'MM-NPA-SEC', fingerprint: m.recipients[0]!.fingerprint }] })), 'NOT_A_RECIPIENT');
    await expectRefused(mm, await resigned(th, mm, good.path, (m) => Object.assign(m, { files: [] })), 'BUNDLE_FILE_EXTRA');
    expect((await mm.call('bundles.import', { path: good.path })).status).toBe('imported');
  });

  it('a replay: a sequence number already used by another bundle, or a broken chain', async () => {
    const { th, mm, good } = await setup();
    await mm.call('bundles.import', { path: good.path });
    // Same stream, same number, a different bundle (e.g. the sender restored an old backup).
    await expectRefused(mm, await resigned(th, mm, good.path, (m) => Object.assign(m, { bundleId: uuidv7() })), 'BUNDLE_REPLAY');
    // Number 2 that does not follow number 1.
    await expectRefused(mm, await resigned(th, mm, good.path, (m) => Object.assign(m, { bundleId: uuidv7(), stream: { ...m.stream, seq: 2, prev: 'f'.repeat(64) } })), 'BUNDLE_REPLAY');
    expect(await mm.call('bundles.import', { path: good.path })).toMatchObject({ status: 'duplicate' });
  });

  it('after a key rotation announced by a key-update signed with the old key, the old key is refused', async () => {
    const { th, mm } = await setup();
    const u = th.core.session.requireUnlocked();
    const oldKey = activeOrgKey(db(th))!;
    const rotated = await th.call('keys.rotate', { mode: 'revoke', outDir: outDir(), reason: 'laptop lost' });
    expect(rotated.bundles).toHaveLength(1);
    expect(orgKeys(db(th)).map((k) => k.state)).toEqual(['revoked', 'active']);
    const update = await mm.call('bundles.import', { path: rotated.bundles[0]!.path });
    expect(update.bundleType).toBe('key-update');
    const partner = (await mm.call('partners.list', {})).find((p) => p.code === 'TH-ATTF')!;
    expect(partner.fingerprint.fingerprint).toBe(rotated.key.fingerprint.fingerprint);
    expect(partner.keys.map((k) => [k.fingerprint === oldKey.fingerprint, k.state])).toEqual([[true, 'revoked'], [false, 'active']]);
    // After a revocation the new key must be compared again before anything more is imported.
    expect(partner.trust).toBe('unverified');
    await mm.call('partners.verify', { code: 'TH-ATTF', fingerprint: rotated.key.fingerprint.fingerprint, how: 'phone' });

    // A thief with the old key signs a bundle: refused.
    u.transaction(() => u.records.create('note', { title: 'after rotation' }));
    const theft = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'test', outDir: outDir() });
    const stolen = await (async () => {
      const files = await unpack(mm, theft.path);
      const env = envelopeOf(files);
      const m = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as Manifest;
      const payload = Buffer.from(canonicalJson({ ...m, bundleId: uuidv7(), sender: { org: 'TH-ATTF', fingerprint: oldKey.fingerprint } }));
      files.set(ENVELOPE_PATH, Buffer.from(JSON.stringify({ ...env, payload: payload.toString('base64'), signatures: [{ keyid: oldKey.fingerprint, sig: Buffer.from(sign(oldKey, pae(PAYLOAD_TYPE, payload))).toString('base64') }] })));
      return seal(mm, asFiles(files));
    })();
    await expectRefused(mm, stolen, 'BUNDLE_KEY_REVOKED');
    // The new key works.
    expect((await mm.call('bundles.import', { path: theft.path })).status).toBe('imported');
    expect(new PartnerStore(db(mm)).activeKey('TH-ATTF')?.fingerprint).toBe(rotated.key.fingerprint.fingerprint);
  });

  it('a routine rotation keeps the old key valid for bundles made before it', async () => {
    const { th, mm, good } = await setup();
    const rotated = await th.call('keys.rotate', { mode: 'rotate', outDir: outDir() });
    await mm.call('bundles.import', { path: rotated.bundles[0]!.path });
    expect((await mm.call('partners.list', {}))[0]).toMatchObject({ trust: 'verified' });
    // Bundle 1 (signed with the old key before the rotation) arrives late: accepted.
    expect(await mm.call('bundles.import', { path: good.path })).toMatchObject({ status: 'imported', sequence: 'fills-gap' });
  });
});
