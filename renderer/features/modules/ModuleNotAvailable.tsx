import { EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';

export type ModuleKey = 'cases' | 'workplans' | 'reports' | 'exchange';

/** A module whose screens are not built yet: says so plainly, rather than showing made-up data. */
export function ModuleNotAvailable({ module }: { module: ModuleKey }) {
  const { t } = useTranslation();
  return (
    <Page title={t(`nav.${module}`)} description={t(`modules.${module}.purpose`)}>
      <EmptyState
        title={t('modules.notAvailableTitle')}
        description={t('modules.notAvailableBody')}
        align="left"
        size="md"
        data-testid="module-not-available"
      />
    </Page>
  );
}
