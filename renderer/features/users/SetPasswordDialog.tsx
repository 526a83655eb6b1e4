import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract/users';
import { useEnableUserMutation, useResetPasswordMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, newPasswordProblemKey } from '../../components/NewPasswordFields';

/**
 * An administrator sets someone's password: to reset a forgotten one, or to enable a disabled
 * account (a disabled account keeps no key slot, so it comes back only with a new password).
 */
export function SetPasswordDialog({ user, mode, onClose }: { user: User | null; mode: 'reset' | 'enable'; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [resetPassword, resetState] = useResetPasswordMutation();
  const [enableUser, enableState] = useEnableUserMutation();
  const state = mode === 'reset' ? resetState : enableState;
  const problem = newPasswordProblemKey(password, confirmation);

  const close = () => {
    resetState.reset();
    enableState.reset();
    setPassword('');
    setConfirmation('');
    setSubmitted(false);
    onClose();
  };

  return (
    <Modal opened={user !== null} onClose={close} title={mode === 'reset' ? t('users.reset.title') : t('users.enable.title')} size="lg">
      {user && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (problem) return;
            const request =
              mode === 'reset' ? resetPassword({ username: user.username, newPassword: password }) : enableUser({ username: user.username, newPassword: password });
            request
              .unwrap()
              .then(close)
              .catch(() => undefined);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t(mode === 'reset' ? 'users.reset.intro' : 'users.enable.intro', { name: user.displayName, username: user.username })}</Text>
            <NewPasswordFields
              password={password}
              confirmation={confirmation}
              onPasswordChange={setPassword}
              onConfirmationChange={setConfirmation}
              showErrors={submitted}
              autoFocus
            />
            <ErrorAlert error={state.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={state.isLoading} data-testid="set-password-submit">
                {mode === 'reset' ? t('users.reset.submit') : t('users.enable.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
