import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, existsSync, linkSync, mkdirSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { CounterpartError } from '../../shared/contract/errors';
import { encryptStream } from './age';
import { ENVELOPE_PATH, sha256Hex, signedEnvelope, type BundleFile, type Manifest, type WriteBundleInput } from './bundle';

/**
 * Writes a bundle file of any size with memory that does not grow with it (docs/bundles.md §Format:
 * the format is the one `writeBundle` produces in memory, byte for byte in layout).
 *
 * The signed manifest, first in the tar, names every data file's SHA-256 and size, so each file's bytes
 * are known twice: once to hash (the exporter spools them, see `Spool`) and once to stream into the tar,
 * which goes through age straight into `<name>.partial`; the finished file is then linked to its name
 * (never replacing a file) and the partial removed. On failure or cancel the partial is removed.
 */

/** A file of the bundle, read twice: its declared hash and size are checked against the second read. */
export type BundleSource = {
  path: string;
  sha256: string;
  size: number;
  records: number;
  content: () => Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
};

export const bytesSource = (f: BundleFile): BundleSource => ({ path: f.path, sha256: sha256Hex(f.bytes), size: f.bytes.length, records: f.records, content: () => [f.bytes] });

export type StreamBundleInput = Omit<WriteBundleInput, 'files'> & { files: BundleSource[] };

export type WrittenBundleFile = { path: string; bytes: number; manifest: Manifest; manifestHash: string };

export type WriteOptions = {
  signal?: AbortSignal;
  /** Plaintext bytes of the data files written so far, of the total. */
  onProgress?: (done: number, total: number) => void;
};

const cancelled = () => new CounterpartError('CANCELLED', 'The export was cancelled; nothing was written.');


/** Builds, signs, packs, encrypts and writes the bundle to `dir/name` (which must not exist yet). */
export async function writeBundleFile(input: StreamBundleInput, dir: string, name: string, opts: WriteOptions = {}): Promise<WrittenBundleFile> {
  const { manifest, manifestHash, envelopeBytes } = signedEnvelope(input);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  if (existsSync(path)) throw new CounterpartError('CONFLICT', `${path} already exists.`);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const pack = tar.pack();
  const encrypt = encryptStream(input.ageRecipients);
  let written = 0;
  const piped = pipeline(pack, encrypt, out);
  // A failure downstream (disk full) must end the writing loop below instead of leaving it waiting.
  let failure: unknown = null;
  piped.catch((err: unknown) => {
    failure = err;
  });
  const mtime = new Date(manifest.createdAt);
  const total = input.files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  try {
    await writeEntry(pack, ENVELOPE_PATH, envelopeBytes.length, mtime, [envelopeBytes], () => failure);
    for (const file of input.files) {
      const hash = createHash('sha256');
      let size = 0;
      await writeEntry(pack, file.path, file.size, mtime, file.content(), () => failure, (chunk) => {
        if (opts.signal?.aborted) throw cancelled();
        hash.update(chunk);
        size += chunk.length;
        done += chunk.length;
        opts.onProgress?.(done, total);
      });
      if (size !== file.size || hash.digest('hex') !== file.sha256) {
        throw new CounterpartError('INTERNAL', `${file.path} changed while the bundle was written; nothing was written.`, { path: file.path });
      }
    }
    if (opts.signal?.aborted) throw cancelled();
    pack.finalize();
    await piped;
    written = out.bytesWritten;
    linkSync(partial, path);
  } catch (err) {
    pack.destroy();
    out.destroy();
    await piped.catch(() => undefined);
    // The file is opened asynchronously: wait until it is closed, or a late open would leave it behind.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    rmSync(partial, { force: true });
    if (err instanceof CounterpartError) throw err;
    throw new CounterpartError('INTERNAL', `The bundle could not be written: ${(err as Error).message}`);
  }
  unlinkSync(partial);
  return { path, bytes: written, manifest, manifestHash };
}

type Pack = ReturnType<typeof tar.pack>;

