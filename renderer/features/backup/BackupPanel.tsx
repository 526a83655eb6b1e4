import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Code, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/contract';
import { useCancelCallMutation, useCreateBackupMutation } from '../../app/api';
import { getBridge, newCallId } from '../../app/bridge';
import { errorCode } from '../../app/errors';
import { formatBytes, formatDateTime, formatPercent } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';

type Running = { callId: string; done: number; total: number };

/**
 * Administrators: an encrypted backup into the workspace's backups/ folder. It runs in the core's
 * worker and reports progress events for its call id; Cancel sends `$cancel` for that id.
 */
export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const [createBackup] = useCreateBackupMutation();
  const [cancelCall, cancelling] = useCancelCallMutation();
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<MethodOutput<'backup.create'> | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const unsubscribe = useRef<(() => void) | null>(null);

  useEffect(() => () => unsubscribe.current?.(), []);

  const start = () => {
    const callId = newCallId('backup');
    setResult(null);
    setFailure(null);
    setRunning({ callId, done: 0, total: 0 });
    // Listen before calling, so that no early progress event is missed.
    unsubscribe.current?.();
    unsubscribe.current = getBridge().on('progress', (event) => {
      if (event.callId === callId) setRunning({ callId, done: event.done, total: event.total });
    });
    createBackup({ callId })
      .unwrap()
      .then(setResult)
      .catch((err: unknown) => setFailure(err))
      .finally(() => {
        unsubscribe.current?.();
        unsubscribe.current = null;
        setRunning(null);
      });
  };

  const fraction = running && running.total > 0 ? Math.min(1, running.done / running.total) : 0;
  const cancelled = errorCode(failure) === 'CANCELLED';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="backup-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="backup-title">
          {t('backup.title')}
        </Title>
        <Text size="sm">{t('backup.description')}</Text>
        {running && (
          <div>
            <Progress value={fraction * 100} animated={running.total === 0} striped={running.total === 0} aria-label={t('backup.progressLabel')} aria-valuetext={formatPercent(fraction, i18n.language)} data-testid="backup-progress" />
            <Text size="sm" c="dimmed" mt={4} aria-live="polite">
              {running.total > 0 ? t('backup.progress', { percent: formatPercent(fraction, i18n.language) }) : t('backup.starting')}
            </Text>
          </div>
        )}
        {result && (
          <Alert color="green" variant="light" role="status" title={t('backup.doneTitle')} data-testid="backup-result">
            <Text size="sm">{t('backup.done', { size: formatBytes(result.bytes, i18n.language), at: formatDateTime(result.createdAt, i18n.language) })}</Text>
            <Code block mt={4}>
              {result.path}
            </Code>
          </Alert>
        )}
        {cancelled ? (
          <Alert color="gray" variant="light" role="status">
            {t('backup.cancelled')}
          </Alert>
        ) : (
          <ErrorAlert error={failure} />
        )}
        <Group gap="sm">
          <Button onClick={start} loading={running !== null} data-testid="backup-start">
            {t('backup.start')}
          </Button>
          {running && (
            <Button variant="default" color="red" onClick={() => void cancelCall({ callId: running.callId })} loading={cancelling.isLoading} data-testid="backup-cancel">
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
