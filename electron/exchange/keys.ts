import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { CounterpartError } from '../../shared/contract/errors';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import type { KeyState } from '../../shared/domain/exchange';
import { cached, type Db } from '../store/database';
import type { Unlocked } from '../identity/session';
import { FINGERPRINT_WORDS } from './words';

/**
 * This organisation's exchange keys (DESIGN §6): an Ed25519 signing key and an X25519 age identity,
 * kept inside the encrypted workspace database. One is active; older ones stay so that bundles sent
 * to them can still be opened and the key history can be shown.
 */

export type PublicKeys = { signingPublic: string; ageRecipient: string };

export type OrgKey = PublicKeys & {
  fingerprint: string;
  signingSeed: Uint8Array;
  ageIdentity: string;
  state: KeyState;
  createdAt: string;
  endedAt: string | null;
};

type Row = {
  fingerprint: string;
  signing_seed: Buffer;
  signing_public: string;
  age_identity: string;
  age_recipient: string;
  state: KeyState;
  created_at: string;
  ended_at: string | null;
};

const toKey = (r: Row): OrgKey => ({
  fingerprint: r.fingerprint,
  signingSeed: new Uint8Array(r.signing_seed),
  signingPublic: r.signing_public,
  ageIdentity: r.age_identity,
  ageRecipient: r.age_recipient,
  state: r.state,
  createdAt: r.created_at,
  endedAt: r.ended_at,
});

/** The part of a card that the fingerprint covers, exactly as it appears in the card. */
export const cardKeys = (keys: PublicKeys) => ({
  signingKey: { alg: 'ed25519' as const, publicKey: keys.signingPublic },
  encryptionKey: { recipient: keys.ageRecipient },
});

/** SHA-256 (hex) over the canonical JSON of `{signingKey, encryptionKey}`. */
export const keyFingerprint = (keys: PublicKeys): string => createHash('sha256').update(canonicalJson(cardKeys(keys)), 'utf8').digest('hex');

/**
 * The fingerprint as 8 groups of 5 digits, to compare on the phone: each 4-byte slice of the hash, read
 * big-endian, modulo 100000 (40 digits, about 133 bits).
 */
export function fingerprintDigits(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  const groups: string[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(String(bytes.readUInt32BE(i) % 100_000).padStart(5, '0'));
  return groups.join(' ');
}

/** The first 16 bytes of the fingerprint as 16 words from FINGERPRINT_WORDS, in 4 groups of 4 (128 bits). */
export function fingerprintWords(hex: string): string {
  const bytes = Buffer.from(hex, 'hex').subarray(0, 16);
  const words = [...bytes].map((b) => FINGERPRINT_WORDS[b]!);
  return [0, 4, 8, 12].map((i) => words.slice(i, i + 4).join(' ')).join(' · ');
}

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** A fresh key pair (not yet stored). */
export async function generateOrgKey(now = new Date()): Promise<OrgKey> {
  const signingSeed = ed25519.utils.randomSecretKey();
  const signingPublic = b64(ed25519.getPublicKey(signingSeed));
  const ageIdentity = await generateX25519Identity();
  const ageRecipient = await identityToRecipient(ageIdentity);
  return {
    fingerprint: keyFingerprint({ signingPublic, ageRecipient }),
    signingSeed,
    signingPublic,
    ageIdentity,
    ageRecipient,
    state: 'active',
    createdAt: now.toISOString(),
    endedAt: null,
  };
}

export function insertOrgKey(db: Db, key: OrgKey): void {
  cached(
    db,
    `INSERT INTO org_keys (fingerprint, signing_seed, signing_public, age_identity, age_recipient, state, created_at, ended_at)
     VALUES (@fingerprint, @seed, @signingPublic, @ageIdentity, @ageRecipient, @state, @createdAt, @endedAt)`,
  ).run({ ...key, seed: Buffer.from(key.signingSeed) });
}

export function setOrgKeyState(db: Db, fingerprint: string, state: KeyState, at: string): void {
  cached(db, `UPDATE org_keys SET state = @state, ended_at = @at WHERE fingerprint = @fingerprint`).run({ fingerprint, state, at });
}

export const orgKeys = (db: Db): OrgKey[] => (cached(db, 'SELECT * FROM org_keys ORDER BY created_at, rowid').all() as Row[]).map(toKey);

export function activeOrgKey(db: Db): OrgKey | null {
  const row = cached(db, `SELECT * FROM org_keys WHERE state = 'active'`).get() as Row | undefined;
  return row ? toKey(row) : null;
}

/** Every age identity this organisation has had: a bundle sent to an older key still opens. */
export const ageIdentities = (db: Db): string[] => orgKeys(db).map((k) => k.ageIdentity);

/**
 * The active key, created (and audited) on first use. Idempotent: a second call, or a call racing
 * another, keeps the key that was stored first.
 */
export async function ensureOrganisationKeys(u: Unlocked): Promise<OrgKey> {
  const existing = activeOrgKey(u.workspace.db);
  if (existing) return existing;
  const fresh = await generateOrgKey();
  return u.transaction(() => {
    const stored = activeOrgKey(u.workspace.db);
    if (stored) return stored;
    insertOrgKey(u.workspace.db, fresh);
    u.audit.append({ actor: u.actor, action: 'exchange.keys.create', outcome: 'ok', details: { fingerprint: fresh.fingerprint } });
    return fresh;
  });
}

export function requireActiveKey(db: Db): OrgKey {
  const key = activeOrgKey(db);
  if (!key) throw new CounterpartError('NOT_FOUND', 'This workspace has no organisation keys yet; open the organisation card once to create them.');
  return key;
}

export const sign = (key: Pick<OrgKey, 'signingSeed'>, message: Uint8Array): Uint8Array => ed25519.sign(message, key.signingSeed);

export function verifySignature(publicKeyB64: string, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, new Uint8Array(Buffer.from(publicKeyB64, 'base64')));
  } catch {
    return false;
  }
}
