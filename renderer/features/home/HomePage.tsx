import { Anchor, Badge, Card, Code, Group, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { alpha3ToAlpha2 } from '../../../shared/domain/countries';
import { useWorkspaceInfoQuery } from '../../app/api';
import { formatNumber, regionName } from '../../app/format';
import { modulesFor } from '../../app/navigation';
import { selectStatus, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';

/** The first page after unlocking: which organisation and workspace this is, and where to go. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const status = useAppSelector(selectStatus);
  const info = useWorkspaceInfoQuery();
  const organisation = status?.organisation;
  const user = status?.user;
  if (!organisation || !user) return null;
  const alpha2 = alpha3ToAlpha2(organisation.country);
  const country = alpha2 ? regionName(alpha2, i18n.language) : organisation.country;
  const modules = modulesFor(user.role);

  return (
    <Page
      title={organisation.name}
      description={[organisation.code, country, t(`orgTypes.${organisation.type}`)].join(' · ')}
    >
      <Text>{t('home.welcome', { name: user.displayName, role: t(`roles.${user.role}`) })}</Text>
      {modules.length > 0 && (
        <section aria-labelledby="home-modules">
          <Title order={2} fz="h4" id="home-modules" mb="xs">
            {t('home.modules')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {modules.map((entry) => (
              <Card key={entry.key} withBorder padding="sm">
                <Group justify="space-between" mb={4}>
                  <Anchor component={Link} to={entry.path} fw={600}>
                    {t(entry.labelKey)}
                  </Anchor>
                  <Badge variant="light" color="gray" size="sm">
                    {t('modules.notAvailableBadge')}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {t(`modules.${entry.key}.purpose`)}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      )}
      <section aria-labelledby="home-workspace">
        <Title order={2} fz="h4" id="home-workspace" mb="xs">
          {t('home.workspace')}
        </Title>
        <ErrorAlert error={info.error} />
        {info.isLoading ? (
          <Skeleton h={120} />
        ) : info.data ? (
          <Table withTableBorder variant="vertical" maw={720} striped={false} layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={240}>{t('home.folder')}</Table.Th>
                <Table.Td>
                  <Code>{status.workspacePath}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('home.users')}</Table.Th>
                <Table.Td>{formatNumber(info.data.users, i18n.language)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('home.auditEntries')}</Table.Th>
                <Table.Td>{formatNumber(info.data.auditEntries, i18n.language)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('home.idleLock')}</Table.Th>
                <Table.Td>{t('home.idleMinutes', { minutes: formatNumber(status.idleMinutes ?? 0, i18n.language) })}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('home.schemaVersion')}</Table.Th>
                <Table.Td>{formatNumber(info.data.schemaVersion, i18n.language)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : null}
      </section>
    </Page>
  );
}
