import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleType } from '../../shared/domain/exchange';
import { productionRegistry } from '../rpc/recordTypes';
import { PURPOSES_OF_BUNDLE } from '../cases/exchangeRules';
import { today } from '../cases/testkit';
import { decryptBytes } from './age';
import { parseManifest, type DsseEnvelope } from './bundle';
import { summariseConsentRefs } from './export';
import { readTar } from './tar';
import { newOffice, OFFICES, outDir, pair, type Office } from './testkit';

/**
 * The export's decisions on a demo workspace of a few hundred cases with varied consents: which records
 * travel, the consent refusal that stops an export, the overrides, the consent references of the
 * manifest and the audit entries. The expected values are worked out here from the rules (DESIGN §6,
 * docs/bundles.md) on the raw rows of the database, not from the exporter: a record travels when its
 * type has a profile for the bundle type and we own it; a personal-data record needs, unless it is a
 * deletion, an active consent of its case (given, not withdrawn, not expired, taken by today) to share
 * with the recipient's partner code for a purpose the bundle type serves; every personal-data record that
 * leaves gets a `<type>.export` entry naming the bundle, and each one sent without consent a
 * `bundle.export.override_consent` entry, in record order after the former.
 */

const CASES = 120;
const db = (o: Office) => o.core.session.requireUnlocked().workspace.db;

type Raw = { id: string; type: string; owner_org: string; deleted: number; data: string };
type Consent = { caseId: string; purpose: string; con_Consent: boolean; recipient?: { code?: string }; sharingPurposes: string[]; takenOn: string; withdrawnOn?: string; validUntil?: string };

/** Active consent to share with `org` for one of `purposes` on `day`, from the consent rows themselves. */
function consentingCases(o: Office, org: string, purposes: readonly string[], day: string): Map<string, string[]> {
  const rows = db(o).prepare(`SELECT id, data FROM records WHERE type = 'consent' AND deleted = 0 ORDER BY id`).all() as { id: string; data: string }[];
  const byCase = new Map<string, string[]>();
  for (const row of rows) {
    const c = JSON.parse(row.data) as Consent;
    const active = c.con_Consent && c.withdrawnOn === undefined && (c.validUntil === undefined || c.validUntil >= day) && c.takenOn <= day;
    if (!active || c.purpose !== 'sharing' || c.recipient?.code?.toUpperCase() !== org) continue;
    if (!purposes.some((p) => c.sharingPurposes.includes(p))) continue;
    byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), row.id]);
  }
  return byCase;
}

type Expected = { travel: Raw[]; personal: Raw[]; refused: Raw[]; refs: Set<string> };

function expectedExport(o: Office, type: BundleType, to: string): Expected {
  const defs = new Map(o.core.session.requireUnlocked().records.types.list().map((d) => [d.type, d]));
  const purposes = PURPOSES_OF_BUNDLE[type] ?? [];
  // The gate takes, per recipient, the first purpose that has a covering consent, and names those consents.
  const perPurpose = purposes.map((p) => consentingCases(o, to, [p], today()));
  const rows = db(o).prepare('SELECT id, type, owner_org, deleted, data FROM records ORDER BY id').all() as Raw[];
  const travel = rows.filter((r) => defs.get(r.type)?.profiles?.[type] !== undefined && r.owner_org === o.code);
  const personal = travel.filter((r) => defs.get(r.type)!.personalData);
  const refs = new Set<string>();
  const refused = personal.filter((r) => {
    if (r.deleted) {
      refs.add('deletion');
      return false;
    }
    const caseId = r.type === 'case' ? r.id : (JSON.parse(r.data) as { caseId?: string }).caseId;
    const ids = perPurpose.map((m) => m.get(caseId ?? '')).find((found) => found !== undefined);
    if (ids) refs.add(ids.map((id) => `consent:${id}`).join(' '));
    return ids === undefined;
  });
  if (refused.length > 0) refs.add('override');
  return { travel, personal, refused, refs };
}

