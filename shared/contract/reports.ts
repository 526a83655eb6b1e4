import { z } from 'zod';
import { method } from './define';
import { FilePath } from './exchange';
import { Language } from '../i18n/languages';
import { DEFAULT_K, DemographicReport, DemographicRequest, K, Kpis, ReportFilters } from '../domain/reports';

/**
 * Reports and statistics (docs/reports.md): demographic tables and cross-tabs, case-management KPIs
 * and the CTDC export, every figure under disclosure control before it leaves the core. Aggregates
 * only — no name, contact, date of birth or free text is ever in an answer or a file — but they are
 * computed from personal data, so each call is permission-checked and audited.
 */

const analysts = ['admin', 'case_manager', 'me_officer'] as const;

export const KpiRequest = z.object({ filters: ReportFilters.default({}), k: K.default(DEFAULT_K), round: z.boolean().default(false) });
export type KpiRequest = z.output<typeof KpiRequest>;

export const CtdcRequest = z.object({ filters: ReportFilters.default({}), k: K.default(DEFAULT_K) });
export type CtdcRequest = z.output<typeof CtdcRequest>;

export const REPORT_FORMATS = ['xlsx', 'csv', 'json', 'pdf'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

const file = { format: ReportFormat, out: FilePath, language: Language.default('en') };
/** The CTDC file is a data set (one row per case): no printable form. */
const dataFile = { ...file, format: z.enum(['xlsx', 'csv', 'json']) };

export const ExportRequest = z.discriminatedUnion('report', [
  z.object({ report: z.literal('demographics'), request: DemographicRequest, ...file }),
  z.object({ report: z.literal('kpis'), request: KpiRequest, ...file }),
  z.object({ report: z.literal('ctdc'), request: CtdcRequest, ...dataFile }),
]);
export type ExportRequest = z.output<typeof ExportRequest>;

export const ExportResult = z.object({
  path: z.string(),
  bytes: z.number().int().min(0),
  /** How the figures were protected, in the file's language (also written into the file). */
  protection: z.string(),
  /** CTDC: the rows written. */
  rows: z.number().int().min(0).optional(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const reportsContract = {
  /** Counts and shares by the chosen dimensions and an optional cross-tab, protected. */
  'reports.demographics': method({ input: DemographicRequest, output: DemographicReport, access: analysts, readsPersonalData: true, longRunning: true }),
  /** Caseload, days to referral, referrals accepted, overdue follow-ups, reintegration scores by quarter. */
  'reports.kpis': method({ input: KpiRequest, output: Kpis, access: analysts, readsPersonalData: true, longRunning: true }),
  /** Writes a report as XLSX, CSV, JSON or PDF (the CTDC file: not PDF), with its protection statement. */
  'reports.export': method({ input: ExportRequest, output: ExportResult, access: analysts, readsPersonalData: true, longRunning: true }),
};
