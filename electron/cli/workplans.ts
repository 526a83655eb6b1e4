import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { MethodOutput } from '../../shared/contract';
import { Basis, Period, RecordId } from '../../shared/domain/workplans';
import { Language, LANGUAGES } from '../../shared/i18n/languages';
import type { Core } from '../rpc/core';
import { EXIT } from './exitCodes';
import type { CliHelpers } from './exchange';

/**
 * `counterpart npa template|import|report`: NPA plans from spreadsheet to national report
 * (docs/workplans.md). Registered by main.ts, which hands over its unlock, call and print helpers.
 */

type Common = { workspace: string; user?: string; json?: boolean };

function askYesNo(question: string): Promise<boolean> {
  return new Promise((done) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    rl.question(question, (answer) => {
      rl.close();
      done(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

const problemLines = (r: MethodOutput<'xlsx.import'>): string[] =>
  r.problems.map((p) => `  ${p.sheet}${p.row !== null ? ` row ${p.row}` : ''}${p.column ? ` column ${p.column}` : ''}: ${p.message}`);

const countsLine = (r: MethodOutput<'xlsx.import'>): string =>
  `${r.counts.pillars} pillars, ${r.counts.outcomes} outcomes, ${r.counts.outputs} outputs, ${r.counts.activities} activities, ${r.counts.indicators} indicators, ${r.counts.targets} targets, ${r.counts.workplans} annual workplans`;

/** The plan to report on: the one given, or the only plan of the workspace. */
async function pickPlan(h: CliHelpers, core: Core, given: string | undefined): Promise<string> {
  if (given) return RecordId.parse(given);
  const plans = await h.call(core, 'plans.list', {});
  if (plans.length === 1) return plans[0]!.id;
  if (plans.length === 0) throw new CounterpartError('NOT_FOUND', 'This workspace holds no NPA plan yet; import one with `counterpart npa import`.');
  throw new CounterpartError('VALIDATION', `This workspace holds ${plans.length} plans; say which with --plan: ${plans.map((p) => `${p.id} (${p.title})`).join(', ')}.`);
}

export function registerWorkplansCommands(program: Command, h: CliHelpers): void {
  const withCommon = (c: Command) => c.addOption(h.workspaceOption()).addOption(h.userOption()).addOption(h.jsonOption());
  const npa = program.command('npa').description('National Plan of Action: plan template, spreadsheet import, national progress report');

  withCommon(
    npa
      .command('template')
      .description('write the empty plan template (.xlsx) with instructions and drop-down lists')
      .requiredOption('--out <file>', 'template file to write')
      .addOption(new Option('--lang <language>', 'language of the instructions and headings').choices(LANGUAGES).default('en')),
  ).action((opts: Common & { out: string; lang: string }) =>
    h.withUnlocked(opts, async (core) => {
      const written = await h.call(core, 'xlsx.template', { out: resolve(opts.out), language: Language.parse(opts.lang) });
      h.print(opts, written, () => `Plan template written to ${written.path}.`);
    }),
  );

  withCommon(
    npa
      .command('import')
      .description('check a filled plan template and import it as a new plan held by this organisation (all or nothing)')
      .argument('<file>', 'the filled template (.xlsx)')
      .option('--yes', 'import without asking once the file has no problem')
      .addOption(new Option('--lang <language>', 'language of the problems found in the file').choices(LANGUAGES).default('en')),
  ).action((file: string, opts: Common & { yes?: boolean; lang: string }) =>
    h.withUnlocked(opts, async (core) => {
      const path = resolve(file);
      const language = Language.parse(opts.lang);
      const preview = await h.call(core, 'xlsx.import', { path, mode: 'preview', language });
      if (preview.problems.length > 0) {
        h.print(opts, preview, () => [`${preview.problems.length} problem${preview.problems.length === 1 ? '' : 's'} in ${path}; nothing was imported:`, ...problemLines(preview)].join('\n'));
        process.exitCode = EXIT.usage;
        return;
      }
      if (!opts.yes) {
        if (!process.stdin.isTTY) throw new CounterpartError('VALIDATION', 'No terminal to confirm the import: add --yes once the file is checked.');
        process.stderr.write(`${preview.plan?.title} (${preview.plan?.country}, ${preview.plan?.startYear}-${preview.plan?.endYear}): ${countsLine(preview)}.\n`);
        if (!(await askYesNo('Import this plan? [y/N] '))) throw new CounterpartError('CANCELLED', 'Not imported.');
      }
      const applied = await h.call(core, 'xlsx.import', { path, mode: 'apply', language });
      if (!applied.imported) {
        h.print(opts, applied, () => ['The file changed since it was checked; nothing was imported:', ...problemLines(applied)].join('\n'));
        process.exitCode = EXIT.usage;
        return;
      }
      h.print(opts, applied, () => `Imported plan ${applied.planId}: ${applied.plan?.title}; ${countsLine(applied)}.`);
    }),
  );

  withCommon(
    npa
      .command('report')
      .description('the national progress report of a period: formatted XLSX, printable PDF with charts, or DHIS2 dataValueSets JSON')
      .addOption(new Option('--format <format>', 'xlsx or pdf for people, dhis2 for systems').choices(['xlsx', 'pdf', 'dhis2']).makeOptionMandatory())
      .requiredOption('--period <period>', 'a year (2025), a quarter (2025Q1) or a month (202503)')
      .requiredOption('--out <file>', 'file to write')
      .option('--plan <id>', 'the plan (default: the only plan of the workspace)')
      .addOption(new Option('--basis <basis>', 'count approved progress only, or submitted too').choices(['approved', 'submitted']).default('approved'))
      .addOption(new Option('--lang <language>', 'language of the XLSX or PDF report').choices(LANGUAGES).default('en'))
      .option('--no-targets', 'DHIS2: leave the targets out'),
  ).action((opts: Common & { format: 'xlsx' | 'pdf' | 'dhis2'; period: string; out: string; plan?: string; basis: string; lang: string; targets: boolean }) =>
    h.withUnlocked(opts, async (core) => {
      const planId = await pickPlan(h, core, opts.plan);
      const period = Period.parse(opts.period);
      const basis = Basis.parse(opts.basis);
      const out = resolve(opts.out);
      if (opts.format === 'xlsx') {
        const written = await h.call(core, 'reports.progressXlsx', { planId, period, out, basis, language: Language.parse(opts.lang) });
        h.print(opts, written, () => `National progress report for ${period} written to ${written.path} (sheets: ${written.sheets.join(', ')}).`);
        return;
      }
      if (opts.format === 'pdf') {
        const written = await h.call(core, 'reports.progressPdf', { planId, period, out, basis, language: Language.parse(opts.lang) });
        h.print(opts, written, () => `National progress report for ${period} written to ${written.path} (${written.pages} pages).`);
        return;
      }
      const written = await h.call(core, 'dhis2.export', { planId, period, out, basis, includeTargets: z.boolean().parse(opts.targets) });
      h.print(opts, written, () =>
        [`${written.dataValues} DHIS2 data values for ${period} written to ${written.path}.`, ...written.skipped.map((s) => `  ${s.indicator}: ${s.reason}`)].join('\n'),
      );
    }),
  );
}
