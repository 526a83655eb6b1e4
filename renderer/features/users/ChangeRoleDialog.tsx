import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract/users';
import type { Role } from '../../../shared/domain/roles';
import { useUpdateUserMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleSelect } from './RoleSelect';

/** Another role for a user; the core refuses to demote the last administrator (LAST_ADMIN). */
export function ChangeRoleDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(user?.role ?? 'viewer');
  const [updateUser, { isLoading, error, reset }] = useUpdateUserMutation();

  useEffect(() => {
    if (user) setRole(user.role);
  }, [user]);

  const close = () => {
    reset();
    onClose();
  };

  return (
    <Modal opened={user !== null} onClose={close} title={t('users.changeRole.title')}>
      {user && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            updateUser({ username: user.username, role })
              .unwrap()
              .then(close)
              .catch(() => undefined);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('users.changeRole.intro', { name: user.displayName, username: user.username })}</Text>
            <RoleSelect value={role} onChange={setRole} testId="change-role" />
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={isLoading} disabled={role === user.role} data-testid="change-role-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
