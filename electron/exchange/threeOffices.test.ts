import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ed25519 } from '@noble/curves/ed25519.js';
import { productionRegistry } from '../rpc/recordTypes';
import { canonicalJson } from '../../shared/domain/canonicalJson';
import { ADMIN_PASSWORD, tempDir, unwrap } from '../testing/fixtures';
import { AUNG_KYAW_MOE, daysFromToday, today } from '../cases/testkit';
import type { Envelope } from '../store/records';
import { newOffice, OFFICES, pair, type Office } from './testkit';

/**
 * The acceptance scenario of issue 5, with real case records and the `counterpart` command line:
 * the Thai task force (TH-ATTF) refers three victims to Myanmar's Department of Social Welfare
 * (MM-DSW), hands them over at repatriation, MM-DSW records follow-ups and sends a case update back;
 * both offices end with the same state of every shared record. The file opens with Debian's `age`,
 * unpacks with `tar`, its signature verifies with @noble/curves and OpenSSL, and the NPA secretariat
 * (MM-NPA-SEC), not a recipient, is refused with NOT_A_RECIPIENT.
 */

const BIN = fileURLToPath(new URL('../../scripts/counterpart.mjs', import.meta.url));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = has('age') && has('openssl') && has('tar');

type CliRun = { status: number | null; stdout: string; stderr: string };

/** Runs `counterpart ARGS` against an office's workspace; the in-process session is locked meanwhile. */
async function cli(office: Office, args: string[], config: string): Promise<CliRun> {
  office.core.session.lock('user');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args, '--workspace', office.dir, '--user', 'admin'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: config, COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: ADMIN_PASSWORD },
      timeout: 120_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    unwrap(await office.core.dispatcher.dispatch('session.unlock', { username: 'admin', password: ADMIN_PASSWORD }));
  }
}

const json = <T,>(run: CliRun): T => {
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
};

const unlocked = (o: Office) => o.core.session.requireUnlocked();

/** Every record of an office, by id. */
function recordsOf(o: Office): Map<string, Envelope> {
  const u = unlocked(o);
  const rows = u.workspace.db.prepare('SELECT id, type FROM records ORDER BY id').all() as { id: string; type: string }[];
  return new Map(rows.map((r) => [r.id, u.records.get(r.type, r.id)!]));
}

