import i18next, { type i18n as I18n } from 'i18next';
import { LANGUAGES, type Language } from './languages';
import en from './locales/en.json';
import fr from './locales/fr.json';
import my from './locales/my.json';
import th from './locales/th.json';
import es from './locales/es.json';

/**
 * The UI's translations. Plain i18next, so the CLI or the Electron main process can use the same
 * catalogues without React; the renderer passes react-i18next's plugin in `plugins`.
 */
export const resources = {
  en: { translation: en },
  fr: { translation: fr },
  my: { translation: my },
  th: { translation: th },
  es: { translation: es },
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
