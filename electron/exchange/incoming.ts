import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { Unlocked } from '../identity/session';
import type { CallContext } from '../rpc/types';
import { ATTACHMENT_PATH, DATA_PATH, DEFAULT_LIMITS, DsseEnvelope, ENVELOPE_PATH, pae, parseManifest, sha256Hex, PAYLOAD_TYPE, type BundleLimits, type Manifest } from './bundle';
import { streamBundleFile, type EntrySink } from './bundleStream';
import { attachmentPath, contentHash } from './attachments';
import { fromLine } from './lines';
import { ageIdentities, orgKeys, verifySignature } from './keys';
import type { RemoteVersion } from './merge';
import { PartnerStore } from './partners';
import type { Partner } from '../../shared/contract/exchange';

/**
 * The checking half of import (DESIGN §6), shared by inspect and import; it changes nothing itself.
 * One streaming pass over the file (electron/exchange/bundleStream.ts), synchronous so that an import
 * runs it inside its one transaction: decrypt -> `envelope.json`, which must come first: signature
 * against the pinned, non-revoked key of a known partner, manifest, this workspace a listed recipient ->
 * then each data file line by line, hashed and sized as it streams, its records parsed and handed over in
 * batches -> attachments, hashed, handed over -> every file the manifest names seen, nothing else.
 * A mismatch found at the end of a file throws after earlier batches were handed over: the caller's
 * transaction rolls back. Memory holds one batch, one line and one attachment, not the bundle.
 */

/** What the envelope and manifest say, checked before any data is read. */
export type BundleHead = {
  manifest: Manifest;
  manifestHash: string;
  sender: Partner;
};

export type BundleReader = {
  /** After the manifest checks; may throw (role, sender unverified). `false`: check the rest, hand nothing over. */
  head(head: BundleHead): boolean;
  /** Records of one known type, in file order, at most RECORD_BATCH at a time. */
  records(batch: RemoteVersion[]): void;
  /** A data file of a record type this version of Counterpart does not know (its lines are checked, not parsed). */
  unknownType(type: string, count: number): void;
  /** Checked content of an attachment that a record of this bundle names. */
  attachment(sha256: string, bytes: Buffer): void;
};

export type StreamedBundle = BundleHead & {
  /** SHA-256 of the encrypted file (names this exact file in a preview token). */
  fileHash: string;
  bytes: number;
};

export type ReadOptions = { limits?: BundleLimits } & Partial<Pick<CallContext, 'signal' | 'progress' | 'interrupted'>>;

/** Records handed over at once (planned with one query per table, then applied). */
export const RECORD_BATCH = 500;

const UnverifiedSender = z.object({ sender: z.object({ org: z.string() }) });

/** Finds the signing key among our partners' keys and checks the signature; returns the signer. */
function verifyEnvelope(u: Unlocked, opened: { envelope: DsseEnvelope; payload: Uint8Array }): { partner: Partner; fingerprint: string; validUntil: string | null } {
  const partners = new PartnerStore(u.workspace.db);
  const message = pae(PAYLOAD_TYPE, opened.payload);
  for (const signature of opened.envelope.signatures) {
    const key = partners.keyByFingerprint(signature.keyid);
    if (!key) continue;
    const partner = partners.get(key.partner_code);
    if (partner.trust === 'revoked') throw new CounterpartError('PARTNER_REVOKED', `${partner.code} was revoked as a partner; its bundles are refused.`, { partner: partner.code });
    if (key.state === 'revoked') {
      throw new CounterpartError('BUNDLE_KEY_REVOKED', `This bundle is signed with a key that ${partner.code} revoked on ${key.ended_at ?? 'an earlier date'}; it is refused.`, { partner: partner.code, fingerprint: key.fingerprint });
    }
    if (!verifySignature(key.signing_public, message, new Uint8Array(Buffer.from(signature.sig, 'base64')))) {
      throw new CounterpartError('BUNDLE_SIGNATURE_INVALID', `The signature of this bundle does not match ${partner.code}'s key: it was changed after it was signed, or it is forged.`, { partner: partner.code });
    }
    return { partner, fingerprint: key.fingerprint, validUntil: key.state === 'retired' ? (key.valid_until ?? key.ended_at) : null };
  }
  // Nobody we know signed it. Name the claimed sender (unverified) to make the message useful.
  let claimed: string | null = null;
  try {
    const parsed = UnverifiedSender.safeParse(JSON.parse(Buffer.from(opened.payload).toString('utf8')));
    claimed = parsed.success ? parsed.data.sender.org : null;
  } catch {
    claimed = null;
  }
  if (claimed && !partners.find(claimed)) {
    throw new CounterpartError('PARTNER_UNKNOWN', `This bundle says it comes from ${claimed}, which is not in the partner directory; import and verify its card first.`, { partner: claimed });
  }
  throw new CounterpartError('BUNDLE_SIGNER_UNKNOWN', `This bundle is not signed by any key we have pinned${claimed ? ` for ${claimed}` : ''}; it may be forged.`, claimed ? { partner: claimed } : {});
}


