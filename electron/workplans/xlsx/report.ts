import ExcelJS from 'exceljs';
import { basename, dirname } from 'node:path';
import type { Dashboard, DashboardIndicator } from '../../../shared/contract/workplans';
import { ACTIVITY_STATUSES, RAGS, type IndicatorValue } from '../../../shared/domain/workplans';
import { xlsxStrings, type WorkplansXlsxStrings } from '../../../shared/i18n/workplans-xlsx';
import type { Language } from '../../../shared/i18n/languages';
import type { Unlocked } from '../../identity/session';
import { writeFileAtomic } from '../../exchange/outgoing';
import { HEADER_FILL, HEADER_FONT, RAG_FILL } from './style';

/**
 * The national progress report as XLSX (docs/workplans.md §Report): a summary sheet (activities by
 * status and indicators by rating per pillar, reporting by agency) and one sheet per pillar (its
 * indicators with target, actual, achievement and rating; its activities with status and % complete),
 * in the UI language. Every figure comes from the dashboard of the same period and basis.
 */

const FORBIDDEN_IN_SHEET_NAMES = /[[\]:*?/\\]/g;

/** A sheet name Excel accepts (31 characters, no []:*?/\), unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(FORBIDDEN_IN_SHEET_NAMES, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

const numberFormat = (v: IndicatorValue | null): string | undefined => (typeof v === 'number' ? (Number.isInteger(v) ? '#,##0' : '#,##0.00') : undefined);

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.height = 30;
}

function indicatorRow(ws: ExcelJS.Worksheet, i: DashboardIndicator, s: WorkplansXlsxStrings): void {
  const row = ws.addRow([
    i.code,
    i.title,
    i.resultCode,
    i.responsibleAgencyName,
    s.values.measure[i.measure],
    s.values.frequency[i.frequency],
    i.baseline,
    i.applicable ? i.target : s.report.notApplicable,
    i.applicable ? i.actual : s.report.notApplicable,
    i.achievement,
    s.values.rag[i.rag],
    i.comments.map((c) => `${c.period}: ${c.comment}`).join('\n'),
  ]);
  for (const [col, v] of [[7, i.baseline], [8, i.target], [9, i.actual]] as const) {
    const fmt = numberFormat(v);
    if (fmt) row.getCell(col).numFmt = fmt;
  }
  row.getCell(10).numFmt = '0.0"%"';
  row.getCell(11).fill = RAG_FILL[i.rag];
  row.alignment = { vertical: 'top', wrapText: true };
}

export function reportWorkbook(d: Dashboard, language: Language): { wb: ExcelJS.Workbook; sheets: string[] } {
  const s = xlsxStrings(language);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Counterpart';
  const taken = new Set<string>();
  const sheets: string[] = [];

  // ---- Summary
  const summary = wb.addWorksheet(sheetName(s.report.summary, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheets.push(summary.name);
  summary.addRow([`${s.report.reportTitle} — ${d.plan.title}`]).font = { bold: true, size: 14 };
  summary.addRow([s.report.country, d.plan.country]);
  summary.addRow([s.report.period, `${d.period} (${d.periodStart} – ${d.periodEnd})`]);
  summary.addRow([s.report.basis, d.basis === 'approved' ? s.report.basisApproved : s.report.basisSubmitted]);
  summary.addRow([s.report.generated, d.asOf]);
  summary.addRow([]);
  styleHeader(
    summary.addRow([
      s.report.pillar,
      `${s.report.activities}: ${s.report.total}`,
      ...ACTIVITY_STATUSES.map((st) => s.values.activityStatus[st]),
      `${s.report.indicators}: ${s.report.total}`,
      ...RAGS.map((r) => s.values.rag[r]),
    ]),
  );
  for (const p of d.pillars) {
    summary.addRow([`${p.code} ${p.title}`, p.activities.total, ...ACTIVITY_STATUSES.map((st) => p.activities.byStatus[st]), p.indicators.total, ...RAGS.map((r) => p.indicators.byRag[r])]);
  }
  const total = summary.addRow([
    s.report.total,
    ACTIVITY_STATUSES.reduce((n, st) => n + d.totals.activitiesByStatus[st], 0),
    ...ACTIVITY_STATUSES.map((st) => d.totals.activitiesByStatus[st]),
    RAGS.reduce((n, r) => n + d.totals.indicatorsByRag[r], 0),
    ...RAGS.map((r) => d.totals.indicatorsByRag[r]),
  ]);
  total.font = { bold: true };
  summary.addRow([]);
  summary.addRow([s.report.reporting]).font = { bold: true };
  styleHeader(summary.addRow([s.report.agency, s.report.due, ...(['missing', 'draft', 'submitted', 'approved', 'returned'] as const).map((k) => s.values.dueStatus[k]), s.report.overdue]));
  for (const a of d.reporting.byAgency) summary.addRow([`${a.agency} — ${a.agencyName}`, a.due, a.missing, a.draft, a.submitted, a.approved, a.returned, a.overdue]);
  summary.getColumn(1).width = 44;
  for (let c = 2; c <= 12; c++) summary.getColumn(c).width = 14;

  // ---- One sheet per pillar
  for (const p of d.pillars) {
    const ws = wb.addWorksheet(sheetName(`${p.code} ${p.title}`, taken), { views: [{ state: 'frozen', ySplit: 2 }] });
    sheets.push(ws.name);
    ws.addRow([`${s.report.pillar} ${p.code}: ${p.title} — ${d.period}`]).font = { bold: true, size: 13 };
    styleHeader(
      ws.addRow([
        s.columns.code,
        s.report.indicators,
        s.columns.resultCode,
        s.columns.responsibleAgency,
        s.columns.measure,
        s.columns.frequency,
        s.report.baseline,
        s.report.target,
        s.report.actual,
        s.report.achievement,
        s.report.rag,
        s.report.comments,
      ]),
    );
    for (const i of d.indicators.filter((x) => x.pillarId === p.id)) indicatorRow(ws, i, s);
    ws.addRow([]);
    styleHeader(ws.addRow([s.columns.code, s.report.activities, s.columns.outputCode, s.columns.leadAgency, s.columns.start, s.columns.end, s.report.budget, s.columns.currency, s.columns.status, s.report.percentComplete, s.report.period, s.report.narrative]));
    for (const a of d.activities.filter((x) => x.pillarId === p.id)) {
      const row = ws.addRow([a.code, a.title, a.outputCode, a.leadAgencyName, a.start, a.end, a.budget, a.currency, s.values.activityStatus[a.status], a.percentComplete, a.reportedPeriod, a.narrative]);
      row.getCell(7).numFmt = '#,##0.00';
      row.getCell(10).numFmt = '0"%"';
      row.alignment = { vertical: 'top', wrapText: true };
    }
    const widths = [12, 48, 12, 26, 14, 14, 14, 14, 14, 14, 14, 48];
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  return { wb, sheets };
}

export async function writeProgressReport(u: Unlocked, d: Dashboard, out: string, language: Language): Promise<{ path: string; sheets: string[] }> {
  const { wb, sheets } = reportWorkbook(d, language);
  const path = writeFileAtomic(dirname(out), basename(out), new Uint8Array(await wb.xlsx.writeBuffer()));
  u.audit.append({ actor: u.actor, action: 'npa.report.xlsx', recordType: 'npa_plan', recordId: d.plan.id, outcome: 'ok', details: { path, period: d.period, basis: d.basis, language } });
  return { path, sheets };
}
