import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Dhis2DataValueSet } from '../../shared/domain/workplans';
import { ADMIN_PASSWORD, tempDir } from '../testing/fixtures';
import { fillTemplate, MYANMAR_NPA } from './testkit';

const BIN = fileURLToPath(new URL('../../scripts/counterpart.mjs', import.meta.url));

function cli(args: string[], config: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: config, COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: ADMIN_PASSWORD },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The seed plan with every agency set to the one organisation of this workspace (no partners yet). */
const singleAgency = () => {
  const sheets = structuredClone(MYANMAR_NPA.sheets);
  for (const a of sheets.Activities!) Object.assign(a, { leadAgency: 'MM-CBTIP', supportingAgencies: undefined });
  for (const i of sheets.Indicators!) i.responsibleAgency = 'MM-CBTIP';
  return { plan: MYANMAR_NPA.plan, sheets };
};

describe('counterpart npa', () => {
  it('writes the template, lists a file’s problems (exit 2), imports a clean one, and writes the XLSX and DHIS2 reports', async () => {
    const config = tempDir('cli-config-');
    const root = tempDir('cli-npa-');
    const ws = join(root, 'sec');
    expect(cli(['init', '--workspace', ws, '--org-name', 'NPA Secretariat', '--org-code', 'MM-CBTIP', '--country', 'MMR', '--admin', 'admin'], config).status).toBe(0);

    const template = join(root, 'template-my.xlsx');
    const made = cli(['npa', 'template', '--workspace', ws, '--out', template, '--lang', 'my'], config);
    expect(made.status, made.stderr).toBe(0);
    expect(existsSync(template)).toBe(true);

    const bad = structuredClone(singleAgency());
    bad.sheets.Activities![2]!.end = 'soon';
    const badFile = await fillTemplate(template, bad, join(root, 'bad.xlsx'));
    const refused = cli(['npa', 'import', badFile, '--workspace', ws, '--yes'], config);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toMatch(/1 problem in .*bad\.xlsx; nothing was imported:\n {2}Activities row 4 column H: “soon” is not a date/);

    const good = await fillTemplate(template, singleAgency(), join(root, 'good.xlsx'));
    expect(cli(['npa', 'import', good, '--workspace', ws], config)).toMatchObject({ status: 2, stderr: expect.stringMatching(/add --yes/) });
    const imported = cli(['npa', 'import', good, '--workspace', ws, '--yes', '--json'], config);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: true, counts: { pillars: 4, activities: 3, indicators: 4, targets: 7, workplans: 1 } });

    const xlsx = join(root, 'report-2018.xlsx');
    const report = cli(['npa', 'report', '--workspace', ws, '--format', 'xlsx', '--period', '2018', '--out', xlsx, '--lang', 'es'], config);
    expect(report.status, report.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]!.name).toBe('Resumen');

    const json = join(root, 'dhis2-2018.json');
    const dhis2 = cli(['npa', 'report', '--workspace', ws, '--format', 'dhis2', '--period', '2018', '--out', json], config);
    expect(dhis2.status, dhis2.stderr).toBe(0);
    const set = Dhis2DataValueSet.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(set.dataValues.every((v) => v.dataElement.endsWith('_TARGET'))).toBe(true);
    expect(set.dataValues.map((v) => [v.dataElement, v.period])).toEqual([
      ['NPA_IND_1_TARGET', '2018'], ['NPA_IND_1_TARGET', '2018Q1'], ['NPA_IND_1_TARGET', '2018Q2'],
      ['NPA_IND_2_TARGET', '201801'], ['NPA_IND_2_TARGET', '201802'],
      ['NPA_IND_3_TARGET', '2018'],
      ['NPA_IND_4_TARGET', '2018Q1'],
    ]);

    const wrongPeriod = cli(['npa', 'report', '--workspace', ws, '--format', 'dhis2', '--period', '2018-Q1', '--out', join(root, 'x.json')], config);
    expect(wrongPeriod.status).toBe(2);
    expect(wrongPeriod.stderr).toMatch(/VALIDATION: A period is a year/);
  }, 240_000);
});
