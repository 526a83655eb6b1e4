import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { placeholdersOf, problemText, XLSX_PROBLEMS } from './workplans-xlsx-problems';

describe('spreadsheet import problems in every language', () => {
  const keys = Object.keys(XLSX_PROBLEMS.en) as (keyof typeof XLSX_PROBLEMS.en)[];

  it('every problem has all five languages, with the same placeholders as English, and none is an English copy', () => {
    expect(keys.length).toBeGreaterThan(50);
    for (const language of LANGUAGES) {
      expect(Object.keys(XLSX_PROBLEMS[language]).sort(), language).toEqual([...keys].sort());
      for (const key of keys) {
        const text = XLSX_PROBLEMS[language][key];
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(new Set(placeholdersOf(text)), `${language} ${key}`).toEqual(new Set(placeholdersOf(XLSX_PROBLEMS.en[key])));
        if (language !== 'en') expect(text, `${language} ${key} is the English text`).not.toBe(XLSX_PROBLEMS.en[key]);
      }
    }
  });

  it('Thai and Burmese problems are written in their own scripts', () => {
    for (const key of keys) {
      expect(XLSX_PROBLEMS.th[key], key).toMatch(/[\u0E00-\u0E7F]/);
      expect(XLSX_PROBLEMS.my[key], key).toMatch(/[\u1000-\u109F]/);
    }
  });

  it('fills placeholders with the values of the cell', () => {
    expect(problemText('es', 'duplicateTarget', { code: 'IND-3', period: '2018Q1', row: 7 })).toBe('Meta duplicada: el indicador IND-3 ya tiene una meta para 2018Q1 (fila 7).');
    expect(problemText('en', 'notWhole', { value: 2.5 })).toBe('2.5 must be a whole number.');
  });
});
