import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/i18n/languages';
import { WORKPLANS_XLSX } from '../../shared/i18n/workplans-xlsx';
import { tempDir } from '../testing/fixtures';
import { pair } from '../exchange/testkit';
import { COLUMNS, headingReader, LIST_CODES, listLabel, normalise, PLAN_FIELDS } from './xlsx/layout';
import { digestOf, fillTemplate, importPlan, MYANMAR_NPA, NPA_OFFICES, npaOffice } from './testkit';

async function secretariatWithMinistries() {
  const [sec, dsw, police, labour] = await Promise.all([npaOffice(NPA_OFFICES.SEC), npaOffice(NPA_OFFICES.DSW), npaOffice(NPA_OFFICES.POLICE), npaOffice(NPA_OFFICES.LABOUR)]);
  for (const m of [dsw, police, labour]) await pair(sec, m);
  return sec;
}

const templateOf = async (o: Awaited<ReturnType<typeof npaOffice>>, language: (typeof LANGUAGES)[number] = 'en') =>
  (await o.call('xlsx.template', { out: join(tempDir('tpl-'), `template-${language}.xlsx`), language })).path;

describe('the plan template', () => {
  it('has instructions in the chosen language, a sheet per level, and drop-down lists of statuses, measures, frequencies and agencies', async () => {
    const sec = await secretariatWithMinistries();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await templateOf(sec, 'th'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Instructions', 'Lists', 'Plan', 'Pillars', 'Outcomes', 'Outputs', 'Activities', 'Indicators', 'Targets']);
    expect(wb.getWorksheet('Instructions')!.getCell('A1').value).toBe(WORKPLANS_XLSX.th.instructions.title);
    const activities = wb.getWorksheet('Activities')!;
    expect(activities.getCell('A1').value).toBe(WORKPLANS_XLSX.th.columns.code);
    expect(activities.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // exceljs expands range validations per cell when it reads them back.
    expect(activities.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^Lists!\$H\$2:\$H\$\d+$/)] });
    expect(activities.getCell('K40').dataValidation).toMatchObject({ type: 'list' });
    expect(activities.getCell('G2').dataValidation).toMatchObject({ type: 'date' });
    expect(wb.getWorksheet('Indicators')!.getCell('F3').dataValidation).toMatchObject({ type: 'list' });
    expect(wb.getWorksheet('Outcomes')!.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['Pillars!$A$2:$A$5001'] });
    const lists = wb.getWorksheet('Lists')!;
    expect(lists.state).toBe('hidden');
    const agencyColumn = (lists.getColumn(8).values as unknown[]).slice(2);
    expect(agencyColumn).toEqual(['MM-CBTIP', 'MM-ATIPD', 'MM-DSW', 'MM-MOLIP']);
    expect((lists.getColumn(2).values as unknown[]).slice(2)).toEqual(Object.values(WORKPLANS_XLSX.th.values.activityStatus));
    // The default pillars are filled in, in the chosen language.
    expect(wb.getWorksheet('Pillars')!.getCell('B2').value).toBe(WORKPLANS_XLSX.th.pillars.prevention);
  });

  it('a template filled in and imported reads back as the same structure', async () => {
    const sec = await secretariatWithMinistries();
    const planId = await importPlan(sec);
    const tree = await sec.call('plans.get', { planId });
    expect(tree.plan).toMatchObject({ title: MYANMAR_NPA.plan.planTitle, country: 'MMR', startYear: 2017, endYear: 2021, status: 'active', isHolder: true, ownerOrg: 'MM-CBTIP' });
    expect(tree.plan.agencies.map((a) => a.code)).toEqual(['MM-ATIPD', 'MM-CBTIP', 'MM-DSW', 'MM-MOLIP']);
    expect(tree.plan.agencies.find((a) => a.code === 'MM-DSW')?.name).toBe('Department of Social Welfare');
    expect(tree.pillars.map((p) => [p.code, p.title])).toEqual([['P1', 'Prevention'], ['P2', 'Protection'], ['P3', 'Prosecution'], ['P4', 'Partnership']]);
    const pillarCode = (id: string) => tree.pillars.find((p) => p.id === id)?.code;
    expect(tree.outcomes.map((o) => [o.code, pillarCode(o.pillarId), o.title])).toEqual(MYANMAR_NPA.sheets.Outcomes!.map((o) => [o.code, o.pillarCode, o.title]));
    const outcomeCode = (id: string) => tree.outcomes.find((o) => o.id === id)?.code;
    expect(tree.outputs.map((o) => [o.code, outcomeCode(o.outcomeId)])).toEqual([['1.1', '1'], ['2.1', '2'], ['3.1', '3']]);
    const a = tree.activities.find((x) => x.code === '1.1.1')!;
    expect(a).toMatchObject({ leadAgency: 'MM-MOLIP', supportingAgencies: ['MM-DSW'], start: '2018-01-01', end: '2018-12-31', budget: 25000, currency: 'USD', status: 'not_started', workplanYear: 2018 });
    expect(tree.activities.find((x) => x.code === '2.1.1')).toMatchObject({ start: '2018-01-15', end: '2018-06-30', budget: 40000000, currency: 'MMK' });
    expect(tree.activities.find((x) => x.code === '3.1.1')).toMatchObject({ budget: null, currency: null, status: 'in_progress' });
    const ind1 = tree.indicators.find((i) => i.code === 'IND-1')!;
    expect(ind1).toMatchObject({ resultLevel: 'outcome', measure: 'unit', ascending: true, baseline: 120, baselineYear: 2016, disaggregation: ['sex'], responsibleAgency: 'MM-DSW', frequency: 'quarterly', dataSource: 'DSW case files', computedFrom: null });
    expect(ind1.targets).toEqual([{ period: '2018Q1', value: 40 }, { period: '2018Q2', value: 40 }, { period: '2018', value: 160 }]);
    expect(tree.indicators.find((i) => i.code === 'IND-3')).toMatchObject({ measure: 'percent', frequency: 'yearly', targets: [{ period: '2018', value: 30 }] });
    expect(tree.workplans).toHaveLength(1);
    expect(tree.workplans[0]!.year).toBe(2018);
    expect(tree.workplans[0]!.items.find((i) => i.activityId === a.id)?.milestones).toEqual({ q1: '10 sessions', q2: '10 sessions', q3: '10 sessions', q4: 'Review' });
  });

  it('a spreadsheet with a bad date, an unknown agency and a duplicate indicator code: all three listed with sheet, row and column; nothing imported', async () => {
    const sec = await secretariatWithMinistries();
    const sheets = structuredClone(MYANMAR_NPA.sheets);
    sheets.Activities![0]!.start = '2018-02-30';
    sheets.Activities![1]!.leadAgency = 'MM-MOFA';
    sheets.Indicators![3]!.code = 'IND-1';
    sheets.Targets = sheets.Targets!.filter((t) => t.indicatorCode !== 'IND-4');
    const filled = await fillTemplate(await templateOf(sec), { plan: MYANMAR_NPA.plan, sheets });
    const before = digestOf(sec);
    for (const mode of ['preview', 'apply'] as const) {
      const result = await sec.call('xlsx.import', { path: filled, mode });
      expect(result.imported).toBe(false);
      expect(result.planId).toBeNull();
      expect(result.problems).toEqual([
        { sheet: 'Activities', row: 2, column: 'G', message: expect.stringContaining('“2018-02-30” is not a date') },
        { sheet: 'Activities', row: 3, column: 'E', message: expect.stringContaining('Unknown agency “MM-MOFA”') },
        { sheet: 'Indicators', row: 5, column: 'A', message: 'Duplicate indicator code IND-1 (also on row 2).' },
      ]);
    }
    expect(digestOf(sec)).toBe(before);
    expect(await sec.call('plans.list', {})).toEqual([]);
  });

  it('the same bad spreadsheet checked in French and in Thai: the problems are in that language, at the same places, preview and apply alike; nothing imported', async () => {
    const sec = await secretariatWithMinistries();
    const sheets = structuredClone(MYANMAR_NPA.sheets);
    sheets.Activities![0]!.start = '2018-02-30';
    sheets.Activities![1]!.leadAgency = 'MM-MOFA';
    sheets.Indicators![3]!.code = 'IND-1';
    sheets.Targets = sheets.Targets!.filter((t) => t.indicatorCode !== 'IND-4');
    const filled = await fillTemplate(await templateOf(sec), { plan: MYANMAR_NPA.plan, sheets });
    const before = digestOf(sec);
    const expected = {
      fr: [
        '« 2018-02-30 » n’est pas une date. Choisissez une date ou écrivez-la année-mois-jour, par exemple 2025-03-31.',
        'Agence inconnue « MM-MOFA » : ce n’est ni cette organisation (MM-CBTIP) ni un partenaire de l’annuaire ; importez d’abord sa carte d’organisation ou choisissez dans la liste.',
        'Code d’indicateur en double IND-1 (aussi à la ligne 2).',
      ],
      th: [
        '“2018-02-30” ไม่ใช่วันที่ เลือกวันที่ หรือเขียนเป็นปี-เดือน-วัน เช่น 2025-03-31',
        'ไม่รู้จักหน่วยงาน “MM-MOFA” ไม่ใช่องค์กรนี้ (MM-CBTIP) และไม่ใช่ภาคีในทะเบียนภาคี ให้นำเข้าบัตรองค์กรของหน่วยงานนั้นก่อน หรือเลือกจากรายการ',
        'รหัสตัวชี้วัด IND-1 ซ้ำ (อยู่ในแถว 2 ด้วย)',
      ],
    } as const;
    for (const language of ['fr', 'th'] as const) {
      for (const mode of ['preview', 'apply'] as const) {
        const result = await sec.call('xlsx.import', { path: filled, mode, language });
        expect(result).toMatchObject({ imported: false, planId: null });
        expect(result.problems).toEqual([
          { sheet: 'Activities', row: 2, column: 'G', message: expected[language][0] },
          { sheet: 'Activities', row: 3, column: 'E', message: expected[language][1] },
          { sheet: 'Indicators', row: 5, column: 'A', message: expected[language][2] },
        ]);
      }
    }
    expect(digestOf(sec)).toBe(before);
    expect(await sec.call('plans.list', {})).toEqual([]);
  });

  it('problems that quote list values, frequencies and plan rules use the words of the chosen language', async () => {
    const sec = await secretariatWithMinistries();
    const sheets = structuredClone(MYANMAR_NPA.sheets);
    sheets.Indicators![0]!.frequency = 'Fortnightly';
    sheets.Targets!.push({ indicatorCode: 'IND-3', period: '2018Q1', target: 10 }, { indicatorCode: 'IND-3', period: '2025', target: 140 });
    const filled = await fillTemplate(await templateOf(sec), { plan: { ...MYANMAR_NPA.plan, endYear: 2016 }, sheets });
    const result = await sec.call('xlsx.import', { path: filled, mode: 'preview', language: 'fr' });
    expect(result.problems.map((p) => `${p.sheet}!${p.column}${p.row}: ${p.message}`)).toEqual([
      'Plan!B5: Le plan se termine (2016) avant de commencer (2017).',
      'Indicators!N2: « Fortnightly » ne fait pas partie des valeurs permises : Mensuelle, Trimestrielle, Annuelle.',
      'Targets!B9: L’indicateur IND-3 a une fréquence annuelle ; une cible pour la période plus courte 2018Q1 ne convient pas.',
      'Targets!C10: Un pourcentage est compris entre 0 et 100.',
    ]);
  });

  it('lists missing parents, wrong list values, targets that do not fit, and a bad plan year', async () => {
    const sec = await secretariatWithMinistries();
    const sheets = structuredClone(MYANMAR_NPA.sheets);
    sheets.Outputs![0]!.outcomeCode = '9';
    sheets.Indicators![0]!.frequency = 'Fortnightly';
    sheets.Targets!.push({ indicatorCode: 'IND-3', period: '2018Q1', target: 10 }, { indicatorCode: 'IND-3', period: '2025', target: 140 }, { indicatorCode: 'IND-9', period: '2018', target: 1 });
    const filled = await fillTemplate(await templateOf(sec), { plan: { ...MYANMAR_NPA.plan, endYear: 2016 }, sheets });
    const result = await sec.call('xlsx.import', { path: filled, mode: 'apply' });
    expect(result.imported).toBe(false);
    const where = result.problems.map((p) => `${p.sheet}!${p.column}${p.row}: ${p.message}`);
    expect(where).toEqual([
      expect.stringMatching(/^Plan!B5: The plan ends \(2016\) before it starts \(2017\)/),
      'Indicators!N2: “Fortnightly” is not one of the allowed values: Monthly, Quarterly, Yearly.',
      'Outputs!B2: Missing parent: outcome 9 is not on the Outcomes sheet.',
      'Targets!B9: Indicator IND-3 is yearly; a target for the shorter period 2018Q1 does not fit.',
      'Targets!C10: A percentage is between 0 and 100.',
      'Targets!A11: Missing parent: indicator IND-9 is not on the Indicators sheet.',
    ]);
  });

  it('imports a template filled in French, with French headings and list values', async () => {
    const sec = await secretariatWithMinistries();
    const fr = WORKPLANS_XLSX.fr;
    const sheets = structuredClone(MYANMAR_NPA.sheets);
    for (const a of sheets.Activities!) a.status = fr.values.activityStatus.in_progress;
    for (const i of sheets.Indicators!) i.frequency = fr.values.frequency[String(i.frequency).toLowerCase() as 'monthly' | 'quarterly' | 'yearly'];
    const filled = await fillTemplate(await templateOf(sec, 'en'), { plan: { ...MYANMAR_NPA.plan, planStatus: fr.values.planStatus.draft }, sheets });
    const result = await sec.call('xlsx.import', { path: filled, mode: 'apply' });
    expect(result.problems).toEqual([]);
    const tree = await sec.call('plans.get', { planId: result.planId! });
    expect(tree.plan.status).toBe('draft');
    expect(new Set(tree.activities.map((a) => a.status))).toEqual(new Set(['in_progress']));
  });
});

