import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { WORKPLANS_XLSX, type ColumnKey, type PlanFieldKey, type WorkplansXlsxStrings } from '../../../shared/i18n/workplans-xlsx';
import {
  ACTIVITY_STATUSES,
  FREQUENCIES,
  MEASURES,
  PLAN_STATUSES,
  RESULT_LEVELS,
} from '../../../shared/domain/workplans';

/**
 * The layout of the plan template (docs/workplans.md §Spreadsheet): sheets, columns, what each column
 * holds, and the drop-down lists. The template writer and the importer both read it, so a column cannot
 * be written one way and read another.
 */

export const SHEETS = ['Plan', 'Pillars', 'Outcomes', 'Outputs', 'Activities', 'Indicators', 'Targets'] as const;
export type SheetName = (typeof SHEETS)[number];
export const INSTRUCTIONS_SHEET = 'Instructions';
export const LISTS_SHEET = 'Lists';

/** What a cell holds, which decides its validation in the template and its parsing on import. */
export type CellKind =
  | { kind: 'text'; required: boolean; max: number }
  | { kind: 'code'; required: boolean }
  | { kind: 'date' }
  | { kind: 'year'; required: boolean }
  | { kind: 'number'; required: boolean; min?: number; max?: number; integer?: boolean }
  | { kind: 'value' }
  | { kind: 'enum'; list: ListName; required: boolean }
  | { kind: 'agency' }
  | { kind: 'agencies' }
  | { kind: 'currency' }
  | { kind: 'period' }
  | { kind: 'yesNo'; fallback: boolean };

export type ListName = 'planStatus' | 'activityStatus' | 'measure' | 'frequency' | 'resultLevel' | 'yesNo' | 'computed' | 'agency';

export type Column = { key: ColumnKey; width: number; cell: CellKind };

const text = (max: number, required = false): CellKind => ({ kind: 'text', required, max });
const code = (required = true): CellKind => ({ kind: 'code', required });

export const COLUMNS: Record<Exclude<SheetName, 'Plan'>, Column[]> = {
  Pillars: [
    { key: 'code', width: 12, cell: code() },
    { key: 'title', width: 50, cell: text(300, true) },
    { key: 'order', width: 10, cell: { kind: 'number', required: false, min: 0, max: 1000, integer: true } },
  ],
  Outcomes: [
    { key: 'code', width: 12, cell: code() },
    { key: 'pillarCode', width: 14, cell: code() },
    { key: 'title', width: 60, cell: text(500, true) },
  ],
  Outputs: [
    { key: 'code', width: 12, cell: code() },
    { key: 'outcomeCode', width: 14, cell: code() },
    { key: 'title', width: 60, cell: text(500, true) },
  ],
  Activities: [
    { key: 'code', width: 12, cell: code() },
    { key: 'outputCode', width: 14, cell: code() },
    { key: 'title', width: 50, cell: text(500, true) },
    { key: 'description', width: 40, cell: text(5000) },
    { key: 'leadAgency', width: 16, cell: { kind: 'agency' } },
    { key: 'supportingAgencies', width: 28, cell: { kind: 'agencies' } },
    { key: 'start', width: 13, cell: { kind: 'date' } },
    { key: 'end', width: 13, cell: { kind: 'date' } },
    { key: 'budget', width: 14, cell: { kind: 'number', required: false, min: 0 } },
    { key: 'currency', width: 10, cell: { kind: 'currency' } },
    { key: 'status', width: 16, cell: { kind: 'enum', list: 'activityStatus', required: false } },
    { key: 'workplanYear', width: 12, cell: { kind: 'year', required: true } },
    { key: 'q1', width: 30, cell: text(1000) },
    { key: 'q2', width: 30, cell: text(1000) },
    { key: 'q3', width: 30, cell: text(1000) },
    { key: 'q4', width: 30, cell: text(1000) },
  ],
  Indicators: [
    { key: 'code', width: 12, cell: code() },
    { key: 'resultLevel', width: 14, cell: { kind: 'enum', list: 'resultLevel', required: true } },
    { key: 'resultCode', width: 14, cell: code() },
    { key: 'title', width: 50, cell: text(500, true) },
    { key: 'definition', width: 40, cell: text(5000) },
    { key: 'measure', width: 14, cell: { kind: 'enum', list: 'measure', required: true } },
    { key: 'ascending', width: 12, cell: { kind: 'yesNo', fallback: true } },
    { key: 'baseline', width: 12, cell: { kind: 'value' } },
    { key: 'baselineYear', width: 12, cell: { kind: 'year', required: false } },
    { key: 'bySex', width: 10, cell: { kind: 'yesNo', fallback: false } },
    { key: 'byAgeBand', width: 12, cell: { kind: 'yesNo', fallback: false } },
    { key: 'byCitizenship', width: 12, cell: { kind: 'yesNo', fallback: false } },
    { key: 'responsibleAgency', width: 16, cell: { kind: 'agency' } },
    { key: 'frequency', width: 14, cell: { kind: 'enum', list: 'frequency', required: true } },
    { key: 'dataSource', width: 30, cell: text(500) },
    { key: 'computedFrom', width: 22, cell: { kind: 'enum', list: 'computed', required: false } },
    { key: 'computedDays', width: 12, cell: { kind: 'number', required: false, min: 0, max: 365, integer: true } },
    { key: 'dhis2DataElement', width: 18, cell: text(50) },
  ],
  Targets: [
    { key: 'indicatorCode', width: 14, cell: code() },
    { key: 'period', width: 12, cell: { kind: 'period' } },
    { key: 'target', width: 14, cell: { kind: 'value' } },
  ],
};

