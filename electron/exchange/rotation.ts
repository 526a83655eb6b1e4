import { CounterpartError } from '../../shared/contract/errors';
import type { Unlocked } from '../identity/session';
import type { KeyUpdate } from './bundle';
import { assertUsableKeys } from './cards';
import { cardKeys, ensureOrganisationKeys, generateOrgKey, insertOrgKey, keyFingerprint, setOrgKeyState, type OrgKey } from './keys';
import { sendBundle } from './outgoing';
import { PartnerStore } from './partners';

/**
 * Keys over time (docs/bundles.md §Keys): a new key pair is announced to every verified partner in a
 * key-update bundle signed with the OLD key. "rotate" retires the old key (partners still accept bundles
 * it signed before the rotation); "revoke" declares it compromised (partners refuse everything it signs,
 * and must compare the new fingerprint again before importing more).
 */

export async function rotateKeys(u: Unlocked, mode: 'rotate' | 'revoke', outDir: string, reason: string | null): Promise<{ key: OrgKey; bundles: { partner: string; path: string }[] }> {
  const old = await ensureOrganisationKeys(u);
  const fresh = await generateOrgKey();
  const now = new Date().toISOString();
  u.transaction(() => {
    setOrgKeyState(u.workspace.db, old.fingerprint, mode === 'rotate' ? 'retired' : 'revoked', now);
    insertOrgKey(u.workspace.db, fresh);
    u.audit.append({ actor: u.actor, action: `exchange.keys.${mode}`, outcome: 'ok', details: { old: old.fingerprint, new: fresh.fingerprint, reason } });
  });
  const keyUpdate: KeyUpdate = {
    mode,
    oldFingerprint: old.fingerprint,
    newKey: { ...cardKeys(fresh), fingerprint: fresh.fingerprint },
    reason,
  };
  const bundles: { partner: string; path: string }[] = [];
  for (const partner of new PartnerStore(u.workspace.db).list().filter((p) => p.trust === 'verified')) {
    const sent = await sendBundle(u, {
      type: 'key-update',
      to: [partner.code],
      purpose: mode === 'rotate' ? 'New organisation keys (routine rotation)' : 'Organisation key revoked; new keys',
      files: [],
      keyUpdate,
      signer: old,
      outDir,
    });
    bundles.push({ partner: partner.code, path: sent.path });
  }
  return { key: fresh, bundles };
}

/** Applies a partner's key update (already verified as signed by its current key). In the import transaction. */
export function applyKeyUpdate(u: Unlocked, partnerCode: string, signerFingerprint: string, update: KeyUpdate, createdAt: string): void {
  const partners = new PartnerStore(u.workspace.db);
  const active = partners.activeKey(partnerCode);
  if (!active || active.fingerprint !== signerFingerprint || update.oldFingerprint !== signerFingerprint) {
    throw new CounterpartError('BUNDLE_SIGNATURE_INVALID', `This key update for ${partnerCode} is not signed with its current key.`, { partner: partnerCode });
  }
  const keys = { signingPublic: update.newKey.signingKey.publicKey, ageRecipient: update.newKey.encryptionKey.recipient };
  assertUsableKeys(keys, 'this key update');
  if (keyFingerprint(keys) !== update.newKey.fingerprint) throw new CounterpartError('BUNDLE_MALFORMED', 'The new key in this key update does not match its fingerprint.');
  const now = new Date().toISOString();
  partners.endKey(partnerCode, signerFingerprint, update.mode === 'rotate' ? 'retired' : 'revoked', now, createdAt);
  partners.addKey(partnerCode, keys, 'key-update', now);
  if (update.mode === 'revoke') partners.markUnverified(partnerCode);
  u.audit.append({
    actor: u.actor,
    action: 'partner.key_update',
    recordType: 'partner',
    recordId: partnerCode,
    outcome: 'ok',
    details: { mode: update.mode, old: signerFingerprint, new: update.newKey.fingerprint },
  });
}
