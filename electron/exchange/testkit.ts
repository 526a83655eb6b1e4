import { join } from 'node:path';
import { RecordRegistry } from '../store/records';
import { createCore, type Core } from '../rpc/core';
import { NoteData } from '../testing/noteRecord';
import { ADMIN_PASSWORD, TEST_KDF, TEST_THROTTLE, tempDir, unwrap } from '../testing/fixtures';
import type { MethodName, MethodOutput } from '../../shared/contract';

/**
 * Test helpers for exchange: offices with their own workspaces, and a `note` record type that has
 * field profiles (the shared test `note` has none, so it would never travel).
 */

export const exchangeRegistry = (): RecordRegistry =>
  new RecordRegistry().register({
    type: 'note',
    schema: NoteData,
    personalData: false,
    profiles: {
      'case-update': { fields: 'all' },
      'ownership-transfer': { fields: 'all' },
      // A referral carries the title and tags only: the body stays at the sending office.
      'case-referral': { fields: ['title', 'tags'] },
    },
  });

export const OFFICES = {
  TH: { name: 'Anti-Trafficking Task Force', code: 'TH-ATTF', country: 'THA', type: 'LawEnforcement' },
  MM: { name: 'Department of Social Welfare', code: 'MM-DSW', country: 'MMR', type: 'CentralGovernmentOrganisation' },
  SEC: { name: 'NPA Secretariat', code: 'MM-NPA-SEC', country: 'MMR', type: 'CentralGovernmentOrganisation' },
} as const;

export type Office = { core: Core; dir: string; code: string; call: <M extends MethodName>(method: M, params: unknown) => Promise<MethodOutput<M>> };

export async function newOffice(org: { name: string; code: string; country: string; type: string }, registry: RecordRegistry = exchangeRegistry()): Promise<Office> {
  const dir = join(tempDir(`office-${org.code}-`), 'ws');
  const core = createCore(dir, { kdf: TEST_KDF, throttle: TEST_THROTTLE, idleCheckMs: 0, registry });
  unwrap(await core.dispatcher.dispatch('workspace.create', { organisation: org, admin: { username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD } }));
  const call = async <M extends MethodName>(method: M, params: unknown): Promise<MethodOutput<M>> => unwrap(await core.dispatcher.dispatch(method, params)) as MethodOutput<M>;
  return { core, dir, code: org.code, call };
}

/** Both offices import and verify each other's card (as after a phone call comparing fingerprints). */
export async function pair(a: Office, b: Office): Promise<void> {
  const cardA = await a.call('exchange.card', {});
  const cardB = await b.call('exchange.card', {});
  await a.call('partners.import', { cardJson: JSON.stringify(cardB.card) });
  await b.call('partners.import', { cardJson: JSON.stringify(cardA.card) });
  await a.call('partners.verify', { code: b.code, fingerprint: cardB.card.fingerprint, how: 'phone' });
  await b.call('partners.verify', { code: a.code, fingerprint: cardA.card.fingerprint, how: 'phone' });
}

export const outDir = (): string => tempDir('bundles-');

/**
 * `from` sends everything changed since its last case update to `to`, overriding missing sharing
 * consent with `overrideReason` (demo people gave none), and `to` imports it.
 */
export async function sendCaseUpdate(from: Office, to: Office, overrideReason: string): Promise<MethodOutput<'bundles.import'>> {
  const bundle = await from.call('bundles.export', {
    to: [to.code],
    type: 'case-update',
    select: { mode: 'sinceLast' },
    purpose: 'Case management',
    outDir: outDir(),
    overrideConsent: true,
    overrideReason,
  });
  return to.call('bundles.import', { path: bundle.path });
}