/** The envelope: parsed, the signature checked against our partners' keys, then the manifest. */
function readHead(u: Unlocked, bytes: Buffer): BundleHead {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CounterpartError('BUNDLE_MALFORMED', 'The envelope of this bundle is not valid JSON.');
  }
  const envelope = DsseEnvelope.safeParse(json);
  if (!envelope.success) throw new CounterpartError('BUNDLE_MALFORMED', 'The envelope of this bundle is not a valid signed envelope.', { issues: envelope.error.issues });
  if (envelope.data.payloadType !== PAYLOAD_TYPE) {
    throw new CounterpartError('BUNDLE_MALFORMED', `The envelope carries ${envelope.data.payloadType}, not a Counterpart manifest.`);
  }
  const payload = new Uint8Array(Buffer.from(envelope.data.payload, 'base64'));
  const signer = verifyEnvelope(u, { envelope: envelope.data, payload });
  const manifest = parseManifest(payload);
  if (manifest.sender.org !== signer.partner.code || manifest.sender.fingerprint !== signer.fingerprint) {
    throw new CounterpartError('BUNDLE_SIGNATURE_INVALID', `This bundle is signed by ${signer.partner.code} but claims to come from ${manifest.sender.org}.`, { partner: signer.partner.code });
  }
  if (signer.validUntil !== null && manifest.createdAt > signer.validUntil) {
    throw new CounterpartError('BUNDLE_KEY_REVOKED', `This bundle is signed with a key that ${signer.partner.code} replaced on ${signer.validUntil}, but it was made after that.`, { partner: signer.partner.code });
  }
  const ourKeys = new Set(orgKeys(u.workspace.db).map((k) => k.fingerprint));
  if (!manifest.recipients.some((r) => r.org === u.organisation.code && ourKeys.has(r.fingerprint))) {
    throw new CounterpartError('NOT_A_RECIPIENT', `This bundle is addressed to ${manifest.recipients.map((r) => r.org).join(', ')}, not to ${u.organisation.code}.`, {
      recipients: manifest.recipients.map((r) => r.org),
    });
  }
  return { manifest, manifestHash: sha256Hex(payload), sender: signer.partner };
}

/** The manifest's own rules: each file named once, attachments named by their hash, within the limits. */
function checkManifest(manifest: Manifest, limits: BundleLimits): void {
  const named = new Set<string>();
  let records = 0;
  for (const entry of manifest.files) {
    if (named.has(entry.path)) throw new CounterpartError('BUNDLE_MALFORMED', `The manifest names ${entry.path} twice.`);
    named.add(entry.path);
    records += entry.records;
    if (ATTACHMENT_PATH.test(entry.path) && entry.path.slice('attachments/'.length) !== entry.sha256) {
      throw new CounterpartError('BUNDLE_HASH_MISMATCH', `${entry.path} is not named by its hash (the manifest gives ${entry.sha256}).`, { path: entry.path });
    }
  }
  if (records > limits.maxRecords) {
    throw new CounterpartError('BUNDLE_TOO_LARGE', `This bundle holds ${records} records; the limit is ${limits.maxRecords}.`, { records, limit: limits.maxRecords });
  }
}

