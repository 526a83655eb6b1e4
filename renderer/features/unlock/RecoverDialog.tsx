import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Username } from '../../../shared/contract/users';
import { RecoveryCode } from '../../../shared/contract/session';
import { useRecoverMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, newPasswordProblemKey } from '../../components/NewPasswordFields';

/**
 * "Forgot password?": the recovery code written down at setup opens the workspace and sets a new
 * password for the named user (session.recover). The core audits it and slows repeated failures.
 */
export function RecoverDialog({ opened, onClose, username: knownUsername }: { opened: boolean; onClose: () => void; username?: string }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(knownUsername ?? '');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [recover, { isLoading, error, reset }] = useRecoverMutation();

  const usernameError = Username.safeParse(username).success ? null : t('users.usernameRule');
  const codeError = RecoveryCode.safeParse(code).success ? null : t('unlock.recover.codeRule');
  const passwordError = newPasswordProblemKey(password, confirmation);

  const close = () => {
    reset();
    setCode('');
    setPassword('');
    setConfirmation('');
    setSubmitted(false);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('unlock.recover.title')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (usernameError || codeError || passwordError) return;
          recover({ username: Username.parse(username), recoveryCode: code.trim(), newPassword: password })
            .unwrap()
            .then(close)
            .catch(() => undefined);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('unlock.recover.intro')}</Text>
          <TextInput
            label={t('unlock.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={submitted ? usernameError : undefined}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            data-autofocus={knownUsername ? undefined : true}
            data-testid="recover-username"
          />
          <TextInput
            label={t('unlock.recover.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={submitted ? codeError : undefined}
            autoComplete="off"
            spellCheck={false}
            ff="monospace"
            required
            data-autofocus={knownUsername ? true : undefined}
            data-testid="recover-code"
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
            <Button type="submit" loading={isLoading} data-testid="recover-submit">
              {t('unlock.recover.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
