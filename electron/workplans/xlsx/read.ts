import type ExcelJS from 'exceljs';
import type { SheetProblem } from '../../../shared/contract/workplans';
import type { ColumnKey, PlanFieldKey } from '../../../shared/i18n/workplans-xlsx';
import { plain, readCell, type CellContext } from './cells';
import { COLUMNS, columnLetter, headingReader, MAX_ROWS, normalise, PLAN_FIELDS, planFieldReader, type SheetName } from './layout';

/** Reads the sheets of a filled template into typed rows, collecting a problem for every cell that does not fit. */

export class Problems {
  readonly list: SheetProblem[] = [];
  add(sheet: string, row: number | null, column: string | null, message: string): void {
    this.list.push({ sheet, row, column, message });
  }
}

/** One data row: its Excel row number, the values that read well, and where each column is. */
export type SheetRow = { row: number; values: Partial<Record<ColumnKey, unknown>>; column: (key: ColumnKey) => string | null; failed: boolean };

export function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => normalise(ws.name) === normalise(name));
}

const isEmptyRow = (ws: ExcelJS.Worksheet, r: number, width: number): boolean => {
  for (let c = 1; c <= width; c++) if (plain(ws.getCell(r, c)) !== null) return false;
  return true;
};

export function readDataSheet(wb: ExcelJS.Workbook, name: Exclude<SheetName, 'Plan'>, ctx: CellContext, problems: Problems): SheetRow[] {
  const ws = findSheet(wb, name);
  if (!ws) {
    problems.add(name, null, null, ctx.say('sheetMissing', { sheet: name }));
    return [];
  }
  const columns = COLUMNS[name];
  const headings = headingReader(columns);
  const where = new Map<ColumnKey, number>();
  const width = Math.max(ws.actualColumnCount, ws.columnCount);
  for (let c = 1; c <= width; c++) {
    const h = plain(ws.getCell(1, c));
    if (h === null || typeof h === 'object') continue;
    const key = headings.get(normalise(String(h)));
    if (!key) continue;
    if (where.has(key)) problems.add(name, 1, columnLetter(c), ctx.say('columnTwice', { column: String(h) }));
    else where.set(key, c);
  }
  for (const c of columns) {
    const required = c.cell.kind === 'code' || c.cell.kind === 'agency' || c.cell.kind === 'date' || c.cell.kind === 'period' || ((c.cell.kind === 'text' || c.cell.kind === 'enum' || c.cell.kind === 'year') && c.cell.required);
    if (!where.has(c.key) && required) problems.add(name, 1, null, ctx.say('columnMissing', { column: ctx.strings.columns[c.key] }));
  }
  // Rows Excel keeps only for their formatting are not rows of the plan.
  const filled: number[] = [];
  ws.eachRow((row, r) => {
    if (r > 1 && !isEmptyRow(ws, r, width)) filled.push(r);
  });
  if (filled.length > MAX_ROWS) {
    problems.add(name, null, null, ctx.say('tooManyRows', { rows: filled.length, max: MAX_ROWS }));
    return [];
  }
  const rows: SheetRow[] = [];
  for (const r of filled) {
    const values: Partial<Record<ColumnKey, unknown>> = {};
    let failed = false;
    for (const c of columns) {
      const at = where.get(c.key);
      if (at === undefined) continue;
      const read = readCell(c.cell, plain(ws.getCell(r, at)), ctx);
      if (read.ok) values[c.key] = read.value;
      else {
        failed = true;
        problems.add(name, r, columnLetter(at), read.message);
      }
    }
    rows.push({ row: r, values, column: (key) => (where.has(key) ? columnLetter(where.get(key)!) : null), failed });
  }
  return rows;
}

export type PlanSheet = { values: Partial<Record<PlanFieldKey, unknown>>; rowOf: (key: PlanFieldKey) => number | null; failed: boolean };

/** The Plan sheet: a field label in column A, its value in column B. */
export function readPlanSheet(wb: ExcelJS.Workbook, ctx: CellContext, problems: Problems): PlanSheet | null {
  const ws = findSheet(wb, 'Plan');
  if (!ws) {
    problems.add('Plan', null, null, ctx.say('sheetMissing', { sheet: 'Plan' }));
    return null;
  }
  const fields = planFieldReader();
  const rows = new Map<PlanFieldKey, number>();
  for (let r = 1; r <= ws.rowCount; r++) {
    const label = plain(ws.getCell(r, 1));
    if (label === null || typeof label === 'object') continue;
    const key = fields.get(normalise(String(label)));
    if (key && !rows.has(key)) rows.set(key, r);
  }
  const values: Partial<Record<PlanFieldKey, unknown>> = {};
  let failed = false;
  for (const f of PLAN_FIELDS) {
    const r = rows.get(f.key);
    if (r === undefined) {
      const required = (f.cell.kind === 'text' || f.cell.kind === 'year') && f.cell.required;
      if (required) {
        failed = true;
        problems.add('Plan', null, 'A', ctx.say('planRowMissing', { field: ctx.strings.planFields[f.key] }));
      }
      continue;
    }
    const read = readCell(f.cell, plain(ws.getCell(r, 2)), ctx);
    if (read.ok) values[f.key] = read.value;
    else {
      failed = true;
      problems.add('Plan', r, 'B', read.message);
    }
  }
  return { values, rowOf: (key) => rows.get(key) ?? null, failed };
}
