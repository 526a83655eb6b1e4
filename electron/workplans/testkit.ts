import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { ColumnKey, PlanFieldKey } from '../../shared/i18n/workplans-xlsx';
import { productionRegistry } from '../rpc/recordTypes';
import { stateDigest } from '../store/records';
import { newOffice, pair, type Office } from '../exchange/testkit';
import { tempDir } from '../testing/fixtures';
import { COLUMNS, headingReader, normalise, planFieldReader } from './xlsx/layout';
import { findSheet } from './xlsx/read';

/**
 * Test helpers for NPA workplans: offices with every production record type, users with roles, and a
 * plan template filled in by a script the way a secretariat fills it by hand.
 */

export const PASSWORD = 'a long enough passphrase for tests';

export const NPA_OFFICES = {
  SEC: { name: 'Central Body for Suppression of Trafficking in Persons — NPA Secretariat', code: 'MM-CBTIP', country: 'MMR', type: 'CentralGovernmentOrganisation' },
  DSW: { name: 'Department of Social Welfare', code: 'MM-DSW', country: 'MMR', type: 'CentralGovernmentOrganisation' },
  POLICE: { name: 'Anti-Trafficking in Persons Division, Myanmar Police Force', code: 'MM-ATIPD', country: 'MMR', type: 'LawEnforcement' },
  LABOUR: { name: 'Ministry of Labour, Immigration and Population', code: 'MM-MOLIP', country: 'MMR', type: 'CentralGovernmentOrganisation' },
} as const;

export const npaOffice = (org: (typeof NPA_OFFICES)[keyof typeof NPA_OFFICES]): Promise<Office> => newOffice(org, productionRegistry());

export const digestOf = (o: Office): string => stateDigest(o.core.session.requireUnlocked().workspace.db);

/** Adds a user and returns a function that runs calls as that user (then signs back in as admin). */
export async function addUser(o: Office, username: string, role: string): Promise<void> {
  await o.call('users.add', { username, displayName: username, role, password: PASSWORD });
}

export async function signIn(o: Office, username: string): Promise<void> {
  o.core.session.lock('user');
  const password = username === 'admin' ? 'correct horse battery staple' : PASSWORD;
  await o.call('session.unlock', { username, password });
}

/** A secretariat paired with three ministries (cards compared and verified both ways). */
export async function npaNetwork(): Promise<{ sec: Office; dsw: Office; police: Office; labour: Office }> {
  const [sec, dsw, police, labour] = await Promise.all([npaOffice(NPA_OFFICES.SEC), npaOffice(NPA_OFFICES.DSW), npaOffice(NPA_OFFICES.POLICE), npaOffice(NPA_OFFICES.LABOUR)]);
  for (const ministry of [dsw, police, labour]) await pair(sec, ministry);
  return { sec, dsw, police, labour };
}

export type SheetRows = Partial<Record<'Pillars' | 'Outcomes' | 'Outputs' | 'Activities' | 'Indicators' | 'Targets', Partial<Record<ColumnKey, unknown>>[]>>;

