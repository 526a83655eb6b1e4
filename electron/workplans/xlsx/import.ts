import ExcelJS from 'exceljs';
import { statSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { CounterpartError } from '../../../shared/contract/errors';
import type { SpreadsheetImport } from '../../../shared/contract/workplans';
import {
  activityProblems,
  ActivityData,
  DEFAULT_DUE_DAYS,
  DEFAULT_RAG,
  indicatorProblems,
  IndicatorData,
  nests,
  parsePeriod,
  PlanData,
  planProblems,
  valueProblem,
  type ComputedFrom,
  type Disaggregation,
  type IndicatorValue,
  type Target,
} from '../../../shared/domain/workplans';
import type { Language } from '../../../shared/i18n/languages';
import { WORKPLANS_XLSX } from '../../../shared/i18n/workplans-xlsx';
import { problemText } from '../../../shared/i18n/workplans-xlsx-problems';
import type { ColumnKey, PlanFieldKey } from '../../../shared/i18n/workplans-xlsx';
import type { Unlocked } from '../../identity/session';
import type { CallContext } from '../../rpc/types';
import { directory } from '../agencies';
import { write } from '../context';
import { LIST_CODES, listLabel, type ListName } from './layout';
import type { CellContext, Say } from './cells';
import { Problems, readDataSheet, readPlanSheet, type SheetRow } from './read';
import { activityRuleText, indicatorRuleText, issueText, planRuleText, valueText } from './ruleText';

/**
 * Importing a filled plan template (docs/workplans.md §Spreadsheet): every cell is read and checked, then
 * every row against the model's rules, then the sheets against each other (duplicate codes, missing
 * parents, unknown agencies). Every problem is listed with its sheet, row and column, in the language the
 * importer asked for (shared/i18n/workplans-xlsx-problems.ts); nothing is written
 * while one remains. A clean file becomes a new plan held by this organisation in ONE transaction.
 */

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

type Row<T> = T & { at: SheetRow };
type Parsed = {
  plan: PlanData;
  pillars: Row<{ code: string; title: string; order: number }>[];
  outcomes: Row<{ code: string; pillarCode: string; title: string }>[];
  outputs: Row<{ code: string; outcomeCode: string; title: string }>[];
  activities: Row<Omit<ActivityData, 'planId' | 'outputId'> & { outputCode: string; milestones: { q1: string; q2: string; q3: string; q4: string } }>[];
  indicators: Row<Omit<IndicatorData, 'planId' | 'resultId' | 'targets'> & { resultCode: string }>[];
  targets: Row<{ indicatorCode: string; period: string; value: IndicatorValue }>[];
};

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : v === undefined || v === null ? fallback : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Rule problems of a row, placed on the column of the field they name, in the importer's words. */
function placeRuleProblems<P extends { field: string }>(problems: Problems, sheet: string, at: SheetRow, list: P[], fieldColumn: Partial<Record<string, ColumnKey>>, text: (p: P) => string): void {
  for (const p of list) problems.add(sheet, at.row, at.column(fieldColumn[p.field.split('.')[0]!] ?? ('' as ColumnKey)), text(p));
}

/** zod issues of an assembled record, placed on the column of their field. */
function placeIssues(problems: Problems, sheet: string, at: SheetRow, issues: z.core.$ZodIssue[], fieldColumn: Partial<Record<string, ColumnKey>>, say: Say): void {
  for (const i of issues) problems.add(sheet, at.row, at.column(fieldColumn[String(i.path[0] ?? '')] ?? ('' as ColumnKey)), issueText(i, say));
}

/** First occurrence of each code; later ones are problems. */
function uniqueCodes<T extends { code: string; at: SheetRow }>(rows: T[], sheet: string, duplicate: 'duplicatePillar' | 'duplicateOutcome' | 'duplicateOutput' | 'duplicateActivity' | 'duplicateIndicator', problems: Problems, say: Say, key: ColumnKey = 'code'): Map<string, T> {
  const seen = new Map<string, T>();
  for (const r of rows) {
    const first = seen.get(r.code);
    if (first) problems.add(sheet, r.at.row, r.at.column(key), say(duplicate, { code: r.code, row: first.at.row }));
    else seen.set(r.code, r);
  }
  return seen;
}

async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CounterpartError('NOT_FOUND', `There is no file at ${path}.`, { path });
  }
  if (size > MAX_XLSX_BYTES) throw new CounterpartError('VALIDATION', `The file is ${Math.round(size / 1e6)} MB; a plan template is at most ${MAX_XLSX_BYTES / 1e6} MB.`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch {
    throw new CounterpartError('VALIDATION', 'This file is not an Excel workbook (.xlsx); save it as .xlsx and try again.', { path });
  }
  return wb;
}

