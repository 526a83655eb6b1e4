import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Username } from '../../../shared/contract/users';
import type { Role } from '../../../shared/domain/roles';
import { useAddUserMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, newPasswordProblemKey } from '../../components/NewPasswordFields';
import { RoleSelect } from './RoleSelect';

/** A new account: the administrator sets a first password and tells it to the person in private. */
export function AddUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('case_worker');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [addUser, { isLoading, error, reset }] = useAddUserMutation();

  const usernameError = Username.safeParse(username).success ? null : t('users.usernameRule');
  const displayNameError = displayName.trim() ? null : t('users.displayNameRequired');
  const passwordError = newPasswordProblemKey(password, confirmation);

  const close = () => {
    reset();
    setUsername('');
    setDisplayName('');
    setRole('case_worker');
    setPassword('');
    setConfirmation('');
    setSubmitted(false);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.add.title')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (usernameError || displayNameError || passwordError) return;
          addUser({ username: Username.parse(username), displayName: displayName.trim(), role, password })
            .unwrap()
            .then(close)
            .catch(() => undefined);
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHelp')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={submitted ? usernameError : undefined}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            data-autofocus
            data-testid="add-username"
          />
          <TextInput
            label={t('users.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={submitted ? displayNameError : undefined}
            autoComplete="off"
            required
            data-testid="add-display-name"
          />
          <RoleSelect value={role} onChange={setRole} testId="add-role" />
          <NewPasswordFields
            password={password}
            confirmation={confirmation}
            onPasswordChange={setPassword}
            onConfirmationChange={setConfirmation}
            showErrors={submitted}
            passwordLabel={t('users.add.password')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isLoading} data-testid="add-submit">
              {t('users.add.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
