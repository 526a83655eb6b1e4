import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract/users';
import { useDisableUserMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Disabling removes the account's key slot: its password stops opening the workspace at once. */
export function DisableUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [disableUser, { isLoading, error, reset }] = useDisableUserMutation();
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Modal opened={user !== null} onClose={close} title={t('users.disable.title')}>
      {user && (
        <Stack gap="sm">
          <Text size="sm">{t('users.disable.intro', { name: user.displayName, username: user.username })}</Text>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={isLoading}
              onClick={() =>
                void disableUser({ username: user.username })
                  .unwrap()
                  .then(close)
                  .catch(() => undefined)
              }
              data-testid="disable-submit"
            >
              {t('users.disable.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
