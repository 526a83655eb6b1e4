import { useState } from 'react';
import { Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUnlockMutation } from '../../app/api';
import { retryAfterMs } from '../../app/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatSeconds } from '../../app/format';
import { selectStatus, useAppSelector } from '../../app/store';
import { useCountdown } from './useCountdown';

type Props = {
  /** Unlocking again after a lock: the user is known, only the password is asked. */
  username?: string;
  onForgotPassword: () => void;
};

/** User name and password; a wrong password shows the translated error and the wait before the next try. */
export function UnlockForm({ username: fixedUsername, onForgotPassword }: Props) {
  const { t, i18n } = useTranslation();
  const status = useAppSelector(selectStatus);
  const [username, setUsername] = useState(fixedUsername ?? '');
  const [password, setPassword] = useState('');
  const [unlock, { isLoading, error }] = useUnlockMutation();
  // The wait the core reported at load (earlier failures) or with the last wrong password.
  const [waitUntil, setWaitUntil] = useState(() => Date.now() + (status?.unlockDelayMs ?? 0));
  const remaining = useCountdown(waitUntil);

  const submit = () => {
    if (!username.trim() || !password) return;
    unlock({ username: username.trim().toLowerCase(), password })
      .unwrap()
      .catch((err: unknown) => {
        setPassword('');
        const wait = retryAfterMs(err);
        if (wait) setWaitUntil(Date.now() + wait);
      });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm" maw={420}>
        {fixedUsername === undefined && (
          <TextInput
            label={t('unlock.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            data-testid="unlock-username"
          />
        )}
        <PasswordInput
          label={t('unlock.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          required
          autoFocus={fixedUsername !== undefined}
          data-testid="unlock-password"
        />
        <ErrorAlert error={error} />
        {remaining > 0 && (
          <Text size="sm" c="dimmed" data-testid="unlock-wait">
            {t('unlock.waitBeforeRetry', { time: formatSeconds(remaining, i18n.language) })}
          </Text>
        )}
        <Group justify="space-between" mt="xs">
          <Button variant="subtle" onClick={onForgotPassword} px={0} data-testid="forgot-password">
            {t('unlock.forgot')}
          </Button>
          <Button type="submit" loading={isLoading} disabled={remaining > 0 || !password || !username.trim()} data-testid="unlock-submit">
            {t('unlock.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