/** The Plan sheet: one row per field, the value in column B. */
export const PLAN_FIELDS: { key: PlanFieldKey; cell: CellKind }[] = [
  { key: 'country', cell: { kind: 'text', required: true, max: 3 } },
  { key: 'planTitle', cell: text(300, true) },
  { key: 'startYear', cell: { kind: 'year', required: true } },
  { key: 'endYear', cell: { kind: 'year', required: true } },
  { key: 'version', cell: text(40, true) },
  { key: 'planStatus', cell: { kind: 'enum', list: 'planStatus', required: false } },
  { key: 'planDescription', cell: text(5000) },
  { key: 'ragGreenAt', cell: { kind: 'number', required: false, min: 0, max: 1000 } },
  { key: 'ragAmberAt', cell: { kind: 'number', required: false, min: 0, max: 1000 } },
  { key: 'dueMonthly', cell: { kind: 'number', required: false, min: 0, max: 366, integer: true } },
  { key: 'dueQuarterly', cell: { kind: 'number', required: false, min: 0, max: 366, integer: true } },
  { key: 'dueYearly', cell: { kind: 'number', required: false, min: 0, max: 366, integer: true } },
  { key: 'dhis2OrgUnit', cell: text(50) },
];

/** The values of each drop-down list, as codes, in list order. */
export const LIST_CODES: Record<Exclude<ListName, 'agency'>, readonly string[]> = {
  planStatus: PLAN_STATUSES,
  activityStatus: ACTIVITY_STATUSES,
  measure: MEASURES,
  frequency: FREQUENCIES,
  resultLevel: RESULT_LEVELS,
  yesNo: ['yes', 'no'],
  computed: ['none', 'victimsIdentified', 'shareReferredWithinDays'],
};

/** The label of a list value in one language. */
export function listLabel(strings: WorkplansXlsxStrings, list: Exclude<ListName, 'agency'>, value: string): string {
  const table: Record<Exclude<ListName, 'agency'>, Record<string, string>> = {
    planStatus: strings.values.planStatus,
    activityStatus: strings.values.activityStatus,
    measure: strings.values.measure,
    frequency: strings.values.frequency,
    resultLevel: strings.values.resultLevel,
    yesNo: strings.values.yesNo,
    computed: strings.values.computed,
  };
  return table[list][value] ?? value;
}

export const normalise = (s: string): string => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Label (in any language) or code -> code, for one list. */
export function listReader(list: Exclude<ListName, 'agency'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of LIST_CODES[list]) out.set(normalise(value), value);
  for (const language of LANGUAGES) for (const value of LIST_CODES[list]) out.set(normalise(listLabel(WORKPLANS_XLSX[language], list, value)), value);
  return out;
}

/** Heading (in any language) or key -> column key, for one sheet. */
export function headingReader(columns: readonly Column[]): Map<string, ColumnKey> {
  const out = new Map<string, ColumnKey>();
  for (const c of columns) out.set(normalise(c.key), c.key);
  for (const language of LANGUAGES) for (const c of columns) out.set(normalise(WORKPLANS_XLSX[language].columns[c.key]), c.key);
  return out;
}

/** Plan field label (in any language) or key -> field key. */
export function planFieldReader(): Map<string, PlanFieldKey> {
  const out = new Map<string, PlanFieldKey>();
  for (const f of PLAN_FIELDS) out.set(normalise(f.key), f.key);
  for (const language of LANGUAGES) for (const f of PLAN_FIELDS) out.set(normalise(WORKPLANS_XLSX[language].planFields[f.key]), f.key);
  return out;
}

/** Column letter of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export const MAX_ROWS = 5000;

export type { Language };