/** The digest of electron/store/records.ts `stateDigest`, over the given records only. */
function digestOf(records: Envelope[]): string {
  const hash = createHash('sha256');
  for (const r of [...records].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(`${r.type}\t${r.id}\t${r.deleted ? 1 : 0}\t${canonicalJson(r.vv)}\n`, 'utf8');
  return hash.digest('hex');
}

const PEOPLE = [
  AUNG_KYAW_MOE.person,
  { ...AUNG_KYAW_MOE.person, prs_FirstName: 'မြင့်မြင့်ထွေး', aliases: ['Myint Myint Htwe'], prs_Gender: 'Feminine', prs_Birthdate: '2001-09-03', prs_MobilePhone: '+66 89 765 4321' },
  { ...AUNG_KYAW_MOE.person, prs_FirstName: 'ဇော်မင်းထွန်း', aliases: ['Zaw Min Tun'], prs_Birthdate: '1995-01-20', prs_MobilePhone: '+66 62 111 2233' },
];

describe.skipIf(!tools)('three offices exchange real cases through the command line', () => {
  it('referral, handover, follow-ups and a case update back: TH-ATTF and MM-DSW hold the same shared records; the NPA secretariat cannot open the file', async () => {
    const config = tempDir('cli-config-');
    const work = tempDir('three-offices-');
    const th = await newOffice(OFFICES.TH, productionRegistry());
    const mm = await newOffice(OFFICES.MM, productionRegistry());
    const sec = await newOffice(OFFICES.SEC, productionRegistry());
    await pair(th, mm);
    await pair(th, sec);

    // TH-ATTF registers three presumed victims, each agreeing to share with MM-DSW for referral, case management and return.
    const caseIds: string[] = [];
    for (const person of PEOPLE) {
      const { caseId } = await th.call('cases.register', { person, identification: AUNG_KYAW_MOE.identification });
      await th.call('consent.record', {
        caseId,
        purpose: 'sharing',
        con_Consent: true,
        recipient: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
        sharingPurposes: ['referral', 'case_management', 'return'],
        takenOn: today(),
        method: 'written',
      });
      caseIds.push(caseId);
    }

    // 1. The referral, exported with the CLI.
    const referralPath = join(work, 'referral.cpb');
    const referral = json<{ bundleType: string; records: Record<string, number>; seq: number }>(
      await cli(th, ['bundle', 'export', '--type', 'case-referral', '--to', 'MM-DSW', '--cases', 'all', '--purpose', 'Referral for return and reintegration', '--out', referralPath, '--json'], config),
    );
    expect(referral).toMatchObject({ bundleType: 'case-referral', seq: 1, records: { case: 3, consent: 3 } });

    // The file with independent tools: age (identity from `keys export-identity`), tar, @noble/curves and OpenSSL.
    const identity = join(work, 'mm-identity.txt');
    const exportedIdentity = await cli(mm, ['keys', 'export-identity', '--out', identity], config);
    expect(exportedIdentity.status, exportedIdentity.stderr).toBe(0);
    expect(exportedIdentity.stderr).toMatch(/WARNING/);
    const tarPath = join(work, 'referral.tar');
    execFileSync('age', ['-d', '-i', identity, '-o', tarPath, referralPath]);
    const extracted = join(work, 'x');
    mkdirSync(extracted);
    execFileSync('tar', ['-xf', tarPath, '-C', extracted]);
    expect(readdirSync(join(extracted, 'data')).sort()).toEqual(['case.ndjson', 'consent.ndjson']);
    const caseLines = readFileSync(join(extracted, 'data/case.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; data: Record<string, unknown> });
    expect(caseLines.map((l) => l.id).sort()).toEqual([...caseIds].sort());
    // The referral profile kept the identity-document number and other contacts at TH-ATTF.
    expect(caseLines.every((l) => !('prs_IdentityNumber' in l.data) && !('trustedContacts' in l.data))).toBe(true);
    const envelope = JSON.parse(readFileSync(join(extracted, 'envelope.json'), 'utf8')) as { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
    const payload = Buffer.from(envelope.payload, 'base64');
    const manifest = JSON.parse(payload.toString('utf8')) as { sender: { org: string; fingerprint: string }; files: { path: string; sha256: string }[] };
    expect(manifest.sender.org).toBe('TH-ATTF');
    for (const f of manifest.files) expect(createHash('sha256').update(readFileSync(join(extracted, f.path))).digest('hex')).toBe(f.sha256);
    const thCard = (await th.call('exchange.card', {})).card;
    const rawPub = Buffer.from(thCard.signingKey.publicKey, 'base64');
    const paeBytes = Buffer.concat([Buffer.from(`DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} ${payload.length} `), payload]);
    const sig = Buffer.from(envelope.signatures[0]!.sig, 'base64');
    expect(ed25519.verify(new Uint8Array(sig), new Uint8Array(paeBytes), new Uint8Array(rawPub))).toBe(true);
    expect(ed25519.verify(new Uint8Array(sig), new Uint8Array(Buffer.concat([paeBytes, Buffer.from('x')])), new Uint8Array(rawPub))).toBe(false);
    const pem = join(work, 'th.pem');
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), rawPub]);
    execFileSync('sh', ['-c', `printf '%s\\n' '-----BEGIN PUBLIC KEY-----' '${spki.toString('base64')}' '-----END PUBLIC KEY-----' > '${pem}'`]);
    const paeFile = join(work, 'pae.bin');
    const sigFile = join(work, 'sig.bin');
    execFileSync('sh', ['-c', `cat > '${paeFile}'`], { input: paeBytes });
    execFileSync('sh', ['-c', `cat > '${sigFile}'`], { input: sig });
    const verified = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', paeFile, '-sigfile', sigFile], { encoding: 'utf8' });
    expect(verified.stdout + verified.stderr).toMatch(/Signature Verified Successfully/);

    // The NPA secretariat knows TH-ATTF, but the file is not addressed to it: refused, nothing changes.
    const secBefore = recordsOf(sec).size;
    const refused = await cli(sec, ['bundle', 'import', '--in', referralPath, '--yes', '--json'], config);
    expect(refused.status).toBe(7);
    expect(refused.stderr).toMatch(/NOT_A_RECIPIENT/);
    expect(recordsOf(sec).size).toBe(secBefore);

    // 2. MM-DSW inspects and imports with the CLI.
    const inspected = json<{ sender: { org: string }; sequence: string; preview: { new: number } }>(await cli(mm, ['bundle', 'inspect', '--in', referralPath, '--json'], config));
    expect(inspected).toMatchObject({ sender: { org: 'TH-ATTF' }, sequence: 'new', preview: { new: 6 } });
    expect(json<{ status: string; applied: { new: number } }>(await cli(mm, ['bundle', 'import', '--in', referralPath, '--yes', '--json'], config))).toMatchObject({ status: 'imported', applied: { new: 6 } });
    expect((await mm.call('cases.list', { withTotal: true })).total).toBe(3);

    // 3. Handover at repatriation: TH-ATTF signs the ownership transfer of the three cases; MM-DSW takes them over.
    const handoverPath = join(work, 'handover.cpb');
    const handover = json<{ bundleType: string; records: Record<string, number> }>(
      await cli(th, ['bundle', 'export', '--type', 'ownership-transfer', '--to', 'MM-DSW', '--cases', caseIds.join(','), '--purpose', 'Handover at repatriation', '--out', handoverPath, '--json'], config),
    );
    expect(handover).toMatchObject({ bundleType: 'ownership-transfer', records: { case: 3 } });
    expect(json<{ status: string }>(await cli(mm, ['bundle', 'import', '--in', handoverPath, '--yes', '--json'], config)).status).toBe('imported');
    for (const id of caseIds) expect(unlocked(mm).records.get('case', id)!.ownerOrg).toBe('MM-DSW');
    // The full file arrived with the handover: fields the referral kept back are now at MM-DSW too.
    expect(unlocked(mm).records.get('case', caseIds[0]!)!.data).toEqual(unlocked(th).records.get('case', caseIds[0]!)!.data);

    // 4. MM-DSW, now the owner, records the person's consent to keep TH-ATTF informed, schedules and records follow-ups.
    for (const caseId of caseIds) {
      await mm.call('consent.record', {
        caseId,
        purpose: 'sharing',
        con_Consent: true,
        recipient: { code: 'TH-ATTF', name: 'Anti-Trafficking Task Force, Thailand' },
        sharingPurposes: ['case_management'],
        takenOn: today(),
        method: 'written',
      });
      const followup = await mm.call('followups.schedule', { caseId, kind: 'home_visit', dueDate: daysFromToday(7) });
      await mm.call('followups.record', { id: followup.id, visitDate: today(), observations: 'Back with the family in Hpa-an; looking for work.' });
    }
    expect(await mm.core.dispatcher.dispatch('cases.update', { id: caseIds[0], person: { aliases: ['Ko Aung Kyaw'] } })).toMatchObject({ ok: true });

    const updatePath = join(work, 'update.cpb');
    const update = json<{ bundleType: string; records: Record<string, number> }>(
      await cli(mm, ['bundle', 'export', '--type', 'case-update', '--to', 'TH-ATTF', '--cases', 'all', '--purpose', 'Case management after return', '--out', updatePath, '--json'], config),
    );
    expect(update.records).toMatchObject({ case: 3, consent: 3, followup: 3 });
    const imported = json<{ status: string; applied: { refused: number; held: number; conflicting: number } }>(await cli(th, ['bundle', 'import', '--in', updatePath, '--yes', '--json'], config));
    expect(imported).toMatchObject({ status: 'imported', applied: { refused: 0, held: 0, conflicting: 0 } });

    // 5. Both offices hold the same state of every record MM-DSW holds (all of them concern the three cases).
    const atTh = recordsOf(th);
    const atMm = recordsOf(mm);
    const shared = [...atMm.keys()];
    expect(shared.length).toBeGreaterThanOrEqual(3 + 3 + 3 + 3);
    for (const id of shared) expect(atTh.has(id), `record ${id} at TH-ATTF`).toBe(true);
    expect(digestOf(shared.map((id) => atTh.get(id)!))).toBe(digestOf(shared.map((id) => atMm.get(id)!)));
    const view = (e: Envelope) => ({ type: e.type, owner: e.ownerOrg, deleted: e.deleted, data: e.data, vv: e.vv, fieldClock: e.fieldClock });
    for (const id of shared) expect(view(atTh.get(id)!), `record ${id}`).toEqual(view(atMm.get(id)!));
    for (const id of caseIds) expect(atTh.get(id)!.ownerOrg).toBe('MM-DSW');
    expect(atTh.get(caseIds[0]!)!.data.aliases).toEqual(['Ko Aung Kyaw']);
    const thFile = await th.call('cases.get', { id: caseIds[1] });
    expect(thFile.followups.map((f) => f.observations)).toEqual(['Back with the family in Hpa-an; looking for work.']);
  }, 600_000);
});
