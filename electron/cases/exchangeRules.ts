import type { BundleType } from '../../shared/domain/exchange';
import { CaseRecordFields, isoDay, type SharingPurpose } from '../../shared/domain/cases';
import type { Db } from '../store/database';
import type { ConsentDecision, ConsentGate, ConsentRequest } from '../exchange/consent';
import type { FieldProfile } from '../store/records';
import { checkConsentAmong, consentsOf } from './consentGate';
import type { CaseRecordType } from './recordTypes';

/**
 * What of a case travels in which bundle (data minimisation, DESIGN §6), and the consent gate the
 * exchange asks before any case record leaves.
 *
 *  - case-referral (to a service provider or partner): who the person is and how to reach them, the
 *    referral itself, the consents that allow it, the risk assessment and safety plan — not the
 *    screening interview, notes, assistance history, attachments, other contacts or documents;
 *  - case-update (case management with a partner the person agreed to share with): everything;
 *  - ownership-transfer (handover at repatriation): everything, so the receiving office holds the file.
 */

const ALL: FieldProfile = { fields: 'all' };
const full = { 'case-update': ALL, 'ownership-transfer': ALL } as const;

/** Case fields a referral leaves behind: other contacts and addresses, documents, family details, local workflow. */
export const WITHHELD_IN_REFERRAL = [
  'prs_HomePhone',
  'prs_Email',
  'prs_MailingStreet',
  'prs_MailingCity',
  'prs_MailingState',
  'prs_MailingPostalCode',
  'prs_IdentityNumber',
  'identityDocumentType',
  'identityDocumentCountry',
  'trustedContacts',
  'prs_MaritalStatus',
  'prs_NumberOfChildren',
  'prs_HighestLevelOfEducation',
  'cas_IncomingReferralDetails',
  'assignee',
  'closure',
  'possibleDuplicates',
] as const;
const REFERRAL_CASE_FIELDS = Object.keys(CaseRecordFields.shape).filter((f) => !(WITHHELD_IN_REFERRAL as readonly string[]).includes(f));

export const CASE_PROFILES: Record<CaseRecordType, Partial<Record<BundleType, FieldProfile>>> = {
  case: { ...full, 'case-referral': { fields: REFERRAL_CASE_FIELDS } },
  screening: full,
  risk_assessment: { ...full, 'case-referral': ALL },
  consent: { ...full, 'case-referral': ALL },
  transition: { ...full, 'case-referral': ALL },
  assistance: full,
  return_plan: full,
  reintegration_plan: full,
  followup: full,
  case_note: full,
  case_task: full,
  attachment: full,
  service_provider: { ...full, 'case-referral': ALL },
};

/** The sharing purposes a bundle type serves; a consent for any of them lets the record go. */
export const PURPOSES_OF_BUNDLE: Partial<Record<BundleType, readonly SharingPurpose[]>> = {
  'case-referral': ['referral'],
  'case-update': ['case_management'],
  'ownership-transfer': ['return', 'case_management'],
};

/**
 * The gate for every case record type: the record's case must hold, for each recipient, an active
 * consent to share with that organisation (by partner code) for a purpose this bundle type serves.
 * The decision depends only on the case, the bundle type and the recipients, so within one batch of
 * requests (`memo`, an export page) it is taken once per case, on the case's consents read once.
 */
export const caseConsentGate: ConsentGate = {
  check({ db, record, bundleType, recipients, memo }: ConsentRequest): ConsentDecision {
    // A deletion carries no content: nothing personal leaves with it.
    if (record.deleted) return { allowed: true, consentRef: 'deletion' };
    const caseId = record.type === 'case' ? record.id : typeof record.data.caseId === 'string' ? record.data.caseId : null;
    if (!caseId) return { allowed: false, reason: 'the record names no case' };
    const key = `case-consent|${bundleType}|${recipients.join('+')}|${caseId}`;
    const known = memo?.get(key) as ConsentDecision | undefined;
    if (known) return known;
    const decision = decideForCase(db, caseId, bundleType, recipients);
    memo?.set(key, decision);
    return decision;
  },
};

function decideForCase(db: Db, caseId: string, bundleType: BundleType, recipients: readonly string[]): ConsentDecision {
  const purposes = PURPOSES_OF_BUNDLE[bundleType] ?? [];
  if (purposes.length === 0) return { allowed: false, reason: `case records do not travel in ${bundleType} bundles` };
  const consents = consentsOf(db, caseId);
  const today = isoDay(new Date());
  const ids: string[] = [];
  for (const org of recipients) {
    const found = purposes.map((purpose) => checkConsentAmong(consents, [{ kind: 'sharing', purpose, recipient: { code: org } }], org, today)).find((c) => c.allowed);
    if (!found) return { allowed: false, reason: `the person has not agreed to their information being shared with ${org} for ${purposes.join(' or ').replace('_', ' ')}` };
    ids.push(...found.consentIds);
  }
  return { allowed: true, consentRef: [...new Set(ids)].map((id) => `consent:${id}`).join(' ') };
}
