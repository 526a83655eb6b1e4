import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newOffice, OFFICES, outDir } from './testkit';
import { fingerprintDigits, fingerprintWords, keyFingerprint } from './keys';
import { FINGERPRINT_WORDS } from './words';

describe('organisation cards and the partner directory', () => {
  it('the card carries the organisation and its public keys, and its fingerprint is recomputed from the keys', async () => {
    const th = await newOffice(OFFICES.TH);
    const out = join(outDir(), 'th.cpcard');
    const own = await th.call('exchange.card', { out });
    expect(Object.keys(own.card).sort()).toEqual(['code', 'country', 'encryptionKey', 'fingerprint', 'name', 'signingKey']);
    expect(own.card).toMatchObject({ name: OFFICES.TH.name, code: 'TH-ATTF', country: 'THA', signingKey: { alg: 'ed25519' } });
    expect(Buffer.from(own.card.signingKey.publicKey, 'base64')).toHaveLength(32);
    expect(own.card.encryptionKey.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(own.card.fingerprint).toBe(keyFingerprint({ signingPublic: own.card.signingKey.publicKey, ageRecipient: own.card.encryptionKey.recipient }));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(own.card);
    expect(own.fingerprint.digits).toMatch(/^(\d{5} ){7}\d{5}$/);
    expect(own.fingerprint.words.split(/ · | /)).toHaveLength(16);
    // The keys are created once: asking again gives the same card.
    expect((await th.call('exchange.card', {})).card).toEqual(own.card);
  });

  it('the fingerprint words and digits are fixed functions of the hash', () => {
    const hex = '00ff'.padEnd(64, '0');
    expect(fingerprintWords(hex).split(/ · | /).slice(0, 2)).toEqual([FINGERPRINT_WORDS[0], FINGERPRINT_WORDS[255]]);
    expect(fingerprintDigits('f'.repeat(64))).toBe(Array(8).fill(String(0xffffffff % 100000)).join(' '));
    expect(new Set(FINGERPRINT_WORDS).size).toBe(256);
  });

  it('a partner starts unverified, is verified with the compared fingerprint (who, when, how), and can be revoked', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    const mmCard = await mm.call('exchange.card', {});
    const added = await th.call('partners.import', { cardJson: JSON.stringify(mmCard.card) });
    expect(added).toMatchObject({ code: 'MM-DSW', trust: 'unverified', verifiedBy: null, fingerprint: { fingerprint: mmCard.card.fingerprint } });
    // The same card again is a no-op.
    expect((await th.call('partners.import', { cardJson: JSON.stringify(mmCard.card) })).addedAt).toBe(added.addedAt);

    const wrong = await th.core.dispatcher.dispatch('partners.verify', { code: 'MM-DSW', fingerprint: 'a'.repeat(64), how: 'phone' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const verified = await th.call('partners.verify', { code: 'MM-DSW', fingerprint: mmCard.card.fingerprint, how: 'phone', note: 'called Ko Aung' });
    expect(verified).toMatchObject({ trust: 'verified', verifiedBy: 'admin', verifiedHow: 'phone: called Ko Aung' });
    expect(verified.verifiedAt).toBeTruthy();

    const revoked = await th.call('partners.revoke', { code: 'MM-DSW', reason: 'laptop stolen' });
    expect(revoked).toMatchObject({ trust: 'revoked', revokedReason: 'laptop stolen', keys: [{ state: 'revoked' }] });
    const actions = (await th.call('audit.list', { action: 'partner.', limit: 10 })).entries.map((e) => e.action);
    expect(actions).toEqual(['partner.revoke', 'partner.verify', 'partner.import']);
  });

  it('refuses a changed card, a different key for a pinned partner, and its own card', async () => {
    const th = await newOffice(OFFICES.TH);
    const mm = await newOffice(OFFICES.MM);
    const other = await newOffice(OFFICES.MM);
    const card = (await mm.call('exchange.card', {})).card;
    const tampered = { ...card, name: card.name, signingKey: { ...card.signingKey, publicKey: (await other.call('exchange.card', {})).card.signingKey.publicKey } };
    expect(await th.core.dispatcher.dispatch('partners.import', { cardJson: JSON.stringify(tampered) })).toMatchObject({ ok: false, error: { code: 'CARD_INVALID' } });
    expect(await th.core.dispatcher.dispatch('partners.import', { cardJson: '{"not":"a card"}' })).toMatchObject({ ok: false, error: { code: 'CARD_INVALID' } });
    await th.call('partners.import', { cardJson: JSON.stringify(card) });
    const impostor = (await other.call('exchange.card', {})).card;
    expect(await th.core.dispatcher.dispatch('partners.import', { cardJson: JSON.stringify(impostor) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const own = (await th.call('exchange.card', {})).card;
    expect(await th.core.dispatcher.dispatch('partners.import', { cardJson: JSON.stringify(own) })).toMatchObject({ ok: false, error: { code: 'CARD_INVALID' } });
  });
});
