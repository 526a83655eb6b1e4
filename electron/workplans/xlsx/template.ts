import ExcelJS from 'exceljs';
import { basename, dirname } from 'node:path';
import { DEFAULT_DUE_DAYS, DEFAULT_PILLARS, DEFAULT_RAG } from '../../../shared/domain/workplans';
import { xlsxStrings, type WorkplansXlsxStrings } from '../../../shared/i18n/workplans-xlsx';
import type { Language } from '../../../shared/i18n/languages';
import type { Unlocked } from '../../identity/session';
import { writeFileAtomic } from '../../exchange/outgoing';
import { directory } from '../agencies';
import { COLUMNS, columnLetter, INSTRUCTIONS_SHEET, LIST_CODES, listLabel, LISTS_SHEET, MAX_ROWS, PLAN_FIELDS, type CellKind, type ListName } from './layout';
import { HEADER_FILL, HEADER_FONT, validations } from './style';

/**
 * The empty plan template (docs/workplans.md §Spreadsheet): instructions in the chosen language, one
 * sheet per level with headings, drop-down lists for every enumeration (statuses, measures,
 * frequencies, agencies, parent codes), date and number checks. The agencies offered are this
 * organisation and its partners.
 */

const LAST = MAX_ROWS + 1;

export async function templateWorkbook(u: Unlocked, language: Language): Promise<ExcelJS.Workbook> {
  const s = xlsxStrings(language);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Counterpart';
  const agencies = [...directory(u).entries()].map(([code, a]) => ({ code, name: a.name }));

  // Instructions first: it is what opens.
  const info = wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  info.getColumn(1).width = 130;
  info.addRow([s.instructions.title]).font = { bold: true, size: 14 };
  info.addRow([]);
  for (const line of s.instructions.lines) info.addRow([line]).alignment = { wrapText: true, vertical: 'top' };
  info.addRow([]);
  info.addRow([`${s.columns.leadAgency} / ${s.columns.responsibleAgency}:`]).font = { bold: true };
  for (const a of agencies) info.addRow([`${a.code} — ${a.name}`]);

  // Hidden sheet of drop-down values: one column per list, labels in the template language.
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const listRange = new Map<ListName, string>();
  const listNames = [...(Object.keys(LIST_CODES) as Exclude<ListName, 'agency'>[]), 'agency' as const];
  listNames.forEach((name, i) => {
    const col = i + 1;
    const values = name === 'agency' ? agencies.map((a) => a.code) : LIST_CODES[name].map((v) => listLabel(s, name, v));
    lists.getCell(1, col).value = name;
    values.forEach((v, j) => (lists.getCell(j + 2, col).value = v));
    const letter = columnLetter(col);
    listRange.set(name, `${LISTS_SHEET}!$${letter}$2:$${letter}$${Math.max(values.length + 1, 2)}`);
  });

  // Plan: field / value rows, with the defaults filled in.
  const plan = wb.addWorksheet('Plan', { views: [{ state: 'frozen', ySplit: 1 }] });
  plan.columns = [{ width: 52 }, { width: 60 }];
  header(plan.addRow([s.columns.field, s.columns.value]));
  const defaults: Partial<Record<(typeof PLAN_FIELDS)[number]['key'], string | number>> = {
    country: u.organisation.country,
    planStatus: s.values.planStatus.draft,
    ragGreenAt: DEFAULT_RAG.greenAt,
    ragAmberAt: DEFAULT_RAG.amberAt,
    dueMonthly: DEFAULT_DUE_DAYS.monthly,
    dueQuarterly: DEFAULT_DUE_DAYS.quarterly,
    dueYearly: DEFAULT_DUE_DAYS.yearly,
  };
  PLAN_FIELDS.forEach((f, i) => {
    const row = plan.addRow([s.planFields[f.key], defaults[f.key] ?? null]);
    row.getCell(1).font = { bold: true };
    validate(plan, `B${i + 2}`, f.cell, listRange, s);
  });

  for (const name of ['Pillars', 'Outcomes', 'Outputs', 'Activities', 'Indicators', 'Targets'] as const) {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const columns = COLUMNS[name];
    ws.columns = columns.map((c) => ({ width: c.width }));
    header(ws.addRow(columns.map((c) => s.columns[c.key])));
    columns.forEach((c, i) => {
      const letter = columnLetter(i + 1);
      const range = `${letter}2:${letter}${LAST}`;
      // Parent codes are picked from the sheet above.
      const parent = { pillarCode: 'Pillars', outcomeCode: 'Outcomes', outputCode: 'Outputs', indicatorCode: 'Indicators' }[c.key as string];
      if (parent) {
        validations(ws).add(range, { type: 'list', allowBlank: true, formulae: [`${parent}!$A$2:$A$${LAST}`], showErrorMessage: false });
      } else {
        validate(ws, range, c.cell, listRange, s);
      }
      if (c.cell.kind === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    });
    if (name === 'Pillars') DEFAULT_PILLARS.forEach((key, i) => ws.addRow([`P${i + 1}`, s.pillars[key], i + 1]));
  }
  return wb;
}

function header(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.height = 32;
}

/** The data validation of one cell kind over a range. */
function validate(ws: ExcelJS.Worksheet, range: string, cell: CellKind, lists: Map<ListName, string>, s: WorkplansXlsxStrings): void {
  const v = validations(ws);
  switch (cell.kind) {
    case 'enum':
      v.add(range, { type: 'list', allowBlank: !cell.required, formulae: [lists.get(cell.list)!], showErrorMessage: true, errorTitle: s.columns.value, error: LIST_CODES[cell.list as Exclude<ListName, 'agency'>].map((c) => listLabel(s, cell.list as Exclude<ListName, 'agency'>, c)).join(', ') });
      return;
    case 'yesNo':
      v.add(range, { type: 'list', allowBlank: true, formulae: [lists.get('yesNo')!], showErrorMessage: true, error: `${s.values.yesNo.yes} / ${s.values.yesNo.no}` });
      return;
    case 'agency':
      v.add(range, { type: 'list', allowBlank: false, formulae: [lists.get('agency')!], showErrorMessage: true, error: s.instructions.lines[4] ?? '' });
      return;
    case 'date':
      v.add(range, { type: 'date', operator: 'between', allowBlank: true, formulae: [new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2100, 11, 31))], showErrorMessage: true, error: s.instructions.lines[5] ?? '' });
      return;
    case 'year':
      v.add(range, { type: 'whole', operator: 'between', allowBlank: !cell.required, formulae: [1990, 2100], showErrorMessage: true, error: s.instructions.lines[5] ?? '' });
      return;
    case 'number':
      v.add(range, {
        type: cell.integer ? 'whole' : 'decimal',
        operator: 'between',
        allowBlank: !cell.required,
        formulae: [cell.min ?? 0, cell.max ?? 1e15],
        showErrorMessage: true,
        error: s.instructions.lines[6] ?? '',
      });
      return;
    default:
      return;
  }
}

/** Writes the template to `out` (refusing to overwrite a file) and returns the path. */
export async function writeTemplate(u: Unlocked, out: string, language: Language): Promise<string> {
  const wb = await templateWorkbook(u, language);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const path = writeFileAtomic(dirname(out), basename(out), bytes);
  u.audit.append({ actor: u.actor, action: 'npa.xlsx.template', outcome: 'ok', details: { path, language } });
  return path;
}
