import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { categoryLabel, dimensionLabel, protectionStatement, CTDC_COLUMNS, type DemographicReport } from '../../shared/domain/reports';
import { ADMIN_PASSWORD, tempDir } from '../testing/fixtures';
import { caseOffice, today } from '../cases/testkit';
import { translator } from './strings';
import { pdfText } from '../pdf/testing';

const BIN = fileURLToPath(new URL('../../scripts/counterpart.mjs', import.meta.url));
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args, '--user', 'admin'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: tempDir('cli-config-'), COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: ADMIN_PASSWORD },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

type AuditPage = { entries: { action: string; outcome: string; username: string | null; details: Record<string, unknown> | null }[]; total: number };

/** Reads the "Demographics" sheet back: per dimension label, category label -> count (a number or the word for hidden). */
async function readDemographicsSheet(path: string): Promise<{ cover: string[][]; blocks: Map<string, Map<string, number | string>> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cover = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map(String));
  const ws = wb.getWorksheet('Demographics')!;
  const blocks = new Map<string, Map<string, number | string>>();
  let current: Map<string, number | string> | null = null;
  ws.eachRow({ includeEmpty: true }, (row) => {
    const a = row.getCell(1).value;
    const b = row.getCell(2).value;
    if (a === null || a === undefined || a === '') {
      current = null;
      return;
    }
    if (!current && (b === null || b === undefined)) {
      current = new Map();
      blocks.set(String(a), current);
      return;
    }
    if (current && typeof b !== 'string') current.set(String(a), b as number);
    else if (current && b === 'hidden') current.set(String(a), 'hidden');
  });
  return { cover, blocks };
}

/** Born on 1 January: the whole-year age is `age` on every day of this year. */
const birthdateForAge = (age: number): string => `${new Date().getUTCFullYear() - age}-01-01`;

