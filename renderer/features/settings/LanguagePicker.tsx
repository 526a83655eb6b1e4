import { useState } from 'react';
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/i18n/languages';
import { isLanguage } from '../../../shared/i18n/i18n';
import { useChangeLanguage } from '../../app/language';
import { languageEndonym, languageName } from '../../app/format';
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
    const own = languageEndonym(code);
    const inUi = languageName(code, i18n.language);
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
