import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemographicReport } from '../shared/domain/reports';
import { DEMO_ADMIN } from '../electron/identity/session';
import { openApp, ROOT, screenshot, type Session } from './harness';

/**
 * Reports on the demo workspace (300 synthetic cases): the figures on screen, with small counts shown
 * as hidden, are the figures of the JSON file the same screen writes; the French file says how it was
 * protected, and the CTDC file has CTDC's header.
 */
describe('reports and statistics', () => {
  let session: Session;
  const out = mkdtempSync(join(tmpdir(), 'counterpart-reports-e2e-'));
  beforeAll(async () => {
    session = await openApp();
    await session.page.getByRole('button', { name: 'Open the demo workspace' }).click();
    await session.page.getByTestId('demo-badge').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await session?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('counts the demo cases by every dimension and a cross-tab; the screen and the JSON file agree, hidden cells included', async () => {
    const { page } = session;
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-run').click();
    await page.getByTestId('report-result').waitFor();
    const protection = await page.getByTestId('report-protection').innerText();
    expect(protection).toMatch(/^Protected: counts from 1 to 4 are hidden \(k = 5\)/);

    await page.getByTestId('download-demographics-out').fill(join(out, 'demographics.json'));
    await page.getByTestId('download-demographics-format').click();
    await page.getByRole('option', { name: 'JSON' }).click();
    await page.getByTestId('download-demographics-write').click();
    await page.getByTestId('download-demographics-written').waitFor();
    const file = JSON.parse(readFileSync(join(out, 'demographics.json'), 'utf8')) as DemographicReport & { protectionStatement: string };
    expect(file.protectionStatement).toBe(protection);
    expect(file.cases).toBe(300);

    let hiddenSeen = 0;
    for (const table of file.tables) {
      expect(await page.getByTestId(`total-${table.dimension}`).innerText()).toBe((table.total ?? 0).toLocaleString('en'));
      for (const row of table.rows) {
        const cell = page.getByTestId(`cell-${table.dimension}-${row.category}`);
        if (row.count === null) {
          hiddenSeen++;
          expect(await cell.textContent(), `${table.dimension} ${row.category}`).toBe('hidden');
        } else expect(await cell.innerText(), `${table.dimension} ${row.category}`).toBe(row.count.toLocaleString('en'));
      }
    }
    expect(hiddenSeen).toBeGreaterThan(0);
    const cross = file.crossTab!;
    expect(cross.rows).toBe('gender');
    for (const [i, r] of cross.rowCategories.entries()) {
      for (const [j, c] of cross.columnCategories.entries()) {
        const v = cross.cells[i]![j]!;
        expect(await page.getByTestId(`cross-${r}-${c}`).textContent()).toBe(v === null ? 'hidden' : v.toLocaleString('en'));
      }
    }
    // The command line, over the same workspace and the same request, prints the same report.
    const cli = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'counterpart.mjs'), 'report', 'demographics', '--workspace', session.server.demoDir, '--user', DEMO_ADMIN.username, '--cross', 'gender,ageBand', '--format', 'json'],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: out, COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: DEMO_ADMIN.password }, timeout: 120_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as DemographicReport;
    expect(fromCli.tables).toEqual(file.tables);
    expect(fromCli.crossTab).toEqual(file.crossTab);
    expect(fromCli.protection).toEqual(file.protection);

    await page.getByTestId('report-cross').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-demographics');
  });

  it('draws stacked bars and a line, shows the KPIs, and writes the CTDC file with its 27 columns', async () => {
    const { page } = session;
    await page.getByTestId('report-chart').getByText('Stacked bars (cross-tab)').click();
    await page.getByTestId('report-chart').locator('.recharts-bar-rectangle').first().waitFor({ state: 'attached' });
    await page.getByTestId('report-chart').getByText('Line over the years').click();
    await page.getByTestId('report-chart').locator('.recharts-line').first().waitFor({ state: 'attached' });

    await page.getByTestId('tab-kpis').click();
    await page.getByTestId('kpi-run').click();
    await page.getByTestId('kpi-openCases').waitFor();
    expect(await page.getByTestId('kpi-workers').innerText()).toMatch(/^\d+$/);
    await screenshot(page, 'reports-kpis');

    await page.getByTestId('tab-ctdc').click();
    await page.getByTestId('download-ctdc-out').fill(join(out, 'ctdc.csv'));
    await page.getByTestId('download-ctdc-write').click();
    await page.getByTestId('download-ctdc-written').waitFor();
    const header = readFileSync(join(out, 'ctdc.csv'), 'utf8').split('\r\n')[0]!.split(',');
    expect(header).toHaveLength(27);
    expect(header[0]).toBe('yearOfRegistration');
    expect(header[26]).toBe('recruiterRelationOther');
    expect(await page.getByTestId('download-ctdc-written').innerText()).toMatch(/k-anonymous/);
  });
});
