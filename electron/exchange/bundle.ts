import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Encrypter } from 'age-encryption';
import { CounterpartError } from '../../shared/contract/errors';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { OrgCode } from '../../shared/domain/organisation';
import { BundleType, Sha256Hex } from '../../shared/domain/exchange';
import { OrganisationCard } from '../../shared/contract/exchange';
import { packTar, type TarLimits } from './tar';

/**
 * The bundle file (DESIGN §6, docs/bundles.md §Format): an age v1 file whose plaintext is a POSIX tar
 * holding `envelope.json` (a DSSE envelope whose payload is the manifest), `data/<type>.ndjson` and
 * `attachments/<sha256>`. This module writes the container and parses its envelope and manifest; import
 * reads it as a stream (bundleStream.ts, incoming.ts). It knows nothing of the database.
 */

export const FORMAT_VERSION = 1;
export const PAYLOAD_TYPE = 'application/vnd.counterpart.bundle+json';
export const ENVELOPE_PATH = 'envelope.json';
export const DATA_PATH = /^data\/[a-z][a-z0-9_-]{0,63}\.ndjson$/;
export const ATTACHMENT_PATH = /^attachments\/[0-9a-f]{64}$/;

export type BundleLimits = TarLimits & {
  /** The encrypted file as a whole. */
  maxBundleBytes: number;
  /** Records over all data files. */
  maxRecords: number;
  /** One line of a data file (data files stream; `maxFileBytes` bounds the files kept whole: envelope, attachments). */
  maxLineBytes?: number;
};

/**
 * Import streams (electron/exchange/incoming.ts): memory holds a batch of records, a line and one
 * attachment, so the limits are about time and disk, not memory (docs/bundles.md §Limits).
 */
export const DEFAULT_LIMITS: Required<BundleLimits> = {
  maxBundleBytes: 16 * 1024 ** 3,
  maxFileBytes: 64 * 1024 * 1024,
  maxFiles: 10_000,
  maxRecords: 20_000_000,
  maxLineBytes: 16 * 1024 * 1024,
};

const OrgRef = z.strictObject({ org: OrgCode, fingerprint: Sha256Hex });

export const FileEntry = z.strictObject({
  path: z.string().refine((p) => DATA_PATH.test(p) || ATTACHMENT_PATH.test(p), 'data/<type>.ndjson or attachments/<sha256>'),
  sha256: Sha256Hex,
  size: z.number().int().min(0),
  records: z.number().int().min(0),
});
export type FileEntry = z.infer<typeof FileEntry>;

export const Acknowledgement = z.strictObject({ streamId: z.string().max(300), seq: z.number().int().min(1), bundleId: z.uuid(), manifestHash: Sha256Hex });
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const TransferOffer = z.strictObject({ recordId: z.uuid(), recordType: z.string().max(64), from: OrgCode, to: OrgCode });
export type TransferOffer = z.infer<typeof TransferOffer>;

/** A key-update bundle's announcement, signed by the old key. */
export const KeyUpdate = z.strictObject({
  mode: z.enum(['rotate', 'revoke']),
  oldFingerprint: Sha256Hex,
  newKey: OrganisationCard.pick({ signingKey: true, encryptionKey: true, fingerprint: true }),
  reason: z.string().max(500).nullable(),
});
export type KeyUpdate = z.infer<typeof KeyUpdate>;

export const Manifest = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  bundleId: z.uuid(),
  bundleType: BundleType,
  sender: OrgRef,
  recipients: z.array(OrgRef).min(1).max(20),
  stream: z.strictObject({ id: z.string().min(1).max(300), seq: z.number().int().min(1), prev: Sha256Hex.nullable() }),
  createdAt: z.iso.datetime(),
  purpose: z.string().max(500),
  legalBasis: z.string().max(500).nullable(),
  consentRef: z.string().max(4000).nullable(),
  deleteAfter: z.iso.date().nullable(),
  acknowledgements: z.array(Acknowledgement).max(10_000),
  transfers: z.array(TransferOffer).max(100_000),
  keyUpdate: KeyUpdate.nullable(),
  files: z.array(FileEntry).max(10_000),
});
export type Manifest = z.infer<typeof Manifest>;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const DsseEnvelope = z.strictObject({
  payloadType: z.string().max(200),
  payload: Base64,
  signatures: z.array(z.strictObject({ keyid: z.string().max(200), sig: Base64.max(200) })).min(1).max(4),
});
export type DsseEnvelope = z.infer<typeof DsseEnvelope>;

