import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fillTemplate, MYANMAR_NPA } from '../electron/workplans/testkit';
import { problemText } from '../shared/i18n/workplans-xlsx-problems';
import { ADMIN } from './flows';
import { ROOT, launchBrowser, screenshot, startServer, type Server } from './harness';
import { createOffice, openExchange, rpc, type Office } from './exchange/offices';

/**
 * The NPA round of docs/workplans.md through the screens, one `counterpart serve` per office: the
 * secretariat (MM-CBTIP) imports its plan from the XLSX template, gives activities to three
 * ministries and sends them the plan; the Department of Social Welfare (MM-DSW) reports the first
 * quarter and sends it back; the secretariat approves and reads the figures on the dashboard. The
 * two other ministries (police, labour) only need an organisation card, made with the CLI.
 */
const SEC: Office = { name: 'Central Body for Suppression of Trafficking in Persons', code: 'MM-CBTIP', country: 'Myanmar', option: /\(MMR\)$/, type: 'CentralGovernmentOrganisation' };
const DSW: Office = { name: 'Department of Social Welfare', code: 'MM-DSW', country: 'Myanmar', option: /\(MMR\)$/, type: 'CentralGovernmentOrganisation' };
const CLI_OFFICES = [
  { name: 'Anti-Trafficking in Persons Division', code: 'MM-ATIPD' },
  { name: 'Ministry of Labour, Immigration and Population', code: 'MM-MOLIP' },
];

type PlanSummary = { id: string; title: string };
type PlanTree = { activities: { code: string; leadAgency: string; supportingAgencies: string[] }[]; indicators: { code: string; targets: { period: string; value: number | string }[] }[] };