/** The Myanmar NPA 2017-2021 (seed), cut down: four pillars, three ministries, indicators of every frequency. */
export const MYANMAR_NPA: { plan: Partial<Record<PlanFieldKey, unknown>>; sheets: SheetRows } = {
  plan: { country: 'MMR', planTitle: 'National Plan of Action on Combating Trafficking in Persons 2017-2021', startYear: 2017, endYear: 2021, version: '1.0', planStatus: 'Active' },
  sheets: {
    Outcomes: [
      { code: '1', pillarCode: 'P1', title: 'Communities at risk know how to migrate safely' },
      { code: '2', pillarCode: 'P2', title: 'Victims are identified, referred and assisted' },
      { code: '3', pillarCode: 'P3', title: 'Traffickers are investigated and prosecuted' },
    ],
    Outputs: [
      { code: '1.1', outcomeCode: '1', title: 'Safe-migration awareness in border townships' },
      { code: '2.1', outcomeCode: '2', title: 'Case workers apply the identification and referral SOP' },
      { code: '3.1', outcomeCode: '3', title: 'Joint investigations with Thailand' },
    ],
    Activities: [
      {
        code: '1.1.1', outputCode: '1.1', title: 'Awareness sessions in Myawaddy and Tachileik', leadAgency: 'MM-MOLIP', supportingAgencies: 'MM-DSW',
        start: new Date(Date.UTC(2018, 0, 1)), end: new Date(Date.UTC(2018, 11, 31)), budget: 25000, currency: 'USD', status: 'Not started', workplanYear: 2018,
        q1: '10 sessions', q2: '10 sessions', q3: '10 sessions', q4: 'Review',
      },
      {
        code: '2.1.1', outputCode: '2.1', title: 'Train case workers on the SOP for return and reintegration', leadAgency: 'MM-DSW', supportingAgencies: 'MM-ATIPD',
        start: '2018-01-15', end: '2018-06-30', budget: 40000000, currency: 'MMK', status: 'Not started', workplanYear: 2018, q1: '2 trainings', q2: '2 trainings',
      },
      {
        code: '3.1.1', outputCode: '3.1', title: 'Case-management meetings with the Thai Anti-Trafficking Task Force', leadAgency: 'MM-ATIPD',
        start: new Date(Date.UTC(2018, 0, 1)), end: new Date(Date.UTC(2019, 11, 31)), status: 'In progress', workplanYear: 2018,
      },
    ],
    Indicators: [
      { code: 'IND-1', resultLevel: 'Outcome', resultCode: '2', title: 'Victims identified, by sex', measure: 'Number', ascending: 'Yes', baseline: 120, baselineYear: 2016, bySex: 'Yes', responsibleAgency: 'MM-DSW', frequency: 'Quarterly', dataSource: 'DSW case files' },
      { code: 'IND-2', resultLevel: 'Output', resultCode: '1.1', title: 'People reached by awareness sessions', measure: 'Number', responsibleAgency: 'MM-MOLIP', frequency: 'Monthly' },
      { code: 'IND-3', resultLevel: 'Outcome', resultCode: '3', title: 'Share of investigated cases prosecuted', measure: 'Percent', baseline: 20, responsibleAgency: 'MM-ATIPD', frequency: 'Yearly' },
      { code: 'IND-4', resultLevel: 'Output', resultCode: '2.1', title: 'Case workers trained on the SOP', measure: 'Number', responsibleAgency: 'MM-DSW', frequency: 'Quarterly' },
    ],
    Targets: [
      { indicatorCode: 'IND-1', period: '2018Q1', target: 40 },
      { indicatorCode: 'IND-1', period: '2018Q2', target: 40 },
      { indicatorCode: 'IND-1', period: '2018', target: 160 },
      { indicatorCode: 'IND-2', period: '201801', target: 500 },
      { indicatorCode: 'IND-2', period: '201802', target: 500 },
      { indicatorCode: 'IND-3', period: '2018', target: 30 },
      { indicatorCode: 'IND-4', period: '2018Q1', target: 20 },
    ],
  },
};

/** Writes rows into a generated template by heading (in whatever language it was made), as a person filling it in would. */
export async function fillTemplate(templatePath: string, content: { plan: Partial<Record<PlanFieldKey, unknown>>; sheets: SheetRows }, out = join(tempDir('npa-filled-'), 'plan.xlsx')): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const fields = planFieldReader();
  const planSheet = findSheet(wb, 'Plan')!;
  planSheet.eachRow((row) => {
    const key = fields.get(normalise(String(row.getCell(1).value ?? '')));
    if (key && key in content.plan) row.getCell(2).value = content.plan[key] as ExcelJS.CellValue;
  });
  for (const [sheet, rows] of Object.entries(content.sheets)) {
    const ws = findSheet(wb, sheet)!;
    const reader = headingReader(COLUMNS[sheet as keyof typeof COLUMNS]);
    const headings = (ws.getRow(1).values as unknown[]).map((v) => reader.get(normalise(String(v ?? ''))));
    const colOf = (key: ColumnKey) => headings.indexOf(key);
    const start = ws.actualRowCount + 1;
    rows.forEach((values, i) => {
      for (const [key, value] of Object.entries(values)) {
        const col = colOf(key as ColumnKey);
        if (col < 1) throw new Error(`no column ${key} on ${sheet}`);
        ws.getCell(start + i, col).value = value as ExcelJS.CellValue;
      }
    });
  }
  await wb.xlsx.writeFile(out);
  return out;
}

/** Template made by the office, filled with the content, imported (apply). Returns the new plan id. */
export async function importPlan(o: Office, content = MYANMAR_NPA): Promise<string> {
  const template = await o.call('xlsx.template', { out: join(tempDir('npa-template-'), 'template.xlsx'), language: 'en' });
  const filled = await fillTemplate(template.path, content);
  const result = await o.call('xlsx.import', { path: filled, mode: 'apply' });
  if (!result.imported || !result.planId) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result.planId;
}