/** Reads and checks everything; `parsed` is set only when there is no problem. */
export function checkWorkbook(u: Unlocked, wb: ExcelJS.Workbook, language: Language): { problems: Problems; parsed: Parsed | null } {
  const problems = new Problems();
  const known = directory(u);
  const strings = WORKPLANS_XLSX[language];
  const say: Say = (key, params) => problemText(language, key, params);
  const ctx: CellContext = {
    agencies: new Set(known.keys()),
    ownCode: u.organisation.code,
    listLabels: (list: Exclude<ListName, 'agency'>) => LIST_CODES[list].map((c) => listLabel(strings, list, c)),
    say,
    strings,
  };

  // ---- Plan
  const sheet = readPlanSheet(wb, ctx, problems);
  let plan: PlanData | null = null;
  if (sheet && !sheet.failed) {
    const v = sheet.values;
    const candidate = {
      country: str(v.country).toUpperCase(),
      title: str(v.planTitle),
      startYear: num(v.startYear),
      endYear: num(v.endYear),
      version: str(v.version),
      status: str(v.planStatus, 'draft'),
      description: str(v.planDescription),
      agencies: [{ code: u.organisation.code, name: u.organisation.name }],
      rag: { greenAt: num(v.ragGreenAt) ?? DEFAULT_RAG.greenAt, amberAt: num(v.ragAmberAt) ?? DEFAULT_RAG.amberAt },
      dueDays: { monthly: num(v.dueMonthly) ?? DEFAULT_DUE_DAYS.monthly, quarterly: num(v.dueQuarterly) ?? DEFAULT_DUE_DAYS.quarterly, yearly: num(v.dueYearly) ?? DEFAULT_DUE_DAYS.yearly },
      ...(v.dhis2OrgUnit ? { dhis2OrgUnit: str(v.dhis2OrgUnit) } : {}),
    };
    const parsed = PlanData.safeParse(candidate);
    const rowOfField: Record<string, PlanFieldKey> = { country: 'country', title: 'planTitle', startYear: 'startYear', endYear: 'endYear', version: 'version', status: 'planStatus', rag: 'ragAmberAt' };
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.add('Plan', sheet.rowOf(rowOfField[String(i.path[0])] ?? 'planTitle'), 'B', issueText(i, say));
    } else {
      const rules = planProblems(parsed.data);
      for (const p of rules) problems.add('Plan', sheet.rowOf(rowOfField[p.field] ?? 'endYear'), 'B', planRuleText(p, parsed.data, say));
      if (rules.length === 0) plan = parsed.data;
    }
  }
  const years = plan ? { startYear: plan.startYear, endYear: plan.endYear } : null;

  // ---- Levels
  const pillarRows = readDataSheet(wb, 'Pillars', ctx, problems);
  const outcomeRows = readDataSheet(wb, 'Outcomes', ctx, problems);
  const outputRows = readDataSheet(wb, 'Outputs', ctx, problems);
  const activityRows = readDataSheet(wb, 'Activities', ctx, problems);
  const indicatorRows = readDataSheet(wb, 'Indicators', ctx, problems);
  const targetRows = readDataSheet(wb, 'Targets', ctx, problems);

  const ok = (rows: SheetRow[]) => rows.filter((r) => !r.failed);
  const pillars = ok(pillarRows).map((at, i) => ({ at, code: str(at.values.code), title: str(at.values.title), order: num(at.values.order) ?? i + 1 }));
  const outcomes = ok(outcomeRows).map((at) => ({ at, code: str(at.values.code), pillarCode: str(at.values.pillarCode), title: str(at.values.title) }));
  const outputs = ok(outputRows).map((at) => ({ at, code: str(at.values.code), outcomeCode: str(at.values.outcomeCode), title: str(at.values.title) }));

  const PLACEHOLDER = '00000000-0000-7000-8000-000000000000';
  const activityField: Partial<Record<string, ColumnKey>> = { code: 'code', title: 'title', description: 'description', leadAgency: 'leadAgency', supportingAgencies: 'supportingAgencies', start: 'start', end: 'end', budget: 'budget', currency: 'currency', status: 'status', workplanYear: 'workplanYear' };
  const activities: Parsed['activities'] = [];
  for (const at of ok(activityRows)) {
    const v = at.values;
    const data = {
      code: str(v.code),
      title: str(v.title),
      description: str(v.description),
      leadAgency: str(v.leadAgency),
      supportingAgencies: (v.supportingAgencies as string[] | undefined) ?? [],
      start: str(v.start),
      end: str(v.end),
      budget: num(v.budget),
      currency: v.currency === undefined ? null : str(v.currency),
      status: str(v.status, 'not_started'),
      workplanYear: num(v.workplanYear) ?? 0,
    };
    const parsed = ActivityData.safeParse({ ...data, planId: PLACEHOLDER, outputId: PLACEHOLDER });
    if (!parsed.success) {
      placeIssues(problems, 'Activities', at, parsed.error.issues, activityField, say);
      continue;
    }
    const bounds = years ?? { startYear: 1990, endYear: 2100 };
    const rules = activityProblems(parsed.data, bounds);
    placeRuleProblems(problems, 'Activities', at, rules, activityField, (p) => activityRuleText(p, parsed.data, bounds, say));
    if (rules.length) continue;
    const { planId: _p, outputId: _o, ...rest } = parsed.data;
    activities.push({ ...rest, at, outputCode: str(v.outputCode), milestones: { q1: str(v.q1), q2: str(v.q2), q3: str(v.q3), q4: str(v.q4) } });
  }

  const indicatorField: Partial<Record<string, ColumnKey>> = { code: 'code', title: 'title', definition: 'definition', measure: 'measure', baseline: 'baseline', baselineYear: 'baselineYear', disaggregation: 'bySex', responsibleAgency: 'responsibleAgency', frequency: 'frequency', dataSource: 'dataSource', computedFrom: 'computedFrom', dhis2DataElement: 'dhis2DataElement', resultLevel: 'resultLevel' };
  const indicators: Parsed['indicators'] = [];
  for (const at of ok(indicatorRows)) {
    const v = at.values;
    const disaggregation: Disaggregation[] = [...(v.bySex ? (['sex'] as const) : []), ...(v.byAgeBand ? (['ageBand'] as const) : []), ...(v.byCitizenship ? (['citizenship'] as const) : [])];
    const source = str(v.computedFrom, 'none');
    if (source === 'shareReferredWithinDays' && v.computedDays === undefined) {
      problems.add('Indicators', at.row, at.column('computedDays'), say('computedDaysMissing'));
      continue;
    }
    const computedFrom: ComputedFrom | null =
      source === 'victimsIdentified' ? { source } : source === 'shareReferredWithinDays' ? { source, days: num(v.computedDays) ?? 0 } : null;
    const data = {
      resultLevel: str(v.resultLevel),
      code: str(v.code),
      title: str(v.title),
      definition: str(v.definition),
      measure: str(v.measure),
      ascending: v.ascending !== false,
      baseline: (v.baseline as IndicatorValue | undefined) ?? null,
      baselineYear: num(v.baselineYear),
      disaggregation,
      responsibleAgency: str(v.responsibleAgency),
      frequency: str(v.frequency),
      dataSource: str(v.dataSource),
      computedFrom,
      dhis2DataElement: v.dhis2DataElement === undefined ? null : str(v.dhis2DataElement),
    };
    const parsed = IndicatorData.safeParse({ ...data, planId: PLACEHOLDER, resultId: PLACEHOLDER, targets: [] });
    if (!parsed.success) {
      placeIssues(problems, 'Indicators', at, parsed.error.issues, indicatorField, say);
      continue;
    }
    const rules = indicatorProblems(parsed.data, years ?? { startYear: 1990, endYear: 2100 });
    placeRuleProblems(problems, 'Indicators', at, rules, indicatorField, (p) => indicatorRuleText(p, parsed.data, say));
    if (rules.length) continue;
    const { planId: _p, resultId: _r, targets: _t, ...rest } = parsed.data;
    indicators.push({ ...rest, at, resultCode: str(v.resultCode) });
  }
  const targets = ok(targetRows).map((at) => ({ at, indicatorCode: str(at.values.indicatorCode), period: str(at.values.period), value: at.values.target as IndicatorValue | undefined }));

  // ---- Across sheets: duplicates, parents, targets
  const pillarByCode = uniqueCodes(pillars, 'Pillars', 'duplicatePillar', problems, say);
  const outcomeByCode = uniqueCodes(outcomes, 'Outcomes', 'duplicateOutcome', problems, say);
  const outputByCode = uniqueCodes(outputs, 'Outputs', 'duplicateOutput', problems, say);
  const activityByCode = uniqueCodes(activities, 'Activities', 'duplicateActivity', problems, say);
  const indicatorByCode = uniqueCodes(indicators, 'Indicators', 'duplicateIndicator', problems, say);
  // Rows that failed their own checks still own their code: a parent that failed is not "missing".
  const codesOf = (rows: SheetRow[]) => new Set(rows.map((r) => str(r.values.code)).filter(Boolean));
  const anyCodes = { pillar: codesOf(pillarRows), outcome: codesOf(outcomeRows), output: codesOf(outputRows), activity: codesOf(activityRows), indicator: codesOf(indicatorRows) };
  for (const o of outcomes) if (!anyCodes.pillar.has(o.pillarCode)) problems.add('Outcomes', o.at.row, o.at.column('pillarCode'), say('missingPillar', { code: o.pillarCode }));
  for (const o of outputs) if (!anyCodes.outcome.has(o.outcomeCode)) problems.add('Outputs', o.at.row, o.at.column('outcomeCode'), say('missingOutcome', { code: o.outcomeCode }));
  for (const a of activities) if (!anyCodes.output.has(a.outputCode)) problems.add('Activities', a.at.row, a.at.column('outputCode'), say('missingOutput', { code: a.outputCode }));
  for (const i of indicators) {
    if (!anyCodes[i.resultLevel].has(i.resultCode)) {
      const missing = ({ outcome: 'missingOutcome', output: 'missingOutput', activity: 'missingActivity' } as const)[i.resultLevel];
      problems.add('Indicators', i.at.row, i.at.column('resultCode'), say(missing, { code: i.resultCode }));
    }
  }
  const seenTargets = new Map<string, number>();
  const goodTargets: Parsed['targets'] = [];
  for (const t of targets) {
    const where = (key: ColumnKey) => t.at.column(key);
    const ind = indicatorByCode.get(t.indicatorCode);
    if (!ind) {
      if (!anyCodes.indicator.has(t.indicatorCode)) problems.add('Targets', t.at.row, where('indicatorCode'), say('missingIndicator', { code: t.indicatorCode }));
      continue;
    }
    if (t.value === undefined) {
      problems.add('Targets', t.at.row, where('target'), say('required'));
      continue;
    }
    const key = `${t.indicatorCode}\u0000${t.period}`;
    if (seenTargets.has(key)) {
      problems.add('Targets', t.at.row, where('period'), say('duplicateTarget', { code: t.indicatorCode, period: t.period, row: seenTargets.get(key)! }));
      continue;
    }
    seenTargets.set(key, t.at.row);
    const p = parsePeriod(t.period);
    let bad = false;
    if (!nests(ind.frequency, p.frequency)) {
      problems.add('Targets', t.at.row, where('period'), say('targetTooShort', { code: ind.code, frequency: strings.values.frequency[ind.frequency].toLocaleLowerCase(language), period: t.period }));
      bad = true;
    }
    if (years && (p.year < years.startYear || p.year > years.endYear)) {
      problems.add('Targets', t.at.row, where('period'), say('targetOutsidePlan', { period: t.period, start: years.startYear, end: years.endYear }));
      bad = true;
    }
    if (valueProblem(ind.measure, t.value)) {
      problems.add('Targets', t.at.row, where('target'), valueText(ind.measure, t.value, say));
      bad = true;
    }
    if (!bad) goodTargets.push({ ...t, value: t.value });
  }

  if (problems.list.length > 0 || !plan) return { problems, parsed: null };
  return {
    problems,
    parsed: {
      plan,
      pillars: [...pillarByCode.values()],
      outcomes: [...outcomeByCode.values()],
      outputs: [...outputByCode.values()],
      activities: [...activityByCode.values()],
      indicators: [...indicatorByCode.values()],
      targets: goodTargets,
    },
  };
}

