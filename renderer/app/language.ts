import { useCallback, useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { createI18n, isLanguage, matchLanguage } from '../../shared/i18n/i18n';
import type { Language } from '../../shared/i18n/languages';
import { useSetOwnLanguageMutation } from './api';
import { useAppSelector, selectUser } from './store';

/** Before anyone has unlocked, the language lives in this browser profile; afterwards in the user's row. */
const STORAGE_KEY = 'counterpart.language';

export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be unavailable (private window); the language then lasts for this session only.
  }
}

export function initialLanguage(): Language {
  return storedLanguage() ?? matchLanguage(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

export function setupI18n(language: Language = initialLanguage()): Promise<I18n> {
  return createI18n(language, [initReactI18next]);
}

export function currentLanguage(i18n: I18n): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

async function apply(i18n: I18n, language: Language): Promise<void> {
  storeLanguage(language);
  document.documentElement.lang = language;
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

/**
 * Switches the UI language at once, and remembers it: in the signed-in user's account
 * (users.setOwnLanguage) when the workspace is unlocked, in this browser profile always.
 */
export function useChangeLanguage(): { language: Language; change: (language: Language) => Promise<void>; saving: boolean } {
  const { i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const [setOwnLanguage, { isLoading }] = useSetOwnLanguageMutation();
  const change = useCallback(
    async (language: Language) => {
      await apply(i18n, language);
      if (user && user.language !== language) await setOwnLanguage({ language }).unwrap();
    },
    [i18n, user, setOwnLanguage],
  );
  return { language: currentLanguage(i18n), change, saving: isLoading };
}

/** After an unlock, the user's own language (if they chose one) wins over this profile's. */
export function useUserLanguage(): void {
  const { i18n } = useTranslation();
  const preferred = useAppSelector(selectUser)?.language ?? null;
  useEffect(() => {
    if (preferred) void apply(i18n, preferred);
  }, [i18n, preferred]);
  useEffect(() => {
    document.documentElement.lang = currentLanguage(i18n);
  }, [i18n, i18n.language]);
}
