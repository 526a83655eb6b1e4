import { useMemo } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { useStatusQuery } from './api';
import { describeError, isConnectionLost } from './errors';
import { useUserLanguage } from './language';
import { useWindowTitle } from './layout';
import { createAppRouter } from './router';
import { useAppSelector } from './store';
import { SetupWizard } from '../features/setup/SetupWizard';
import { UnlockScreen } from '../features/unlock/UnlockScreen';
import { LockScreen } from '../features/session/LockScreen';
import { useIdleTouch } from '../features/session/useIdleTouch';
import { useSessionEvents } from '../features/session/useSessionEvents';

/**
 * Which screen the session allows: first run, unlock, the lock overlay, or the app. Nothing of the
 * app is mounted unless the core says the workspace is unlocked.
 */
export function App() {
  const { t, i18n } = useTranslation();
  const initial = useStatusQuery();
  const session = useAppSelector((state) => state.session);
  const router = useMemo(() => createAppRouter(), []);
  const status = session.status;
  const unlocked = status?.state === 'unlocked' && !session.setupInProgress;
  useSessionEvents();
  useIdleTouch(unlocked);
  useUserLanguage();
  useWindowTitle();

  if (!status) {
    return (
      <Center mih="100vh">
        {initial.error ? (
          <Stack maw={480}>
            <Alert color="red" role="alert" title={t('app.connectionFailed')}>
              {describeError(t, initial.error, i18n.language)}
            </Alert>
            {/* A lost browser-mode session comes back only by starting Counterpart again. */}
            {!isConnectionLost(initial.error) && <Button onClick={() => void initial.refetch()}>{t('common.retry')}</Button>}
          </Stack>
        ) : (
          <Loader aria-label={t('app.loading')} />
        )}
      </Center>
    );
  }
  if (status.state === 'no_workspace' || session.setupInProgress) return <SetupWizard />;
  if (status.state === 'locked') {
    return session.lastUser ? <LockScreen username={session.lastUser.username} displayName={session.lastUser.displayName} /> : <UnlockScreen />;
  }
  return <RouterProvider router={router} />;
}
