import { useState } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Username } from '../../../shared/contract/users';
import { NewPasswordFields, newPasswordProblemKey } from '../../components/NewPasswordFields';
import { ErrorAlert } from '../../components/ErrorAlert';

export type AdministratorDraft = { username: string; displayName: string; password: string };

type Props = {
  busy: boolean;
  error: unknown;
  onBack: () => void;
  onCreate: (admin: AdministratorDraft) => void;
};

/** Step 2 of the first run: the first administrator, whose password opens the workspace. */
export function AdministratorStep({ busy, error, onBack, onCreate }: Props) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const usernameError = Username.safeParse(username).success ? null : t('users.usernameRule');
  const displayNameError = displayName.trim() ? null : t('users.displayNameRequired');
  const passwordError = newPasswordProblemKey(password, confirmation);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (usernameError || displayNameError || passwordError) return;
        onCreate({ username: Username.parse(username), displayName: displayName.trim(), password });
      }}
    >
      <Stack gap="sm" maw={560}>
        <TextInput
          label={t('users.username')}
          description={t('users.usernameHelp')}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={submitted ? usernameError : undefined}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          data-testid="admin-username"
        />
        <TextInput
          label={t('users.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={submitted ? displayNameError : undefined}
          autoComplete="name"
          required
          data-testid="admin-display-name"
        />
        <NewPasswordFields
          password={password}
          confirmation={confirmation}
          onPasswordChange={setPassword}
          onConfirmationChange={setConfirmation}
          showErrors={submitted}
        />
        <ErrorAlert error={error} />
        <Group justify="space-between" mt="sm">
          <Button variant="default" onClick={onBack} disabled={busy}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={busy} data-testid="setup-create">
            {t('setup.administrator.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
