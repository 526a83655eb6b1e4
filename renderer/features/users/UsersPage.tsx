import { useState } from 'react';
import { Badge, Button, Menu, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract/users';
import { useUsersQuery } from '../../app/api';
import { formatDateTime, formatNumber } from '../../app/format';
import { selectUser, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { AddUserDialog } from './AddUserDialog';
import { ChangeRoleDialog } from './ChangeRoleDialog';
import { DisableUserDialog } from './DisableUserDialog';
import { SetPasswordDialog } from './SetPasswordDialog';

type Action = { kind: 'role' | 'reset' | 'enable' | 'disable'; user: User } | null;

/** Administrators: the workspace's accounts, their roles, and what can be done to each. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useAppSelector(selectUser);
  const users = useUsersQuery();
  const [adding, { open: openAdd, close: closeAdd }] = useDisclosure(false);
  const [action, setAction] = useState<Action>(null);
  const pick = (kind: NonNullable<Action>['kind']) => (action?.kind === kind ? action.user : null);
  const done = () => setAction(null);

  return (
    <Page
      title={t('users.title')}
      description={t('users.description')}
      actions={
        <Button onClick={openAdd} data-testid="add-user">
          {t('users.add.open')}
        </Button>
      }
    >
      <ErrorAlert error={users.error} />
      {users.isLoading && <Skeleton h={160} />}
      {users.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="users-table">
            <Table.Caption>{t('users.caption', { total: formatNumber(users.data.length, i18n.language) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                <Table.Th scope="col">{t('users.username')}</Table.Th>
                <Table.Th scope="col">{t('users.roleLabel')}</Table.Th>
                <Table.Th scope="col">{t('users.state')}</Table.Th>
                <Table.Th scope="col">{t('users.passwordChanged')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('users.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id} data-testid={`user-row-${user.username}`}>
                  <Table.Td>
                    {user.displayName}
                    {me?.id === user.id && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t('users.you')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text span ff="monospace" size="sm">
                      {user.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                  <Table.Td>
                    {user.disabled ? (
                      <Badge color="gray" variant="light">
                        {t('users.disabled')}
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        {t('users.active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(user.passwordChangedAt, i18n.language)}</Table.Td>
                  <Table.Td ta="end">
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button variant="default" size="xs" aria-label={t('users.actionsFor', { name: user.displayName })} data-testid={`user-actions-${user.username}`}>
                          {t('users.actions')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setAction({ kind: 'role', user })} disabled={user.disabled}>
                          {t('users.changeRole.open')}
                        </Menu.Item>
                        {user.disabled ? (
                          <Menu.Item onClick={() => setAction({ kind: 'enable', user })}>{t('users.enable.open')}</Menu.Item>
                        ) : (
                          <>
                            <Menu.Item onClick={() => setAction({ kind: 'reset', user })}>{t('users.reset.open')}</Menu.Item>
                            <Menu.Item color="red" onClick={() => setAction({ kind: 'disable', user })} disabled={me?.id === user.id}>
                              {t('users.disable.open')}
                            </Menu.Item>
                          </>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddUserDialog opened={adding} onClose={closeAdd} />
      <ChangeRoleDialog user={pick('role')} onClose={done} />
      <SetPasswordDialog user={pick('reset')} mode="reset" onClose={done} />
      <SetPasswordDialog user={pick('enable')} mode="enable" onClose={done} />
      <DisableUserDialog user={pick('disable')} onClose={done} />
    </Page>
  );
}