/** DSSE pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body. */
export function pae(payloadType: string, body: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${body.length} `, 'utf8'), body]);
}

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

export type BundleFile = { path: string; bytes: Uint8Array; records: number };

export type WriteBundleInput = {
  manifest: Omit<Manifest, 'formatVersion' | 'files'>;
  files: BundleFile[];
  signer: { fingerprint: string; sign: (message: Uint8Array) => Uint8Array };
  /** age recipients: every recipient organisation's key and the sender's own archive key. */
  ageRecipients: string[];
};

export type WrittenBundle = { bytes: Uint8Array; manifest: Manifest; manifestHash: string };

/** The signed manifest and its DSSE envelope, as `envelope.json` holds it (both writers use this). */
export function signedEnvelope(input: Pick<WriteBundleInput, 'manifest' | 'signer'> & { files: FileEntry[] }): { manifest: Manifest; manifestHash: string; envelopeBytes: Buffer } {
  const files = input.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size, records: f.records }));
  const manifest = Manifest.parse({ formatVersion: FORMAT_VERSION, ...input.manifest, files });
  const payload = Buffer.from(canonicalJson(manifest), 'utf8');
  const sig = input.signer.sign(pae(PAYLOAD_TYPE, payload));
  const envelope: DsseEnvelope = {
    payloadType: PAYLOAD_TYPE,
    payload: payload.toString('base64'),
    signatures: [{ keyid: input.signer.fingerprint, sig: Buffer.from(sig).toString('base64') }],
  };
  return { manifest, manifestHash: sha256Hex(payload), envelopeBytes: Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, 'utf8') };
}

/** Builds, signs, packs and encrypts a bundle in memory (tests that forge bundles; the app streams, bundleWriter.ts). */
export async function writeBundle(input: WriteBundleInput): Promise<WrittenBundle> {
  const files = input.files.map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), size: f.bytes.length, records: f.records }));
  const { manifest, manifestHash, envelopeBytes } = signedEnvelope({ manifest: input.manifest, signer: input.signer, files });
  const tar = await packTar([{ path: ENVELOPE_PATH, bytes: envelopeBytes }, ...input.files], new Date(manifest.createdAt));
  const encrypter = new Encrypter();
  for (const r of new Set(input.ageRecipients)) encrypter.addRecipient(r);
  return { bytes: await encrypter.encrypt(tar), manifest, manifestHash };
}

/** Reads the signed manifest: first its format version, then every member strictly. */
export function parseManifest(payload: Uint8Array): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new CounterpartError('BUNDLE_MALFORMED', 'The manifest of this bundle is not valid JSON.');
  }
  const version = z.object({ formatVersion: z.number().int() }).safeParse(json);
  if (!version.success) throw new CounterpartError('BUNDLE_MALFORMED', 'The manifest of this bundle has no format version.');
  if (version.data.formatVersion !== FORMAT_VERSION) {
    throw new CounterpartError('BUNDLE_UNSUPPORTED_VERSION', `This bundle uses format version ${version.data.formatVersion}; this version of Counterpart reads version ${FORMAT_VERSION}. Update Counterpart to import it.`, {
      formatVersion: version.data.formatVersion,
    });
  }
  const manifest = Manifest.safeParse(json);
  if (!manifest.success) throw new CounterpartError('BUNDLE_MALFORMED', 'The manifest of this bundle is not valid.', { issues: manifest.error.issues });
  return manifest.data;
}
