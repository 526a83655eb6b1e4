import { basename, dirname } from 'node:path';
import { CounterpartError } from '../../shared/contract/errors';
import type { reportsContract } from '../../shared/contract/reports';
import type { ExportRequest, ExportResult } from '../../shared/contract/reports';
import { isoDay } from '../../shared/domain/cases';
import { ctdcRow, kAnonymise, matchesFilters, protectionStatement, type Kpis, type ReportFilters } from '../../shared/domain/reports';
import type { Unlocked } from '../identity/session';
import { writeFileAtomic } from '../exchange/outgoing';
import type { CallContext, Handlers } from '../rpc/types';
import { ctdcCsv, ctdcXlsx, demographicsCsv, demographicsXlsx, kpisCsv, kpisXlsx, type FileHead } from './exports';
import { demographicsPdf, kpisPdf } from './pdf';
import { loadReportCases } from './reportFacts';
import { storeKpis } from './kpiStore';
import { demographicsOf } from './reportCounts';
import { translator } from './strings';

/**
 * Reports over this workspace's cases (docs/reports.md). Figures are computed and protected here, in
 * the core; the UI, the CLI and every file get only what survived disclosure control.
 */

type Ctx = Pick<CallContext, 'signal' | 'progress'>;

/** The KPIs from the facts kept in the store (./kpiStore.ts; the reference derivation from the records is `kpisByDerivation` in ./reportFacts.ts). */
export function kpisOf(u: Unlocked, req: { filters: ReportFilters; k: number; round: boolean }, ctx: Ctx, today = isoDay(new Date())): Kpis {
  return storeKpis(u.workspace.db, req, { today, signal: ctx.signal, progress: ctx.progress });
}

export function ctdcOf(u: Unlocked, req: { filters: ReportFilters; k: number }, ctx: Ctx) {
  const { cases } = loadReportCases(u.workspace.db, { signal: ctx.signal, progress: ctx.progress });
  return kAnonymise(
    cases.filter((c) => matchesFilters(c, req.filters)).map(ctdcRow),
    req.k,
  );
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** Builds the protected figures of an export request and its file bytes. */
async function render(u: Unlocked, req: ExportRequest, ctx: Ctx): Promise<{ bytes: Buffer; protection: string; rows?: number; sidecar?: Buffer }> {
  const t = translator(req.language);
  const generatedAt = new Date().toISOString();
  const head = (title: string, protection: string, filters: ReportFilters): FileHead => ({
    title,
    organisation: `${u.organisation.name} (${u.organisation.code})`,
    generatedAt,
    filters,
    protection,
    language: req.language,
  });
  switch (req.report) {
    case 'demographics': {
      const report = demographicsOf(u.workspace.db, req.request, { signal: ctx.signal, progress: ctx.progress });
      const protection = protectionStatement(report.protection, t);
      const h = head(t('reportsModule.sheet.demographicsTitle'), protection, req.request.filters);
      if (req.format === 'xlsx') return { bytes: await demographicsXlsx(report, h, t), protection };
      if (req.format === 'pdf') return { bytes: await demographicsPdf(report, h, t), protection };
      if (req.format === 'csv') return { bytes: Buffer.from(demographicsCsv(report, h), 'utf8'), protection };
      return { bytes: json({ report: 'demographics', organisation: h.organisation, generatedAt, protectionStatement: protection, ...report }), protection };
    }
    case 'kpis': {
      const kpis = kpisOf(u, req.request, ctx);
      const kpiText = t('reportsModule.protection.kpis', { below: req.request.k - 1, k: req.request.k });
      const protection = req.request.round ? `${kpiText} ${t('reportsModule.protection.rounded', { k: req.request.k })}` : kpiText;
      const h = head(t('reportsModule.sheet.kpisTitle'), protection, req.request.filters);
      if (req.format === 'xlsx') return { bytes: await kpisXlsx(kpis, h, t), protection };
      if (req.format === 'pdf') return { bytes: await kpisPdf(kpis, h, t), protection };
      if (req.format === 'csv') return { bytes: Buffer.from(kpisCsv(kpis, h), 'utf8'), protection };
      return { bytes: json({ report: 'kpis', organisation: h.organisation, generatedAt, protectionStatement: protection, k: req.request.k, rounded: req.request.round, ...kpis }), protection };
    }
    case 'ctdc': {
      const { rows, protection: p } = ctdcOf(u, req.request, ctx);
      const protection = t('reportsModule.protection.ctdc', { k: p.k, generalised: p.generalisedRows, dropped: p.droppedRows });
      const h = head('CTDC', protection, req.request.filters);
      // The CSV keeps CTDC's exact 27 columns; its protection statement travels beside it.
      if (req.format === 'csv') return { bytes: Buffer.from(ctdcCsv(rows), 'utf8'), protection, rows: rows.length, sidecar: Buffer.from(`${protection}\n`, 'utf8') };
      if (req.format === 'xlsx') return { bytes: await ctdcXlsx(rows, h, t), protection, rows: rows.length };
      return { bytes: json({ report: 'ctdc', organisation: h.organisation, generatedAt, protectionStatement: protection, protection: p, rows }), protection, rows: rows.length };
    }
  }
}

const stopIfCancelled = (signal: AbortSignal) => {
  if (signal.aborted) throw new CounterpartError('CANCELLED', 'The report was cancelled; no file was written.');
};

export const reportsHandlers: Handlers<keyof typeof reportsContract> = {
  'reports.demographics': (req, { session, signal, progress }) => {
    const u = session.requireUnlocked();
    return demographicsOf(u.workspace.db, req, { signal, progress });
  },
  'reports.kpis': (req, { session, signal, progress }) => kpisOf(session.requireUnlocked(), req, { signal, progress }),
  'reports.export': async (req, { session, signal, progress }): Promise<ExportResult> => {
    const u = session.requireUnlocked();
    const { bytes, protection, rows, sidecar } = await render(u, req, { signal, progress });
    stopIfCancelled(signal);
    const path = writeFileAtomic(dirname(req.out), basename(req.out), bytes);
    if (sidecar) writeFileAtomic(dirname(req.out), `${basename(req.out)}.protection.txt`, sidecar);
    u.audit.append({ actor: u.actor, action: 'reports.written', outcome: 'ok', details: { report: req.report, format: req.format, path, bytes: bytes.length, k: req.request.k } });
    return { path, bytes: bytes.length, protection, ...(rows === undefined ? {} : { rows }) };
  },
};
