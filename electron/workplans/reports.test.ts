import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dhis2DataValueSet } from '../../shared/domain/workplans';
import { WORKPLANS_XLSX } from '../../shared/i18n/workplans-xlsx';
import { tempDir } from '../testing/fixtures';
import { addUser, NPA_OFFICES, npaOffice, signIn } from './testkit';

/**
 * One workspace whose own agency reports monthly, quarterly and yearly indicators: the national XLSX
 * report has the dashboard's figures, DHIS2 gets the right period strings, the calendar knows what is
 * due and overdue.
 */

async function reportingSecretariat() {
  const sec = await npaOffice(NPA_OFFICES.SEC);
  const plan = await sec.call('plans.create', { country: 'MMR', title: 'NPA 2017-2021', startYear: 2017, endYear: 2021, version: '2.0', status: 'active', dhis2OrgUnit: 'MM_NATIONAL' });
  const planId = plan.id;
  const tree = await sec.call('plans.get', { planId });
  const [prevention, protection] = tree.pillars;
  const o1 = await sec.call('outcomes.save', { planId, pillarId: prevention!.id, code: '1', title: 'Communities know the risks' });
  const o2 = await sec.call('outcomes.save', { planId, pillarId: protection!.id, code: '2', title: 'Victims are protected' });
  const out1 = await sec.call('outputs.save', { planId, outcomeId: o1.id, code: '1.1', title: 'Hotline' });
  const act = await sec.call('activities.save', { planId, outputId: out1.id, code: '1.1.1', title: 'Run the 24-hour hotline', leadAgency: 'MM-CBTIP', start: '2018-01-01', end: '2018-12-31', budget: 1200, currency: 'USD', workplanYear: 2018 });
  const calls = await sec.call('indicators.save', {
    planId, resultLevel: 'output', resultId: out1.id, code: 'M-1', title: 'Hotline calls answered', measure: 'unit', responsibleAgency: 'MM-CBTIP', frequency: 'monthly', disaggregation: ['sex'],
    targets: [{ period: '201801', value: 100 }, { period: '201802', value: 100 }, { period: '201803', value: 100 }],
  });
  const shelters = await sec.call('indicators.save', {
    planId, resultLevel: 'outcome', resultId: o2.id, code: 'Q-1', title: 'Victims placed in shelters', measure: 'unit', responsibleAgency: 'MM-CBTIP', frequency: 'quarterly', targets: [{ period: '2018Q1', value: 50 }],
  });
  const law = await sec.call('indicators.save', {
    planId, resultLevel: 'outcome', resultId: o2.id, code: 'Y-1', title: 'Victims who received legal aid', measure: 'percent', ascending: true, baseline: 10, responsibleAgency: 'MM-CBTIP', frequency: 'yearly', targets: [{ period: '2018', value: 60 }],
  });
  await addUser(sec, 'moe', 'me_officer');
  const report = async (period: string, lines: object) => {
    await signIn(sec, 'moe');
    const d = await sec.call('progress.saveDraft', { planId, period, ...lines });
    await sec.call('progress.submit', { id: d.id });
    await signIn(sec, 'admin');
    await sec.call('progress.approve', { id: d.id });
  };
  await report('201801', { indicatorActuals: [{ indicatorId: calls.id, value: 120, breakdown: [{ sex: 'female', value: 80 }, { sex: 'male', value: 40 }] }] });
  await report('201802', { indicatorActuals: [{ indicatorId: calls.id, value: 60, comment: 'Line down for a week' }] });
  await report('2018Q1', { indicatorActuals: [{ indicatorId: shelters.id, value: 20 }], activityUpdates: [{ activityId: act.id, status: 'delayed', percentComplete: 20, narrative: 'Staff recruitment late.' }] });
  await report('2018', { indicatorActuals: [{ indicatorId: law.id, value: 45 }] });
  return { sec, planId };
}

const cellsOf = (ws: ExcelJS.Worksheet, row: number, n: number) => Array.from({ length: n }, (_, i) => ws.getRow(row).getCell(i + 1).value);