const tooLarge = (name: string, limit: number) => new CounterpartError('BUNDLE_TOO_LARGE', `${name} is larger than the limit for one file (${limit} bytes).`, { path: name, limit });
const mismatch = (path: string) => new CounterpartError('BUNDLE_HASH_MISMATCH', `${path} is not the file the sender signed (its size or hash differs).`, { path });

/** A sink that keeps a small file whole (the envelope, an attachment), within the per-file limit. */
function whole(name: string, size: number, limit: number, done: (bytes: Buffer) => void): EntrySink {
  if (size > limit) throw new CounterpartError('BUNDLE_TOO_LARGE', `${name} is ${size} bytes; the limit for one file is ${limit}.`, { path: name, bytes: size, limit });
  const chunks: Buffer[] = [];
  return { data: (chunk) => chunks.push(Buffer.from(chunk)), end: () => done(Buffer.concat(chunks, size)) };
}

/**
 * Reads and checks a bundle, handing its content to `reader` as it streams (see the module comment).
 * Synchronous: the import runs it inside its transaction.
 */
export function readBundle(u: Unlocked, path: string, opts: ReadOptions, reader: BundleReader): StreamedBundle {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const progress = opts.progress ?? (() => undefined);
  let head: BundleHead | null = null;
  let handOver = false;
  let files = 0;
  let attachmentsStarted = false;
  const expected = new Map<string, Manifest['files'][number]>();
  const seen = new Set<string>();
  /** Content hashes named by the records (checked against the attachment files). */
  const named = new Set<string>();
  const known = new Set(u.records.types.list().map((d) => d.type));
  let recordsDone = 0;
  let recordsTotal = 0;

  const dataFile = (name: string, size: number, entry: Manifest['files'][number]): EntrySink => {
    const type = name.slice('data/'.length, -'.ndjson'.length);
    const isKnown = known.has(type);
    const hash = createHash('sha256');
    let bytes = 0;
    let count = 0;
    let carry: Buffer[] = [];
    let carryLength = 0;
    let lastId = '';
    let batch: RemoteVersion[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      // The pass is synchronous inside the import transaction: a cancel is seen here, between batches.
      if (opts.signal?.aborted || opts.interrupted?.()) throw new CounterpartError('CANCELLED', 'The import was cancelled; nothing was changed.');
      if (handOver) reader.records(batch);
      recordsDone += batch.length;
      progress(recordsDone, recordsTotal, 'records');
      batch = [];
    };
    const line = (text: Buffer) => {
      count++;
      if (count > entry.records) throw new CounterpartError('BUNDLE_MALFORMED', `${name} holds more records than the manifest says (${entry.records}).`, { path: name });
      let json: unknown;
      try {
        json = JSON.parse(text.toString('utf8'));
      } catch {
        throw new CounterpartError('BUNDLE_MALFORMED', `Line ${count} of ${name} is not valid JSON.`, { path: name, line: count });
      }
      if (!isKnown) return;
      const version = fromLine(json, type, name);
      const id = version.envelope.id;
      // Ids ascend in a data file (docs/bundles.md §Format), so a repeated id is seen without remembering every id.
      if (id === lastId) throw new CounterpartError('BUNDLE_MALFORMED', `${name} holds record ${id} twice.`, { path: name });
      if (id < lastId) throw new CounterpartError('BUNDLE_MALFORMED', `The records of ${name} are not in id order (${id} after ${lastId}).`, { path: name });
      lastId = id;
      const sha = contentHash(version.envelope);
      if (sha) named.add(sha);
      batch.push(version);
      if (batch.length >= RECORD_BATCH) flush();
    };
    return {
      data(chunk) {
        hash.update(chunk);
        bytes += chunk.length;
        if (bytes > entry.size) throw mismatch(name);
        let at = 0;
        for (let nl = chunk.indexOf(0x0a, at); nl >= 0; nl = chunk.indexOf(0x0a, at)) {
          const piece = chunk.subarray(at, nl);
          if (carryLength + piece.length > limits.maxLineBytes) throw tooLarge(`A line of ${name}`, limits.maxLineBytes);
          line(carryLength > 0 ? Buffer.concat([...carry, piece]) : piece);
          carry = [];
          carryLength = 0;
          at = nl + 1;
        }
        if (at < chunk.length) {
          carryLength += chunk.length - at;
          if (carryLength > limits.maxLineBytes) throw tooLarge(`A line of ${name}`, limits.maxLineBytes);
          carry.push(Buffer.from(chunk.subarray(at)));
        }
      },
      end() {
        if (carryLength > 0) line(Buffer.concat(carry));
        if (bytes !== entry.size || hash.digest('hex') !== entry.sha256) throw mismatch(name);
        if (count !== entry.records) throw new CounterpartError('BUNDLE_MALFORMED', `${name} holds ${count} records, but the manifest says ${entry.records}.`, { path: name });
        flush();
        if (!isKnown && handOver) reader.unknownType(type, count);
      },
    };
  };

  const streamed = streamBundleFile(path, ageIdentities(u.workspace.db), limits.maxBundleBytes, (name, size) => {
    if (++files > limits.maxFiles) throw new CounterpartError('BUNDLE_TOO_LARGE', `This bundle holds more than ${limits.maxFiles} files.`, { limit: limits.maxFiles });
    if (!head) {
      if (name !== ENVELOPE_PATH) throw new CounterpartError('BUNDLE_MALFORMED', 'This bundle does not begin with its envelope.json.');
      return whole(name, size, limits.maxFileBytes, (bytes) => {
        progress(1, 4, 'verify');
        head = readHead(u, bytes);
        checkManifest(head.manifest, limits);
        for (const f of head.manifest.files) expected.set(f.path, f);
        recordsTotal = head.manifest.files.reduce((n, f) => n + f.records, 0);
        handOver = reader.head(head);
        progress(2, 4, 'records');
      });
    }
    if (name !== ENVELOPE_PATH && !DATA_PATH.test(name) && !ATTACHMENT_PATH.test(name)) {
      throw new CounterpartError('BUNDLE_FILE_EXTRA', `This bundle holds a file that no bundle may hold: ${name}.`, { path: name });
    }
    const entry = expected.get(name);
    if (!entry) throw new CounterpartError('BUNDLE_FILE_EXTRA', `This bundle holds ${name}, which its signed manifest does not name.`, { path: name });
    seen.add(name);
    if (size !== entry.size) throw mismatch(name);
    if (DATA_PATH.test(name)) {
      if (attachmentsStarted) throw new CounterpartError('BUNDLE_MALFORMED', `${name} comes after the attachments; data files come first.`, { path: name });
      return dataFile(name, size, entry);
    }
    attachmentsStarted = true;
    const sha256 = name.slice('attachments/'.length);
    return whole(name, size, limits.maxFileBytes, (bytes) => {
      if (sha256Hex(bytes) !== entry.sha256) throw mismatch(name);
      if (!named.has(sha256)) throw new CounterpartError('BUNDLE_FILE_EXTRA', `This bundle holds attachment ${sha256.slice(0, 12)}…, which none of its records names.`, { path: name });
      if (handOver) reader.attachment(sha256, bytes);
    });
  });
  const done = head as BundleHead | null;
  if (!done) throw new CounterpartError('BUNDLE_MALFORMED', 'This bundle has no envelope.json.');
  for (const f of done.manifest.files) {
    if (!seen.has(f.path)) throw new CounterpartError('BUNDLE_FILE_MISSING', `The manifest names ${f.path}, but the bundle does not hold it.`, { path: f.path });
  }
  for (const sha256 of named) {
    if (!seen.has(attachmentPath(sha256))) {
      throw new CounterpartError('BUNDLE_FILE_MISSING', `A record in this bundle names attachment ${sha256.slice(0, 12)}…, but the bundle does not hold its content.`, { path: attachmentPath(sha256) });
    }
  }
  progress(4, 4, 'checked');
  return { ...done, fileHash: streamed.fileHash, bytes: streamed.bytes };
}
