import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { v7 as uuidv7 } from 'uuid';
import { newOffice, OFFICES, outDir, pair } from './testkit';
import { activeOrgKey, sign } from './keys';
import { pae, PAYLOAD_TYPE, type Manifest } from './bundle';
import { packTar } from './tar';
import { canonicalJson } from '../../shared/domain/canonicalJson';

/**
 * Interoperability with independent tools (DESIGN §6, §8): Debian's `age` opens the bundle with the
 * identity written by keys.exportIdentity, `tar` lists and extracts it, OpenSSL and @noble/curves
 * (called directly) verify the DSSE signature, and a bundle sealed by the `age` CLI is read by us.
 */

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = has('age') && has('openssl') && has('tar');

describe.skipIf(!tools)('bundles and independent tools', () => {
  it('age -d opens the bundle, tar lists exactly the files, openssl verifies the signature', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    await pair(th, mm);
    const u = th.core.session.requireUnlocked();
    u.transaction(() => ['one', 'two', 'three'].forEach((title) => u.records.create('note', { title })));
    const sent = await th.call('bundles.export', { to: ['MM-DSW'], type: 'case-update', select: { mode: 'sinceLast' }, purpose: 'interop', outDir: outDir() });

    const work = outDir();
    const identity = join(work, 'mm-identity.txt');
    const exported = await mm.call('keys.exportIdentity', { out: identity });
    expect(exported.warning).toMatch(/opens every bundle/);
    const tarPath = join(work, 'bundle.tar');
    execFileSync('age', ['-d', '-i', identity, '-o', tarPath, sent.path]);
    const listed = execFileSync('tar', ['-tf', tarPath], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(['envelope.json', 'data/note.ndjson']);
    const extracted = join(work, 'x');
    mkdirSync(extracted);
    execFileSync('tar', ['-xf', tarPath, '-C', extracted]);
    expect(readFileSync(join(extracted, 'data/note.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);

    const envelope = JSON.parse(readFileSync(join(extracted, 'envelope.json'), 'utf8')) as { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
    expect(envelope.payloadType).toBe('application/vnd.counterpart.bundle+json');
    const payload = Buffer.from(envelope.payload, 'base64');
    const manifest = JSON.parse(payload.toString()) as Manifest;
    expect(manifest).toMatchObject({ formatVersion: 1, bundleType: 'case-update', sender: { org: 'TH-ATTF' }, recipients: [{ org: 'MM-DSW' }], stream: { seq: 1, prev: null } });
    expect(envelope.signatures[0]!.keyid).toBe(manifest.sender.fingerprint);

    // The signature, with OpenSSL and the public key from TH's card only.
    const card = (await th.call('exchange.card', {})).card;
    const rawPub = Buffer.from(card.signingKey.publicKey, 'base64');
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), rawPub]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    const paeBytes = Buffer.concat([Buffer.from(`DSSEv1 ${PAYLOAD_TYPE.length} ${PAYLOAD_TYPE} ${payload.length} `), payload]);
    writeFileSync(join(work, 'pub.pem'), pem);
    writeFileSync(join(work, 'pae.bin'), paeBytes);
    writeFileSync(join(work, 'sig.bin'), Buffer.from(envelope.signatures[0]!.sig, 'base64'));
    const verify = (pae: string) =>
      spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(work, 'pub.pem'), '-rawin', '-in', pae, '-sigfile', join(work, 'sig.bin')], { encoding: 'utf8' });
    const good = verify(join(work, 'pae.bin'));
    expect(good.stdout + good.stderr).toMatch(/Signature Verified Successfully/);
    writeFileSync(join(work, 'pae-bad.bin'), Buffer.concat([paeBytes, Buffer.from(' ')]));
    expect(verify(join(work, 'pae-bad.bin')).status).not.toBe(0);

    // And with @noble/curves called directly.
    expect(ed25519.verify(new Uint8Array(Buffer.from(envelope.signatures[0]!.sig, 'base64')), new Uint8Array(paeBytes), new Uint8Array(rawPub))).toBe(true);
  });

  it('a bundle sealed by the age CLI for our recipient is read by our code', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    await pair(th, mm);
    const key = activeOrgKey(th.core.session.requireUnlocked().workspace.db)!;
    const mmCard = (await mm.call('exchange.card', {})).card;
    const manifest: Manifest = {
      formatVersion: 1,
      bundleId: uuidv7(),
      bundleType: 'case-update',
      sender: { org: 'TH-ATTF', fingerprint: key.fingerprint },
      recipients: [{ org: 'MM-DSW', fingerprint: mmCard.fingerprint }],
      stream: { id: 'TH-ATTF>MM-DSW', seq: 1, prev: null },
      createdAt: new Date().toISOString(),
      purpose: 'sealed by age',
      legalBasis: null,
      consentRef: null,
      deleteAfter: null,
      acknowledgements: [],
      transfers: [],
      keyUpdate: null,
      files: [],
    };
    const payload = Buffer.from(canonicalJson(manifest));
    const envelope = { payloadType: PAYLOAD_TYPE, payload: payload.toString('base64'), signatures: [{ keyid: key.fingerprint, sig: Buffer.from(sign(key, pae(PAYLOAD_TYPE, payload))).toString('base64') }] };
    const work = outDir();
    const plain = join(work, 'plain.tar');
    writeFileSync(plain, await packTar([{ path: 'envelope.json', bytes: Buffer.from(JSON.stringify(envelope)) }], new Date()));
    const sealed = join(work, 'sealed.cpb');
    execFileSync('age', ['-r', mmCard.encryptionKey.recipient, '-o', sealed, plain]);
    const inspection = await mm.call('bundles.inspect', { path: sealed });
    expect(inspection).toMatchObject({ purpose: 'sealed by age', sender: { org: 'TH-ATTF' }, sequence: 'new' });
    expect((await mm.call('bundles.import', { path: sealed })).status).toBe('imported');
  });
});
