import { Alert, Button, Code, Group, Paper, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useOpenDemoMutation } from '../../app/api';
import { selectStatus, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PublicScreen } from '../../components/PublicScreen';
import { OpenWorkspaceDialog } from '../setup/OpenWorkspaceDialog';
import { RecoverDialog } from './RecoverDialog';
import { UnlockForm } from './UnlockForm';

/** A locked workspace and nobody known: sign in with a user name and password. */
export function UnlockScreen() {
  const { t } = useTranslation();
  const status = useAppSelector(selectStatus);
  const [recovering, { open: openRecover, close: closeRecover }] = useDisclosure(false);
  const [choosing, { open: openChoose, close: closeChoose }] = useDisclosure(false);
  const [openDemo, demo] = useOpenDemoMutation();

  const aside = (
    <Paper withBorder p="md" component="section" aria-labelledby="unlock-other-title">
      <Title order={2} fz="h4" id="unlock-other-title" mb="xs">
        {t('unlock.other.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('unlock.other.location')} <Code data-testid="workspace-location">{status?.workspacePath ?? ''}</Code>
      </Text>
      <Group gap="sm">
        <Button variant="default" onClick={openChoose} data-testid="open-existing">
          {t('setup.other.openExisting')}
        </Button>
        <Button variant="default" onClick={() => void openDemo().unwrap().catch(() => undefined)} loading={demo.isLoading} data-testid="open-demo">
          {t('setup.other.openDemo')}
        </Button>
      </Group>
      {demo.error ? <ErrorAlert error={demo.error} /> : null}
      <OpenWorkspaceDialog opened={choosing} onClose={closeChoose} />
    </Paper>
  );

  return (
    <PublicScreen title={t('unlock.title')} demo={status?.demo ?? false} aside={aside}>
      {status?.demo && (
        <Alert color="orange" variant="light" mb="md" title={t('app.demoTitle')}>
          {t('unlock.demoHint')}
        </Alert>
      )}
      <Text mb="md">{t('unlock.intro')}</Text>
      <UnlockForm onForgotPassword={openRecover} />
      <RecoverDialog opened={recovering} onClose={closeRecover} />
    </PublicScreen>
  );
}
