import { z } from 'zod';
import { method } from './define';
import { OrgCode, CountryCode } from '../domain/organisation';
import { BundleType, KeyState, MessageParams, RefusalCode, Sha256Hex, StreamNoticeCode, TrustState, VerifyMethod } from '../domain/exchange';

/**
 * Exchange between offices (DESIGN §6, docs/bundles.md): the organisation card, the partner directory,
 * bundle export / inspect / import, streams and gaps, the conflict queue, and key rotation.
 * Bundle and card files are named by absolute paths on the machine running the core.
 */

/** An absolute file or folder path (POSIX or Windows), without NUL bytes. */
export const FilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'A path cannot contain NUL bytes.')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Give the full (absolute) path.');

const Base64Key32 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'The raw 32-byte key in base64 (44 characters).');

/** The `.cpcard` file: exactly these members. */
export const OrganisationCard = z.strictObject({
  name: z.string().trim().min(2).max(200),
  code: OrgCode,
  country: CountryCode,
  signingKey: z.strictObject({ alg: z.literal('ed25519'), publicKey: Base64Key32 }),
  encryptionKey: z.strictObject({ recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'An age X25519 recipient (age1…).') }),
  fingerprint: Sha256Hex,
});
export type OrganisationCardT = z.infer<typeof OrganisationCard>;

export const FingerprintView = z.object({ fingerprint: Sha256Hex, digits: z.string(), words: z.string() });

export const OwnCard = z.object({ card: OrganisationCard, fingerprint: FingerprintView, path: z.string().nullable() });

export const PartnerKey = z.object({
  fingerprint: Sha256Hex,
  state: KeyState,
  source: z.enum(['card', 'key-update']),
  addedAt: z.string(),
  endedAt: z.string().nullable(),
});

export const Partner = z.object({
  code: OrgCode,
  name: z.string(),
  country: z.string(),
  trust: TrustState,
  fingerprint: FingerprintView,
  addedAt: z.string(),
  addedBy: z.string(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedHow: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  keys: z.array(PartnerKey),
});
export type Partner = z.infer<typeof Partner>;

export const BundleSelection = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('ids'), ids: z.array(z.uuid()).min(1).max(100_000) }),
  z.object({ mode: z.literal('sinceLast') }),
]);

export const ExportInput = z.object({
  to: z.array(OrgCode).min(1).max(20),
  type: BundleType.exclude(['key-update', 'receipt']),
  select: BundleSelection,
  purpose: z.string().trim().min(3).max(500),
  legalBasis: z.string().trim().max(500).optional(),
  consentRef: z.string().trim().max(200).optional(),
  deleteAfter: z.iso.date().optional(),
  outDir: FilePath,
  /** Administrators only: send to a partner whose fingerprint was not compared yet (audited). */
  overrideUnverified: z.boolean().default(false),
  /** Administrators and case managers: let records go without the consent the gate asks for (audited per record). */
  overrideConsent: z.boolean().default(false),
  /** Why an override is justified; required with either override, kept in the audit trail. */
  overrideReason: z.string().trim().min(10, 'Explain in at least 10 characters why the override is justified.').max(1000).optional(),
}).refine((i) => !(i.overrideUnverified || i.overrideConsent) || i.overrideReason !== undefined, {
  message: 'An override needs a reason (at least 10 characters); it is kept in the audit trail.',
  path: ['overrideReason'],
});

export const ExportResult = z.object({
  path: z.string(),
  bundleId: z.string(),
  bundleType: BundleType,
  streamId: z.string(),
  seq: z.number().int(),
  records: z.record(z.string(), z.number().int()),
  bytes: z.number().int(),
});

export const SequenceStatus = z.enum(['new', 'duplicate', 'replay', 'fills-gap', 'after-gap']);

export const RecordPreview = z.object({
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  conflicting: z.number().int(),
  /** Kept aside until news of a handover arrives (the sender does not own them as far as we know). */
  held: z.number().int(),
  refused: z.number().int(),
});

export const BundleInspection = z.object({
  bundleId: z.string(),
  bundleType: BundleType,
  formatVersion: z.number().int(),
  sender: z.object({ org: z.string(), name: z.string(), fingerprint: Sha256Hex, trust: TrustState }),
  recipients: z.array(z.object({ org: z.string(), fingerprint: Sha256Hex })),
  stream: z.object({ id: z.string(), seq: z.number().int() }),
  createdAt: z.string(),
  purpose: z.string(),
  legalBasis: z.string().nullable(),
  consentRef: z.string().nullable(),
  deleteAfter: z.string().nullable(),
  records: z.record(z.string(), z.number().int()),
  files: z.number().int(),
  bytes: z.number().int(),
  sequence: SequenceStatus,
  /** Sequence numbers of this stream that have not arrived (after this bundle, if imported). */
  missing: z.array(z.number().int()),
  preview: RecordPreview,
  /** Records that would be refused or kept aside, and why as a code with parameters (only ids, never content). */
  refusals: z.array(z.object({ recordId: z.string(), recordType: z.string(), reason: RefusalCode, params: MessageParams })),
  /** Pass to bundles.import to apply exactly what was previewed. */
  previewToken: z.string(),
});
export type BundleInspection = z.infer<typeof BundleInspection>;

export const ImportResult = z.object({
  status: z.enum(['imported', 'duplicate']),
  bundleId: z.string(),
  bundleType: BundleType,
  sender: z.string(),
  seq: z.number().int(),
  sequence: SequenceStatus,
  applied: RecordPreview,
  missing: z.array(z.number().int()),
  receiptPath: z.string().nullable(),
});

