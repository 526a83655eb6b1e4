import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { Unlocked } from '../identity/session';
import type { CallContext } from '../rpc/types';
import { checkFiles, DEFAULT_LIMITS, openBundle, pae, parseManifest, readNdjson, sha256Hex, PAYLOAD_TYPE, type BundleLimits, type Manifest } from './bundle';
import { checkAttachments } from './attachments';
import { fromLine } from './lines';
import { ageIdentities, orgKeys, verifySignature } from './keys';
import type { RemoteVersion } from './merge';
import { PartnerStore } from './partners';
import type { Partner } from '../../shared/contract/exchange';

/**
 * The checking half of import (DESIGN §6), shared by inspect and import; it changes nothing:
 * decrypt -> size limits -> signature against the pinned, non-revoked key of a known partner ->
 * this workspace is a listed recipient -> every file's hash and size, no extra files -> records parsed.
 */

export type Incoming = {
  manifest: Manifest;
  manifestHash: string;
  /** SHA-256 of the encrypted file (names this exact file in a preview token). */
  fileHash: string;
  bytes: number;
  sender: Partner;
  records: RemoteVersion[];
  /** Record types in the bundle that this version of Counterpart does not know. */
  unknownTypes: { type: string; count: number }[];
  /** Attachment content by SHA-256 (checked against the manifest and the records that name it). */
  attachments: Map<string, Uint8Array>;
};

export type ReadOptions = { limits?: BundleLimits } & Partial<Pick<CallContext, 'signal' | 'progress'>>;

const UnverifiedSender = z.object({ sender: z.object({ org: z.string() }) });

const cancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new CounterpartError('CANCELLED', 'Cancelled; nothing was changed.');
};

function readFile(path: string, limits: BundleLimits): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new CounterpartError('NOT_FOUND', `There is no bundle file at ${path}.`);
  }
  if (size > limits.maxBundleBytes) {
    throw new CounterpartError('BUNDLE_TOO_LARGE', `This bundle is ${size} bytes; the limit is ${limits.maxBundleBytes}.`, { bytes: size, limit: limits.maxBundleBytes });
  }
  return new Uint8Array(readFileSync(path));
}

/** Finds the signing key among our partners' keys and checks the signature; returns the signer. */
function verifyEnvelope(u: Unlocked, opened: Awaited<ReturnType<typeof openBundle>>): { partner: Partner; fingerprint: string; validUntil: string | null } {
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

export async function readIncoming(u: Unlocked, path: string, opts: ReadOptions = {}): Promise<Incoming> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const progress = opts.progress ?? (() => undefined);
  progress(0, 4, 'read');
  const bytes = readFile(path, limits);
  cancelled(opts.signal);
  progress(1, 4, 'decrypt');
  const opened = await openBundle(bytes, ageIdentities(u.workspace.db), limits);
  cancelled(opts.signal);
  progress(2, 4, 'verify');
  const signer = verifyEnvelope(u, opened);
  const manifest = parseManifest(opened.payload);
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
  checkFiles(manifest, opened.files, limits);
  cancelled(opts.signal);
  progress(3, 4, 'records');
  const records: RemoteVersion[] = [];
  const unknownTypes: Incoming['unknownTypes'] = [];
  const known = new Set(u.records.types.list().map((d) => d.type));
  for (const entry of manifest.files) {
    if (!entry.path.startsWith('data/')) continue;
    const type = entry.path.slice('data/'.length, -'.ndjson'.length);
    const lines = readNdjson(entry.path, opened.files.get(entry.path)!, entry.records);
    if (!known.has(type)) {
      unknownTypes.push({ type, count: lines.length });
      continue;
    }
    const seen = new Set<string>();
    for (const line of lines) {
      const version = fromLine(line, type, entry.path);
      if (seen.has(version.envelope.id)) throw new CounterpartError('BUNDLE_MALFORMED', `${entry.path} holds record ${version.envelope.id} twice.`);
      seen.add(version.envelope.id);
      records.push(version);
    }
  }
  const attachments = checkAttachments(opened.files, records.map((r) => r.envelope));
  progress(4, 4, 'checked');
  return { manifest, manifestHash: sha256Hex(opened.payload), fileHash: sha256Hex(bytes), bytes: bytes.length, sender: signer.partner, records, unknownTypes, attachments };
}
