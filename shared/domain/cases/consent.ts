import { z } from 'zod';
import { IsoDate, LanguageCode, OrganisationRef, RecordId, Text, Timestamp, Username } from './common';
import { searchKey } from './searchText';

/**
 * Informed consent, per purpose (HTCDS `con_Consent` is the "given" flag of one such record):
 *  - assistance: to receive assistance and have a case file;
 *  - sharing: with a NAMED organisation for NAMED purposes (a referral, a return, case management);
 *  - return: to return to the country of origin;
 *  - statistics: anonymous use in statistics.
 * Consent is recorded by someone, on a date, and may be withdrawn; a refusal is recorded too.
 */

export const CONSENT_PURPOSES = ['assistance', 'sharing', 'return', 'statistics'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/** What shared information may be used for, at the named recipient. */
export const SHARING_PURPOSES = ['referral', 'return', 'case_management', 'legal_proceedings'] as const;
export const SharingPurpose = z.enum(SHARING_PURPOSES);
export type SharingPurpose = z.infer<typeof SharingPurpose>;

/** The recipient of a sharing consent: a provider of the directory and/or a partner organisation code. */
export const ConsentRecipient = OrganisationRef.extend({ providerId: RecordId.optional() });
export type ConsentRecipient = z.infer<typeof ConsentRecipient>;

export const ConsentRecord = z
  .object({
    caseId: RecordId,
    purpose: ConsentPurpose,
    /** `con_Consent`: true when given, false when the person declined. */
    con_Consent: z.boolean(),
    recipient: ConsentRecipient.optional(),
    sharingPurposes: z.array(SharingPurpose).max(SHARING_PURPOSES.length).default([]),
    takenOn: IsoDate,
    takenBy: Username,
    method: z.enum(['written', 'verbal', 'thumbprint', 'guardian']),
    language: LanguageCode.optional(),
    interpreterUsed: z.boolean().default(false),
    /** For a child: the guardian or representative who consented with them. */
    guardianName: Text(200).optional(),
    validUntil: IsoDate.optional(),
    notes: Text(2000).optional(),
    withdrawnOn: IsoDate.optional(),
    withdrawnBy: Username.optional(),
    withdrawalReason: Text(2000).optional(),
  })
  .refine((c) => c.purpose !== 'sharing' || (c.recipient !== undefined && c.sharingPurposes.length > 0), {
    message: 'Consent to share names the organisation and what it may use the information for.',
    path: ['recipient'],
  });
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/** What an action needs consent for. */
export type ConsentNeed =
  | { kind: 'purpose'; purpose: Exclude<ConsentPurpose, 'sharing'> }
  | { kind: 'sharing'; purpose: SharingPurpose; recipient: RecipientKey };

/** How a recipient is recognised: the directory entry, the partner code, or (lacking both) the name. */
export type RecipientKey = { providerId?: string; code?: string; name?: string };

/** A consent counts on `today` when it was given, not withdrawn, and not expired. */
export const consentActive = (c: ConsentRecord, today: string): boolean =>
  c.con_Consent && c.withdrawnOn === undefined && (c.validUntil === undefined || c.validUntil >= today) && c.takenOn <= today;

const sameName = (a: string, b: string): boolean => searchKey(a) === searchKey(b);
const sameRecipient = (r: ConsentRecipient | undefined, want: RecipientKey): boolean =>
  r !== undefined &&
  ((want.providerId !== undefined && r.providerId === want.providerId) ||
    (want.code !== undefined && r.code !== undefined && r.code.toUpperCase() === want.code.toUpperCase()) ||
    (want.name !== undefined && want.code === undefined && r.code === undefined && sameName(r.name, want.name)));

/** The consents that cover a need on `today` (empty: the action is blocked unless overridden). */
export function coveringConsents<T extends ConsentRecord>(consents: readonly T[], need: ConsentNeed, today: string): T[] {
  return consents.filter((c) => {
    if (!consentActive(c, today)) return false;
    if (need.kind === 'purpose') return c.purpose === need.purpose;
    return c.purpose === 'sharing' && c.sharingPurposes.includes(need.purpose) && sameRecipient(c.recipient, need.recipient);
  });
}

/** A case manager's decision to act without an applicable consent: who, when, and why (audited). */
export const ConsentOverride = z.object({
  reason: Text(2000).pipe(z.string().min(10, 'Explain in at least 10 characters why the person’s consent is not needed here.')),
  by: Username,
  at: Timestamp,
});

/** How an action that needed consent was allowed: by consent records, or by an override. */
export const ConsentBasis = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consent'), consentIds: z.array(RecordId).min(1) }),
  z.object({ kind: z.literal('override'), override: ConsentOverride }),
  z.object({ kind: z.literal('not_required') }),
]);
export type ConsentBasis = z.infer<typeof ConsentBasis>;
