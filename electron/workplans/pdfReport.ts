import { basename, dirname } from 'node:path';
import type { Dashboard, DashboardIndicator } from '../../shared/contract/workplans';
import { ACTIVITY_STATUSES, RAGS, type Rag } from '../../shared/domain/workplans';
import type { Language } from '../../shared/i18n/languages';
import { pdfStrings } from '../../shared/i18n/workplans-pdf';
import { xlsxStrings } from '../../shared/i18n/workplans-xlsx';
import type { Unlocked } from '../identity/session';
import { writeFileAtomic } from '../exchange/outgoing';
import { renderPdf, type PdfBlock, type PdfCell, type PdfDocument } from '../pdf';

/**
 * The national progress report as a printable PDF (docs/workplans.md §Report): the same figures as
 * the dashboard and the XLSX report of the same period and basis, in the asked language. A summary
 * (activities by status and indicators by rating per pillar, with charts; reporting by agency), then
 * one section per pillar: activities by status and lead agency, the indicator table with rating, an
 * achievement chart, and the activities.
 */

const TONE: Record<Rag, 'green' | 'amber' | 'red' | 'grey'> = { green: 'green', amber: 'amber', red: 'red', none: 'grey' };
const fill = (template: string, values: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (m, k: string) => String(values[k] ?? m));