export const StreamView = z.object({
  streamId: z.string(),
  direction: z.enum(['in', 'out']),
  partner: z.string(),
  lastSeq: z.number().int(),
  missing: z.array(z.number().int()),
  /** What to tell about the stream, as codes with parameters, e.g. BUNDLE_NEVER_ARRIVED {seq: 41, partner: "MM-DSW"}. */
  notices: z.array(z.object({ code: StreamNoticeCode, params: MessageParams })),
  updatedAt: z.string(),
});

export const SentBundle = z.object({
  bundleId: z.string(),
  bundleType: BundleType,
  recipients: z.array(z.string()),
  streamId: z.string(),
  seq: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  records: z.number().int(),
  acknowledgedAt: z.string().nullable(),
});

export const Conflict = z.object({
  id: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  field: z.string(),
  localValue: z.unknown(),
  remoteValue: z.unknown(),
  remoteOrg: z.string(),
  bundleId: z.string(),
  detectedAt: z.string(),
  state: z.enum(['open', 'resolved', 'superseded']),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Whether this workspace's organisation owns the record and so may resolve it. */
  canResolve: z.boolean(),
});
export type Conflict = z.infer<typeof Conflict>;

export const OwnKey = z.object({ fingerprint: FingerprintView, state: KeyState, createdAt: z.string(), endedAt: z.string().nullable() });

const exchangers = ['admin', 'exchange_officer'] as const;
const exchangeReaders = ['admin', 'exchange_officer', 'case_manager'] as const;
/** The M&E officer sends and receives NPA bundles only: the core checks the bundle type (electron/exchange/bundleRoles.ts). */
const bundleCallers = [...exchangers, 'case_manager', 'me_officer'] as const;

export const exchangeContract = {
  /** This organisation's card; written to `out` when given. Creates the keys on first use. */
  'exchange.card': method({ input: z.object({ out: FilePath.optional() }), output: OwnCard, access: exchangeReaders }),
  'partners.list': method({ input: z.object({}), output: z.array(Partner), access: [...exchangeReaders, 'me_officer'] }),
  /** Adds a partner from its card (file path or the card's JSON text); it starts unverified. */
  'partners.import': method({
    input: z.object({ path: FilePath.optional(), cardJson: z.string().max(16_384).optional() }).refine((i) => (i.path === undefined) !== (i.cardJson === undefined), 'Give either path or cardJson.'),
    output: Partner,
    access: exchangers,
  }),
  /** Records that the fingerprint was compared out of band; `fingerprint` is the one that was compared. */
  'partners.verify': method({
    input: z.object({ code: OrgCode, fingerprint: Sha256Hex, how: VerifyMethod, note: z.string().trim().max(500).optional() }),
    output: Partner,
    access: exchangers,
  }),
  'partners.revoke': method({ input: z.object({ code: OrgCode, reason: z.string().trim().min(3).max(500) }), output: Partner, access: ['admin'] }),
  'bundles.export': method({ input: ExportInput, output: ExportResult, access: bundleCallers, longRunning: true }),
  /** Decrypts and verifies a bundle and previews what importing it would change; changes nothing. */
  'bundles.inspect': method({ input: z.object({ path: FilePath }), output: BundleInspection, access: bundleCallers, longRunning: true }),
  'bundles.import': method({
    input: z.object({ path: FilePath, previewToken: z.string().optional(), receiptDir: FilePath.optional() }),
    output: ImportResult,
    access: [...exchangers, 'me_officer'],
    longRunning: true,
  }),
  'bundles.streams': method({ input: z.object({}), output: z.array(StreamView), access: [...exchangeReaders, 'me_officer'] }),
  'bundles.sent': method({ input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }), output: z.array(SentBundle), access: [...exchangeReaders, 'me_officer'] }),
  /** Writes a sent bundle again, byte for byte (for one that was lost on the way). */
  'bundles.resend': method({ input: z.object({ bundleId: z.uuid(), outDir: FilePath }), output: z.object({ path: z.string() }), access: exchangers }),
  'conflicts.list': method({
    input: z.object({ state: z.enum(['open', 'resolved', 'superseded', 'all']).default('open') }),
    output: z.array(Conflict),
    access: exchangeReaders,
    readsPersonalData: true,
  }),
  'conflicts.resolve': method({
    input: z.object({ id: z.string(), choice: z.enum(['mine', 'theirs', 'edit']), value: z.unknown().optional() }),
    output: Conflict,
    access: ['admin', 'case_manager'],
  }),
  'keys.list': method({ input: z.object({}), output: z.array(OwnKey), access: exchangeReaders }),
  /**
   * New organisation keys, announced to every verified partner in key-update bundles signed by the old
   * key (written to outDir). `revoke` marks the old key compromised: partners refuse anything it signs.
   */
  'keys.rotate': method({
    input: z.object({ mode: z.enum(['rotate', 'revoke']), outDir: FilePath, reason: z.string().trim().max(500).optional() }),
    output: z.object({ key: OwnKey, bundles: z.array(z.object({ partner: z.string(), path: z.string() })) }),
    access: ['admin'],
  }),
  /** Writes the organisation's age identity (escrow, interoperability with the `age` tool). Audited. */
  'keys.exportIdentity': method({ input: z.object({ out: FilePath }), output: z.object({ path: z.string(), warning: z.string() }), access: ['admin'] }),
};
