/**
 * Dates, numbers and sizes in the UI's language, through Intl (no hand-made formats).
 *
 * Chromium (and so Electron) ships ICU data for its own UI languages only, and Burmese is not one of
 * them: `Intl` silently falls back to American English there. For a language the browser lacks, dates
 * are written numerically (2026-11-23 18:19, nothing to translate) and numbers in the language's own
 * digits, which ICU knows independently of the locale data (၂၀၂၆-၁၁-၂၃ ၁၈:၁၉).
 */

const NATIVE_DIGITS: Readonly<Record<string, string>> = { my: 'mymr' };

const supportCache = new Map<string, boolean>();

/** Whether this browser has locale data for `locale` (not merely a fallback). */
export function hasLocaleData(locale: string): boolean {
  let known = supportCache.get(locale);
  if (known === undefined) {
    try {
      known = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
    } catch {
      known = false;
    }
    supportCache.set(locale, known);
  }
  return known;
}

type Support = (locale: string) => boolean;

/** The locale to hand Intl for numbers: the language's own, or neutral digits of its script. */
export function numberLocale(language: string, supported: Support = hasLocaleData): string {
  if (supported(language)) return language;
  const digits = NATIVE_DIGITS[language.split('-')[0] ?? ''];
  return digits ? `en-u-nu-${digits}` : 'en';
}

const NUMERIC_DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const NUMERIC_TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The locale and options for dates: the language's own style, or ISO-like numbers in its digits. */
export function dateLocale(
  language: string,
  style: { date: boolean; time: 'none' | 'short' | 'medium' },
  supported: Support = hasLocaleData,
): { locale: string; options: Intl.DateTimeFormatOptions } {
  if (supported(language)) {
    return {
      locale: language,
      options: { ...(style.date ? { dateStyle: 'medium' } : {}), ...(style.time === 'none' ? {} : { timeStyle: style.time }) },
    };
  }
  const digits = NATIVE_DIGITS[language.split('-')[0] ?? ''];
  return {
    locale: digits ? `en-CA-u-nu-${digits}` : 'en-CA',
    options: {
      ...(style.date ? NUMERIC_DATE : {}),
      ...(style.time === 'none' ? {} : NUMERIC_TIME),
      ...(style.time === 'medium' ? { second: '2-digit' } : {}),
    },
  };
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(language: string, style: { date: boolean; time: 'none' | 'short' | 'medium' }): Intl.DateTimeFormat {
  const key = `d|${language}|${style.date}|${style.time}`;
  let format = cache.get(key);
  if (!format) {
    const { locale, options } = dateLocale(language, style);
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format as Intl.DateTimeFormat;
}

function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(numberLocale(language), options);
    cache.set(key, format);
  }
  return format as Intl.NumberFormat;
}

const toDate = (value: string | number | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** 14 Mar 2025, 09:41 — for record times. Unparseable input is shown as given. */
export function formatDateTime(value: string | number | Date, language: string): string {
  const date = toDate(value);
  return date ? dateFormat(language, { date: true, time: 'short' }).format(date) : String(value);
}

/** With seconds, for the audit log where order within a minute matters. */
export function formatTimestamp(value: string | number | Date, language: string): string {
  const date = toDate(value);
  return date ? dateFormat(language, { date: true, time: 'medium' }).format(date) : String(value);
}

export function formatNumber(value: number, language: string): string {
  return numberFormat(language).format(value);
}

export function formatPercent(fraction: number, language: string): string {
  return numberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1.4 MB, in the locale's words for the unit. */
export function formatBytes(bytes: number, language: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(language, { style: 'unit', unit: BYTE_UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** Whole seconds left, rounded up, for countdowns ("try again in 8 s"). */
export function formatSeconds(ms: number, language: string): string {
  return numberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(Math.max(0, Math.ceil(ms / 1000)));
}

/**
 * A country's name from its ISO 3166 alpha-2 code, in the UI's language when the browser knows it,
 * else in English (the list also shows the alpha-3 code, which reads the same everywhere).
 */
export function regionName(alpha2: string, language: string): string {
  try {
    const locale = hasLocaleData(language) ? language : 'en';
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(alpha2) ?? alpha2;
  } catch {
    return alpha2;
  }
}
