import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { stateDigest } from '../store/records';
import { ENVELOPE_PATH, pae, PAYLOAD_TYPE, type Manifest } from './bundle';
import { activeOrgKey, sign } from './keys';
import { packTar, readTar } from './tar';
import { outDir, type Office } from './testkit';

/**
 * Test helpers for bundles that a misbehaving sender (or a bug) could produce: open a real bundle as its
 * recipient, change files or the manifest, sign again with the sender's real key, seal again.
 */

export const db = (o: Office) => o.core.session.requireUnlocked().workspace.db;
export const snapshot = (o: Office) => ({ digest: stateDigest(db(o)), records: db(o).prepare('SELECT count(*) FROM records').pluck().get(), imported: db(o).prepare('SELECT count(*) FROM imported_bundles').pluck().get() });

/** Opens a real bundle as its recipient would, to change it and seal it again. */
export async function unpack(mm: Office, path: string): Promise<Map<string, Uint8Array>> {
  const d = new Decrypter();
  d.addIdentity(activeOrgKey(db(mm))!.ageIdentity);
  return readTar(await d.decrypt(new Uint8Array(readFileSync(path))), { maxFileBytes: 1 << 26, maxFiles: 100 });
}

export async function seal(mm: Office, files: { path: string; bytes: Uint8Array }[]): Promise<string> {
  const e = new Encrypter();
  e.addRecipient(activeOrgKey(db(mm))!.ageRecipient);
  const p = join(outDir(), `${uuidv7()}.cpb`);
  writeFileSync(p, await e.encrypt(await packTar(files, new Date())));
  return p;
}

export type Envelope = { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
export const envelopeOf = (files: Map<string, Uint8Array>): Envelope => JSON.parse(Buffer.from(files.get(ENVELOPE_PATH)!).toString()) as Envelope;
export const asFiles = (files: Map<string, Uint8Array>) => [...files.entries()].map(([path, bytes]) => ({ path, bytes }));

/** Rewrites the manifest and signs it again with TH's real key (a sender that misbehaves or a bug). */
export async function resigned(th: Office, mm: Office, path: string, change: (m: Manifest, files: Map<string, Uint8Array>) => void): Promise<string> {
  const files = await unpack(mm, path);
  const env = envelopeOf(files);
  const manifest = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as Manifest;
  change(manifest, files);
  const payload = Buffer.from(canonicalJson(manifest));
  const key = activeOrgKey(db(th))!;
  const signed = { ...env, payload: payload.toString('base64'), signatures: [{ keyid: key.fingerprint, sig: Buffer.from(sign(key, pae(PAYLOAD_TYPE, payload))).toString('base64') }] };
  files.set(ENVELOPE_PATH, Buffer.from(JSON.stringify(signed)));
  return seal(mm, asFiles(files));
}

export async function expectRefused(mm: Office, path: string, code: string): Promise<void> {
  const before = snapshot(mm);
  const result = await mm.core.dispatcher.dispatch('bundles.import', { path });
  expect(result, code).toMatchObject({ ok: false, error: { code } });
  if (!result.ok) expect(result.error.message.length).toBeGreaterThan(20);
  expect(snapshot(mm)).toEqual(before);
}

