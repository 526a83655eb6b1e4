import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient as referenceRecipient } from 'age-encryption';
import { AgeError, decryptBytes, decryptStream, encryptBytes, encryptStream, generateIdentity, identityToRecipient } from './age';

/**
 * Our streaming age v1 against two independent implementations — the `age` CLI (Go, the reference)
 * and the age-encryption package (TypeScript, by the same author) — both ways, and against damage.
 */

const hasAge = spawnSync('sh', ['-c', 'command -v age && command -v age-keygen']).status === 0;
const folders: string[] = [];
const work = () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-age-'));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const KiB64 = 64 * 1024;
const SIZES = [0, 1, KiB64 - 1, KiB64, KiB64 + 1, 2 * KiB64, 3 * KiB64 + 17];
const bytesOf = (n: number) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >>> 8)) & 0xff;
  return b;
};

async function rejection(p: Promise<unknown>): Promise<AgeError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AgeError);
  return err as AgeError;
}

describe('age v1 streams', () => {
  it('a generated identity yields the same recipient as age-encryption computes', async () => {
    const id = generateIdentity();
    expect(id).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(identityToRecipient(id)).toBe(await referenceRecipient(id));
    const theirs = await generateX25519Identity();
    expect(identityToRecipient(theirs)).toBe(await referenceRecipient(theirs));
  });

  it.each(SIZES)('round-trips %i bytes with age-encryption, both ways', async (n) => {
    const data = bytesOf(n);
    const id = await generateX25519Identity();
    const recipient = await referenceRecipient(id);

    const ours = await encryptBytes(data, [recipient, identityToRecipient(generateIdentity())]);
    const d = new Decrypter();
    d.addIdentity(id);
    expect(Buffer.from(await d.decrypt(ours)).equals(data)).toBe(true);

    const e = new Encrypter();
    e.addRecipient(recipient);
    const theirs = await e.encrypt(data);
    expect((await decryptBytes(theirs, [generateIdentity(), id])).equals(data)).toBe(true);
  });

  it('the payload is one tag per 64 KiB chunk, with a final chunk even when the input is a multiple of 64 KiB', async () => {
    const id = generateIdentity();
    const r = identityToRecipient(id);
    const empty = await encryptBytes(new Uint8Array(0), [r]);
    const full = await encryptBytes(bytesOf(2 * KiB64), [r]);
    // Same header length for both (one X25519 stanza); the difference is 2 chunks' data and their tags.
    expect(full.length - empty.length).toBe(2 * KiB64 + 16);
    expect((await decryptBytes(empty, [id])).length).toBe(0);
  });

  describe.skipIf(!hasAge)('with the age CLI', () => {
    it.each(SIZES)('age -d opens what we encrypt, and we open what age -r encrypts (%i bytes)', async (n) => {
      const dir = work();
      const data = bytesOf(n);
      const identityFile = join(dir, 'id.txt');
      const id = generateIdentity();
      writeFileSync(identityFile, `${id}\n`);
      const recipient = execFileSync('age-keygen', ['-y', identityFile], { encoding: 'utf8' }).trim();
      expect(recipient).toBe(identityToRecipient(id));

      const file = join(dir, 'ours.age');
      writeFileSync(file, await encryptBytes(data, [recipient]));
      expect(execFileSync('age', ['-d', '-i', identityFile, file]).equals(data)).toBe(true);

      const theirs = execFileSync('age', ['-r', recipient], { input: data });
      expect((await decryptBytes(theirs, [id])).equals(data)).toBe(true);
    });
  });

  describe('damage is refused', () => {
    const id = generateIdentity();
    const r = identityToRecipient(id);
    const data = bytesOf(3 * KiB64 + 100);
    const sealed = encryptBytes(data, [r]);
    const headerLength = async () => (await sealed).indexOf('\n--- ') + 1 + (await sealed).subarray((await sealed).indexOf('\n--- ') + 1).indexOf(0x0a) + 1;

    it('a file cut short anywhere in the payload', async () => {
      const file = await sealed;
      const payloadStart = (await headerLength()) + 16;
      for (const cut of [payloadStart, payloadStart + 10, payloadStart + KiB64 + 16, payloadStart + 3 * (KiB64 + 16), file.length - 1]) {
        expect((await rejection(decryptBytes(file.subarray(0, cut), [id]))).reason).toBe('payload');
      }
      expect((await rejection(decryptBytes(file.subarray(0, 40), [id]))).reason).toBe('header');
    });

    it('a flipped byte in a chunk, in the header MAC, or in the nonce', async () => {
      const file = await sealed;
      const h = await headerLength();
      const flip = (at: number) => {
        const copy = Buffer.from(file);
        copy[at]! ^= 0x01;
        return copy;
      };
      expect((await rejection(decryptBytes(flip(h + 16 + KiB64 + 40), [id]))).reason).toBe('payload');
      expect((await rejection(decryptBytes(flip(file.length - 3), [id]))).reason).toBe('payload');
      expect((await rejection(decryptBytes(flip(h + 3), [id]))).reason).toBe('payload');
      // The MAC's base64 text: change one character to another valid one.
      const macAt = h - 10;
      const mac = Buffer.from(file);
      mac[macAt] = mac[macAt] === 0x41 ? 0x42 : 0x41;
      expect((await rejection(decryptBytes(mac, [id]))).reason).toBe('header');
    });

    it('reordered chunks and trailing data', async () => {
      const file = await sealed;
      const start = (await headerLength()) + 16;
      const c = (i: number) => file.subarray(start + i * (KiB64 + 16), start + (i + 1) * (KiB64 + 16));
      const swapped = Buffer.concat([file.subarray(0, start), c(1), c(0), file.subarray(start + 2 * (KiB64 + 16))]);
      expect((await rejection(decryptBytes(swapped, [id]))).reason).toBe('payload');
      expect((await rejection(decryptBytes(Buffer.concat([file, Buffer.from('x')]), [id]))).reason).toBe('payload');
    });

    it('a wrong identity is "no identity matched", which bundle.ts maps to NOT_A_RECIPIENT', async () => {
      const err = await rejection(decryptBytes(await sealed, [generateIdentity(), generateIdentity()]));
      expect(err.reason).toBe('no-identity-matched');
      expect(err.message).toMatch(/no identity matched/i);
    });

    it('something that is not an age file', async () => {
      expect((await rejection(decryptBytes(Buffer.from('PK\x03\x04 this is a zip, not age at all'), [id]))).reason).toBe('header');
    });
  });

  it('streams: 256 MiB through encrypt and decrypt grows RSS by less than 64 MiB', async () => {
    const id = generateIdentity();
    const total = 256 * 1024 * 1024;
    const block = bytesOf(100_003); // not a divisor of 64 KiB, so chunks straddle writes
    const expected = createHash('sha256');
    async function* source() {
      for (let sent = 0; sent < total; sent += block.length) {
        const part = block.subarray(0, Math.min(block.length, total - sent));
        expected.update(part);
        yield part;
      }
    }
    const seen = createHash('sha256');
    let bytes = 0;
    const before = process.memoryUsage().rss;
    let peak = before;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        seen.update(chunk);
        bytes += chunk.length;
        if ((bytes & 0xffffff) < chunk.length) peak = Math.max(peak, process.memoryUsage().rss);
        done();
      },
    });
    await pipeline(Readable.from(source()), encryptStream([identityToRecipient(id)]), decryptStream([id]), sink);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(bytes).toBe(total);
    expect(seen.digest('hex')).toBe(expected.digest('hex'));
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});