describe('long spreadsheet work', () => {
  it('reports progress, and a cancelled import changes nothing', async () => {
    const sec = await secretariatWithMinistries();
    const filled = await fillTemplate(await templateOf(sec), MYANMAR_NPA);
    const before = digestOf(sec);
    const controller = new AbortController();
    const steps: string[] = [];
    const result = await sec.core.dispatcher.dispatch('xlsx.import', { path: filled, mode: 'apply' }, {
      signal: controller.signal,
      onProgress: (_done, _total, label) => {
        steps.push(label);
        if (label === 'check') controller.abort();
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(steps).toEqual(['read', 'check']);
    expect(digestOf(sec)).toBe(before);
  });
});

describe('the spreadsheet words', () => {
  it('no heading or list value of one language means something else in another', () => {
    for (const [sheet, columns] of Object.entries(COLUMNS)) {
      const reader = headingReader(columns);
      for (const language of LANGUAGES) for (const c of columns) expect(reader.get(normalise(WORKPLANS_XLSX[language].columns[c.key])), `${sheet} ${language} ${c.key}`).toBe(c.key);
    }
    for (const list of Object.keys(LIST_CODES) as (keyof typeof LIST_CODES)[]) {
      const seen = new Map<string, string>();
      for (const language of LANGUAGES) {
        for (const code of LIST_CODES[list]) {
          const label = normalise(listLabel(WORKPLANS_XLSX[language], list, code));
          expect(seen.get(label) ?? code, `${list} ${language} ${label}`).toBe(code);
          seen.set(label, code);
        }
      }
    }
    for (const language of LANGUAGES) expect(new Set(PLAN_FIELDS.map((f) => normalise(WORKPLANS_XLSX[language].planFields[f.key]))).size).toBe(PLAN_FIELDS.length);
  });
});
