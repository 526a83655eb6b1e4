import { useState } from 'react';
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/i18n/languages';
import { isLanguage, resources } from '../../../shared/i18n/i18n';
import { useChangeLanguage } from '../../app/language';
import { describeError } from '../../app/errors';

/**
 * The UI language. Each option shows the language's own name, then its name in the current language
 * ("ไทย — Thai"), so a person finds theirs whatever the screen is in.
 */
export function LanguagePicker({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { language, change, saving } = useChangeLanguage();
  const [error, setError] = useState<unknown>(null);
  const data = LANGUAGES.map((code) => {
    // Each catalogue names its own language; Intl cannot, where the browser lacks the locale's data.
    const own = resources[code].translation.languages[code];
    const inUi = t(`languages.${code}`);
    return { value: code, label: own === inUi ? own : `${own} — ${inUi}` };
  });
  return (
    <NativeSelect
      label={t('settings.language')}
      data={data}
      value={language}
      disabled={saving}
      error={error ? describeError(t, error, i18n.language) : undefined}
      size={compact ? 'xs' : 'sm'}
      w={compact ? 200 : 280}
      onChange={(e) => {
        const value = e.currentTarget.value;
        if (!isLanguage(value)) return;
        setError(null);
        change(value).catch((err: unknown) => setError(err));
      }}
      data-testid="language-picker"
    />
  );
}