/** Builds the workspace: demo cases, then consents given, withdrawn, for another purpose and expired, and a deleted task. */
async function demoWorkspace() {
  const th = await newOffice(OFFICES.TH, productionRegistry());
  const mm = await newOffice(OFFICES.MM, productionRegistry());
  await pair(th, mm);
  await th.call('demo.generate', { cases: CASES, seed: 7 });
  // Consents are recorded on open cases only (a closed one must be reopened first).
  const caseIds = db(th).prepare(`SELECT case_id FROM case_index WHERE stage != 'closed' ORDER BY case_id LIMIT 60`).pluck().all() as string[];
  expect(caseIds.length).toBe(60);
  const consent = (caseId: string, sharingPurposes: string[], extra: Record<string, string> = {}) =>
    th.call('consent.record', { caseId, purpose: 'sharing', con_Consent: true, recipient: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' }, sharingPurposes, takenOn: '2024-03-01', method: 'written', ...extra });
  for (const [i, caseId] of caseIds.entries()) {
    if (i % 6 === 0) await consent(caseId, ['case_management']);
    if (i % 6 === 1) await th.call('consent.withdraw', { id: (await consent(caseId, ['case_management'])).id, withdrawnOn: today(), reason: 'Changed her mind' });
    if (i % 6 === 2) await consent(caseId, ['referral']);
    if (i % 6 === 3) await consent(caseId, ['case_management'], { validUntil: '2024-12-31' });
    if (i % 6 === 4) await consent(caseId, ['case_management', 'referral']);
  }
  const u = th.core.session.requireUnlocked();
  const task = db(th).prepare(`SELECT id FROM records WHERE type = 'case_task' AND deleted = 0 ORDER BY id LIMIT 1`).pluck().get() as string;
  u.transaction(() => u.records.remove('case_task', task));
  return { th, mm };
}

async function bundleLines(o: Office, path: string): Promise<{ ids: Map<string, string[]>; consentRef: string | null }> {
  const identityFile = join(outDir(), 'id.txt');
  await o.call('keys.exportIdentity', { out: identityFile });
  const identity = readFileSync(identityFile, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
  const files = await readTar(await decryptBytes(readFileSync(path), [identity]), { maxFileBytes: 1 << 30, maxFiles: 100 });
  const envelope = JSON.parse(Buffer.from(files.get('envelope.json')!).toString('utf8')) as DsseEnvelope;
  const manifest = parseManifest(new Uint8Array(Buffer.from(envelope.payload, 'base64')));
  const ids = new Map<string, string[]>();
  for (const [name, bytes] of files) {
    const type = /^data\/(.+)\.ndjson$/.exec(name)?.[1];
    if (type) ids.set(type, Buffer.from(bytes).toString('utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id));
  }
  return { ids, consentRef: manifest.consentRef };
}

const byType = (rows: Raw[]): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.type, [...(out.get(r.type) ?? []), r.id]);
  return out;
};

const auditSince = (o: Office, seq: number) =>
  db(o).prepare('SELECT action, record_type AS type, record_id AS id, details FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as { action: string; type: string | null; id: string | null; details: string | null }[];

const lastSeq = (o: Office) => db(o).prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;

describe('export decisions on a demo workspace', () => {
  it.each([
    ['case-update', 'Case management'],
    ['case-referral', 'Referral for reintegration support'],
  ] as const)('%s: the refused consent stops it; with an override the records, consent references and audit entries are those the rules give', async (type, purpose) => {
    const { th } = await demoWorkspace();
    const expected = expectedExport(th, type, 'MM-DSW');
    // The workspace is varied enough to test something: records of several pages, allowed and refused cases, a deletion.
    expect(expected.travel.length).toBeGreaterThan(500);
    expect(expected.refused.length).toBeGreaterThan(100);
    expect(expected.personal.length - expected.refused.length).toBeGreaterThan(50);
    expect(expected.refs.has('deletion')).toBe(type === 'case-update');

    const before = lastSeq(th);
    const params = { to: ['MM-DSW'], type, select: { mode: 'sinceLast' }, purpose, outDir: outDir() };
    const refused = await th.core.dispatcher.dispatch('bundles.export', params);
    // Records are walked in id order: the first refused one stops the export, and nothing is written; only the refused call is audited.
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', details: { recordType: expected.refused[0]!.type, recordId: expected.refused[0]!.id } } });
    expect(auditSince(th, before)).toEqual([{ action: 'bundles.export', type: null, id: null, details: '{"code":"CONSENT_REQUIRED"}' }]);
    expect(db(th).prepare('SELECT count(*) FROM sent_bundles').pluck().get()).toBe(0);

    const reason = 'Court order of 2024-05-02 for the joint investigation';
    const sent = await th.call('bundles.export', { ...params, overrideConsent: true, overrideReason: reason });
    const travel = byType(expected.travel);
    expect(sent.records).toEqual(Object.fromEntries([...travel].map(([t, ids]) => [t, ids.length])));
    const entries = auditSince(th, before).filter((e) => e.action !== 'bundles.export');
    const details = { bundleId: sent.bundleId, purpose, to: ['MM-DSW'] };
    expect(entries.map((e) => ({ ...e, details: e.details === null ? null : (JSON.parse(e.details) as unknown) }))).toEqual([
      ...expected.personal.map((r) => ({ action: `${r.type}.export`, type: r.type, id: r.id, details })),
      ...expected.refused.map((r) => ({ action: 'bundle.export.override_consent', type: r.type, id: r.id, details: { ...details, reason } })),
      { action: 'bundle.export', type: null, id: null, details: expect.objectContaining({ bundleId: sent.bundleId, records: expected.travel.length }) as unknown },
    ]);

    const bundle = await bundleLines(th, sent.path);
    expect(bundle.ids).toEqual(travel);
    expect(bundle.consentRef).toBe(summariseConsentRefs(expected.refs));
  });

  it('chosen records of a consenting case leave without an override; one of a refused case among them stops the export', async () => {
    const { th } = await demoWorkspace();
    const expected = expectedExport(th, 'case-update', 'MM-DSW');
    const refusedIds = new Set(expected.refused.map((r) => r.id));
    const allowed = expected.personal.filter((r) => !r.deleted && !refusedIds.has(r.id)).slice(0, 700);
    const params = { to: ['MM-DSW'], type: 'case-update', purpose: 'Case management', outDir: outDir() };
    const sent = await th.call('bundles.export', { ...params, select: { mode: 'ids', ids: allowed.map((r) => r.id) } });
    expect(sent.records).toEqual(Object.fromEntries([...byType(allowed)].map(([t, ids]) => [t, ids.length])));

    const chosen = [...allowed.slice(0, 600), expected.refused[5]!, ...allowed.slice(600)];
    const stopped = await th.core.dispatcher.dispatch('bundles.export', { ...params, select: { mode: 'ids', ids: chosen.map((r) => r.id) } });
    expect(stopped).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', details: { recordId: expected.refused[5]!.id } } });
  });
});
