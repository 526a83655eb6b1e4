import { CounterpartError } from '../../shared/contract/errors';
import type { Partner, OrganisationCardT } from '../../shared/contract/exchange';
import type { KeyState, TrustState, VerifyMethod } from '../../shared/domain/exchange';
import { cached, type Db } from '../store/database';
import { fingerprintDigits, fingerprintWords, keyFingerprint, type PublicKeys } from './keys';

/**
 * The partner directory: organisations whose cards were imported, their key history and trust state.
 * A card starts unverified; it is trusted (verified) only after someone compared the fingerprint out of
 * band and said how; a revoked partner is refused for export and import.
 */

export type PartnerKeyRow = {
  partner_code: string;
  fingerprint: string;
  signing_public: string;
  age_recipient: string;
  state: KeyState;
  source: 'card' | 'key-update';
  added_at: string;
  ended_at: string | null;
  valid_until: string | null;
};

type PartnerRow = {
  code: string;
  name: string;
  country: string;
  trust: TrustState;
  added_at: string;
  added_by: string;
  verified_by: string | null;
  verified_at: string | null;
  verified_how: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
};

export const fingerprintView = (fingerprint: string) => ({ fingerprint, digits: fingerprintDigits(fingerprint), words: fingerprintWords(fingerprint) });

export class PartnerStore {
  constructor(private readonly db: Db) {}

  private row(code: string): PartnerRow | undefined {
    return cached(this.db, 'SELECT * FROM partners WHERE code = ?').get(code) as PartnerRow | undefined;
  }

  keys(code: string): PartnerKeyRow[] {
    return cached(this.db, 'SELECT * FROM partner_keys WHERE partner_code = ? ORDER BY added_at, rowid').all(code) as PartnerKeyRow[];
  }

  activeKey(code: string): PartnerKeyRow | undefined {
    return cached(this.db, `SELECT * FROM partner_keys WHERE partner_code = ? AND state = 'active'`).get(code) as PartnerKeyRow | undefined;
  }

  /** The partner key with this fingerprint, whatever its state. */
  keyByFingerprint(fingerprint: string): PartnerKeyRow | undefined {
    return cached(this.db, 'SELECT * FROM partner_keys WHERE fingerprint = ?').get(fingerprint) as PartnerKeyRow | undefined;
  }

  find(code: string): Partner | null {
    const row = this.row(code);
    return row ? this.view(row) : null;
  }

  get(code: string): Partner {
    const partner = this.find(code);
    if (!partner) throw new CounterpartError('PARTNER_UNKNOWN', `${code} is not in the partner directory; import its organisation card first.`, { partner: code });
    return partner;
  }

  list(): Partner[] {
    return (cached(this.db, 'SELECT * FROM partners ORDER BY code').all() as PartnerRow[]).map((r) => this.view(r));
  }

  private view(row: PartnerRow): Partner {
    const keys = this.keys(row.code);
    const active = keys.find((k) => k.state === 'active') ?? keys[keys.length - 1]!;
    return {
      code: row.code,
      name: row.name,
      country: row.country,
      trust: row.trust,
      fingerprint: fingerprintView(active.fingerprint),
      addedAt: row.added_at,
      addedBy: row.added_by,
      verifiedBy: row.verified_by,
      verifiedAt: row.verified_at,
      verifiedHow: row.verified_how,
      revokedBy: row.revoked_by,
      revokedAt: row.revoked_at,
      revokedReason: row.revoked_reason,
      keys: keys.map((k) => ({ fingerprint: k.fingerprint, state: k.state, source: k.source, addedAt: k.added_at, endedAt: k.ended_at })),
    };
  }

