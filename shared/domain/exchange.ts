import { z } from 'zod';

/** The bundle types of DESIGN §6. Each record type says, per bundle type, which fields may travel. */
export const BUNDLE_TYPES = ['case-referral', 'case-update', 'ownership-transfer', 'workplan-progress', 'plan-structure', 'key-update', 'receipt'] as const;
export const BundleType = z.enum(BUNDLE_TYPES);
export type BundleType = z.infer<typeof BundleType>;

/** Bundle types that carry records (key-update and receipt carry only their manifest). */
export const RECORD_BUNDLE_TYPES = ['case-referral', 'case-update', 'ownership-transfer', 'workplan-progress', 'plan-structure'] as const satisfies readonly BundleType[];

export const TRUST_STATES = ['unverified', 'verified', 'revoked'] as const;
export const TrustState = z.enum(TRUST_STATES);
export type TrustState = z.infer<typeof TrustState>;

export const KEY_STATES = ['active', 'retired', 'revoked'] as const;
export const KeyState = z.enum(KEY_STATES);
export type KeyState = z.infer<typeof KeyState>;

/** How a fingerprint was compared out of band before a partner was trusted. */
export const VERIFY_METHODS = ['phone', 'in-person', 'video', 'other'] as const;
export const VerifyMethod = z.enum(VERIFY_METHODS);
export type VerifyMethod = z.infer<typeof VerifyMethod>;

/** Lower-case hex SHA-256. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 in lower-case hex (64 characters).');

/**
 * Why a record in a bundle is refused or kept aside (docs/bundles.md §Merge): a code and its
 * parameters; the renderer words them in the user's language (exchangeModule.refusals.<code>).
 */
export const REFUSAL_CODES = ['TYPE_MISMATCH', 'OWNER_UNCONFIRMED', 'OWNED_HERE', 'OWNED_ELSEWHERE', 'SCHEMA_MISMATCH', 'UNKNOWN_TYPE'] as const;
export const RefusalCode = z.enum(REFUSAL_CODES);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** Things to tell about a stream (exchangeModule.notices.<code>): a bundle that never arrived. */
export const STREAM_NOTICE_CODES = ['BUNDLE_NEVER_ARRIVED'] as const;
export const StreamNoticeCode = z.enum(STREAM_NOTICE_CODES);

/** Parameters of a coded message: names to short strings or numbers. */
export const MessageParams = z.record(z.string().max(40), z.union([z.string().max(200), z.number()]));
export type MessageParams = z.infer<typeof MessageParams>;
