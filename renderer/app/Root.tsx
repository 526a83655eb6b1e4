import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { App } from './App';
import { currentLanguage } from './language';
import { cssVariablesResolver, theme } from './theme';

/** Providers that depend on the language (the font stack follows the script). */
export function Root() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <MantineProvider theme={theme(language)} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <App />
    </MantineProvider>
  );
}
