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
  /**
   * Reads and decisions a gate may keep for the other records of the same request batch (one page of an
   * export, read without yielding, so nothing else writes in between); absent, the gate reads afresh.
   */
  memo?: Map<string, unknown>;
};

export type ConsentDecision = { allowed: true; consentRef: string } | { allowed: false; reason: string };

export interface ConsentGate {
  check(request: ConsentRequest): ConsentDecision;
}

/**
 * What the gate of a record's type decides: null for a record without personal data (it needs no
 * consent); a refusal for a personal-data record of a type without a gate. The exporter stops at a
 * refusal with `consentRefusal` (CONSENT_REQUIRED) unless the sender overrides it; it decides without
 * throwing because an override may cover thousands of records.
 */
export function consentDecision(def: RecordTypeDef, request: ConsentRequest): ConsentDecision | null {
  if (!def.personalData) return null;
  if (!def.consent) return { allowed: false, reason: 'this record type has no consent check yet' };
  return def.consent.check(request);
}

/** The CONSENT_REQUIRED error of a refused decision. */
export function consentRefusal(def: RecordTypeDef, request: ConsentRequest, decision: { reason: string }): CounterpartError {
  const details = { recordType: def.type, recordId: request.record.id };
  if (!def.consent) {
    return new CounterpartError('CONSENT_REQUIRED', `A ${def.type} holds personal data and cannot leave without a recorded consent; this record type has no consent check yet.`, details);
  }
  return new CounterpartError('CONSENT_REQUIRED', `There is no recorded consent to send this ${def.type} to ${request.recipients.join(', ')} for this purpose: ${decision.reason}`, details);
}
