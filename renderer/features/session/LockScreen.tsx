import { Badge, Box, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { forgetLastUser } from '../../app/sessionSlice';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { RecoverDialog } from '../unlock/RecoverDialog';
import { UnlockForm } from '../unlock/UnlockForm';

/**
 * The lock overlay: shown the moment the session locks (idle timer, the Lock button, Ctrl+L). Every
 * page underneath is unmounted and the cached answers are dropped (store.ts); only the password of
 * the person who was signed in brings them back — or someone else signs in.
 */
export function LockScreen({ username, displayName }: { username: string; displayName: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const reason = useAppSelector((state) => state.session.lockReason);
  const demo = useAppSelector((state) => state.session.status?.demo ?? false);
  const [recovering, { open: openRecover, close: closeRecover }] = useDisclosure(false);

  return (
    <Box
      pos="fixed"
      inset={0}
      bg="gray.1"
      style={{ zIndex: 1000, overflow: 'auto' }}
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
      data-testid="lock-screen"
    >
      <Center mih="100%" p="md">
        <Paper withBorder shadow="md" p="xl" w={460} component="main" id="main">
          <Stack gap="md">
            <div>
              <Title order={1} fz="h2" id="lock-title">
                {t('lock.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {reason === 'idle' ? t('lock.reasonIdle') : t('lock.reasonUser')}
              </Text>
              {demo && (
                <Group gap="xs" mt="xs" wrap="nowrap">
                  <Badge color="yellow" variant="filled" autoContrast data-testid="demo-badge">
                    {t('app.demoBadge')}
                  </Badge>
                  <Text size="sm">{t('app.demoTitle')}</Text>
                </Group>
              )}
            </div>
            <Text>{t('lock.signedInAs', { name: displayName, username })}</Text>
            <UnlockForm username={username} onForgotPassword={openRecover} />
            <Button variant="subtle" onClick={() => dispatch(forgetLastUser())} data-testid="switch-user">
              {t('lock.switchUser')}
            </Button>
          </Stack>
        </Paper>
      </Center>
      <RecoverDialog opened={recovering} onClose={closeRecover} username={username} />
    </Box>
  );
}
