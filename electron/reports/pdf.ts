import { renderPdf, type PdfBlock, type PdfCell } from '../pdf';
import { categoryLabel, dimensionLabel, type DemographicReport, type Kpis, type OneWayTable, type Translate } from '../../shared/domain/reports';
import type { FileHead } from './exports';

/**
 * The printable demographic and KPI reports, through the shared PDF engine (docs/pdf.md): the
 * protection statement in the title block's notice slot, each table beside its chart. Hidden counts
 * print as the word for hidden on a grey marker and are left out of the charts (null, not zero).
 */

const hiddenCell = (t: Translate): PdfCell => ({ value: t('reportsModule.table.hidden'), tone: 'grey' });
const count = (v: number | null, t: Translate): PdfCell => (v === null ? hiddenCell(t) : v);

const meta = (head: FileHead, t: Translate) => ({
  organisation: head.organisation,
  locale: head.language,
  generatedAt: new Date(head.generatedAt),
  generatedLabel: t('reportsModule.sheet.generated'),
  pageLabel: t('reportsModule.sheet.page'),
  notice: head.protection,
});

function tableBlocks(table: OneWayTable, t: Translate, language: string): PdfBlock[] {
  const title = dimensionLabel(table.dimension, t);
  const labels = table.rows.map((r) => categoryLabel(table.dimension, r.category, t, language));
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: title, level: 2 },
    {
      kind: 'table',
      columns: [{ header: t('reportsModule.table.category'), weight: 3 }, { header: t('reportsModule.table.count'), format: 'number' }, { header: t('reportsModule.table.share'), format: 'percent' }],
      rows: [
        ...table.rows.map((r, i): PdfCell[] => [labels[i]!, count(r.count, t), r.share === null ? null : Math.round(r.share * 1000) / 10]),
        [t('reportsModule.unknown'), count(table.unknown, t), null],
        [t('reportsModule.table.recorded'), count(table.recorded, t), null],
        [t('reportsModule.table.total'), count(table.total, t), null],
      ],
    },
  ];
  if (table.multi) blocks.push({ kind: 'paragraph', text: t('reportsModule.table.multiNote') });
  if (table.rows.length > 0) {
    blocks.push({
      kind: 'chart',
      chart: { type: table.dimension === 'yearOfRegistration' ? 'line' : 'bar', title, categories: labels, series: [{ name: t('reportsModule.table.count'), values: table.rows.map((r) => r.count) }], valueLabel: t('reportsModule.table.count') },
    });
  }
  return blocks;
}

export async function demographicsPdf(report: DemographicReport, head: FileHead, t: Translate): Promise<Buffer> {
  const blocks: PdfBlock[] = [{ kind: 'paragraph', text: `${t('reportsModule.sheet.casesCounted')}: ${report.cases ?? t('reportsModule.table.hidden')}` }];
  for (const table of report.tables) blocks.push(...tableBlocks(table, t, head.language));
  const cross = report.crossTab;
  if (cross) {
    const rows = cross.rowCategories.map((c) => categoryLabel(cross.rows, c, t, head.language));
    const cols = cross.columnCategories.map((c) => categoryLabel(cross.columns, c, t, head.language));
    const title = `${dimensionLabel(cross.rows, t)} × ${dimensionLabel(cross.columns, t)}`;
    blocks.push(
      { kind: 'pageBreak' },
      { kind: 'heading', text: `${t('reportsModule.sheet.crossTab')}: ${title}`, level: 1 },
      {
        kind: 'table',
        columns: [{ header: '', weight: 2 }, ...cols.map((header) => ({ header, format: 'number' as const })), { header: t('reportsModule.table.rowTotal'), format: 'number' }],
        rows: [
          ...cross.cells.map((line, i): PdfCell[] => [rows[i]!, ...line.map((v) => count(v, t)), count(cross.rowTotals[i]!, t)]),
          [t('reportsModule.table.columnTotal'), ...cross.columnTotals.map((v) => count(v, t)), count(cross.grandTotal, t)],
        ],
      },
    );
    if (cross.countsMentions) blocks.push({ kind: 'paragraph', text: t('reportsModule.table.mentionsNote') });
    // The engine draws at most eight series: the largest columns, in their order.
    const series = cols.map((name, j) => ({ name, values: cross.cells.map((line) => line[j]!) })).slice(0, 8);
    if (rows.length > 0 && series.length > 0) blocks.push({ kind: 'chart', chart: { type: 'stackedBar', title, categories: rows, series } });
  }
  return renderPdf({ title: head.title, meta: meta(head, t), blocks });
}

export async function kpisPdf(k: Kpis, head: FileHead, t: Translate): Promise<Buffer> {
  const value = (v: number | null): PdfCell => (v === null ? hiddenCell(t) : v);
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: t('reportsModule.kpis.asOf', { date: k.asOf }) },
    {
      kind: 'table',
      columns: [{ header: t('reportsModule.sheet.indicator'), weight: 4 }, { header: t('reportsModule.sheet.value'), format: 'number' }],
      rows: [
        [t('reportsModule.kpis.openCases'), value(k.caseload.openCases)],
        [t('reportsModule.kpis.unassigned'), value(k.caseload.unassigned)],
        [t('reportsModule.kpis.workers'), k.caseload.workers],
        [t('reportsModule.kpis.medianPerWorker'), value(k.caseload.median)],
        [t('reportsModule.kpis.maxPerWorker'), value(k.caseload.max)],
        [t('reportsModule.kpis.referredCases'), value(k.identificationToReferral.cases)],
        [t('reportsModule.kpis.toReferral'), value(k.identificationToReferral.medianDays)],
        [t('reportsModule.kpis.referralsDecided'), value(k.referrals.decided)],
        [t('reportsModule.kpis.referralsAccepted'), value(k.referrals.accepted)],
        [t('reportsModule.kpis.acceptedShare'), k.referrals.share === null ? hiddenCell(t) : `${Math.round(k.referrals.share * 1000) / 10} %`],
        [t('reportsModule.kpis.followUpsOpen'), value(k.followUps.open)],
        [t('reportsModule.kpis.followUpsOverdue'), value(k.followUps.overdue)],
      ],
    },
  ];
  if (k.caseload.perWorker.length > 0) {
    blocks.push({ kind: 'heading', text: t('reportsModule.kpis.caseload'), level: 2 });
    blocks.push({ kind: 'table', columns: [{ header: t('reportsModule.kpis.worker'), weight: 3 }, { header: t('reportsModule.kpis.openCases'), format: 'number' }], rows: k.caseload.perWorker.map((w) => [w.worker, w.openCases]) });
  }
  if (k.reintegration.length > 0) {
    blocks.push({ kind: 'heading', text: t('reportsModule.kpis.reintegration'), level: 2 });
    blocks.push({
      kind: 'table',
      columns: [{ header: t('reportsModule.kpis.period') }, { header: t('reportsModule.kpis.visits'), format: 'number' }, { header: t('reportsModule.kpis.meanScore'), format: 'number' }],
      rows: k.reintegration.map((p) => [p.period, value(p.visits), value(p.meanScore)]),
    });
    blocks.push({ kind: 'chart', chart: { type: 'line', title: t('reportsModule.kpis.reintegration'), categories: k.reintegration.map((p) => p.period), series: [{ name: t('reportsModule.kpis.meanScore'), values: k.reintegration.map((p) => p.meanScore) }] } });
  }
  return renderPdf({ title: head.title, meta: meta(head, t), blocks });
}
