import { describe, expect, it } from 'vitest';
import { dateLocale, formatBytes, formatNumber, formatSeconds, numberLocale } from './format';

const chromiumWithoutBurmese = (locale: string) => !locale.startsWith('my');

describe('formatting in the UI language', () => {
  it('uses the language’s own locale data when the browser has it', () => {
    expect(numberLocale('th', chromiumWithoutBurmese)).toBe('th');
    expect(dateLocale('fr', { date: true, time: 'short' }, chromiumWithoutBurmese)).toEqual({ locale: 'fr', options: { dateStyle: 'medium', timeStyle: 'short' } });
  });

  it('falls back to Burmese digits and numeric dates where the browser has no Burmese data', () => {
    expect(numberLocale('my', chromiumWithoutBurmese)).toBe('en-u-nu-mymr');
    const { locale, options } = dateLocale('my', { date: true, time: 'short' }, chromiumWithoutBurmese);
    expect(locale).toBe('en-CA-u-nu-mymr');
    const text = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date('2026-03-14T09:41:00Z'));
    expect(text).toContain('၂၀၂၆-၀၃-၁၄');
    expect(text).toContain('၀၉:၄၁');
    expect(new Intl.NumberFormat(numberLocale('my', chromiumWithoutBurmese)).format(1234)).toBe('၁,၂၃၄');
  });

  it('formats numbers, sizes and countdowns with Intl', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'fr')).toMatch(/^12\s345$/u);
    expect(formatBytes(1_400_000, 'en')).toBe('1.4 MB');
    expect(formatSeconds(7_200, 'en')).toBe('8 sec');
  });
});
