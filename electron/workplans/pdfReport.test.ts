import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/contract/workplans';
import { ACTIVITY_STATUSES, RAGS } from '../../shared/domain/workplans';
import type { Language } from '../../shared/i18n/languages';
import { WORKPLANS_PDF } from '../../shared/i18n/workplans-pdf';
import { WORKPLANS_XLSX } from '../../shared/i18n/workplans-xlsx';
import type { Office } from '../exchange/testkit';
import { renderPdf } from '../pdf';
import { containsShaped, pdfFirstPagePng, pdfText } from '../pdf/testing';
import { ADMIN_PASSWORD, tempDir } from '../testing/fixtures';
import { pageCount, progressReportDocument } from './pdfReport';
import { addUser, fillTemplate, importPlan, MYANMAR_NPA, NPA_OFFICES, npaOffice, signIn } from './testkit';

/**
 * The national progress report as PDF: every indicator title is in the text (issue 6 acceptance), its
 * figures are the dashboard's, in the asked language; who may write it, and the audit entry.
 */

/** The seed plan with every agency set to the secretariat itself, and Q1 2018 progress approved. */
async function secretariatWithProgress(): Promise<{ sec: Office; planId: string }> {
  const sec = await npaOffice(NPA_OFFICES.SEC);
  const sheets = structuredClone(MYANMAR_NPA.sheets);
  for (const a of sheets.Activities!) Object.assign(a, { leadAgency: 'MM-CBTIP', supportingAgencies: undefined });
  for (const i of sheets.Indicators!) i.responsibleAgency = 'MM-CBTIP';
  const planId = await importPlan(sec, { plan: MYANMAR_NPA.plan, sheets });
  await addUser(sec, 'moe', 'me_officer');
  await addUser(sec, 'vera', 'viewer');
  await addUser(sec, 'carl', 'case_worker');
  const ids = Object.fromEntries((await sec.call('indicators.list', { planId })).map((i) => [i.code, i.id]));
  const activities = Object.fromEntries((await sec.call('activities.list', { planId })).map((a) => [a.code, a.id]));
  const report = async (period: string, lines: object) => {
    await signIn(sec, 'moe');
    const draft = await sec.call('progress.saveDraft', { planId, period, ...lines });
    await sec.call('progress.submit', { id: draft.id });
    await signIn(sec, 'admin');
    await sec.call('progress.approve', { id: draft.id });
  };
  await report('201801', { indicatorActuals: [{ indicatorId: ids['IND-2'], value: 450 }] });
  await report('2018Q1', {
    indicatorActuals: [{ indicatorId: ids['IND-1'], value: 30, breakdown: [{ sex: 'female', value: 21 }, { sex: 'male', value: 9 }] }, { indicatorId: ids['IND-4'], value: 20 }],
    activityUpdates: [
      { activityId: activities['1.1.1'], status: 'in_progress', percentComplete: 30, narrative: 'Sessions in Myawaddy held.' },
      { activityId: activities['2.1.1'], status: 'delayed', percentComplete: 10, narrative: 'Trainers not yet hired.' },
    ],
  });
  return { sec, planId };
}

const rejectCode = async (o: Office, method: string, params: unknown) => {
  const r = await o.core.dispatcher.dispatch(method, params);
  return r.ok ? 'ok' : r.error.code;
};

/** A literal for a RegExp; any space (Intl puts narrow no-break spaces in French numbers) matches any space. */
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
/** Wrapped cells break lines anywhere, and pdftotext joins a word hyphenated at a line end: compare without either. */
const squeeze = (s: string) => s.replace(/[\s-]+/g, '');

/** The figures of the dashboard as the PDF prints them, in a language. */
function expectFigures(text: string, d: Dashboard, language: Language) {
  const s = WORKPLANS_XLSX[language];
  const n = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const cell = (v: number | string | null) => (v === null ? '–' : typeof v === 'number' ? n.format(v) : v);
  for (const p of d.pillars) {
    const activities = [p.activities.total, ...ACTIVITY_STATUSES.map((st) => p.activities.byStatus[st])].map((v) => n.format(v)).join('\\s+');
    expect(text, `${p.code} activities`).toMatch(new RegExp(`${esc(p.code)} ${esc(p.title)}\\s+${activities}\\n`));
    const rated = [p.indicators.total, ...RAGS.map((r) => p.indicators.byRag[r])].map((v) => n.format(v)).join('\\s+');
    expect(text, `${p.code} indicators`).toMatch(new RegExp(`${esc(p.code)} ${esc(p.title)}\\s+${rated}\\n`));
  }
  for (const i of d.indicators) {
    const target = i.applicable ? cell(i.target) : s.report.notApplicable;
    const actual = i.applicable ? cell(i.actual) : s.report.notApplicable;
    const achievement = i.achievement === null ? '–' : pct.format(i.achievement / 100);
    // Thai and Burmese words are shaped and may extract with marks reordered (docs/pdf.md): the numbers are exact.
    const rating = language === 'th' || language === 'my' ? '\\S' : esc(s.values.rag[i.rag]);
    const row = [...[cell(i.baseline), target, actual, achievement].map(esc), rating].join('\\s+');
    expect(text, i.code).toMatch(new RegExp(`${esc(i.code)}\\s.*\\s${row}`));
  }
}

