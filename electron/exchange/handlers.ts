import { readFileSync, statSync } from 'node:fs';
import { CounterpartError } from '../../shared/contract/errors';
import type { exchangeContract } from '../../shared/contract/exchange';
import { cached } from '../store/database';
import type { Handlers } from '../rpc/types';
import { buildCard, cardText, MAX_CARD_BYTES, parseCard } from './cards';
import { ConflictStore } from './conflicts';
import { exportBundle } from './export';
import { importBundle, inspectBundle, streamViews } from './import';
import { ensureOrganisationKeys, orgKeys } from './keys';
import { writeFileAtomic, writeSentBundle } from './outgoing';
import { fingerprintView, PartnerStore } from './partners';
import { rotateKeys } from './rotation';
import { dirname, basename } from 'node:path';

/** The exchange methods of shared/contract/exchange.ts. */

const now = () => new Date().toISOString();

function readCardFile(path: string): string {
  try {
    if (statSync(path).size > MAX_CARD_BYTES) throw new CounterpartError('CARD_INVALID', 'This file is too large to be an organisation card.');
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof CounterpartError) throw err;
    throw new CounterpartError('NOT_FOUND', `There is no card file at ${path}.`);
  }
}

type SentRow = { bundle_id: string; bundle_type: string; recipients: string; stream_id: string; seq: number; created_at: string; created_by: string; records: number; acknowledged_at: string | null };

export const exchangeHandlers: Handlers<keyof typeof exchangeContract> = {
  'exchange.card': async ({ out }, { session }) => {
    const u = session.requireUnlocked();
    const key = await ensureOrganisationKeys(u);
    const card = buildCard(u.organisation, key);
    let path: string | null = null;
    if (out) {
      path = writeFileAtomic(dirname(out), basename(out), Buffer.from(cardText(card), 'utf8'));
      u.audit.append({ actor: u.actor, action: 'exchange.card.export', outcome: 'ok', details: { path, fingerprint: card.fingerprint } });
    }
    return { card, fingerprint: fingerprintView(card.fingerprint), path };
  },
  'partners.list': (_input, { session }) => new PartnerStore(session.requireUnlocked().workspace.db).list(),
  'partners.import': ({ path, cardJson }, { session }) => {
    const u = session.requireUnlocked();
    const card = parseCard(path ? readCardFile(path) : cardJson!);
    if (card.code === u.organisation.code) throw new CounterpartError('CARD_INVALID', 'This is the card of your own organisation; import the card of a partner.');
    return u.transaction(() => {
      const { partner, changed } = new PartnerStore(u.workspace.db).importCard(card, u.user.username, now());
      if (changed) u.audit.append({ actor: u.actor, action: 'partner.import', recordType: 'partner', recordId: card.code, outcome: 'ok', details: { fingerprint: card.fingerprint } });
      return partner;
    });
  },
  'partners.verify': ({ code, fingerprint, how, note }, { session }) => {
    const u = session.requireUnlocked();
    return u.transaction(() => {
      const partner = new PartnerStore(u.workspace.db).verify(code, { fingerprint, how, note }, u.user.username, now());
      u.audit.append({ actor: u.actor, action: 'partner.verify', recordType: 'partner', recordId: code, outcome: 'ok', details: { fingerprint, how } });
      return partner;
    });
  },
  'partners.revoke': ({ code, reason }, { session }) => {
    const u = session.requireUnlocked();
    return u.transaction(() => {
      const partner = new PartnerStore(u.workspace.db).revoke(code, reason, u.user.username, now());
      u.audit.append({ actor: u.actor, action: 'partner.revoke', recordType: 'partner', recordId: code, outcome: 'ok', details: { reason } });
      return partner;
    });
  },
  'bundles.export': (input, { session, signal, progress }) => exportBundle(session.requireUnlocked(), input, { signal, progress }),
  'bundles.inspect': ({ path }, { session, signal, progress, interrupted }) => inspectBundle(session.requireUnlocked(), path, { signal, progress, interrupted }),
  'bundles.import': ({ path, previewToken, receiptDir }, { session, signal, progress, interrupted }) =>
    importBundle(session.requireUnlocked(), path, { signal, progress, interrupted, previewToken, receiptDir }),
  'bundles.streams': (_input, { session }) => streamViews(session.requireUnlocked()),
  'bundles.sent': ({ limit }, { session }) => {
    const rows = cached(session.requireUnlocked().workspace.db, 'SELECT bundle_id, bundle_type, recipients, stream_id, seq, created_at, created_by, records, acknowledged_at FROM sent_bundles ORDER BY created_at DESC LIMIT ?').all(limit) as SentRow[];
    return rows.map((r) => ({
      bundleId: r.bundle_id,
      bundleType: r.bundle_type as 'receipt',
      recipients: JSON.parse(r.recipients) as string[],
      streamId: r.stream_id,
      seq: r.seq,
      createdAt: r.created_at,
      createdBy: r.created_by,
      records: r.records,
      acknowledgedAt: r.acknowledged_at,
    }));
  },
  'bundles.resend': ({ bundleId, outDir }, { session }) => {
    const u = session.requireUnlocked();
    const path = writeSentBundle(u, bundleId, outDir);
    u.audit.append({ actor: u.actor, action: 'bundle.resend', outcome: 'ok', details: { bundleId } });
    return { path };
  },
  'conflicts.list': ({ state }, { session }) => {
    const u = session.requireUnlocked();
    return new ConflictStore(u.workspace.db).list(state, (t, i) => u.records.get(t, i), u.organisation.code);
  },
  'conflicts.resolve': ({ id, choice, value }, { session }) => {
    const u = session.requireUnlocked();
    return u.transaction(() => new ConflictStore(u.workspace.db).resolve(u, id, choice, value));
  },
  'keys.list': async (_input, { session }) => {
    const u = session.requireUnlocked();
    await ensureOrganisationKeys(u);
    return orgKeys(u.workspace.db).map((k) => ({ fingerprint: fingerprintView(k.fingerprint), state: k.state, createdAt: k.createdAt, endedAt: k.endedAt }));
  },
  'keys.rotate': async ({ mode, outDir, reason }, { session }) => {
    const u = session.requireUnlocked();
    const { key, bundles } = await rotateKeys(u, mode, outDir, reason ?? null);
    return { key: { fingerprint: fingerprintView(key.fingerprint), state: key.state, createdAt: key.createdAt, endedAt: key.endedAt }, bundles };
  },
  'keys.exportIdentity': async ({ out }, { session }) => {
    const u = session.requireUnlocked();
    const key = await ensureOrganisationKeys(u);
    const text = [`# Counterpart organisation age identity of ${u.organisation.code}`, `# created: ${key.createdAt}`, `# public key: ${key.ageRecipient}`, key.ageIdentity, ''].join('\n');
    const path = writeFileAtomic(dirname(out), basename(out), Buffer.from(text, 'utf8'));
    u.audit.append({ actor: u.actor, action: 'exchange.keys.export_identity', outcome: 'ok', details: { path, fingerprint: key.fingerprint } });
    return {
      path,
      warning: 'This file opens every bundle sent to your organisation. Keep it on encrypted, offline media (escrow) and delete any other copy.',
    };
  },
};
