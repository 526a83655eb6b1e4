import type ExcelJS from 'exceljs';
import { isCurrencyCode, isPeriod, NpaCode } from '../../../shared/domain/workplans';
import { z } from 'zod';
import type { ProblemParams, XlsxProblemKey } from '../../../shared/i18n/workplans-xlsx-problems';
import type { WorkplansXlsxStrings } from '../../../shared/i18n/workplans-xlsx';
import { listReader, normalise, type CellKind, type ListName } from './layout';

/**
 * Reading one cell of a filled template: whatever Excel, LibreOffice or a script put there (numbers,
 * text, dates, formulas, rich text, links) becomes the value the model wants, or a plain-language reason
 * why it cannot, in the importing user's language (shared/i18n/workplans-xlsx-problems.ts).
 */

export type Plain = string | number | boolean | Date | null;
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = (message: string): Read<never> => ({ ok: false, message });

/** The plain value of a cell (formula results, rich text and links flattened); an Excel error as its text. */
export function plain(cell: ExcelJS.Cell): Plain | { error: string } {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if ('result' in o) {
      const r = o.result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'object' && r !== null && 'error' in r) return { error: String((r as { error: unknown }).error) };
      return typeof r === 'string' ? r.trim() || null : (r as Plain);
    }
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('').trim() || null;
    if (typeof o.text === 'string') return o.text.trim() || null;
  }
  return String(v);
}

const show = (v: Plain): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const asText = (v: Exclude<Plain, null>): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const IsoDay = z.iso.date();

/** A calendar day from a date cell, an Excel day number, or text written YYYY-MM-DD. */
export function readDate(v: Exclude<Plain, null>, say: Say): Read<string> {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? no(say('invalidDate')) : ok(v.toISOString().slice(0, 10));
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 120000) return ok(new Date(EXCEL_EPOCH + v * 86_400_000).toISOString().slice(0, 10));
  const text = String(v).trim();
  if (IsoDay.safeParse(text).success) return ok(text);
  return no(say('notDate', { value: text }));
}

function readNumber(v: Exclude<Plain, null>): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
  return null;
}

const readers = new Map<Exclude<ListName, 'agency'>, Map<string, string>>();
const readerOf = (list: Exclude<ListName, 'agency'>) => readers.get(list) ?? readers.set(list, listReader(list)).get(list)!;

/** A problem message in the importing user's language. */
export type Say = (key: XlsxProblemKey, params?: ProblemParams) => string;

export type CellContext = { agencies: ReadonlySet<string>; ownCode: string; listLabels: (list: Exclude<ListName, 'agency'>) => string[]; say: Say; strings: WorkplansXlsxStrings };

/**
 * Reads a cell as its kind wants. `undefined` means empty (the caller decides whether that is allowed);
 * a failed read carries the message shown to the user.
 */
export function readCell(kind: CellKind, raw: Plain | { error: string }, ctx: CellContext): Read<unknown> {
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) return no(ctx.say('excelError', { error: raw.error }));
  if (raw === null) {
    if ((kind.kind === 'text' || kind.kind === 'code' || kind.kind === 'year' || kind.kind === 'number' || kind.kind === 'enum') && kind.required) return no(ctx.say('required'));
    if (kind.kind === 'date' || kind.kind === 'agency' || kind.kind === 'period') return no(ctx.say('required'));
    if (kind.kind === 'yesNo') return ok(kind.fallback);
    return ok(undefined);
  }
  switch (kind.kind) {
    case 'text': {
      const text = asText(raw);
      return text.length > kind.max ? no(ctx.say('textTooLong', { length: text.length, max: kind.max })) : ok(text);
    }
    case 'code': {
      const parsed = NpaCode.safeParse(asText(raw));
      return parsed.success ? ok(parsed.data) : no(ctx.say('notCode', { value: show(raw) }));
    }
    case 'date':
      return readDate(raw, ctx.say);
    case 'year': {
      const n = readNumber(raw);
      return n !== null && Number.isInteger(n) && n >= 1990 && n <= 2100 ? ok(n) : no(ctx.say('notYear', { value: show(raw) }));
    }
    case 'number': {
      const n = readNumber(raw);
      if (n === null) return no(ctx.say('notNumber', { value: show(raw) }));
      if (kind.integer && !Number.isInteger(n)) return no(ctx.say('notWhole', { value: n }));
      if (kind.min !== undefined && n < kind.min) return no(ctx.say('belowMin', { value: n, min: kind.min }));
      if (kind.max !== undefined && n > kind.max) return no(ctx.say('aboveMax', { value: n, max: kind.max }));
      return ok(n);
    }
    case 'value': {
      const n = readNumber(raw);
      return ok(n ?? asText(raw));
    }
    case 'enum': {
      const code = readerOf(kind.list as Exclude<ListName, 'agency'>).get(normalise(asText(raw)));
      return code ? ok(code) : no(ctx.say('notInList', { value: show(raw), allowed: ctx.listLabels(kind.list as Exclude<ListName, 'agency'>).join(', ') }));
    }
    case 'yesNo': {
      if (typeof raw === 'boolean') return ok(raw);
      const code = readerOf('yesNo').get(normalise(asText(raw)));
      return code ? ok(code === 'yes') : no(ctx.say('notYesNo', { value: show(raw), yes: ctx.listLabels('yesNo')[0]!, no: ctx.listLabels('yesNo')[1]! }));
    }
    case 'agency': {
      const code = asText(raw).toUpperCase();
      return ctx.agencies.has(code) ? ok(code) : no(ctx.say('unknownAgency', { code, own: ctx.ownCode }));
    }
    case 'agencies': {
      const codes = asText(raw).split(/[,;\n]/).map((c) => c.trim().toUpperCase()).filter(Boolean);
      const unknown = codes.filter((c) => !ctx.agencies.has(c));
      return unknown.length ? no(unknown.map((c) => ctx.say('unknownAgency', { code: c, own: ctx.ownCode })).join(' ')) : ok([...new Set(codes)]);
    }
    case 'currency': {
      const code = asText(raw).toUpperCase();
      return isCurrencyCode(code) ? ok(code) : no(ctx.say('notCurrency', { value: show(raw) }));
    }
    case 'period': {
      const text = typeof raw === 'number' ? String(raw) : asText(raw).toUpperCase();
      return isPeriod(text) ? ok(text) : no(ctx.say('notPeriod', { value: show(raw) }));
    }
  }
}

