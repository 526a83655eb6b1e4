import ExcelJS from 'exceljs';
import {
  categoryLabel,
  CTDC_COLUMNS,
  ctdcCsv,
  dimensionLabel,
  toCsv,
  type CrossTab,
  type CtdcProtection,
  type CtdcRow,
  type DemographicReport,
  type Kpis,
  type OneWayTable,
  type ReportFilters,
  type Translate,
} from '../../shared/domain/reports';
import type { Language } from '../../shared/i18n/languages';

/**
 * The files a report is written to: XLSX (formatted, one sheet per part, the protection statement on
 * the first sheet), CSV (codes, machine-readable) and JSON. Only protected figures reach this file:
 * a hidden count arrives as null and is written as the word for "hidden", never as a number.
 */

export type FileHead = { title: string; organisation: string; generatedAt: string; filters: ReportFilters; protection: string; language: Language };

const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HIDDEN_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };

const styleHeader = (row: ExcelJS.Row) => {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
};

const filterText = (f: ReportFilters, t: Translate): string =>
  [
    f.from ? `${t('reportsModule.filters.from')} ${f.from}` : null,
    f.to ? `${t('reportsModule.filters.to')} ${f.to}` : null,
    f.stage?.length ? `${t('reportsModule.filters.stage')}: ${f.stage.map((s) => t(`caseFile.stages.${s}`)).join(', ')}` : null,
    f.organisation?.length ? `${t('reportsModule.filters.organisation')}: ${f.organisation.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join('; ') || t('reportsModule.sheet.none');

function coverSheet(wb: ExcelJS.Workbook, head: FileHead, t: Translate, extra: [string, string | number][] = []): void {
  const ws = wb.addWorksheet(t('reportsModule.sheet.report').slice(0, 31));
  ws.columns = [{ width: 28 }, { width: 90 }];
  ws.addRow([head.title]).font = TITLE_FONT;
  ws.addRow([]);
  const rows: [string, string | number][] = [
    [t('reportsModule.sheet.organisation'), head.organisation],
    [t('reportsModule.sheet.generated'), head.generatedAt],
    [t('reportsModule.sheet.filters'), filterText(head.filters, t)],
    ...extra,
    [t('reportsModule.sheet.protection'), head.protection],
  ];
  for (const r of rows) {
    const row = ws.addRow(r);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
}

/** A count or, when hidden, the word for hidden on a grey cell. */
function countCell(cell: ExcelJS.Cell, value: number | null, hidden: string): void {
  if (value === null) {
    cell.value = hidden;
    cell.fill = HIDDEN_FILL;
    cell.alignment = { horizontal: 'right' };
  } else {
    cell.value = value;
    cell.numFmt = '#,##0';
  }
}

function tableBlock(ws: ExcelJS.Worksheet, table: OneWayTable, t: Translate, language: Language): void {
  const hidden = t('reportsModule.table.hidden');
  const title = ws.addRow([dimensionLabel(table.dimension, t)]);
  title.font = { bold: true, size: 12 };
  styleHeader(ws.addRow([t('reportsModule.table.category'), t('reportsModule.table.count'), t('reportsModule.table.share')]));
  for (const r of table.rows) {
    const row = ws.addRow([categoryLabel(table.dimension, r.category, t, language)]);
    countCell(row.getCell(2), r.count, hidden);
    if (r.share !== null) {
      row.getCell(3).value = r.share;
      row.getCell(3).numFmt = '0.0%';
    }
  }
  for (const [label, value] of [
    [t('reportsModule.unknown'), table.unknown],
    [t('reportsModule.table.recorded'), table.recorded],
    [t('reportsModule.table.total'), table.total],
  ] as const) {
    const row = ws.addRow([label]);
    row.font = { italic: true };
    countCell(row.getCell(2), value, hidden);
  }
  if (table.multi) ws.addRow([t('reportsModule.table.multiNote')]).font = { italic: true, size: 9 };
  ws.addRow([]);
}

function crossSheet(wb: ExcelJS.Workbook, cross: CrossTab, t: Translate, language: Language): void {
  const hidden = t('reportsModule.table.hidden');
  const ws = wb.addWorksheet(t('reportsModule.sheet.crossTab').slice(0, 31));
  ws.addRow([`${dimensionLabel(cross.rows, t)} × ${dimensionLabel(cross.columns, t)}`]).font = TITLE_FONT;
  styleHeader(ws.addRow(['', ...cross.columnCategories.map((c) => categoryLabel(cross.columns, c, t, language)), t('reportsModule.table.rowTotal')]));
  cross.rowCategories.forEach((r, i) => {
    const row = ws.addRow([categoryLabel(cross.rows, r, t, language)]);
    cross.cells[i]!.forEach((v, j) => countCell(row.getCell(j + 2), v, hidden));
    countCell(row.getCell(cross.columnCategories.length + 2), cross.rowTotals[i]!, hidden);
    row.getCell(1).font = { bold: true };
  });
  const totals = ws.addRow([t('reportsModule.table.columnTotal')]);
  totals.font = { bold: true };
  cross.columnTotals.forEach((v, j) => countCell(totals.getCell(j + 2), v, hidden));
  countCell(totals.getCell(cross.columnCategories.length + 2), cross.grandTotal, hidden);
  if (cross.countsMentions) ws.addRow([t('reportsModule.table.mentionsNote')]).font = { italic: true, size: 9 };
  ws.getColumn(1).width = 34;
  for (let c = 2; c <= cross.columnCategories.length + 2; c++) ws.getColumn(c).width = 16;
}

export async function demographicsXlsx(report: DemographicReport, head: FileHead, t: Translate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Counterpart';
  coverSheet(wb, head, t, [[t('reportsModule.sheet.casesCounted'), report.cases ?? t('reportsModule.table.hidden')]]);
  const ws = wb.addWorksheet(t('reportsModule.tabs.demographics').slice(0, 31));
  ws.columns = [{ width: 44 }, { width: 14 }, { width: 12 }];
  for (const table of report.tables) tableBlock(ws, table, t, head.language);
  if (report.crossTab) crossSheet(wb, report.crossTab, t, head.language);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HIDDEN_CSV = 'x';
const csvCount = (v: number | null) => (v === null ? HIDDEN_CSV : String(v));

/** Long format with codes: section, dimension, category, count, share; hidden counts are `x`. */
export function demographicsCsv(report: DemographicReport, head: FileHead): string {
  const rows: string[][] = [];
  for (const table of report.tables) {
    for (const r of table.rows) rows.push(['table', table.dimension, r.category, csvCount(r.count), r.share === null ? '' : r.share.toFixed(4)]);
    rows.push(['table', table.dimension, 'unknown', csvCount(table.unknown), '']);
    rows.push(['recorded', table.dimension, '', csvCount(table.recorded), '']);
    rows.push(['total', table.dimension, '', csvCount(table.total), '']);
  }
  const cross = report.crossTab;
  if (cross) {
    cross.rowCategories.forEach((r, i) => cross.columnCategories.forEach((c, j) => rows.push(['cross', `${cross.rows}|${cross.columns}`, `${r}|${c}`, csvCount(cross.cells[i]![j]!), ''])));
    cross.rowCategories.forEach((r, i) => rows.push(['crossRowTotal', cross.rows, r, csvCount(cross.rowTotals[i]!), '']));
    cross.columnCategories.forEach((c, j) => rows.push(['crossColumnTotal', cross.columns, c, csvCount(cross.columnTotals[j]!), '']));
    rows.push(['crossTotal', '', '', csvCount(cross.grandTotal), '']);
  }
  rows.push(['protection', '', '', '', head.protection]);
  return toCsv(['section', 'dimension', 'category', 'count', 'share'], rows);
}

type KpiLine = [string, number | string | null];

function kpiLines(k: Kpis, t: Translate): KpiLine[] {
  return [
    [t('reportsModule.kpis.openCases'), k.caseload.openCases],
    [t('reportsModule.kpis.unassigned'), k.caseload.unassigned],
    [t('reportsModule.kpis.workers'), k.caseload.workers],
    [t('reportsModule.kpis.medianPerWorker'), k.caseload.median],
    [t('reportsModule.kpis.maxPerWorker'), k.caseload.max],
    [t('reportsModule.kpis.referredCases'), k.identificationToReferral.cases],
    [t('reportsModule.kpis.toReferral'), k.identificationToReferral.medianDays],
    [t('reportsModule.kpis.referralsDecided'), k.referrals.decided],
    [t('reportsModule.kpis.referralsAccepted'), k.referrals.accepted],
    [t('reportsModule.kpis.acceptedShare'), k.referrals.share],
    [t('reportsModule.kpis.followUpsOpen'), k.followUps.open],
    [t('reportsModule.kpis.followUpsOverdue'), k.followUps.overdue],
  ];
}

export async function kpisXlsx(k: Kpis, head: FileHead, t: Translate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Counterpart';
  coverSheet(wb, head, t, [[t('reportsModule.kpis.asOf', { date: k.asOf }), k.asOf]]);
  const hidden = t('reportsModule.table.hidden');
  const ws = wb.addWorksheet(t('reportsModule.sheet.kpis').slice(0, 31));
  ws.columns = [{ width: 60 }, { width: 16 }];
  styleHeader(ws.addRow([t('reportsModule.sheet.indicator'), t('reportsModule.sheet.value')]));
  for (const [label, value] of kpiLines(k, t)) {
    const row = ws.addRow([label]);
    if (typeof value === 'number' && !Number.isInteger(value)) {
      row.getCell(2).value = value;
      row.getCell(2).numFmt = label === t('reportsModule.kpis.acceptedShare') ? '0.0%' : '0.0';
    } else countCell(row.getCell(2), typeof value === 'number' ? value : null, hidden);
  }
  ws.addRow([]);
  styleHeader(ws.addRow([t('reportsModule.kpis.worker'), t('reportsModule.kpis.openCases')]));
  for (const w of k.caseload.perWorker) ws.addRow([w.worker, w.openCases]);
  ws.addRow([]);
  styleHeader(ws.addRow([t('reportsModule.kpis.period'), t('reportsModule.kpis.visits'), t('reportsModule.kpis.meanScore')]));
  ws.getColumn(3).width = 22;
  for (const p of k.reintegration) {
    const row = ws.addRow([p.period]);
    countCell(row.getCell(2), p.visits, hidden);
    if (p.meanScore === null) countCell(row.getCell(3), null, hidden);
    else {
      row.getCell(3).value = p.meanScore;
      row.getCell(3).numFmt = '0.000';
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function kpisCsv(k: Kpis, head: FileHead): string {
  const v = (x: number | null) => (x === null ? HIDDEN_CSV : String(x));
  const rows: string[][] = [
    ['openCases', '', v(k.caseload.openCases)],
    ['unassigned', '', v(k.caseload.unassigned)],
    ['workers', '', v(k.caseload.workers)],
    ['medianOpenCasesPerWorker', '', v(k.caseload.median)],
    ['maxOpenCasesPerWorker', '', v(k.caseload.max)],
    ...k.caseload.perWorker.map((w) => ['openCasesOfWorker', w.worker, String(w.openCases)]),
    ['casesReferred', '', v(k.identificationToReferral.cases)],
    ['medianDaysIdentificationToReferral', '', v(k.identificationToReferral.medianDays)],
    ['referralsAnswered', '', v(k.referrals.decided)],
    ['referralsAccepted', '', v(k.referrals.accepted)],
    ['shareOfReferralsAccepted', '', v(k.referrals.share)],
    ['followUpsOpen', '', v(k.followUps.open)],
    ['followUpsOverdue', '', v(k.followUps.overdue)],
    ...k.reintegration.flatMap((p) => [
      ['reintegrationVisits', p.period, v(p.visits)],
      ['reintegrationMeanScore', p.period, v(p.meanScore)],
    ]),
    ['protection', '', head.protection],
  ];
  return toCsv(['indicator', 'group', 'value'], rows);
}

export async function ctdcXlsx(rows: readonly CtdcRow[], head: FileHead, t: Translate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Counterpart';
  coverSheet(wb, head, t, [[t('reportsModule.sheet.casesCounted'), rows.length]]);
  const ws = wb.addWorksheet('CTDC');
  styleHeader(ws.addRow([...CTDC_COLUMNS]));
  for (const r of rows) ws.addRow(CTDC_COLUMNS.map((c) => (/^\d+$/.test(r[c]) ? Number(r[c]) : r[c])));
  ws.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { ctdcCsv };
export type { CtdcProtection };
