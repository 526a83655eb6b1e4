import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { CounterpartError } from '../../shared/contract/errors';
import { AgeError, decryptStream } from './age';
import { isUnsafePath } from './tar';

/**
 * Reads a bundle file as a stream, synchronously, so that an import can check, plan and apply it inside
 * its one database transaction while holding only a chunk of it in memory (docs/bundles.md §Limits):
 * file (1 MiB reads, hashed) -> age decryption (node:crypto, electron/exchange/age.ts) -> ustar entries,
 * each handed to the caller as it arrives, its bytes in pieces. age releases a chunk only after its tag
 * checked, but the file's end is authenticated last: the caller treats everything as provisional until
 * this returns (the import's transaction rolls back on any error thrown here).
 */

export type EntrySink = { data(chunk: Buffer): void; end(): void };
export type EntryVisitor = (name: string, size: number) => EntrySink;

const READ = 1 << 20;
const BLOCK = 512;
const AGE_MAGIC = 'age-encryption.org/v1\n';

export type StreamedFile = { fileHash: string; bytes: number };

export function streamBundleFile(path: string, identities: readonly string[], maxBundleBytes: number, visit: EntryVisitor): StreamedFile {
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new CounterpartError('NOT_FOUND', `There is no bundle file at ${path}.`);
  }
  const decrypt = decryptStream(identities);
  // Errors are read from `errored` below; the 'error' event (emitted later) must not go unhandled.
  decrypt.on('error', () => undefined);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CounterpartError('NOT_FOUND', `There is no bundle file at ${path}.`);
    size = stat.size;
    if (size > maxBundleBytes) {
      throw new CounterpartError('BUNDLE_TOO_LARGE', `This bundle is ${size} bytes; the limit is ${maxBundleBytes}.`, { bytes: size, limit: maxBundleBytes });
    }
    const hash = createHash('sha256');
    const tar = new TarReader(visit);
    const buffer = Buffer.allocUnsafe(READ);
    const failed = () => {
      const err = decrypt.errored;
      if (!err) return;
      if (err instanceof AgeError && err.reason === 'no-identity-matched') {
        throw new CounterpartError('NOT_A_RECIPIENT', 'This bundle was not addressed to this organisation (none of our keys opens it), or its header was damaged.');
      }
      throw new CounterpartError('BUNDLE_DECRYPT_FAILED', 'This bundle cannot be decrypted: the file is damaged or incomplete (it may have been cut short or changed on the way).');
    };
    const drain = () => {
      for (let chunk = decrypt.read() as Buffer | null; chunk !== null; chunk = decrypt.read() as Buffer | null) tar.push(chunk);
    };
    let offset = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, READ, offset);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      if (offset === 0 && (n < AGE_MAGIC.length ? chunk : chunk.subarray(0, AGE_MAGIC.length)).toString('latin1') !== AGE_MAGIC.slice(0, Math.min(n, AGE_MAGIC.length))) {
        throw new CounterpartError('BUNDLE_NOT_AGE', 'This file is not a Counterpart bundle: it is not an age-encrypted file.');
      }
      offset += n;
      hash.update(chunk);
      // The transform copies what it keeps, so the read buffer can be reused.
      decrypt.write(Buffer.from(chunk));
      failed();
      drain();
    }
    if (offset < AGE_MAGIC.length) throw new CounterpartError('BUNDLE_NOT_AGE', 'This file is not a Counterpart bundle: it is not an age-encrypted file.');
    // node:stream runs a Transform's flush within end() when nothing is pending, as here (each write was
    // drained); were it ever deferred, the archive would end early and be refused below, never accepted.
    decrypt.end();
    failed();
    drain();
    failed();
    tar.finish();
    return { fileHash: hash.digest('hex'), bytes: offset };
  } finally {
    decrypt.destroy();
    closeSync(fd);
  }
}

const malformed = () => new CounterpartError('BUNDLE_MALFORMED', 'The contents of this bundle are not a valid archive.');

const cString = (block: Buffer, start: number, length: number): string => {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul < 0 ? length : nul).toString('utf8');
};

function octal(block: Buffer, start: number, length: number): number {
  const text = cString(block, start, length).trim();
  if (!/^[0-7]+$/.test(text)) throw malformed();
  return parseInt(text, 8);
}

/**
 * A strict, incremental reader of POSIX ustar archives (what `packTar` writes): regular files only, no
 * unsafe or duplicate names, header checksums checked, nothing but zero blocks after the end marker.
 */
class TarReader {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private sink: EntrySink | null = null;
  private remaining = 0;
  private padding = 0;
  private ended = false;
  private readonly names = new Set<string>();

  constructor(private readonly visit: EntryVisitor) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.sink) {
        const n = Math.min(this.remaining, chunk.length - at);
        if (n > 0) this.sink.data(chunk.subarray(at, at + n));
        at += n;
        this.remaining -= n;
        if (this.remaining === 0) {
          const sink = this.sink;
          this.sink = null;
          sink.end();
        }
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - at);
        at += n;
        this.padding -= n;
        continue;
      }
      const n = Math.min(BLOCK - this.pendingLength, chunk.length - at);
      this.pending.push(chunk.subarray(at, at + n));
      this.pendingLength += n;
      at += n;
      if (this.pendingLength === BLOCK) {
        const block = Buffer.concat(this.pending, BLOCK);
        this.pending = [];
        this.pendingLength = 0;
        this.header(block);
      }
    }
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    if (this.ended) throw malformed();
    const sum = octal(block, 148, 8);
    let computed = 0;
    for (let i = 0; i < BLOCK; i++) computed += i >= 148 && i < 156 ? 0x20 : block[i]!;
    if (sum !== computed) throw malformed();
    const prefix = block.subarray(257, 262).toString('latin1') === 'ustar' ? cString(block, 345, 155) : '';
    const base = cString(block, 0, 100);
    const name = prefix ? `${prefix}/${base}` : base;
    const type = String.fromCharCode(block[156]!);
    const size = octal(block, 124, 12);
    if (isUnsafePath(name)) {
      throw new CounterpartError('BUNDLE_UNSAFE_PATH', `This bundle holds a file with an unsafe name (${JSON.stringify(name)}); it was refused.`, { path: name });
    }
    if (type !== '0' && type !== '\0') {
      throw new CounterpartError('BUNDLE_MALFORMED', `This bundle holds ${name}, which is not a regular file.`, { path: name });
    }
    if (this.names.has(name)) throw new CounterpartError('BUNDLE_MALFORMED', `This bundle holds ${name} twice.`, { path: name });
    this.names.add(name);
    const sink = this.visit(name, size);
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) sink.end();
    else {
      this.sink = sink;
      this.remaining = size;
    }
  }

  /** The archive must end on a block boundary, after its last entry's bytes and the end marker. */
  finish(): void {
    if (this.sink || this.pendingLength > 0 || this.padding > 0 || !this.ended) throw malformed();
  }
}
