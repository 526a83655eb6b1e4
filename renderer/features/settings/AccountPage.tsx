import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { selectUser, useAppSelector } from '../../app/store';
import { Page } from '../../components/Page';
import { ChangeOwnPasswordDialog } from '../users/ChangeOwnPasswordDialog';
import { LanguagePicker } from './LanguagePicker';

/** Every user: their own account — language (saved with the account) and password. */
export function AccountPage() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const [changing, { open, close }] = useDisclosure(false);
  if (!user) return null;
  return (
    <Page title={t('account.title')} description={t('account.description')}>
      <Paper withBorder p="md" component="section" aria-labelledby="account-who">
        <Title order={2} fz="h4" id="account-who" mb="xs">
          {t('account.who')}
        </Title>
        <Table variant="vertical" withTableBorder maw={560} striped={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('users.displayName')}</Table.Th>
              <Table.Td>{user.displayName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('users.username')}</Table.Th>
              <Table.Td>{user.username}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('users.roleLabel')}</Table.Th>
              <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('users.passwordChanged')}</Table.Th>
              <Table.Td>{formatDateTime(user.passwordChangedAt, i18n.language)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="account-language">
        <Stack gap="xs">
          <Title order={2} fz="h4" id="account-language">
            {t('account.languageTitle')}
          </Title>
          <Text size="sm">{t('account.languageDescription')}</Text>
          <LanguagePicker />
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="account-password">
        <Stack gap="xs" align="flex-start">
          <Title order={2} fz="h4" id="account-password">
            {t('account.password.title')}
          </Title>
          <Text size="sm">{t('account.password.description')}</Text>
          <Button variant="default" onClick={open} data-testid="change-own-password">
            {t('account.password.open')}
          </Button>
        </Stack>
      </Paper>
      <ChangeOwnPasswordDialog opened={changing} onClose={close} />
    </Page>
  );
}
