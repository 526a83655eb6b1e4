import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import { CtdcRequest, KpiRequest, type ExportRequest } from '../../shared/contract/reports';
import { AgeBandBounds, DemographicRequest, Dimension, K_MAX, K_MIN, ReportFilters } from '../../shared/domain/reports';
import { Language, LANGUAGES } from '../../shared/i18n/languages';
import type { Core } from '../rpc/core';
import type { CliHelpers } from './exchange';

/**
 * `counterpart report demographics|ctdc|kpis` (docs/reports.md §Command line): the same protected
 * figures as the Reports screen, through the same dispatcher (role check, audit). Without --out, JSON
 * and CSV go to standard output; XLSX needs --out.
 */

const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
type Opts = {
  workspace: string;
  user?: string;
  format: (typeof FORMATS)[number];
  k?: string;
  round?: boolean;
  out?: string;
  from?: string;
  to?: string;
  stage?: string;
  org?: string;
  by?: string;
  cross?: string;
  ageBands?: string;
  lang: string;
};

const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

function filtersOf(o: Opts): ReportFilters {
  return ReportFilters.parse({ from: o.from, to: o.to, stage: list(o.stage), organisation: list(o.org) });
}

const kOf = (o: Opts) => (o.k === undefined ? undefined : z.coerce.number().int().min(K_MIN).max(K_MAX).parse(o.k));

function demographicRequest(o: Opts): DemographicRequest {
  const cross = list(o.cross);
  if (cross && cross.length !== 2) throw new CounterpartError('VALIDATION', 'Give the cross-tab as two dimensions: --cross gender,ageBand.');
  return DemographicRequest.parse({
    dimensions: list(o.by)?.map((d) => Dimension.parse(d)),
    crossTab: cross ? { rows: cross[0], columns: cross[1] } : undefined,
    filters: filtersOf(o),
    k: kOf(o),
    round: o.round ?? false,
    ageBands: o.ageBands ? AgeBandBounds.parse(list(o.ageBands)!.map(Number)) : undefined,
  });
}

function exportRequest(report: 'demographics' | 'ctdc' | 'kpis', o: Opts, out: string): ExportRequest {
  const file = { format: o.format, out, language: Language.parse(o.lang) };
  switch (report) {
    case 'demographics':
      return { report, request: demographicRequest(o), ...file };
    case 'kpis':
      return { report, request: KpiRequest.parse({ filters: filtersOf(o), k: kOf(o), round: o.round ?? false }), ...file };
    case 'ctdc':
      if (file.format === 'pdf') throw new CounterpartError('VALIDATION', 'The CTDC export is a data set: write it as csv, xlsx or json.');
      return { report, request: CtdcRequest.parse({ filters: filtersOf(o), k: kOf(o) }), ...file, format: file.format };
  }
}

export function registerReportCommands(program: Command, h: CliHelpers): void {
  const report = program.command('report').description('protected statistics over the cases: demographic tables, the CTDC export, case-management KPIs');
  for (const [name, description] of [
    ['demographics', 'counts and shares by gender, age band, citizenship, exploitation, … with an optional cross-tab'],
    ['ctdc', 'one row per case in the 27 columns of the CTDC dataset, k-anonymous'],
    ['kpis', 'caseload per worker, days to referral, referrals accepted, overdue follow-ups, reintegration scores'],
  ] as const) {
    report
      .command(name)
      .description(description)
      .addOption(h.workspaceOption())
      .addOption(h.userOption())
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('json'))
      .option('--k <n>', `smallest count published, ${K_MIN}–${K_MAX} (default 5)`)
      .option('--round', 'round every published count to a multiple of k')
      .option('--out <file>', 'file to write (standard output for json and csv when left out)')
      .option('--from <day>', 'cases registered from this day (YYYY-MM-DD)')
      .option('--to <day>', 'cases registered until this day (YYYY-MM-DD)')
      .option('--stage <stages>', 'comma-separated stages')
      .option('--org <codes>', 'comma-separated owning organisation codes')
      .option('--by <dimensions>', 'demographics: comma-separated dimensions (default all)')
      .option('--cross <rows,columns>', 'demographics: cross-tab of two dimensions')
      .option('--age-bands <ages>', 'demographics: upper age of each band, comma-separated (default CTDC’s nine)')
      .addOption(new Option('--lang <language>', 'language of an XLSX file and of the protection statement').choices(LANGUAGES).default('en'))
      .action((opts: Opts) =>
        h.withUnlocked({ ...opts, json: false }, async (core: Core) => {
          if (opts.out) {
            const written = await h.call(core, 'reports.export', exportRequest(name, opts, resolve(opts.out)));
            process.stderr.write(`${written.protection}\n`);
            h.print({ json: false }, written, () => `Wrote ${written.path} (${written.bytes} bytes${written.rows === undefined ? '' : `, ${written.rows} rows`}).`);
            return;
          }
          if (opts.format === 'xlsx' || opts.format === 'pdf') throw new CounterpartError('VALIDATION', `Say where to write the ${opts.format.toUpperCase()} file: --out FILE.`);
          if (opts.format === 'json' && name === 'demographics') {
            process.stdout.write(`${JSON.stringify(await h.call(core, 'reports.demographics', demographicRequest(opts)), null, 2)}\n`);
            return;
          }
          // Everything else is rendered by the core into a private temporary file, then printed.
          const dir = mkdtempSync(join(tmpdir(), 'counterpart-report-'));
          try {
            const written = await h.call(core, 'reports.export', exportRequest(name, opts, join(dir, `report.${opts.format}`)));
            process.stdout.write(readFileSync(written.path, 'utf8'));
            process.stderr.write(`${written.protection}\n`);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
      );
  }
}