describe('the national progress report as PDF', () => {
  it('has every indicator title and the dashboard’s figures; written by a viewer too, audited; a case worker is refused and nothing is written', async () => {
    const { sec, planId } = await secretariatWithProgress();
    const d = await sec.call('dashboard.get', { planId, period: '2018Q1', asOf: '2018-04-20' });
    expect(d.indicators.map((i) => [i.code, i.target, i.actual, i.achievement, i.rag])).toEqual([
      ['IND-1', 40, 30, 75, 'amber'],
      ['IND-2', 1000, 450, 45, 'red'],
      ['IND-3', null, null, null, 'none'],
      ['IND-4', 20, 20, 100, 'green'],
    ]);

    const dir = tempDir('npa-pdf-');
    await signIn(sec, 'vera');
    const written = await sec.call('reports.progressPdf', { planId, period: '2018Q1', out: join(dir, 'npa-2018Q1.pdf'), asOf: '2018-04-20' });
    const pdf = readFileSync(written.path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(written).toMatchObject({ bytes: pdf.length, pages: pageCount(pdf) });
    expect(written.pages).toBeGreaterThanOrEqual(5); // a summary and one section per pillar

    const flowing = squeeze(pdfText(pdf, false));
    for (const i of d.indicators) expect(flowing, i.code).toContain(squeeze(i.title));
    for (const a of d.activities) expect(flowing, a.code).toContain(squeeze(a.title));
    const text = pdfText(pdf);
    const en = WORKPLANS_XLSX.en;
    for (const words of [en.report.reportTitle, d.plan.title, NPA_OFFICES.SEC.name, WORKPLANS_PDF.en.activitiesByStatusAndAgency, WORKPLANS_PDF.en.achievementChart, 'Target (100 %)', `Page 1 of ${written.pages}`]) {
      expect(text, words).toContain(words);
    }
    expectFigures(text, d, 'en');

    await signIn(sec, 'admin');
    const audit = await sec.call('audit.list', { action: 'npa.report.pdf', limit: 5 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ username: 'vera', role: 'viewer', recordType: 'npa_plan', recordId: planId, outcome: 'ok', details: { path: written.path, period: '2018Q1', language: 'en', pages: written.pages } });

    await signIn(sec, 'carl');
    const refused = join(dir, 'refused.pdf');
    expect(await rejectCode(sec, 'reports.progressPdf', { planId, period: '2018Q1', out: refused })).toBe('FORBIDDEN');
    expect(existsSync(refused)).toBe(false);
    await signIn(sec, 'admin');
    expect(await rejectCode(sec, 'reports.progressPdf', { planId, period: '2018-Q1', out: join(dir, 'bad.pdf') })).toBe('VALIDATION');
    expect(await rejectCode(sec, 'reports.progressPdf', { planId, period: '2018Q1', out: 'relative.pdf' })).toBe('VALIDATION');
    expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
  }, 120_000);

  it('is in the asked language: French words and numbers, Thai and Burmese headings and statuses', async () => {
    const { sec, planId } = await secretariatWithProgress();
    const d = await sec.call('dashboard.get', { planId, period: '2018Q1', asOf: '2018-04-20' });
    const dir = tempDir('npa-pdf-lang-');
    const fr = pdfText(readFileSync((await sec.call('reports.progressPdf', { planId, period: '2018Q1', out: join(dir, 'fr.pdf'), language: 'fr', asOf: '2018-04-20' })).path));
    expect(fr).toContain('Rapport national d’avancement');
    expect(fr).toMatch(/Page 1 sur \d+/);
    expectFigures(fr, d, 'fr');

    const th = pdfText(readFileSync((await sec.call('reports.progressPdf', { planId, period: '2018Q1', out: join(dir, 'th.pdf'), language: 'th', asOf: '2018-04-20' })).path));
    expect(th).toContain(WORKPLANS_XLSX.th.report.reportTitle);
    const thFlowing = pdfText(readFileSync(join(dir, 'th.pdf')), false);
    expect(containsShaped(thFlowing, 'หน้า 1 จาก')).toBe(true);
    for (const words of [WORKPLANS_XLSX.th.values.activityStatus.delayed, WORKPLANS_XLSX.th.values.rag.amber, WORKPLANS_PDF.th.achievementChart, WORKPLANS_PDF.th.activitiesByStatusAndAgency]) {
      expect(containsShaped(thFlowing, words), words).toBe(true);
    }
    expectFigures(th, d, 'th');

    // Burmese: digits are Myanmar digits (Intl 'my'); shaped text may come back with marks reordered,
    // so compare the code points of the title (docs/pdf.md, "Fonts and scripts").
    const myPdf = readFileSync((await sec.call('reports.progressPdf', { planId, period: '2018Q1', out: join(dir, 'my.pdf'), language: 'my', asOf: '2018-04-20' })).path);
    const my = pdfText(myPdf, false);
    expect(containsShaped(my, WORKPLANS_XLSX.my.report.reportTitle)).toBe(true);
    expect(containsShaped(my, WORKPLANS_PDF.my.achievementChart)).toBe(true);
    expect(my).toMatch(/[၀-၉]/);
    expectFigures(pdfText(myPdf), d, 'my');
  }, 120_000);

  it('page 1 is the committed screenshot docs/screenshots/npa-report-pdf.png (COUNTERPART_UPDATE_SCREENSHOTS=1 rewrites it)', async () => {
    const { sec, planId } = await secretariatWithProgress();
    const d = await sec.call('dashboard.get', { planId, period: '2018Q1', asOf: '2018-04-20' });
    const render = () => renderPdf(progressReportDocument(d, 'en', NPA_OFFICES.SEC.name, new Date('2018-04-20T08:00:00Z')));
    const pdf = await render();
    // Deterministic: the same figures and date give the same bytes, so the screenshot is reproducible.
    expect(pdf.equals(await render())).toBe(true);
    const png = pdfFirstPagePng(pdf, 80);
    const committed = fileURLToPath(new URL('../../docs/screenshots/npa-report-pdf.png', import.meta.url));
    if (process.env.COUNTERPART_UPDATE_SCREENSHOTS === '1') writeFileSync(committed, png);
    const size = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];
    expect(existsSync(committed)).toBe(true);
    expect(size(readFileSync(committed))).toEqual(size(png)); // A4 at 80 dpi: 661 × 935
  }, 120_000);
});

