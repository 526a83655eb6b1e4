import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contract/errors';
import { ROLES } from '../domain/roles';
import { ORG_TYPES } from '../domain/organisation';
import { LANGUAGES, type Language } from './languages';
import { createI18n, matchLanguage, resources } from './i18n';

type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

const catalogues = Object.fromEntries(LANGUAGES.map((language) => [language, flatten(resources[language].translation)])) as Record<Language, Flat>;
const english = catalogues.en;
const others = LANGUAGES.filter((language) => language !== 'en');

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? '').sort();

/**
 * Values that may read the same as in English: the product's name, and strings that are only
 * placeholders and symbols. Anything else identical to English is an untranslated copy.
 */
const SAME_AS_ENGLISH: Partial<Record<Language, readonly string[]>> = {
  fr: ['app.name', 'app.titleWithOrganisation', 'home.idleMinutes', 'nav.administration', 'setup.steps.organisation', 'users.actions', 'audit.action', 'audit.pagination.page'],
  es: ['app.name', 'app.titleWithOrganisation', 'home.idleMinutes'],
  my: ['app.name', 'app.titleWithOrganisation'],
  th: ['app.name', 'app.titleWithOrganisation'],
};

/** The script each language is written in: a translation without a single letter of it is a copy. */
const SCRIPT: Partial<Record<Language, RegExp>> = { my: /[\u1000-\u109f]/u, th: /[\u0e00-\u0e7f]/u };

describe('translation catalogues', () => {
  it('English has only non-empty strings', () => {
    for (const [key, value] of english) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  for (const language of others) {
    describe(language, () => {
      const catalogue = catalogues[language];

      it('has every key of English, with a non-empty text', () => {
        const missing = [...english.keys()].filter((key) => typeof catalogue.get(key) !== 'string' || (catalogue.get(key) as string).trim() === '');
        expect(missing).toEqual([]);
      });

      it('has no key that English does not have', () => {
        expect([...catalogue.keys()].filter((key) => !english.has(key))).toEqual([]);
      });

      it('uses the same interpolation placeholders as English in every text', () => {
        const different = [...english]
          .filter(([key, value]) => typeof catalogue.get(key) === 'string' && placeholders(String(value)).join() !== placeholders(String(catalogue.get(key))).join())
          .map(([key]) => key);
        expect(different).toEqual([]);
      });

      it('is translated, not copied from English', () => {
        const allowed = new Set(SAME_AS_ENGLISH[language] ?? []);
        const copies = [...english].filter(([key, value]) => catalogue.get(key) === value && !allowed.has(key)).map(([key]) => key);
        expect(copies).toEqual([]);
      });

      const script = SCRIPT[language];
      if (script) {
        it('is written in its own script', () => {
          const allowed = new Set(SAME_AS_ENGLISH[language] ?? []);
          const latinOnly = [...catalogue].filter(([key, value]) => !allowed.has(key) && !script.test(String(value))).map(([key]) => key);
          expect(latinOnly).toEqual([]);
        });
      }
    });
  }

  it('translates every error code, role and organisation type in every language', () => {
    const required = [...ERROR_CODES.map((code) => `errors.${code}`), ...ROLES.map((role) => `roles.${role}`), ...ROLES.map((role) => `roleHelp.${role}`), ...ORG_TYPES.map((type) => `orgTypes.${type}`)];
    for (const language of LANGUAGES) {
      const missing = required.filter((key) => typeof catalogues[language].get(key) !== 'string');
      expect(missing, language).toEqual([]);
    }
  });
});

describe('i18n set-up', () => {
  it('translates in the chosen language and falls back to English for nothing', async () => {
    const thai = await createI18n('th');
    expect(thai.t('nav.cases')).toBe(resources.th.translation.nav.cases);
    const burmese = await createI18n('my');
    expect(burmese.t('errors.WRONG_PASSWORD')).toBe(resources.my.translation.errors.WRONG_PASSWORD);
  });

  it('interpolates without HTML-escaping (React escapes when it renders)', async () => {
    const english = await createI18n('en');
    expect(english.t('lock.signedInAs', { name: '<b>Aye & Co</b>', username: 'aye' })).toContain('<b>Aye & Co</b>');
  });

  it('picks the first shipped language from the browser preferences', () => {
    expect(matchLanguage(['de-DE', 'th-TH', 'en'])).toBe('th');
    expect(matchLanguage(['my_MM'])).toBe('my');
    expect(matchLanguage(['de', 'ja'])).toBe('en');
    expect(matchLanguage([])).toBe('en');
  });
});
