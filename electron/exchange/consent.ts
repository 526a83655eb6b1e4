import type { BundleType } from '../../shared/domain/exchange';
import type { Db } from '../store/database';
import type { Envelope, RecordTypeDef } from '../store/records';
import { CounterpartError } from '../../shared/contract/errors';

/**
 * The consent gate (DESIGN §6): a record of a personal-data type leaves only with a recorded consent
 * for these recipients and this purpose. The feature that owns the record type implements the gate
 * (the case module checks its consent records) and sets it on its RecordTypeDef.
 */
export type ConsentRequest = {
  db: Db;
  record: Envelope;
  bundleType: BundleType;
  recipients: readonly string[];
  purpose: string;
  /** The consent reference the exporting officer gave, if any. */
  consentRef: string | null;
};

export type ConsentDecision = { allowed: true; consentRef: string } | { allowed: false; reason: string };

export interface ConsentGate {
  check(request: ConsentRequest): ConsentDecision;
}

/**
 * Applies the gate of a record's type. Records without personal data pass; personal-data records
 * without a gate, or refused by it, stop the export with CONSENT_REQUIRED.
 */
export function requireConsent(def: RecordTypeDef, request: ConsentRequest): string | null {
  if (!def.personalData) return null;
  if (!def.consent) {
    throw new CounterpartError('CONSENT_REQUIRED', `A ${def.type} holds personal data and cannot leave without a recorded consent; this record type has no consent check yet.`, {
      recordType: def.type,
      recordId: request.record.id,
    });
  }
  const decision = def.consent.check(request);
  if (!decision.allowed) {
    throw new CounterpartError('CONSENT_REQUIRED', `There is no recorded consent to send this ${def.type} to ${request.recipients.join(', ')} for this purpose: ${decision.reason}`, {
      recordType: def.type,
      recordId: request.record.id,
    });
  }
  return decision.consentRef;
}