const countsOf = (p: Parsed | null): SpreadsheetImport['counts'] => ({
  pillars: p?.pillars.length ?? 0,
  outcomes: p?.outcomes.length ?? 0,
  outputs: p?.outputs.length ?? 0,
  activities: p?.activities.length ?? 0,
  indicators: p?.indicators.length ?? 0,
  targets: p?.targets.length ?? 0,
  workplans: p ? new Set(p.activities.map((a) => a.workplanYear)).size : 0,
});

/** Writes a checked plan: every record through the write path, in the caller's transaction. */
function applyPlan(u: Unlocked, p: Parsed): string {
  const known = directory(u);
  const used = new Set<string>([u.organisation.code, ...p.activities.flatMap((a) => [a.leadAgency, ...a.supportingAgencies]), ...p.indicators.map((i) => i.responsibleAgency)]);
  const agencies = [...used].sort().map((code) => ({ code, name: known.get(code)?.name ?? code }));
  const planId = uuidv7();
  u.records.create('npa_plan', { ...p.plan, agencies }, { id: planId });
  const ids = { pillar: new Map<string, string>(), outcome: new Map<string, string>(), output: new Map<string, string>(), activity: new Map<string, string>() };
  for (const r of p.pillars) ids.pillar.set(r.code, u.records.create('npa_pillar', { planId, code: r.code, title: r.title, order: r.order }).id);
  for (const r of p.outcomes) ids.outcome.set(r.code, u.records.create('npa_outcome', { planId, pillarId: ids.pillar.get(r.pillarCode)!, code: r.code, title: r.title }).id);
  for (const r of p.outputs) ids.output.set(r.code, u.records.create('npa_output', { planId, outcomeId: ids.outcome.get(r.outcomeCode)!, code: r.code, title: r.title }).id);
  for (const r of p.activities) {
    const { at: _a, outputCode, milestones: _m, ...data } = r;
    ids.activity.set(r.code, u.records.create('npa_activity', { ...data, planId, outputId: ids.output.get(outputCode)! }).id);
  }
  for (const r of p.indicators) {
    const { at: _a, resultCode, ...data } = r;
    const targets: Target[] = p.targets.filter((t) => t.indicatorCode === r.code).map((t) => ({ period: t.period, value: t.value }));
    u.records.create('npa_indicator', { ...data, planId, resultId: ids[r.resultLevel].get(resultCode)!, targets });
  }
  for (const year of [...new Set(p.activities.map((a) => a.workplanYear))].sort()) {
    const items = p.activities.filter((a) => a.workplanYear === year).map((a) => ({ activityId: ids.activity.get(a.code)!, milestones: a.milestones }));
    u.records.create('npa_workplan', { planId, year, status: 'draft', items });
  }
  return planId;
}

