import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, tempDir } from '../testing/fixtures';

const BIN = fileURLToPath(new URL('../../scripts/counterpart.mjs', import.meta.url));

function cli(args: string[], config: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: config, COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: ADMIN_PASSWORD },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the exchange command line', () => {
  it('cards, partners, bundle export / inspect / import (twice), identity export, and a refusal with its code and exit 7', () => {
    const config = tempDir('cli-config-');
    const root = tempDir('cli-exchange-');
    const ws = (code: string) => join(root, code);
    const init = (code: string, country: string) =>
      cli(['init', '--workspace', ws(code), '--org-name', `Office ${code}`, '--org-code', code, '--country', country, '--admin', 'admin'], config);
    expect(init('TH-ATTF', 'THA').status).toBe(0);
    expect(init('MM-DSW', 'MMR').status).toBe(0);
    expect(init('MM-NPA-SEC', 'MMR').status).toBe(0);

    for (const code of ['TH-ATTF', 'MM-DSW', 'MM-NPA-SEC']) {
      const out = cli(['card', 'export', '--workspace', ws(code), '--out', join(root, `${code}.cpcard`)], config);
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout).toMatch(/\d{5} \d{5}/);
    }
    const imp = (into: string, card: string) => cli(['card', 'import', '--workspace', ws(into), '--in', join(root, `${card}.cpcard`), '--verified-by', 'Ko Aung', '--json'], config);
    expect(JSON.parse(imp('TH-ATTF', 'MM-DSW').stdout)).toMatchObject({ code: 'MM-DSW', trust: 'verified', verifiedHow: 'phone: compared by Ko Aung' });
    expect(imp('MM-DSW', 'TH-ATTF').status).toBe(0);
    expect(imp('MM-NPA-SEC', 'TH-ATTF').status).toBe(0);
    const listed = JSON.parse(cli(['partners', 'list', '--workspace', ws('TH-ATTF'), '--json'], config).stdout) as { code: string }[];
    expect(listed.map((p) => p.code)).toEqual(['MM-DSW']);

    const file = join(root, 'to-mm.cpb');
    const exported = cli(['bundle', 'export', '--workspace', ws('TH-ATTF'), '--type', 'case-update', '--to', 'MM-DSW', '--out', file, '--json'], config);
    expect(exported.status, exported.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const inspected = cli(['bundle', 'inspect', '--workspace', ws('MM-DSW'), '--in', file, '--json'], config);
    expect(JSON.parse(inspected.stdout)).toMatchObject({ sender: { org: 'TH-ATTF' }, sequence: 'new' });
    expect(cli(['bundle', 'import', '--workspace', ws('MM-DSW'), '--in', file], config)).toMatchObject({ status: 2 });
    const imported = cli(['bundle', 'import', '--workspace', ws('MM-DSW'), '--in', file, '--yes', '--json'], config);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'imported', sender: 'TH-ATTF', seq: 1 });
    const twice = cli(['bundle', 'import', '--workspace', ws('MM-DSW'), file, '--yes'], config);
    expect(twice.stdout).toMatch(/already imported; nothing changed/);

    // An unverified partner: the administrator's override needs a reason, which the audit trail keeps.
    expect(cli(['card', 'import', '--workspace', ws('TH-ATTF'), '--in', join(root, 'MM-NPA-SEC.cpcard')], config).status).toBe(0);
    const toSec = (extra: string[]) => cli(['bundle', 'export', '--workspace', ws('TH-ATTF'), '--type', 'case-update', '--to', 'MM-NPA-SEC', '--out', root, '--override-unverified', ...extra], config);
    const noReason = toSec([]);
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toMatch(/VALIDATION/);
    expect(toSec(['--override-reason', 'Phone line to the secretariat is down this week']).status).toBe(0);
    const trail = JSON.parse(cli(['audit', 'list', '--workspace', ws('TH-ATTF'), '--action', 'bundle.export.override_unverified', '--json'], config).stdout) as { details: { reason: string } }[];
    expect(trail.map((e) => e.details.reason)).toEqual(['Phone line to the secretariat is down this week']);

    const refused = cli(['bundle', 'import', '--workspace', ws('MM-NPA-SEC'), '--in', file, '--yes'], config);
    expect(refused.status).toBe(7);
    expect(refused.stderr).toMatch(/NOT_A_RECIPIENT/);

    const identity = cli(['keys', 'export-identity', '--workspace', ws('MM-DSW'), '--out', join(root, 'mm.key')], config);
    expect(identity.status).toBe(0);
    expect(identity.stderr).toMatch(/WARNING/);
    expect(readFileSync(join(root, 'mm.key'), 'utf8')).toMatch(/^AGE-SECRET-KEY-1/m);
    // About twenty CLI processes, each starting Node and tsx: give a loaded 2-core machine room.
  }, 480_000);
});
