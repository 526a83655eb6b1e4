import { ed25519 } from '@noble/curves/ed25519.js';
import { Encrypter } from 'age-encryption';
import { CounterpartError } from '../../shared/contract/errors';
import { OrganisationCard, type OrganisationCardT } from '../../shared/contract/exchange';
import type { OrganisationRecord } from '../identity/organisation';
import { cardKeys, keyFingerprint, type PublicKeys } from './keys';

/**
 * Organisation cards (`.cpcard`, DESIGN §6): the public half of an organisation's keys with its name,
 * code and country, exchanged once and pinned after the fingerprint is compared out of band.
 */

export const MAX_CARD_BYTES = 16 * 1024;

export function buildCard(org: Pick<OrganisationRecord, 'name' | 'code' | 'country'>, keys: PublicKeys): OrganisationCardT {
  return { name: org.name, code: org.code, country: org.country, ...cardKeys(keys), fingerprint: keyFingerprint(keys) };
}

export const cardText = (card: OrganisationCardT): string => `${JSON.stringify(card, null, 2)}\n`;

/** Checks the public keys themselves: a valid Ed25519 point and an age recipient that encrypts. */
export function assertUsableKeys(keys: PublicKeys, what: string): void {
  const raw = Buffer.from(keys.signingPublic, 'base64');
  let validPoint = false;
  try {
    validPoint = raw.length === 32 && ed25519.utils.isValidPublicKey(new Uint8Array(raw));
  } catch {
    validPoint = false;
  }
  if (!validPoint) throw new CounterpartError('CARD_INVALID', `The signing key in ${what} is not a valid Ed25519 public key.`);
  try {
    new Encrypter().addRecipient(keys.ageRecipient);
  } catch {
    throw new CounterpartError('CARD_INVALID', `The encryption key in ${what} is not a valid age recipient.`);
  }
}

/** Parses a card file's text: the JSON shape, the keys, and the fingerprint recomputed from the keys. */
export function parseCard(text: string): OrganisationCardT {
  if (Buffer.byteLength(text, 'utf8') > MAX_CARD_BYTES) throw new CounterpartError('CARD_INVALID', 'This file is too large to be an organisation card.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CounterpartError('CARD_INVALID', 'This file is not an organisation card (it is not JSON).');
  }
  const parsed = OrganisationCard.safeParse(json);
  if (!parsed.success) throw new CounterpartError('CARD_INVALID', 'This file is not a valid organisation card.', { issues: parsed.error.issues });
  const card = parsed.data;
  const keys = { signingPublic: card.signingKey.publicKey, ageRecipient: card.encryptionKey.recipient };
  assertUsableKeys(keys, 'this card');
  if (keyFingerprint(keys) !== card.fingerprint) {
    throw new CounterpartError('CARD_INVALID', 'The fingerprint written in this card does not match its keys: the card was changed or damaged.');
  }
  return card;
}