describe('the national progress report, DHIS2 and the calendar', () => {
  it('the XLSX report reads back with the same figures as the dashboard', async () => {
    const { sec, planId } = await reportingSecretariat();
    const d = await sec.call('dashboard.get', { planId, period: '2018Q1', asOf: '2018-04-20' });
    expect(d.indicators.map((i) => [i.code, i.target, i.actual, i.achievement, i.rag])).toEqual([
      ['M-1', 300, 180, 60, 'amber'],
      ['Q-1', 50, 20, 40, 'red'],
      ['Y-1', null, null, null, 'none'],
    ]);
    expect(d.indicators[0]!.series.map((p) => [p.period, p.actual])).toContainEqual(['201802', 60]);
    expect(d.indicators[0]!.breakdown).toEqual([{ sex: 'female', value: 80 }, { sex: 'male', value: 40 }]);

    const out = join(tempDir('report-'), 'npa-2018Q1.xlsx');
    const written = await sec.call('reports.progressXlsx', { planId, period: '2018Q1', out, language: 'fr', asOf: '2018-04-20' });
    const fr = WORKPLANS_XLSX.fr;
    // Pillar titles are the plan's own words (this plan was created in English); headings and values are French.
    expect(written.sheets).toEqual([fr.report.summary, 'P1 Prevention', 'P2 Protection', 'P3 Prosecution', 'P4 Partnership']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(written.path);

    const summary = wb.getWorksheet(fr.report.summary)!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen' });
    const pillarRows = d.pillars.map((p, i) => cellsOf(summary, 8 + i, 12));
    d.pillars.forEach((p, i) => {
      expect(pillarRows[i]).toEqual([
        `${p.code} ${p.title}`, p.activities.total, p.activities.byStatus.not_started, p.activities.byStatus.in_progress, p.activities.byStatus.completed,
        p.activities.byStatus.delayed, p.activities.byStatus.cancelled, p.indicators.total, p.indicators.byRag.green, p.indicators.byRag.amber, p.indicators.byRag.red, p.indicators.byRag.none,
      ]);
    });

    const prevention = wb.getWorksheet('P1 Prevention')!;
    expect(prevention.getRow(2).font?.bold).toBe(true);
    expect(prevention.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const m1 = d.indicators.find((i) => i.code === 'M-1')!;
    expect(cellsOf(prevention, 3, 11)).toEqual(['M-1', m1.title, '1.1', m1.responsibleAgencyName, fr.values.measure.unit, fr.values.frequency.monthly, null, m1.target, m1.actual, m1.achievement, fr.values.rag.amber]);
    expect(prevention.getCell('J3').numFmt).toBe('0.0"%"');
    expect(prevention.getCell('K3').fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
    // Activities below the indicators: status and % complete as reported.
    const activityRow = prevention.getRow(6);
    expect([activityRow.getCell(1).value, activityRow.getCell(9).value, activityRow.getCell(10).value, activityRow.getCell(7).value]).toEqual(['1.1.1', fr.values.activityStatus.delayed, 20, 1200]);

    const protection = wb.getWorksheet('P2 Protection')!;
    const q1 = d.indicators.find((i) => i.code === 'Q-1')!;
    expect(cellsOf(protection, 3, 11).slice(7)).toEqual([q1.target, q1.actual, q1.achievement, fr.values.rag.red]);
    expect(cellsOf(protection, 4, 11).slice(7)).toEqual([fr.report.notApplicable, fr.report.notApplicable, null, fr.values.rag.none]);
  });

  it('the DHIS2 export parses against the dataValueSets schema, with monthly, quarterly and yearly periods, targets and the agency as attribute option combo', async () => {
    const { sec, planId } = await reportingSecretariat();
    const out = join(tempDir('dhis2-'), 'npa-2018.json');
    const result = await sec.call('dhis2.export', { planId, period: '2018', out });
    const set = Dhis2DataValueSet.parse(JSON.parse(readFileSync(result.path, 'utf8')));
    expect(result.dataValues).toBe(set.dataValues.length);
    const rows = set.dataValues.map((v) => [v.dataElement, v.period, v.categoryOptionCombo ?? '', v.value]);
    expect(rows).toEqual([
      ['NPA_M_1', '201801', '', '120'],
      ['NPA_M_1_DISAGG', '201801', 'SEX_FEMALE', '80'],
      ['NPA_M_1_DISAGG', '201801', 'SEX_MALE', '40'],
      ['NPA_M_1', '201802', '', '60'],
      ['NPA_M_1_TARGET', '201801', '', '100'],
      ['NPA_M_1_TARGET', '201802', '', '100'],
      ['NPA_M_1_TARGET', '201803', '', '100'],
      ['NPA_Q_1', '2018Q1', '', '20'],
      ['NPA_Q_1_TARGET', '2018Q1', '', '50'],
      ['NPA_Y_1', '2018', '', '45'],
      ['NPA_Y_1_TARGET', '2018', '', '60'],
    ]);
    expect(new Set(set.dataValues.map((v) => v.orgUnit))).toEqual(new Set(['MM_NATIONAL']));
    expect(new Set(set.dataValues.map((v) => v.attributeOptionCombo))).toEqual(new Set(['MM-CBTIP']));
    expect(set.dataValues.find((v) => v.period === '201802' && v.dataElement === 'NPA_M_1')?.comment).toBe('Line down for a week');

    // A quarter holds its months and itself, not the year.
    const q = await sec.call('dhis2.export', { planId, period: '2018Q1', out: join(tempDir('dhis2-'), 'q1.json'), includeTargets: false });
    const qSet = Dhis2DataValueSet.parse(JSON.parse(readFileSync(q.path, 'utf8')));
    expect([...new Set(qSet.dataValues.map((v) => v.period))]).toEqual(['201801', '201802', '2018Q1']);
    expect(q.skipped).toEqual([{ indicator: 'Y-1', reason: 'no approved actual in 2018Q1' }]);
    // The schema refuses what DHIS2 would: a period it does not know, a missing value.
    expect(Dhis2DataValueSet.safeParse({ dataValues: [{ dataElement: 'X', period: '2018-01', orgUnit: 'O', attributeOptionCombo: 'A', value: '1' }] }).success).toBe(false);
    expect(Dhis2DataValueSet.safeParse({ dataValues: [{ dataElement: 'X', period: '2018W1', orgUnit: 'O', attributeOptionCombo: 'A', value: '1' }] }).success).toBe(false);
    expect(Dhis2DataValueSet.safeParse({ dataValues: [{ dataElement: 'X', period: '2018', orgUnit: 'O', attributeOptionCombo: 'A' }] }).success).toBe(false);
  });

  it('the calendar lists what is due by agency, and what is overdue', async () => {
    const { sec, planId } = await reportingSecretariat();
    const cal = await sec.call('calendar.due', { planId, asOf: '2018-04-20', from: '2018-02-01' });
    expect(cal.to).toBe('2018-05-21');
    expect(cal.items.map((i) => [i.period, i.dueDate, i.status, i.overdue, i.daysLate])).toEqual([
      ['201801', '2018-02-10', 'approved', false, 0],
      ['201802', '2018-03-10', 'approved', false, 0],
      ['201803', '2018-04-10', 'missing', true, 10],
      ['2018Q1', '2018-04-15', 'approved', false, 0],
      ['201804', '2018-05-10', 'missing', false, 0],
    ]);
    expect(cal.items.find((i) => i.period === '2018Q1')).toMatchObject({ indicators: [{ code: 'Q-1' }], activities: [{ code: '1.1.1' }] });
    expect(cal.byAgency).toEqual([{ agency: 'MM-CBTIP', agencyName: NPA_OFFICES.SEC.name, due: 5, missing: 2, draft: 0, submitted: 0, approved: 3, returned: 0, overdue: 1 }]);
    // Due days are the plan's: a month's report due 3 days after the month makes March late sooner.
    await sec.call('plans.update', { planId, patch: { dueDays: { monthly: 3, quarterly: 15, yearly: 30 } } });
    const stricter = await sec.call('calendar.due', { planId, asOf: '2018-04-05', from: '2018-04-01', to: '2018-04-30' });
    expect(stricter.items.map((i) => [i.period, i.dueDate, i.overdue])).toEqual([['201803', '2018-04-03', true], ['2018Q1', '2018-04-15', false]]);
  });
});