describe('counterpart npa report --format pdf', () => {
  const BIN = fileURLToPath(new URL('../../scripts/counterpart.mjs', import.meta.url));
  const cli = (args: string[], config: string) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CONFIG_HOME: config, COUNTERPART_TEST_KDF: '1', COUNTERPART_PASSWORD: ADMIN_PASSWORD },
      timeout: 120_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('writes the PDF in the asked language with every indicator title, and refuses to overwrite a file', async () => {
    const config = tempDir('cli-config-');
    const root = tempDir('cli-npa-pdf-');
    const ws = join(root, 'sec');
    expect(cli(['init', '--workspace', ws, '--org-name', 'NPA Secretariat', '--org-code', 'MM-CBTIP', '--country', 'MMR', '--admin', 'admin'], config).status).toBe(0);
    const template = join(root, 'template.xlsx');
    expect(cli(['npa', 'template', '--workspace', ws, '--out', template], config).status).toBe(0);
    const sheets = structuredClone(MYANMAR_NPA.sheets);
    for (const a of sheets.Activities!) Object.assign(a, { leadAgency: 'MM-CBTIP', supportingAgencies: undefined });
    for (const i of sheets.Indicators!) i.responsibleAgency = 'MM-CBTIP';
    const filled = await fillTemplate(template, { plan: MYANMAR_NPA.plan, sheets }, join(root, 'plan.xlsx'));
    expect(cli(['npa', 'import', filled, '--workspace', ws, '--yes'], config).status).toBe(0);

    const out = join(root, 'npa-2018.pdf');
    const report = cli(['npa', 'report', '--workspace', ws, '--format', 'pdf', '--period', '2018', '--out', out, '--lang', 'es', '--json'], config);
    expect(report.status, report.stderr).toBe(0);
    const written = JSON.parse(report.stdout) as { path: string; pages: number; bytes: number };
    const pdf = readFileSync(out);
    expect(written).toEqual({ path: out, pages: pageCount(pdf), bytes: pdf.length });
    const text = pdfText(pdf);
    expect(text).toContain(WORKPLANS_XLSX.es.report.reportTitle);
    expect(text).toContain(`Página 1 de ${written.pages}`);
    const flowing = squeeze(pdfText(pdf, false));
    for (const i of sheets.Indicators!) expect(flowing).toContain(squeeze(String(i.title)));

    const again = cli(['npa', 'report', '--workspace', ws, '--format', 'pdf', '--period', '2018', '--out', out], config);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/CONFLICT/);
    expect(readFileSync(out).equals(pdf)).toBe(true);
  }, 240_000);
});
