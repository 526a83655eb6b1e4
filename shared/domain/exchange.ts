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
