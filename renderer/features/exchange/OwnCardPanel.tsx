import { useState } from 'react';
import { Alert, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOwnCardQuery, useWriteOwnCardMutation } from './api';
import { Fingerprint } from './Fingerprint';
import { PathInput, isFullPath } from './PathInput';

/** This organisation's card: who we are, our fingerprint to read aloud, and writing the .cpcard file. */
export function OwnCardPanel() {
  const { t } = useTranslation();
  const { data, error } = useOwnCardQuery();
  const [writeCard, written] = useWriteOwnCardMutation();
  const [out, setOut] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);

  const submit = () => {
    if (!isFullPath(out)) {
      setPathError(t('exchangeModule.path.notFull'));
      return;
    }
    setPathError(null);
    void writeCard({ out: out.trim() });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="own-card-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="own-card-title">
          {t('exchangeModule.card.title')}
        </Title>
        <ErrorAlert error={error} />
        {data && (
          <>
            <Text size="sm" data-testid="own-card-name">
              {t('exchangeModule.card.identity', { name: data.card.name, code: data.card.code, country: data.card.country })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('exchangeModule.card.readAloud')}
            </Text>
            <Fingerprint value={data.fingerprint} testId="own-fingerprint" />
          </>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <div style={{ flex: 1, minWidth: 280 }}>
              <PathInput label={t('exchangeModule.card.outLabel')} description={t('exchangeModule.card.outHelp')} value={out} onChange={setOut} error={pathError} testId="own-card-out" />
            </div>
            <Button type="submit" loading={written.isLoading} data-testid="own-card-write">
              {t('exchangeModule.card.write')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={written.error} />
        {written.data?.path && (
          <Alert color="green" variant="light" role="status" title={t('exchangeModule.card.writtenTitle')} data-testid="own-card-written">
            <Code>{written.data.path}</Code>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