export function progressReportDocument(d: Dashboard, language: Language, organisation: string, generatedAt: Date): PdfDocument {
  const s = xlsxStrings(language);
  const p = pdfStrings(language);
  const status = (st: (typeof ACTIVITY_STATUSES)[number]) => s.values.activityStatus[st];
  const pillarName = (pl: { code: string; title: string }) => `${pl.code} ${pl.title}`;
  const blocks: PdfBlock[] = [];

  // ---- Summary
  blocks.push({ kind: 'heading', text: s.report.summary, level: 1 });
  blocks.push({
    kind: 'table',
    columns: [{ header: s.columns.field, weight: 1 }, { header: s.columns.value, weight: 2 }],
    rows: [
      [s.report.plan, `${d.plan.title} (${d.plan.startYear}–${d.plan.endYear}, ${d.plan.version})`],
      [s.report.country, d.plan.country],
      [s.report.period, `${d.period} (${d.periodStart} – ${d.periodEnd})`],
      [s.report.basis, d.basis === 'approved' ? s.report.basisApproved : s.report.basisSubmitted],
      [p.asOf, d.asOf],
    ],
  });
  blocks.push({ kind: 'paragraph', text: fill(p.thresholds, { green: d.thresholds.greenAt, amber: d.thresholds.amberAt }) });

  const categories = d.pillars.map(pillarName);
  blocks.push({
    kind: 'table',
    caption: p.activitiesByStatus,
    columns: [{ header: s.report.pillar, weight: 2.4 }, { header: s.report.total }, ...ACTIVITY_STATUSES.map((st) => ({ header: status(st) }))],
    rows: [
      ...d.pillars.map((pl) => [pillarName(pl), pl.activities.total, ...ACTIVITY_STATUSES.map((st) => pl.activities.byStatus[st])]),
      [s.report.total, ACTIVITY_STATUSES.reduce((n, st) => n + d.totals.activitiesByStatus[st], 0), ...ACTIVITY_STATUSES.map((st) => d.totals.activitiesByStatus[st])],
    ],
  });
  if (d.pillars.length > 0) {
    blocks.push({
      kind: 'chart',
      chart: { type: 'stackedBar', title: p.activitiesByStatus, categories, series: ACTIVITY_STATUSES.map((st) => ({ name: status(st), values: d.pillars.map((pl) => pl.activities.byStatus[st]) })), valueLabel: s.report.activities },
    });
  }
  blocks.push({
    kind: 'table',
    caption: p.indicatorsByRating,
    columns: [{ header: s.report.pillar, weight: 2.4 }, { header: s.report.total }, ...RAGS.map((r) => ({ header: s.values.rag[r] }))],
    rows: [
      ...d.pillars.map((pl) => [pillarName(pl), pl.indicators.total, ...RAGS.map((r) => pl.indicators.byRag[r])]),
      [s.report.total, RAGS.reduce((n, r) => n + d.totals.indicatorsByRag[r], 0), ...RAGS.map((r) => d.totals.indicatorsByRag[r])],
    ],
  });
  if (d.pillars.length > 0) {
    blocks.push({
      kind: 'chart',
      chart: { type: 'stackedBar', title: p.indicatorsByRating, categories, series: RAGS.map((r) => ({ name: s.values.rag[r], values: d.pillars.map((pl) => pl.indicators.byRag[r]) })), valueLabel: s.report.indicators },
    });
  }
  if (d.reporting.byAgency.length > 0) {
    blocks.push({ kind: 'heading', text: s.report.reporting, level: 2 });
    const dueStatuses = ['missing', 'draft', 'submitted', 'approved', 'returned'] as const;
    blocks.push({
      kind: 'table',
      columns: [{ header: s.report.agency, weight: 2.4 }, { header: s.report.due }, ...dueStatuses.map((k) => ({ header: s.values.dueStatus[k] })), { header: s.report.overdue }],
      rows: d.reporting.byAgency.map((a) => [`${a.agency} — ${a.agencyName}`, a.due, a.missing, a.draft, a.submitted, a.approved, a.returned, a.overdue]),
    });
  }

  // ---- One section per pillar
  for (const pl of d.pillars) {
    blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', text: `${s.report.pillar} ${pl.code}: ${pl.title}`, level: 1 });
    const activities = d.activities.filter((a) => a.pillarId === pl.id);
    const indicators = d.indicators.filter((i) => i.pillarId === pl.id);

    if (activities.length === 0) blocks.push({ kind: 'paragraph', text: p.noActivities });
    else {
      const agencies = [...new Map(activities.map((a) => [a.leadAgency, a.leadAgencyName])).entries()];
      blocks.push({
        kind: 'chart',
        chart: {
          type: 'stackedBar',
          title: p.activitiesByStatusAndAgency,
          categories: [p.allActivities, ...agencies.map(([code, name]) => `${code} — ${name}`)],
          series: ACTIVITY_STATUSES.map((st) => ({
            name: status(st),
            values: [pl.activities.byStatus[st], ...agencies.map(([code]) => activities.filter((a) => a.leadAgency === code && a.status === st).length)],
          })),
          valueLabel: s.report.activities,
        },
      });
    }

    blocks.push({ kind: 'heading', text: s.report.indicators, level: 2 });
    if (indicators.length === 0) blocks.push({ kind: 'paragraph', text: p.noIndicators });
    else {
      blocks.push({
        kind: 'table',
        columns: [
          { header: s.columns.code, weight: 0.8 },
          { header: s.columns.title, weight: 3 },
          { header: s.report.baseline, align: 'right' },
          { header: s.report.target, align: 'right' },
          { header: s.report.actual, align: 'right' },
          { header: s.report.achievement, align: 'right', format: 'percent' },
          { header: s.report.rag, weight: 1.1 },
        ],
        rows: indicators.map((i) => indicatorRow(i, s.report.notApplicable, s.values.rag[i.rag])),
      });
      const achieved = indicators.filter((i) => i.achievement !== null);
      if (achieved.length === 0) blocks.push({ kind: 'paragraph', text: p.noAchievement });
      else {
        blocks.push({
          kind: 'chart',
          chart: {
            type: 'bar',
            title: p.achievementChart,
            categories: achieved.map((i) => i.code),
            series: [{ name: s.report.achievement, values: achieved.map((i) => i.achievement) }],
            format: 'percent',
            reference: { value: 100, label: p.targetLine },
            valueLabel: s.report.achievement,
          },
        });
      }
    }

    if (activities.length > 0) {
      blocks.push({ kind: 'heading', text: s.report.activities, level: 2 });
      blocks.push({
        kind: 'table',
        columns: [
          { header: s.columns.code, weight: 0.8 },
          { header: s.columns.title, weight: 3 },
          { header: s.columns.leadAgency, weight: 1.6 },
          { header: s.columns.status, weight: 1.1 },
          { header: s.report.percentComplete, align: 'right', format: 'percent' },
        ],
        rows: activities.map((a) => [a.code, a.title, `${a.leadAgency} — ${a.leadAgencyName}`, status(a.status), a.percentComplete]),
      });
    }
  }

  return {
    title: s.report.reportTitle,
    subtitle: `${d.plan.title} — ${d.period}`,
    meta: { organisation, locale: language, generatedAt, pageLabel: p.pageLabel, generatedLabel: p.producedOn },
    blocks,
  };
}

function indicatorRow(i: DashboardIndicator, notApplicable: string, rag: string): PdfCell[] {
  return [
    i.code,
    i.title,
    i.baseline,
    i.applicable ? i.target : notApplicable,
    i.applicable ? i.actual : notApplicable,
    i.achievement,
    { value: rag, tone: TONE[i.rag] },
  ];
}

/** Counts the pages of a PDFKit file (each page is one uncompressed /Type /Page dictionary). */
export const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

export async function writeProgressPdf(u: Unlocked, d: Dashboard, out: string, language: Language, generatedAt = new Date()): Promise<{ path: string; pages: number; bytes: number }> {
  const pdf = await renderPdf(progressReportDocument(d, language, u.organisation.name, generatedAt));
  const path = writeFileAtomic(dirname(out), basename(out), new Uint8Array(pdf));
  const pages = pageCount(pdf);
  u.audit.append({ actor: u.actor, action: 'npa.report.pdf', recordType: 'npa_plan', recordId: d.plan.id, outcome: 'ok', details: { path, period: d.period, basis: d.basis, language, pages } });
  return { path, pages, bytes: pdf.length };
}
