import { useState } from 'react';
import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useChangeOwnPasswordMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, newPasswordProblemKey } from '../../components/NewPasswordFields';

/** Any user: a new password, after proving the current one. Only that user's key slot is rewritten. */
export function ChangeOwnPasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [changeOwnPassword, { isLoading, error, reset }] = useChangeOwnPasswordMutation();
  const problem = newPasswordProblemKey(password, confirmation);

  const close = () => {
    reset();
    setCurrent('');
    setPassword('');
    setConfirmation('');
    setSubmitted(false);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('account.password.title')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (!current || problem) return;
          changeOwnPassword({ currentPassword: current, newPassword: password })
            .unwrap()
            .then(() => {
              notifications.show({ color: 'green', message: t('account.password.changed') });
              close();
            })
            .catch(() => undefined);
        }}
      >
        <Stack gap="sm">
          <PasswordInput
            label={t('account.password.current')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={submitted && !current ? t('account.password.currentRequired') : undefined}
            autoComplete="current-password"
            required
            data-autofocus
            data-testid="current-password"
          />
          <NewPasswordFields
            password={password}
            confirmation={confirmation}
            onPasswordChange={setPassword}
            onConfirmationChange={setConfirmation}
            showErrors={submitted}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isLoading} data-testid="change-password-submit">
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
