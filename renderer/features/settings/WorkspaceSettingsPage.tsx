import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useSettingsQuery, useUpdateSettingsMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { BackupPanel } from '../backup/BackupPanel';

const MIN_IDLE = 1;
const MAX_IDLE = 240;

/** Administrators: the workspace's settings (idle lock) and its backups. */
export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const settings = useSettingsQuery();
  const [update, { isLoading, error }] = useUpdateSettingsMutation();
  const [idleMinutes, setIdleMinutes] = useState<number | null>(null);

  useEffect(() => {
    if (settings.data) setIdleMinutes(settings.data.idleMinutes);
  }, [settings.data]);

  const valid = idleMinutes !== null && Number.isInteger(idleMinutes) && idleMinutes >= MIN_IDLE && idleMinutes <= MAX_IDLE;

  return (
    <Page title={t('settings.workspaceTitle')} description={t('settings.workspaceDescription')}>
      <Paper withBorder p="md" component="section" aria-labelledby="idle-title">
        <Title order={2} fz="h4" id="idle-title" mb="xs">
          {t('settings.idleTitle')}
        </Title>
        <ErrorAlert error={settings.error} />
        {settings.isLoading ? (
          <Skeleton h={80} />
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!valid || idleMinutes === null) return;
              update({ idleMinutes })
                .unwrap()
                .then(() => notifications.show({ color: 'green', message: t('settings.saved') }))
                .catch(() => undefined);
            }}
          >
            <Stack gap="sm" maw={420}>
              <Text size="sm">{t('settings.idleDescription')}</Text>
              <NumberInput
                label={t('settings.idleMinutes')}
                description={t('settings.idleRange', { min: MIN_IDLE, max: MAX_IDLE })}
                value={idleMinutes ?? ''}
                onChange={(value) => setIdleMinutes(typeof value === 'number' ? value : null)}
                min={MIN_IDLE}
                max={MAX_IDLE}
                step={1}
                allowDecimal={false}
                allowNegative={false}
                error={idleMinutes !== null && !valid ? t('settings.idleRange', { min: MIN_IDLE, max: MAX_IDLE }) : undefined}
                required
                data-testid="idle-minutes"
              />
              <ErrorAlert error={error} />
              <Group>
                <Button type="submit" loading={isLoading} disabled={!valid || idleMinutes === settings.data?.idleMinutes} data-testid="settings-save">
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
      <BackupPanel />
    </Page>
  );
}
