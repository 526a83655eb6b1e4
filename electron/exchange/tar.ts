import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { CounterpartError } from '../../shared/contract/errors';

/**
 * The bundle's inner container: a POSIX (ustar) tar of regular files, read with strict checks because
 * its names come from another office. Only regular files; no absolute paths, no `..`, no backslashes,
 * no duplicates; sizes within the limits before any byte is kept.
 */

export type TarLimits = { maxFileBytes: number; maxFiles: number };

export type TarFile = { path: string; bytes: Uint8Array };

export async function packTar(files: TarFile[], mtime: Date): Promise<Uint8Array> {
  const pack = tar.pack();
  for (const f of files) {
    pack.entry({ name: f.path, size: f.bytes.length, mtime, mode: 0o600, uid: 0, gid: 0, uname: '', gname: '', type: 'file' }, Buffer.from(f.bytes));
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A path that could write outside the folder it is extracted to, or that means something else on Windows. */
export function isUnsafePath(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\') || path.includes('\0')) return true;
  return path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
}

export async function readTar(bytes: Uint8Array, limits: TarLimits): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const extract = tar.extract();
  const source = Readable.from([Buffer.from(bytes)]);
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      const { name, type, size } = entry.header;
      if (isUnsafePath(name)) {
        entry.resume();
        throw new CounterpartError('BUNDLE_UNSAFE_PATH', `This bundle holds a file with an unsafe name (${JSON.stringify(name)}); it was refused.`, { path: name });
      }
      if (type !== 'file') {
        entry.resume();
        throw new CounterpartError('BUNDLE_MALFORMED', `This bundle holds ${name}, which is a ${type ?? 'special entry'}, not a regular file.`, { path: name });
      }
      if (files.has(name)) throw new CounterpartError('BUNDLE_MALFORMED', `This bundle holds ${name} twice.`, { path: name });
      if ((size ?? 0) > limits.maxFileBytes) {
        throw new CounterpartError('BUNDLE_TOO_LARGE', `${name} is ${size} bytes; the limit for one file is ${limits.maxFileBytes}.`, { path: name, bytes: size, limit: limits.maxFileBytes });
      }
      if (files.size >= limits.maxFiles) throw new CounterpartError('BUNDLE_TOO_LARGE', `This bundle holds more than ${limits.maxFiles} files.`, { limit: limits.maxFiles });
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of entry) {
        total += (chunk as Buffer).length;
        if (total > limits.maxFileBytes) throw new CounterpartError('BUNDLE_TOO_LARGE', `${name} is larger than the limit for one file.`, { path: name });
        chunks.push(chunk as Buffer);
      }
      files.set(name, new Uint8Array(Buffer.concat(chunks)));
    }
  } catch (err) {
    source.destroy();
    extract.destroy();
    if (err instanceof CounterpartError) throw err;
    throw new CounterpartError('BUNDLE_MALFORMED', 'The contents of this bundle are not a valid archive.');
  }
  return files;
}
