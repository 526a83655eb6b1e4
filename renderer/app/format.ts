/**
 * Dates, numbers and sizes in the UI's language, through Intl (no hand-made formats). Burmese gets
 * Myanmar digits and Thai the Buddhist-era calendar where that is the locale's default.
 */

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format as Intl.DateTimeFormat;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format as Intl.NumberFormat;
}

const toDate = (value: string | number | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** 14 Mar 2025, 09:41 — for audit entries and record times. Unparseable input is shown as given. */
export function formatDateTime(value: string | number | Date, locale: string): string {
  const date = toDate(value);
  return date ? dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date) : String(value);
}

/** With seconds, for the audit log where order within a minute matters. */
export function formatTimestamp(value: string | number | Date, locale: string): string {
  const date = toDate(value);
  return date ? dateFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date) : String(value);
}

export function formatDate(value: string | number | Date, locale: string): string {
  const date = toDate(value);
  return date ? dateFormat(locale, { dateStyle: 'medium' }).format(date) : String(value);
}

export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

export function formatPercent(fraction: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1.4 MB, in the locale's words for the unit. */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(locale, { style: 'unit', unit: BYTE_UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** Whole seconds left, rounded up, for countdowns ("try again in 8 s"). */
export function formatSeconds(ms: number, locale: string): string {
  return numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(Math.max(0, Math.ceil(ms / 1000)));
}

/** A country's name from its ISO 3166 alpha-2 code, in the UI's language. */
export function regionName(alpha2: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(alpha2) ?? alpha2;
  } catch {
    return alpha2;
  }
}

/** A language's own name (its endonym): language pickers show "ไทย", not "Thai", so people find theirs. */
export function languageEndonym(language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** A language's name in the UI's current language. */
export function languageName(language: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(language) ?? language;
  } catch {
    return language;
  }
}