describe('NPA plan, progress and dashboard between a secretariat and a ministry', () => {
  let browser: Browser;
  const servers: Server[] = [];
  let sec: Page;
  let dsw: Page;
  const usb = mkdtempSync(join(tmpdir(), 'counterpart-npa-usb-'));
  let planId = '';

  async function openOffice(office: Office): Promise<{ page: Page; origin: string }> {
    const server = await startServer();
    servers.push(server);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(server.url);
    await createOffice(page, office);
    return { page, origin: new URL(server.url).origin };
  }

  /** A ministry that only needs a card here: `counterpart init` and `card export`. */
  function cliCard(office: { name: string; code: string }): string {
    const ws = join(usb, `ws-${office.code}`);
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: join(usb, 'config'), COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: ADMIN.password };
    const cli = (args: string[]) => {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'counterpart.mjs'), ...args], { encoding: 'utf8', env, timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
    };
    cli(['init', '--workspace', ws, '--org-name', office.name, '--org-code', office.code, '--country', 'MMR', '--admin', 'admin']);
    const card = join(usb, `${office.code}.cpcard`);
    cli(['card', 'export', '--workspace', ws, '--out', card]);
    return card;
  }

  async function writeOwnCard(page: Page, code: string): Promise<string> {
    await openExchange(page, 'partners');
    const out = join(usb, `${code}.cpcard`);
    await page.getByTestId('own-card-out').fill(out);
    await page.getByTestId('own-card-write').click();
    await page.getByTestId('own-card-written').waitFor();
    return out;
  }

  /** Imports a partner's card and records that its fingerprint was compared by phone. */
  async function addVerifiedPartner(page: Page, card: string, code: string): Promise<void> {
    await page.getByTestId('partner-card-path').fill(card);
    await page.getByTestId('partner-import').click();
    await page.getByTestId(`partner-trust-${code}`).waitFor();
    await page.getByTestId(`partner-actions-${code}`).click();
    await page.getByRole('menuitem', { name: 'Compare fingerprint…' }).click();
    await page.getByTestId('verify-theirs-words').waitFor();
    await page.getByLabel('By phone').check();
    await page.getByTestId('verify-matched').check();
    await page.getByTestId('verify-submit').click();
    await expect.poll(() => page.getByTestId(`partner-trust-${code}`).textContent()).toBe('Verified');
  }

  async function exportBundle(page: Page, origin: string, to: string[], type: string): Promise<string> {
    await page.goto(`${origin}/#/exchange/export`);
    for (const code of to) {
      await page.getByTestId('export-to').click();
      await page.getByRole('option', { name: new RegExp(code) }).click();
      await page.keyboard.press('Escape');
    }
    await page.getByTestId('export-type').click();
    await page.getByRole('option', { name: type }).click();
    await page.getByTestId('export-purpose').fill('National Plan of Action reporting');
    await page.getByTestId('export-out-dir').fill(usb);
    await page.getByTestId('export-submit').click();
    await page.getByTestId('export-result').waitFor();
    return (await page.getByTestId('export-path').innerText()).trim();
  }

  async function importBundle(page: Page, origin: string, path: string): Promise<void> {
    await page.goto(`${origin}/#/exchange/import`);
    await page.getByTestId('import-path').fill(path);
    await page.getByTestId('inspect-submit').click();
    await page.getByTestId('inspection').waitFor();
    await page.getByTestId('import-apply').click();
    expect(await page.getByTestId('import-result').innerText()).toContain('Bundle imported');
  }

  async function openPlan(page: Page, origin: string, tab: string): Promise<void> {
    await page.goto(`${origin}/#/workplans`);
    await page.getByRole('link', { name: MYANMAR_NPA.plan.planTitle as string }).click();
    await page.getByTestId(`plan-tab-${tab}`).click();
  }

  async function pickPeriod(page: Page, testId: string, period: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: period, exact: true }).click();
  }

  let secOrigin = '';
  let dswOrigin = '';

  beforeAll(async () => {
    mkdirSync(join(usb, 'config'), { recursive: true });
    browser = await launchBrowser();
    ({ page: sec, origin: secOrigin } = await openOffice(SEC));
    ({ page: dsw, origin: dswOrigin } = await openOffice(DSW));
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    for (const server of servers) await server.stop();
    rmSync(usb, { recursive: true, force: true });
  });

  it('the secretariat and the three ministries exchange cards and compare fingerprints', async () => {
    await sec.goto(`${secOrigin}/#/exchange/partners`);
    await dsw.goto(`${dswOrigin}/#/exchange/partners`);
    const secCard = await writeOwnCard(sec, SEC.code);
    const dswCard = await writeOwnCard(dsw, DSW.code);
    await addVerifiedPartner(sec, dswCard, DSW.code);
    for (const office of CLI_OFFICES) await addVerifiedPartner(sec, cliCard(office), office.code);
    await addVerifiedPartner(dsw, secCard, SEC.code);
  });

  it('the secretariat writes the XLSX template, imports the filled plan, and gives an activity a second supporting ministry', async () => {
    await sec.goto(`${secOrigin}/#/workplans`);
    await sec.getByText('No plan yet.', { exact: false }).waitFor();
    const template = join(usb, 'npa-template.xlsx');
    await sec.getByTestId('template-out').fill(template);
    await sec.getByTestId('template-write').click();
    expect(await sec.getByTestId('template-written').innerText()).toContain(template);

    const filled = await fillTemplate(template, MYANMAR_NPA, join(usb, 'npa-filled.xlsx'));
    await sec.getByTestId('sheet-path').fill(filled);
    await sec.getByTestId('sheet-import').click();
    const result = sec.getByTestId('sheet-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('The plan was imported.');
    expect(await result.innerText()).toContain('Activities: 3 · Indicators: 4 · Targets: 7');
    await sec.getByTestId('sheet-open-plan').click();
    await sec.getByTestId('plan-outline').waitFor();
    expect(await sec.getByTestId('plan-holder').textContent()).toBe('Held here (secretariat)');
    const plans = await rpc<PlanSummary[]>(sec, 'plans.list', {});
    expect(plans).toHaveLength(1);
    planId = plans[0]?.id ?? '';

    // The outline is a list of buttons; the activity's form picks agencies from the partner directory.
    await sec.getByRole('button', { name: /1\.1\.1 Awareness sessions/ }).click();
    await sec.getByTestId('activity-supporting').click();
    await sec.getByRole('option', { name: /MM-ATIPD/ }).click();
    await sec.keyboard.press('Escape');
    await sec.getByTestId('activity-save').click();
    await sec.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const tree = await rpc<PlanTree>(sec, 'plans.get', { planId });
    const leads = Object.fromEntries(tree.activities.map((a) => [a.code, a.leadAgency]));
    expect(leads).toEqual({ '1.1.1': 'MM-MOLIP', '2.1.1': 'MM-DSW', '3.1.1': 'MM-ATIPD' });
    expect(tree.activities.find((a) => a.code === '1.1.1')?.supportingAgencies.sort()).toEqual(['MM-ATIPD', 'MM-DSW']);

    // An indicator gets a second-quarter target; a period written wrongly is refused on screen first.
    await sec.getByRole('button', { name: /IND-4 Case workers trained/ }).click();
    await sec.getByRole('button', { name: 'Add a target' }).click();
    const targets = sec.getByTestId('indicator-targets');
    await targets.getByLabel('Period', { exact: true }).last().fill('2018-Q2');
    await targets.getByLabel('Target', { exact: true }).last().fill('20');
    await sec.getByTestId('indicator-save').click();
    await sec.getByRole('alert').filter({ hasText: 'Each target needs a period' }).waitFor();
    await targets.getByLabel('Period', { exact: true }).last().fill('2018Q2');
    await sec.getByTestId('indicator-save').click();
    await sec.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const after = await rpc<PlanTree>(sec, 'plans.get', { planId });
    expect(after.indicators.find((i) => i.code === 'IND-4')?.targets).toEqual([
      { period: '2018Q1', value: 20 },
      { period: '2018Q2', value: 20 },
    ]);
  });

  it('a spreadsheet with a bad date, an unknown agency and a duplicate indicator code lists all three, and nothing changes', async () => {
    const sheets = structuredClone(MYANMAR_NPA.sheets);
    Object.assign(sheets.Activities![0]!, { start: '2018-02-30' });
    Object.assign(sheets.Activities![1]!, { leadAgency: 'MM-MOFA' });
    sheets.Indicators!.push({ ...sheets.Indicators![0]!, title: 'Victims identified again' });
    const bad = await fillTemplate(join(usb, 'npa-template.xlsx'), { plan: MYANMAR_NPA.plan, sheets }, join(usb, 'npa-bad.xlsx'));
    const before = JSON.stringify(await rpc(sec, 'plans.get', { planId }));
    const plansBefore = JSON.stringify(await rpc(sec, 'plans.list', {}));

    await sec.goto(`${secOrigin}/#/workplans`);
    await sec.getByTestId('sheet-path').fill(bad);
    await sec.getByTestId('sheet-import').click();
    await sec.getByTestId('sheet-problems').waitFor();
    expect(await sec.getByTestId('sheet-refused').innerText()).toContain('Nothing was imported');
    const rows = await sec.getByTestId('sheet-problem').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const find = (sheet: string, row: string, column: string) => rows.find((r) => r[0] === sheet && r[1] === row && r[2] === column);
    expect(find('Activities', '2', 'G')?.[3]).toContain('“2018-02-30” is not a date');
    expect(find('Activities', '3', 'E')?.[3]).toContain('Unknown agency “MM-MOFA”');
    expect(find('Indicators', '6', 'A')?.[3]).toContain('Duplicate indicator code IND-1');

    // The same file checked by a user who reads Thai: the same places, the problems in Thai.
    await sec.goto(`${secOrigin}/#/account`);
    await sec.getByTestId('language-picker').selectOption('th');
    await sec.waitForFunction(() => document.documentElement.lang === 'th');
    await sec.goto(`${secOrigin}/#/workplans`);
    await sec.getByTestId('sheet-path').fill(bad);
    await sec.getByTestId('sheet-import').click();
    await sec.getByTestId('sheet-problems').waitFor();
    const thaiRows = await sec.getByTestId('sheet-problem').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const findThai = (sheet: string, row: string, column: string) => thaiRows.find((r) => r[0] === sheet && r[1] === row && r[2] === column)?.[3];
    expect(findThai('Activities', '2', 'G')).toBe(problemText('th', 'notDate', { value: '2018-02-30' }));
    expect(findThai('Activities', '3', 'E')).toBe(problemText('th', 'unknownAgency', { code: 'MM-MOFA', own: 'MM-CBTIP' }));
    expect(findThai('Indicators', '6', 'A')).toBe(problemText('th', 'duplicateIndicator', { code: 'IND-1', row: 2 }));
    await sec.goto(`${secOrigin}/#/account`);
    await sec.getByTestId('language-picker').selectOption('en');
    await sec.waitForFunction(() => document.documentElement.lang === 'en');

    expect(JSON.stringify(await rpc(sec, 'plans.get', { planId }))).toBe(before);
    expect(JSON.stringify(await rpc(sec, 'plans.list', {}))).toBe(plansBefore);
  });

  it('the secretariat sends the plan to the three ministries; the Department of Social Welfare imports it', async () => {
    const bundle = await exportBundle(sec, secOrigin, ['MM-DSW', 'MM-ATIPD', 'MM-MOLIP'], 'Plan structure');
    await importBundle(dsw, dswOrigin, bundle);
    await openPlan(dsw, dswOrigin, 'structure');
    expect(await dsw.getByTestId('plan-holder').textContent()).toBe('Held by MM-CBTIP');
    expect(await dsw.getByTestId('plan-outline').innerText()).toContain('2.1.1 Train case workers on the SOP for return and reintegration');
  });

  it('the ministry enters its first-quarter figures, submits them and sends the progress back', async () => {
    await dsw.getByTestId('plan-tab-progress').click();
    await pickPeriod(dsw, 'progress-period', '2018Q1');
    await dsw.getByTestId('progress-form').waitFor();
    // Only its own lines: its two quarterly indicators and the activity it leads.
    expect(await dsw.getByTestId('progress-form').innerText()).not.toContain('IND-2');
    await dsw.getByTestId('actual-IND-1').fill('36');
    await dsw.getByTestId('breakdown-add-IND-1').click();
    await dsw.getByTestId('breakdown-IND-1-0-sex').selectOption('female');
    await dsw.getByTestId('breakdown-IND-1-0-value').fill('29');
    await dsw.getByTestId('breakdown-add-IND-1').click();
    await dsw.getByTestId('breakdown-IND-1-1-sex').selectOption('male');
    await dsw.getByTestId('breakdown-IND-1-1-value').fill('7');
    await dsw.getByTestId('comment-IND-1').fill('Returns from Thailand');
    await dsw.getByTestId('actual-IND-4').fill('18');
    expect(await dsw.getByTestId('progress-activity-2.1.1').innerText()).toContain('Milestone this quarter: 2 trainings');
    await dsw.getByTestId('activity-status-2.1.1').click();
    await dsw.getByRole('option', { name: 'In progress' }).click();
    await dsw.getByTestId('activity-percent-2.1.1').fill('50');
    await dsw.getByTestId('activity-narrative-2.1.1').fill('Two trainings in Yangon');
    await dsw.getByTestId('progress-save').click();
    expect(await dsw.getByTestId('progress-done').innerText()).toBe('The draft was saved.');
    await expect.poll(() => dsw.getByTestId('progress-status').textContent()).toBe('Draft');
    await dsw.getByTestId('progress-submit').click();
    await expect.poll(() => dsw.getByTestId('progress-done').innerText()).toBe('The report was submitted to the secretariat.');
    await expect.poll(() => dsw.getByTestId('progress-status').textContent()).toBe('Submitted');
    expect(await dsw.getByTestId('progress-submit').count()).toBe(0);

    const bundle = await exportBundle(dsw, dswOrigin, ['MM-CBTIP'], 'Workplan progress');
    await importBundle(sec, secOrigin, bundle);
  });

  it('the secretariat returns the report with comments; the ministry reads them, adds evidence and submits again', async () => {
    await openPlan(sec, secOrigin, 'review');
    await sec.getByTestId('review-open-MM-DSW-2018Q1').click();
    expect(await sec.getByTestId('review-actual-IND-1').innerText()).toBe('36');
    // Returning needs comments: without them the screen says so and nothing is sent.
    await sec.getByTestId('review-return').click();
    await sec.getByRole('alert').filter({ hasText: 'Say what the agency should change.' }).waitFor();
    await sec.getByTestId('review-comments').fill('Please list the training attendance sheets as evidence.');
    await sec.getByTestId('review-return').click();
    await expect.poll(() => sec.getByTestId('review-status').textContent()).toBe('Returned');

    const review = await exportBundle(sec, secOrigin, ['MM-DSW'], 'Plan structure');
    await importBundle(dsw, dswOrigin, review);
    await openPlan(dsw, dswOrigin, 'progress');
    await pickPeriod(dsw, 'progress-period', '2018Q1');
    expect(await dsw.getByTestId('progress-returned').innerText()).toContain('Please list the training attendance sheets as evidence.');
    expect(await dsw.getByTestId('progress-status').textContent()).toBe('Returned');
    expect(await dsw.getByTestId('actual-IND-1').inputValue()).toBe('36');
    await dsw.getByRole('button', { name: 'Add evidence' }).click();
    await dsw.getByLabel('Title of the evidence').fill('Attendance sheets, SOP trainings Q1');
    await dsw.getByLabel('Reference (file number, address)').fill('DSW/TRN/2018/014');
    await dsw.getByTestId('progress-submit').click();
    await expect.poll(() => dsw.getByTestId('progress-status').textContent()).toBe('Submitted');
    const progress = await exportBundle(dsw, dswOrigin, ['MM-CBTIP'], 'Workplan progress');
    await importBundle(sec, secOrigin, progress);
  });

  it('the secretariat approves; the dashboard, the calendar and the XLSX report show the ministry’s figures, and the PDF has every indicator title', async () => {
    await openPlan(sec, secOrigin, 'review');
    await sec.getByTestId('review-open-MM-DSW-2018Q1').click();
    await expect.poll(() => sec.getByTestId('review-report').innerText()).toContain('Attendance sheets, SOP trainings Q1 (DSW/TRN/2018/014)');
    expect(await sec.getByTestId('review-report').innerText()).toContain('submission 2');
    await sec.getByTestId('review-approve').click();
    await expect.poll(() => sec.getByTestId('review-status').textContent()).toBe('Approved');

    await sec.getByTestId('plan-tab-dashboard').click();
    await pickPeriod(sec, 'dashboard-period', '2018Q1');
    await expect.poll(() => sec.getByTestId('dash-actual-IND-1').innerText()).toBe('36');
    expect(await sec.getByTestId('dash-target-IND-1').innerText()).toBe('40');
    expect(await sec.getByTestId('dash-achievement-IND-1').innerText()).toBe('90 %');
    expect(await sec.getByTestId('dash-rag-IND-1').textContent()).toBe('Green');
    expect(await sec.getByTestId('dash-breakdown-IND-1').innerText()).toBe('Female: 29; Male: 7');
    expect(await sec.getByTestId('dash-actual-IND-4').innerText()).toBe('18');
    expect(await sec.getByTestId('dash-achievement-IND-4').innerText()).toBe('90 %');
    expect(await sec.getByTestId('dash-activity-status-2.1.1').innerText()).toBe('In progress');
    expect(await sec.getByTestId('dash-activity-percent-2.1.1').innerText()).toBe('50 %');
    expect(await sec.getByTestId('dash-total-green').innerText()).toContain('2');
    await sec.getByTestId('dash-activities-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await sec.evaluate(() => window.scrollTo(0, 0));
    await sec.mouse.move(1, 1); // no chart tooltip in the picture
    await screenshot(sec, 'npa-dashboard');

    await sec.getByTestId('plan-tab-calendar').click();
    expect(await sec.getByTestId('calendar-MM-DSW-approved').innerText()).toBe('1');
    const due = Number(await sec.getByTestId('calendar-MM-DSW-due').innerText());
    expect(due).toBeGreaterThan(1);
    // The plan ended in 2021: every other report of the ministry is overdue.
    expect(Number(await sec.getByTestId('calendar-MM-DSW-overdue').innerText())).toBe(due - 1);

    await sec.getByTestId('plan-tab-dashboard').click();
    await pickPeriod(sec, 'dashboard-period', '2018Q1');
    const out = join(usb, 'npa-2018Q1.xlsx');
    await sec.getByTestId('report-xlsx-out').fill(out);
    await sec.getByTestId('report-xlsx').click();
    expect(await sec.getByTestId('report-path').innerText()).toBe(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const row = wb.worksheets.flatMap((ws) => ws.getRows(1, ws.rowCount) ?? []).find((r) => r.getCell(1).value === 'IND-1');
    expect(row, 'IND-1 on a pillar sheet').toBeDefined();
    const values = (row?.values as unknown[]).map((v) => (typeof v === 'object' && v && 'result' in v ? (v as { result: unknown }).result : v));
    expect(values).toContain(36);
    expect(values).toContain(40);

    // The printable report: a PDF whose text holds every indicator title.
    const pdf = join(usb, 'npa-2018Q1.pdf');
    await sec.getByTestId('report-pdf-out').fill(pdf);
    await sec.getByTestId('report-pdf').click();
    await expect.poll(() => sec.getByTestId('report-path').innerText()).toBe(pdf);
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const indicator of MYANMAR_NPA.sheets.Indicators ?? []) expect(text).toContain(String(indicator.title));
  });
});