  /**
   * Adds a partner from its card, unverified. The same card again changes nothing. A different key for
   * a partner that is not revoked is refused: keys change through signed key-update bundles. A revoked
   * partner can be added again from a new card (it starts over, unverified).
   */
  importCard(card: OrganisationCardT, by: string, now: string): { partner: Partner; changed: boolean } {
    const existing = this.row(card.code);
    if (existing) {
      const active = this.activeKey(card.code);
      if (existing.trust !== 'revoked' && active?.fingerprint === card.fingerprint) return { partner: this.view(existing), changed: false };
      if (existing.trust !== 'revoked') {
        throw new CounterpartError(
          'CONFLICT',
          `${card.code} is already a partner with a different key. A partner's keys change through a key-update bundle signed with its old key; to start over, revoke the partner first.`,
          { partner: card.code, pinned: active?.fingerprint, card: card.fingerprint },
        );
      }
      cached(this.db, `UPDATE partner_keys SET state = 'revoked', ended_at = coalesce(ended_at, @now) WHERE partner_code = @code`).run({ code: card.code, now });
      cached(
        this.db,
        `UPDATE partners SET name = @name, country = @country, trust = 'unverified', added_at = @now, added_by = @by,
           verified_by = NULL, verified_at = NULL, verified_how = NULL, revoked_by = NULL, revoked_at = NULL, revoked_reason = NULL
         WHERE code = @code`,
      ).run({ code: card.code, name: card.name, country: card.country, now, by });
    } else {
      cached(this.db, `INSERT INTO partners (code, name, country, trust, added_at, added_by) VALUES (@code, @name, @country, 'unverified', @now, @by)`).run({
        code: card.code,
        name: card.name,
        country: card.country,
        now,
        by,
      });
    }
    this.addKey(card.code, { signingPublic: card.signingKey.publicKey, ageRecipient: card.encryptionKey.recipient }, 'card', now);
    return { partner: this.get(card.code), changed: true };
  }

  addKey(code: string, keys: PublicKeys, source: 'card' | 'key-update', now: string): string {
    const fingerprint = keyFingerprint(keys);
    if (this.keyByFingerprint(fingerprint)) throw new CounterpartError('CONFLICT', 'This key is already known in the partner directory.', { fingerprint });
    cached(
      this.db,
      `INSERT INTO partner_keys (partner_code, fingerprint, signing_public, age_recipient, state, source, added_at)
       VALUES (@code, @fingerprint, @signingPublic, @ageRecipient, 'active', @source, @now)`,
    ).run({ code, fingerprint, ...keys, source, now });
    return fingerprint;
  }

  /** Ends a key: 'retired' keys still verify bundles created up to `validUntil`; 'revoked' keys verify nothing. */
  endKey(code: string, fingerprint: string, state: 'retired' | 'revoked', now: string, validUntil: string | null): void {
    cached(this.db, `UPDATE partner_keys SET state = @state, ended_at = @now, valid_until = @validUntil WHERE partner_code = @code AND fingerprint = @fingerprint`).run({
      code,
      fingerprint,
      state,
      now,
      validUntil: state === 'retired' ? validUntil : null,
    });
  }

  verify(code: string, input: { fingerprint: string; how: VerifyMethod; note?: string }, by: string, now: string): Partner {
    const partner = this.get(code);
    if (partner.trust === 'revoked') throw new CounterpartError('PARTNER_REVOKED', `${code} was revoked; import a new card to start over.`, { partner: code });
    if (partner.fingerprint.fingerprint !== input.fingerprint) {
      throw new CounterpartError('VALIDATION', `The fingerprint you compared is not the one pinned for ${code}; compare the current fingerprint again.`, { partner: code });
    }
    const how = input.note ? `${input.how}: ${input.note}` : input.how;
    cached(this.db, `UPDATE partners SET trust = 'verified', verified_by = @by, verified_at = @now, verified_how = @how WHERE code = @code`).run({ code, by, now, how });
    return this.get(code);
  }

  /** Back to unverified (after a key was revoked by a key update: the new key must be compared again). */
  markUnverified(code: string): void {
    cached(this.db, `UPDATE partners SET trust = 'unverified' WHERE code = @code AND trust = 'verified'`).run({ code });
  }

  revoke(code: string, reason: string, by: string, now: string): Partner {
    this.get(code);
    cached(this.db, `UPDATE partners SET trust = 'revoked', revoked_by = @by, revoked_at = @now, revoked_reason = @reason WHERE code = @code`).run({ code, by, now, reason });
    cached(this.db, `UPDATE partner_keys SET state = 'revoked', ended_at = coalesce(ended_at, @now) WHERE partner_code = @code`).run({ code, now });
    return this.get(code);
  }
}