/** One tar member of a known size, written chunk by chunk with backpressure. */
async function writeEntry(
  pack: Pack,
  name: string,
  size: number,
  mtime: Date,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  failed: () => unknown,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<void> {
  let settle: (err: Error | null) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    settle = (err) => (err ? reject(err) : resolve());
  });
  finished.catch(() => undefined);
  const entry = pack.entry({ name, size, mtime, mode: 0o600, uid: 0, gid: 0, uname: '', gname: '', type: 'file' }, (err) => settle(err ?? null));
  let written = 0;
  for await (const chunk of chunks) {
    const error = failed();
    if (error) throw error;
    onChunk?.(chunk);
    written += chunk.length;
    // Never more than declared: tar-stream would otherwise corrupt the archive silently.
    if (written > size) throw new CounterpartError('INTERNAL', `${name} is longer than declared.`, { path: name });
    if (!entry.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
      await new Promise<void>((resolve) => {
        const go = () => {
          entry.off('drain', go);
          entry.off('close', go);
          resolve();
        };
        entry.on('drain', go);
        entry.on('close', go);
      });
    }
  }
  if (written !== size) throw new CounterpartError('INTERNAL', `${name} is shorter than declared.`, { path: name });
  entry.end();
  await finished;
}

// ---------------------------------------------------------------- spool

const SPOOL_CHUNK = 64 * 1024;
const SPOOL_TAG = 16;

/**
 * A write-once, read-many temporary file, encrypted (ChaCha20-Poly1305, 64 KiB chunks) with a key that
 * exists only in this object: the exporter's first pass writes a data file here while hashing it, the
 * second pass reads it back into the tar. Synchronous, so a pass over the database needs no await.
 */
export class Spool {
  readonly path: string;
  private fd: number | null;
  private readonly key = randomBytes(32);
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private chunks = 0;
  private digest: string | null = null;
  size = 0;
  records = 0;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, `.counterpart-spool-${randomBytes(12).toString('hex')}`);
    this.fd = openSync(this.path, 'wx', 0o600);
  }

  /** Appends one record's bytes (a line of ndjson). */
  write(bytes: Buffer): void {
    if (this.fd === null || this.digest !== null) throw new CounterpartError('INTERNAL', 'The spool is closed.');
    this.hash.update(bytes);
    this.size += bytes.length;
    this.records += 1;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= SPOOL_CHUNK) {
      const all = Buffer.concat(this.pending, this.pendingBytes);
      let at = 0;
      for (; all.length - at >= SPOOL_CHUNK; at += SPOOL_CHUNK) this.seal(all.subarray(at, at + SPOOL_CHUNK));
      this.pending = at < all.length ? [all.subarray(at)] : [];
      this.pendingBytes = all.length - at;
    }
  }

  /** Ends writing; returns the SHA-256 (hex) of everything written. */
  finish(): string {
    if (this.digest !== null) return this.digest;
    if (this.pendingBytes > 0) this.seal(Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.digest = this.hash.digest('hex');
    return this.digest;
  }

  /** The plaintext again, 64 KiB at a time (after `finish`). */
  *read(): Generator<Buffer> {
    if (this.digest === null) throw new CounterpartError('INTERNAL', 'The spool is still being written.');
    const fd = openSync(this.path, 'r');
    try {
      const sealed = Buffer.alloc(SPOOL_CHUNK + SPOOL_TAG);
      for (let i = 0; i < this.chunks; i++) {
        const n = readSync(fd, sealed, 0, sealed.length, i * (SPOOL_CHUNK + SPOOL_TAG));
        const decipher = createDecipheriv('chacha20-poly1305', this.key, nonceOf(i), { authTagLength: SPOOL_TAG });
        decipher.setAuthTag(sealed.subarray(n - SPOOL_TAG, n));
        const plain = decipher.update(sealed.subarray(0, n - SPOOL_TAG));
        decipher.final();
        yield plain;
      }
    } finally {
      closeSync(fd);
    }
  }

  remove(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }

  private seal(plain: Buffer): void {
    const cipher = createCipheriv('chacha20-poly1305', this.key, nonceOf(this.chunks++), { authTagLength: SPOOL_TAG });
    const body = cipher.update(plain);
    cipher.final();
    writeSync(this.fd!, Buffer.concat([body, cipher.getAuthTag()]));
  }
}

function nonceOf(i: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(i, 6, 6);
  return nonce;
}

/** A spool as a bundle file. */
export const spoolSource = (path: string, spool: Spool): BundleSource => {
  const sha256 = spool.finish();
  return { path, sha256, size: spool.size, records: spool.records, content: () => spool.read() };
};