describe('reports over a demo workspace', { timeout: 240_000 }, () => {
  it('the XLSX read back, the JSON file and the demographics call give the same protected figures; an M&E officer may, a case worker may not; each call is audited', async () => {
    const office = await caseOffice();
    await office.call('demo.generate', { cases: 150, seed: 7 });
    await office.as('kyaw');
    const request = { crossTab: { rows: 'gender', columns: 'ageBand' }, k: 5 };
    const report = (await office.call('reports.demographics', request)) as DemographicReport;
    expect(report.cases).toBe(150);
    expect(report.tables).toHaveLength(10);
    // Something was small enough to hide in 150 cases over ten dimensions.
    expect(report.protection.primary).toBeGreaterThan(0);

    const dir = tempDir('reports-');
    const xlsx = join(dir, 'demographics.xlsx');
    const written = await office.call('reports.export', { report: 'demographics', request, format: 'xlsx', out: xlsx, language: 'en' });
    const t = translator('en');
    expect(written.protection).toBe(protectionStatement(report.protection, t));
    const { cover, blocks } = await readDemographicsSheet(xlsx);
    expect(cover.some((r) => r[0] === 'Protection' && r[1] === written.protection)).toBe(true);
    for (const table of report.tables) {
      const block = blocks.get(dimensionLabel(table.dimension, t));
      expect(block, table.dimension).toBeDefined();
      for (const row of table.rows) expect(block!.get(categoryLabel(table.dimension, row.category, t, 'en')), `${table.dimension} ${row.category}`).toBe(row.count ?? 'hidden');
      expect(block!.get('All cases counted')).toBe(table.total ?? 'hidden');
    }

    const jsonFile = join(dir, 'demographics.json');
    await office.call('reports.export', { report: 'demographics', request, format: 'json', out: jsonFile, language: 'en' });
    const fromFile = JSON.parse(readFileSync(jsonFile, 'utf8')) as DemographicReport & { protectionStatement: string };
    expect(fromFile.tables).toEqual(report.tables);
    expect(fromFile.crossTab).toEqual(report.crossTab);
    expect(fromFile.protectionStatement).toBe(written.protection);

    // The printable report: the same statement in the title block, each table's title and figures, in Spanish.
    const pdfFile = join(dir, 'demographics.pdf');
    const pdf = await office.call('reports.export', { report: 'demographics', request, format: 'pdf', out: pdfFile, language: 'es' });
    const text = pdfText(readFileSync(pdfFile), false).replace(/\s+/g, ' ');
    expect(text).toContain(pdf.protection.replace(/\s+/g, ' ').slice(0, 60));
    expect(text).toContain('Edad al registro');
    expect(text).toContain(`${report.cases}`);
    await expect(office.call('reports.export', { report: 'ctdc', request: {}, format: 'pdf', out: join(dir, 'c.pdf') })).rejects.toThrow();

    // No personal data: no name or case number of a demo case appears in any file.
    await office.as('admin');
    const anyCase = (await office.call('cases.list', { limit: 1 })).rows[0]!;
    const json = readFileSync(jsonFile, 'utf8');
    expect(json).not.toContain(anyCase.caseNumber);
    if (anyCase.displayName) expect(json).not.toContain(anyCase.displayName);

    await office.as('aye');
    expect(await office.attempt('reports.demographics', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await office.attempt('reports.export', { report: 'kpis', request: {}, format: 'csv', out: join(dir, 'k.csv') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync(join(dir, 'k.csv'))).toBe(false);
    // Bad input: a clear error, nothing written.
    await office.as('kyaw');
    expect(await office.attempt('reports.demographics', { k: 2 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await office.attempt('reports.export', { report: 'kpis', request: {}, format: 'csv', out: 'relative.csv' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    await office.as('admin');
    const audit = (await office.call('audit.list', { action: 'reports.demographics', limit: 50 })) as AuditPage;
    expect(audit.entries.map((e) => [e.username, e.outcome])).toEqual(expect.arrayContaining([['kyaw', 'ok'], ['aye', 'denied']]));
    const writes = (await office.call('audit.list', { action: 'reports.written', limit: 50 })) as AuditPage;
    expect(writes.entries.map((e) => e.details?.format).sort()).toEqual(['json', 'pdf', 'xlsx']);

    // A long report says how far it is, and stops when cancelled (nothing written).
    await office.as('kyaw');
    const events: [number, number, string][] = [];
    const withProgress = await office.core.dispatcher.dispatch('reports.demographics', request, { onProgress: (done, total, label) => events.push([done, total, label]) });
    expect(withProgress.ok).toBe(true);
    expect(events.at(0)).toEqual([0, 3, 'index']);
    expect(events.map((e) => e[2])).toEqual(['index', 'facts', 'counts', 'counts']);
    expect(events.at(-1)).toEqual([3, 3, 'counts']);
    const stop = new AbortController();
    stop.abort();
    const cancelled = await office.core.dispatcher.dispatch('reports.export', { report: 'demographics', request, format: 'csv', out: join(dir, 'never.csv') }, { signal: stop.signal });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);

    const kpis = await office.call('reports.kpis', { k: 5 });
    expect(kpis.caseload.workers).toBeGreaterThanOrEqual(1);
    expect(kpis.reintegration.length).toBeGreaterThan(0);
  });
});

describe('a constructed dataset where a small cell could be recovered from totals', { timeout: 240_000 }, () => {
  it('the exported cross-tab hides the 2 and complementary cells, and no published total gives them back; the CTDC CSV has the 27 columns and the age bands turn at 8/9, 17/18, 20/21, 47/48', async () => {
    const office = await caseOffice();
    await office.as('aye');
    // Women: 2 international (Myanmar citizens identified in Thailand), 10 internal; men: 7 and 9.
    const groups: [string, string, number][] = [
      ['Feminine', 'MMR', 2],
      ['Feminine', 'THA', 10],
      ['Masculine', 'MMR', 7],
      ['Masculine', 'THA', 9],
    ];
    let n = 0;
    for (const [gender, citizenship, count] of groups) {
      for (let i = 0; i < count; i++, n++) {
        await office.call('cases.register', {
          person: { prs_FirstName: `Person ${n}`, prs_SecondName: `Family${n * 7919}`, prs_Gender: gender, prs_Birthdate: `19${70 + (n % 25)}-0${1 + (n % 9)}-1${n % 9}`, prs_Citizenship: [citizenship] },
          identification: { identificationDate: today(), identificationCountry: 'THA', identificationSource: 'Police' },
        });
      }
    }
    await office.as('kyaw');
    const dir = tempDir('reports-');
    const out = join(dir, 'cross.csv');
    const request = { dimensions: ['gender'], crossTab: { rows: 'gender', columns: 'scope' }, k: 5 };
    const written = await office.call('reports.export', { report: 'demographics', request, format: 'csv', out, language: 'fr' });
    const lines = readFileSync(out, 'utf8').trim().split('\r\n').map((l) => l.split(','));
    const cell = (category: string) => lines.find((l) => l[0] === 'cross' && l[2] === category)![3];
    const rowTotal = (category: string) => lines.find((l) => l[0] === 'crossRowTotal' && l[2] === category)![3];
    const colTotal = (category: string) => lines.find((l) => l[0] === 'crossColumnTotal' && l[2] === category)![3];
    expect(cell('Feminine|international')).toBe('x');
    // Its row and its column each hide another cell, so neither total gives it away.
    expect(['Feminine|internal'].map(cell).concat(rowTotal('Feminine'))).toContain('x');
    expect(['Masculine|international'].map(cell).concat(colTotal('international'))).toContain('x');
    // Every published line has zero or at least two hidden entries (a lone hidden entry is its total minus the rest).
    const table = [
      [cell('Feminine|international'), cell('Feminine|internal'), rowTotal('Feminine')],
      [cell('Masculine|international'), cell('Masculine|internal'), rowTotal('Masculine')],
      [colTotal('international'), colTotal('internal'), lines.find((l) => l[0] === 'crossTotal')![3]],
    ];
    for (const line of [...table, ...[0, 1, 2].map((c) => table.map((r) => r[c]))]) expect(line.filter((v) => v === 'x').length).not.toBe(1);
    // The totals stay published: 12 women, 16 men, 28 in all.
    expect([rowTotal('Feminine'), rowTotal('Masculine')]).toEqual(['12', '16']);
    // The file says it was protected and how, in the language asked for.
    expect(lines.at(-1)![0]).toBe('protection');
    expect(written.protection).toMatch(/^Protégé : les effectifs de 1 à 4 sont masqués \(k = 5\)/);

    // CTDC: three identical cases at each boundary age (k = 3 keeps them), through the command line.
    await office.as('aye');
    const ages = [8, 9, 17, 18, 20, 21, 47, 48];
    for (const age of ages) {
      for (let i = 0; i < 3; i++) {
        await office.call('cases.register', {
          person: { prs_FirstName: `Age${age}x${i}`, prs_Gender: 'Masculine', prs_Birthdate: birthdateForAge(age), prs_Citizenship: ['KHM'] },
          identification: { identificationDate: today(), identificationCountry: 'THA', identificationSource: 'Police' },
        });
      }
    }
    office.core.session.lock('user');
    const run = cli(['report', 'ctdc', '--workspace', office.dir, '--format', 'csv', '--k', '3', '--from', today()]);
    expect(run.status, run.stderr).toBe(0);
    const rows = run.stdout.trim().split('\r\n').map((l) => l.split(','));
    expect(rows[0]).toEqual([...CTDC_COLUMNS]);
    expect(rows.every((r) => r.length === 27)).toBe(true);
    const bandsOfCambodians = rows.slice(1).filter((r) => r[3] === 'KHM').map((r) => r[2]);
    expect(bandsOfCambodians.sort()).toEqual(['0--8', '0--8', '0--8', '18--20', '18--20', '18--20', '18--20', '18--20', '18--20', '21--23', '21--23', '21--23', '39--47', '39--47', '39--47', '48+', '48+', '48+', '9--17', '9--17', '9--17', '9--17', '9--17', '9--17']);
    expect(rows.slice(1).every((r) => r[1] === 'Man' || r[1] === 'Woman' || r[1] === '')).toBe(true);
    expect(run.stdout).not.toMatch(/Age\d+x|Person \d|Family\d/);
    expect(run.stderr).toMatch(/k-anonymous .* \(k = 3\)/);

    // The CLI's JSON is the same report the RPC gives.
    const json = cli(['report', 'demographics', '--workspace', office.dir, '--format', 'json', '--by', 'gender', '--cross', 'gender,scope']);
    expect(json.status, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as DemographicReport).cases).toBe(52);
    expect(cli(['report', 'kpis', '--workspace', office.dir, '--format', 'xlsx']).status).toBe(2);
    expect(cli(['report', 'demographics', '--workspace', office.dir, '--k', '12']).status).toBe(2);
  });
});
