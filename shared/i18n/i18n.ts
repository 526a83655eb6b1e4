import i18next, { type i18n as I18n } from 'i18next';
import { LANGUAGES, type Language } from './languages';
import en from './locales/en.json';
import fr from './locales/fr.json';
import my from './locales/my.json';
import th from './locales/th.json';
import es from './locales/es.json';
import casesEn from './locales/cases/en.json';
import casesFr from './locales/cases/fr.json';
import casesMy from './locales/cases/my.json';
import casesTh from './locales/cases/th.json';
import casesEs from './locales/cases/es.json';
import exchangeEn from './locales/exchange/en.json';
import exchangeFr from './locales/exchange/fr.json';
import exchangeMy from './locales/exchange/my.json';
import exchangeTh from './locales/exchange/th.json';
import exchangeEs from './locales/exchange/es.json';
import workplansEn from './locales/workplans/en.json';
import workplansFr from './locales/workplans/fr.json';
import workplansMy from './locales/workplans/my.json';
import workplansTh from './locales/workplans/th.json';
import workplansEs from './locales/workplans/es.json';
import reportsEn from './locales/reports/en.json';
import reportsFr from './locales/reports/fr.json';
import reportsMy from './locales/reports/my.json';
import reportsTh from './locales/reports/th.json';
import reportsEs from './locales/reports/es.json';

/**
 * The UI's translations. Plain i18next, so the CLI or the Electron main process can use the same
 * catalogues without React; the renderer passes react-i18next's plugin in `plugins`.
 */
/*
 * Each feature module keeps its strings in its own catalogue files (locales/<feature>/<lang>.json),
 * mounted under the feature's key: `t('caseFile.title')` reads locales/cases/<lang>.json's `title`.
 */
const catalogue = <B extends object, C extends object, X extends object, W extends object, R extends object>(base: B, cases: C, exchange: X, workplans: W, reports: R) => ({
  translation: { ...base, caseFile: cases, exchangeModule: exchange, workplanModule: workplans, reportsModule: reports },
});

export const resources = {
  en: catalogue(en, casesEn, exchangeEn, workplansEn, reportsEn),
  fr: catalogue(fr, casesFr, exchangeFr, workplansFr, reportsFr),
  my: catalogue(my, casesMy, exchangeMy, workplansMy, reportsMy),
  th: catalogue(th, casesTh, exchangeTh, workplansTh, reportsTh),
  es: catalogue(es, casesEs, exchangeEs, workplansEs, reportsEs),
} as const;

export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The first shipped language among the user's preferred language tags (`th-TH` -> `th`), else English. */
export function matchLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

type Plugin = Parameters<I18n['use']>[0];

export async function createI18n(language: Language, plugins: readonly Plugin[] = []): Promise<I18n> {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  await instance.init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // Translations are text, never HTML: React escapes them when it renders, so i18next must not too.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
