import { CounterpartError } from '../../shared/contract/errors';
import { coveringConsents, isoDay, type ConsentBasis, type ConsentNeed, type SharingPurpose } from '../../shared/domain/cases';
import type { Unlocked } from '../identity/session';
import { cached, type Db } from '../store/database';
import { findRecord, type StoredRecord } from './caseRecords';
import type { RecordData } from './recordTypes';
import type { Viewer } from './access';
import { recordStep } from './steps';

/**
 * The one consent gate (Primero's idea): referral, handover and cross-border sharing go ahead only
 * with a consent that covers them — the person agreed, for that purpose, with that organisation, and
 * has not withdrawn it — or with a case manager's override and its reason, which is audited.
 */

export type ConsentCheck = { allowed: boolean; consentIds: string[]; message: string | null };

/** Plain words for the person who is blocked, naming what to record (never the person's name). */
function blockedMessage(needs: ConsentNeed[], recipientName: string): string {
  const parts = needs.map((n) => {
    if (n.kind === 'purpose') return n.purpose === 'return' ? 'to return home' : `to ${n.purpose}`;
    const what = { referral: 'a referral', return: 'the return', case_management: 'case management', legal_proceedings: 'legal proceedings' }[n.purpose];
    return `to their information being shared with ${recipientName} for ${what}`;
  });
  return `The person has not agreed ${parts.join(', or ')}. Record their consent first — or a case manager can go ahead with a written reason.`;
}

/** Checks every need; allowed only when each one is covered by an active consent. */
export function checkConsent(db: Db, caseId: string, needs: ConsentNeed[], recipientName: string, today: string = isoDay(new Date())): ConsentCheck {
  return checkConsentAmong(consentsOf(db, caseId), needs, recipientName, today);
}

type ConsentRow = { id: string; owner_org: string; updated_at: string; updated_by: string; data: string };
export type StoredConsent = StoredRecord<RecordData<'consent'>>;

/**
 * The live consent records of a case, oldest first: what `childrenOf(db, caseId).consent` gives, read on
 * `records_by_case` without the case's other children (the export asks this for every case it sends).
 */
export function consentsOf(db: Db, caseId: string): StoredConsent[] {
  const rows = cached(
    db,
    `SELECT id, owner_org, updated_at, updated_by, data FROM records
      WHERE json_extract(data, '$.caseId') = @caseId AND type = 'consent' AND deleted = 0 ORDER BY id`,
  ).all({ caseId }) as ConsentRow[];
  return rows.map((row) => ({ ...(JSON.parse(row.data) as RecordData<'consent'>), id: row.id, ownerOrg: row.owner_org, updatedAt: row.updated_at, updatedBy: row.updated_by }));
}

/** `checkConsent` on consents already read (several checks of one case read them once). */
export function checkConsentAmong(consents: readonly StoredConsent[], needs: ConsentNeed[], recipientName: string, today: string = isoDay(new Date())): ConsentCheck {
  const ids: string[] = [];
  const missing: ConsentNeed[] = [];
  for (const need of needs) {
    const covering = coveringConsents(consents, need, today);
    if (covering.length === 0) missing.push(need);
    else ids.push(...covering.map((c) => c.id));
  }
  return missing.length === 0 ? { allowed: true, consentIds: [...new Set(ids)], message: null } : { allowed: false, consentIds: [], message: blockedMessage(missing, recipientName) };
}

/**
 * The basis for an action that needs consent: the covering consents, or the override of a case
 * manager (recorded as a `consent_overridden` step with its reason). Throws CONSENT_REQUIRED when
 * neither is there, FORBIDDEN when someone other than a case manager tries to override.
 * Call inside the transaction of the action, so the override is audited with it.
 */
export function requireConsent(
  u: Unlocked,
  viewer: Viewer,
  caseId: string,
  needs: ConsentNeed[],
  recipientName: string,
  action: 'referral' | 'handover' | 'sharing',
  override?: { reason: string },
): ConsentBasis {
  const check = checkConsent(u.workspace.db, caseId, needs, recipientName);
  if (check.allowed) return { kind: 'consent', consentIds: check.consentIds };
  if (!override) throw new CounterpartError('CONSENT_REQUIRED', check.message!, { caseId, action, needs });
  if (!viewer.supervisor) throw new CounterpartError('FORBIDDEN', 'Only a case manager can go ahead without the person’s consent.', { caseId, action });
  const at = new Date().toISOString();
  // The reason is the point of the audit entry: it is kept with the step, in the hash-chained log.
  recordStep(u, caseId, 'consent_overridden', { details: { action, needs: needs.map(needLabel), reason: override.reason } });
  return { kind: 'override', override: { reason: override.reason, by: viewer.username, at } };
}

const needLabel = (n: ConsentNeed): string => (n.kind === 'purpose' ? n.purpose : `sharing:${n.purpose}:${n.recipient.code ?? n.recipient.providerId ?? ''}`);

/**
 * For the exchange module: may this case's records be sent to `recipientOrg` for `purpose`? True only
 * with an active sharing consent naming that organisation (by its partner code) and that purpose.
 * Reads only; the caller audits the export. Supervisor overrides are not applied here: an export that
 * goes ahead without consent must record its own override.
 */
export function canShare(u: Unlocked, caseId: string, recipientOrg: string, purpose: SharingPurpose): boolean {
  const db = u.workspace.db;
  if (!findRecord(db, 'case', caseId)) return false;
  return checkConsent(db, caseId, [{ kind: 'sharing', purpose, recipient: { code: recipientOrg } }], recipientOrg).allowed;
}