export async function importPlanWorkbook(u: Unlocked, path: string, mode: 'preview' | 'apply', language: Language, ctx: Pick<CallContext, 'signal' | 'progress'>): Promise<SpreadsheetImport> {
  ctx.progress(0, 3, 'read');
  const wb = await loadWorkbook(path);
  if (ctx.signal.aborted) throw new CounterpartError('CANCELLED', 'The import was cancelled; nothing was changed.');
  ctx.progress(1, 3, 'check');
  const { problems, parsed } = checkWorkbook(u, wb, language);
  const summary = {
    problems: problems.list,
    plan: parsed ? { title: parsed.plan.title, country: parsed.plan.country, startYear: parsed.plan.startYear, endYear: parsed.plan.endYear } : null,
    counts: countsOf(parsed),
  };
  if (mode === 'preview' || !parsed) {
    ctx.progress(3, 3, 'done');
    return { mode, imported: false, planId: null, ...summary };
  }
  if (ctx.signal.aborted) throw new CounterpartError('CANCELLED', 'The import was cancelled; nothing was changed.');
  ctx.progress(2, 3, 'write');
  const planId = write(u, () => {
    const id = applyPlan(u, parsed);
    u.audit.append({ actor: u.actor, action: 'npa.xlsx.import', recordType: 'npa_plan', recordId: id, outcome: 'ok', details: { counts: summary.counts } });
    return id;
  });
  ctx.progress(3, 3, 'done');
  return { mode, imported: true, planId, ...summary };
}
