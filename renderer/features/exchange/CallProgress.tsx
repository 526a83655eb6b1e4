import { Button, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../app/format';
import type { LongCallProgress } from './useLongCall';

/** The progress bar of a long call, with its percentage in words and a Cancel button. */
export function CallProgress({ running, label, onCancel }: { running: LongCallProgress | null; label: string; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  if (!running) return null;
  const fraction = running.total > 0 ? Math.min(1, running.done / running.total) : 0;
  return (
    <div data-testid="exchange-progress">
      <Progress value={fraction * 100} animated={running.total === 0} striped={running.total === 0} aria-label={label} aria-valuetext={formatPercent(fraction, i18n.language)} />
      <Group justify="space-between" mt={4}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {running.total > 0 ? t('exchangeModule.progress.percent', { percent: formatPercent(fraction, i18n.language) }) : t('exchangeModule.progress.starting')}
        </Text>
        <Button size="xs" variant="default" onClick={onCancel}>
          {t('exchangeModule.progress.cancel')}
        </Button>
      </Group>
    </div>
  );
}
